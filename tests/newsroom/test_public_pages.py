"""What readers see on the three outlets: hosts, listings, dates, slugs, images, and the cost in queries."""

import datetime
import json
from zoneinfo import ZoneInfo

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.importer.run import import_archive
from newsroom.models import ArticlePage

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
HOSTS = {"newspaper": "127.0.0.1", "broadcast": "drt.localhost", "portal": "congthongtin.localhost"}


def at(year, month, day, hour=8):
    return datetime.datetime(year, month, day, hour, tzinfo=HANOI)


@pytest.mark.parametrize("outlet", ["newspaper", "broadcast", "portal"])
def test_each_outlet_answers_on_its_own_host_in_vietnamese(client, outlets, outlet):
    response = client.get("/", HTTP_HOST=HOSTS[outlet])
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert outlets[outlet].get_outlet_display() in html
    # The home page is the outlet: its name once, not "Báo Đắk Lắk · Báo Đắk Lắk".
    assert f"<title>{outlets[outlet].get_outlet_display()}</title>" in html


def test_an_unknown_host_falls_back_to_the_newspaper(client, outlets):
    response = client.get("/", HTTP_HOST="localhost")
    assert "Báo Đắk Lắk" in response.content.decode()


def test_a_column_lists_its_articles_newest_first_filtered_by_tag(client, outlets, make_column, make_article):
    column = make_column(outlets["newspaper"], "Điển hình tiên tiến")
    older = make_article(column, "Già làng Y Khu giữ rừng", publication_date=at(2024, 5, 1))
    newer = make_article(column, "Nữ công an xã Ea Tiêu", publication_date=at(2025, 3, 10))
    draft = make_article(column, "Bản nháp chưa duyệt", live=False)
    older.tags.add("giữ rừng")
    older.save_revision().publish()

    html = client.get(column.url).content.decode()
    assert html.index(newer.title) < html.index(older.title)
    assert draft.title not in html

    filtered = client.get(column.url, {"tag": "giu-rung"}).content.decode()
    assert older.title in filtered and newer.title not in filtered


def test_a_bad_page_number_shows_a_page_rather_than_an_error(client, outlets, make_column, make_article):
    column = make_column(outlets["portal"], "Phong trào thi đua")
    make_article(column, "Chung sức xây dựng nông thôn mới")
    for page in ("abc", "999", "-1", "<script>"):
        response = client.get(column.url, {"page": page}, HTTP_HOST=HOSTS["portal"])
        assert response.status_code == 200
        assert "Chung sức xây dựng nông thôn mới" in response.content.decode()


def test_slugs_are_ascii_made_from_vietnamese_titles(outlets, make_column, make_article):
    column = make_column(outlets["newspaper"], "Kỷ niệm 50 năm Chiến thắng Buôn Ma Thuột")
    article = make_article(column, "Đường phố Buôn Ma Thuột rực rỡ cờ hoa")
    twin = make_article(column, "Đường phố Buôn Ma Thuột rực rỡ cờ hoa")
    assert column.slug == "ky-niem-50-nam-chien-thang-buon-ma-thuot"
    assert article.slug == "duong-pho-buon-ma-thuot-ruc-ro-co-hoa"
    assert twin.slug == "duong-pho-buon-ma-thuot-ruc-ro-co-hoa-2"


def test_dates_read_the_vietnamese_way_in_hanoi_time(client, outlets, make_column, make_article):
    column = make_column(outlets["newspaper"], "Điển hình tiên tiến")
    # 20:00 UTC on 9 March is already 10 March in Asia/Ho_Chi_Minh.
    when = datetime.datetime(2025, 3, 9, 20, 0, tzinfo=datetime.UTC)
    article = make_article(column, "Mừng chiến thắng", publication_date=when)
    # Vietnamese whatever language the browser prefers.
    english_browser = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}
    assert "10/3/2025" in client.get(column.url, **english_browser).content.decode()
    assert "ngày 10 tháng 3 năm 2025" in client.get(article.url, **english_browser).content.decode()


def test_an_article_declares_its_own_canonical_url(client, outlets, make_column, make_article):
    column = make_column(outlets["broadcast"], "Phát thanh tiếng dân tộc")
    article = make_article(column, "Chương trình tiếng Ê Đê", kind="audio")
    html = client.get(article.url, HTTP_HOST=HOSTS["broadcast"]).content.decode()
    assert f'<link rel="canonical" href="{article.full_url}">' in html


def test_an_articles_tags_lead_to_its_outlets_tag_index(client, outlets, make_column, make_article):
    column = make_column(outlets["broadcast"], "Thời sự")
    article = make_article(column, "Buôn Ma Thuột mừng chiến thắng")
    article.tags.add("Buôn Ma Thuột")
    article.save_revision().publish()
    html = client.get(article.url, HTTP_HOST=HOSTS["broadcast"]).content.decode()
    assert '<a href="/tags/buon-ma-thuot/">Buôn Ma Thuột</a>' in html


def test_tag_pages_gather_articles_from_every_outlet(client, outlets, make_column, make_article):
    for outlet in ("newspaper", "portal"):
        article = make_article(make_column(outlets[outlet], "Phong trào thi đua"), f"Tin {outlet}")
        article.tags.add("Buôn Ma Thuột")
        article.save_revision().publish()
    html = client.get("/tags/buon-ma-thuot/").content.decode()
    assert "Tin newspaper" in html and "Tin portal" in html
    assert "Cổng thông tin điện tử tỉnh" in html
    assert client.get("/tags/khong-co-the-nay/").status_code == 404


def test_an_unknown_address_gets_a_vietnamese_404(client, outlets):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def count_queries(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, **extra).status_code == 200
    return len(queries)


def add_articles(column, count, start, image):
    """Published articles of the newspaper's column, tagged "thi đua", written in bulk by the archive importer."""
    external_ids = [f"bai-so-{number}" for number in range(start, start + count)]
    lines = [
        json.dumps(
            {
                "external_id": external_id,
                "outlet": "newspaper",
                "column": column.title,
                "title": f"Bài số {number}",
                "published_at": at(2025, 1, 1).isoformat(),
                "tags": ["thi đua"],
            },
            ensure_ascii=False,
        )
        for number, external_id in enumerate(external_ids, start=start)
    ]
    errors = []
    import_archive(lines, errors.append)
    assert not errors, errors
    # The archive format carries no images: the lead image goes on the imported articles.
    ArticlePage.objects.filter(external_id__in=external_ids).update(lead_image=image)


@pytest.mark.parametrize("page", ["column", "home", "tag"])
def test_a_listing_of_50_costs_the_queries_of_a_listing_of_5(client, outlets, make_column, make_image, page):
    column = make_column(outlets["newspaper"], "Điển hình tiên tiến", per_page=50)
    image = make_image()
    urls = {"column": column.url, "home": "/", "tag": "/tags/thi-dua/"}
    add_articles(column, 5, start=1, image=image)
    client.get(urls[page])  # renditions are made on the first view; count the steady state
    with_5 = count_queries(client, urls[page])
    add_articles(column, 45, start=6, image=image)
    client.get(urls[page])
    assert count_queries(client, urls[page]) == with_5


def test_a_listing_reads_no_field_its_cards_do_not_show(client, outlets, make_column, make_image):
    """Wagtail's editing and scheduling state is left unread by every listing; the listings above show that no
    card reads it back one article at a time."""
    column = make_column(outlets["newspaper"], "Điển hình tiên tiến")
    add_articles(column, 3, start=1, image=make_image())

    listed = ArticlePage.objects.in_column(column).for_listing()

    assert all(
        {"last_published_at", "locked_by_id", "search_description"} <= a.get_deferred_fields() for a in listed
    )
    assert "Bài số 3" in client.get(column.url).content.decode()


def test_a_column_has_an_rss_feed_of_its_live_articles(client, outlets, make_column, make_article):
    column = make_column(outlets["newspaper"], "Gương người tốt việc tốt")
    make_article(column, "Cứu ba em nhỏ trên sông Sêrêpốk", standfirst="Một hành động dũng cảm.")
    make_article(column, "Bản nháp", live=False)
    page_html = client.get(column.url).content.decode()
    assert f'href="{column.relative_url(column.get_site())}rss/"' in page_html

    response = client.get(f"{column.url}rss/")
    feed = response.content.decode()
    assert response["Content-Type"].startswith("application/rss+xml")
    assert "<language>vi</language>" in feed
    assert "Cứu ba em nhỏ trên sông Sêrêpốk" in feed and "Bản nháp" not in feed
