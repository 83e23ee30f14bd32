"""A link to any public page shared on Facebook, Zalo or X shows a preview: its title, description, canonical address,
the outlet's name and a picture of the size it declares; the page offers share links that load nobody else's
script; a story republished in another outlet says where it was first published."""

from urllib.parse import parse_qs, urlsplit

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.images import get_image_model
from wagtail.models import Site

from newsroom.models import Outlet, OutletIdentity, PlainPage, TagIndexPage
from newsroom.outlets import editors_group_name
from newsroom.republishing import republish
from tests.conftest import LARGE_PHOTO
from tests.social_markup import (
    assert_local_time,
    assert_only_our_scripts_and_no_frames,
    markup,
    stored_image,
)

HOSTS = {"newspaper": "127.0.0.1", "broadcast": "drt.localhost", "portal": "congthongtin.localhost"}
STANDFIRST = "Ba mươi năm giữ rừng đầu nguồn, già làng Y Khu được cả buôn tin cậy."


@pytest.fixture
def column(outlets, make_column):
    return make_column(outlets["newspaper"], "Điển hình tiên tiến")


@pytest.fixture
def feature(column, make_article, make_image, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = make_image("Rừng đầu nguồn", description="Già làng Y Khu giữa rừng khộp", size=LARGE_PHOTO)
        article = make_article(column, "Già làng Y Khu giữ rừng", standfirst=STANDFIRST, lead_image=image)
        article.tags.add("Giữ rừng", "Buôn Ea Knuếc")
        article.save_revision().publish()
    return article


def get(client, page, outlet="newspaper", **params):
    return client.get(page.url, params, HTTP_HOST=HOSTS[outlet])


def test_an_article_is_shared_as_an_article_with_its_canonical_address_and_the_outlets_name(client, feature):
    page = markup(get(client, feature))

    assert page.property("og:type") == "article"
    assert page.property("og:title") == "Già làng Y Khu giữ rừng"
    assert page.property("og:description") == STANDFIRST
    assert page.property("og:url") == page.canonical == feature.get_full_url()
    assert page.property("og:site_name") == "Báo Đắk Lắk"
    assert page.property("og:locale") == "vi_VN"
    assert page.property("og:image:alt") == "Già làng Y Khu giữa rừng khộp"
    assert page.property("article:section") == "Điển hình tiên tiến"
    assert sorted(page.properties("article:tag")) == ["Buôn Ea Knuếc", "Giữ rừng"]
    for moment in ("article:published_time", "article:modified_time"):
        assert_local_time(page.property(moment))
    assert page.property("article:published_time").endswith("+07:00")
    assert page.property("twitter:card") == "summary_large_image"
    assert page.property("twitter:image:alt") == "Già làng Y Khu giữa rừng khộp"


def test_the_shared_picture_is_a_1200_by_630_jpeg_of_the_size_it_declares(client, feature):
    page = markup(get(client, feature))

    url = page.property("og:image")
    assert url.startswith("http://127.0.0.1/media/")  # the reader's host: the media are served on every site
    assert page.property("og:image:type") == "image/jpeg"
    assert (page.property("og:image:width"), page.property("og:image:height")) == ("1200", "630")
    image = stored_image(url)
    assert image.format == "JPEG"
    assert image.size == (1200, 630)


def test_a_picture_smaller_than_the_preview_declares_its_own_size(client, column, make_article, make_image):
    article = make_article(column, "Ảnh nhỏ", lead_image=make_image(size=(800, 600)))
    page = markup(get(client, article))

    width, height = int(page.property("og:image:width")), int(page.property("og:image:height"))
    assert stored_image(page.property("og:image")).size == (width, height) == (800, 420)


def test_reading_a_published_article_makes_no_picture(client, feature):
    rendition_model = get_image_model().get_rendition_model()
    before = rendition_model.objects.count()
    with CaptureQueriesContext(connection) as queries:
        assert get(client, feature).status_code == 200
    assert rendition_model.objects.count() == before
    assert not [query for query in queries if query["sql"].startswith("INSERT")]


def test_a_page_without_a_picture_is_shared_with_the_outlets_picture(
    client, column, make_article, make_image, django_capture_on_commit_callbacks
):
    identity = OutletIdentity.for_site(Site.objects.get(hostname=HOSTS["newspaper"]))
    with django_capture_on_commit_callbacks(execute=True):
        identity.share_image = make_image(
            "Báo Đắk Lắk", description="Tòa soạn Báo Đắk Lắk", size=(2400, 1260)
        )
        identity.save()
    article = make_article(column, "Tin không ảnh")
    page = markup(get(client, article))

    assert page.property("og:image:alt") == "Tòa soạn Báo Đắk Lắk"
    assert stored_image(page.property("og:image")).size == (1200, 630)
    assert page.property("twitter:card") == "summary_large_image"


def test_without_any_picture_the_card_is_a_summary(client, column, make_article):
    page = markup(get(client, make_article(column, "Tin không ảnh")))

    assert page.properties("og:image") == []
    assert page.property("twitter:card") == "summary"
    assert page.properties("twitter:image:alt") == []


def test_every_page_of_an_outlet_has_a_preview(client, outlets, column, feature):
    plain = outlets["newspaper"].add_child(
        instance=PlainPage(title="Giới thiệu", search_description="Về báo.")
    )
    plain.save_revision().publish()
    tag_index = TagIndexPage.objects.child_of(outlets["newspaper"]).get()
    pages = {
        "home": (client.get("/", HTTP_HOST=HOSTS["newspaper"]), "website"),
        "column": (get(client, column), "website"),
        "plain page": (get(client, plain), "website"),
        "tag": (client.get(f"{tag_index.url}giu-rung/", HTTP_HOST=HOSTS["newspaper"]), "website"),
    }
    for name, (response, og_type) in pages.items():
        page = markup(response)
        assert response.status_code == 200, name
        assert page.property("og:type") == og_type, name
        assert page.property("og:url") == page.canonical, name
        assert page.property("og:site_name") == "Báo Đắk Lắk", name
        assert page.property("og:title"), name
        assert_only_our_scripts_and_no_frames(page)
    assert markup(pages["tag"][0]).property("og:title") == "Thẻ: Giữ rừng"
    assert markup(pages["plain page"][0]).property("og:description") == "Về báo."


def test_an_error_page_has_no_preview(client, outlets):
    response = client.get("/khong-co-trang-nay/", HTTP_HOST=HOSTS["newspaper"])
    assert response.status_code == 404
    page = markup(response)
    assert [name for name, _content in page.meta if name.startswith(("og:", "twitter:"))] == []
    assert page.json_ld == []


def test_a_title_with_markup_stays_text_in_the_tags(client, column, make_article):
    article = make_article(column, 'Gương sáng "Y Khu" <b>&</b> buôn làng')
    response = get(client, article)

    assert "<b>&</b>" not in response.content.decode().split("</head>")[0]
    assert markup(response).property("og:title") == 'Gương sáng "Y Khu" <b>&</b> buôn làng'


def test_the_share_links_carry_the_canonical_address_encoded_and_load_no_one_elses_script(client, feature):
    page = markup(get(client, feature))
    canonical = page.canonical

    facebook = page.link_to("www.facebook.com")
    parts = urlsplit(facebook)
    assert (parts.scheme, parts.path) == ("https", "/sharer/sharer.php")
    assert parse_qs(parts.query) == {"u": [canonical]}
    assert "u=http%3A%2F%2F127.0.0.1%3A8000%2Fdien-hinh-tien-tien%2F" in facebook
    (address,) = [field for field in page.inputs if field.get("id") == "share-url"]
    assert address["value"] == canonical and "readonly" in address
    assert "/static/newsroom/share.js" in page.script_sources
    assert_only_our_scripts_and_no_frames(page)


def test_the_share_buttons_wait_for_the_script_and_are_labelled_in_vietnamese(client, feature):
    html = get(client, feature).content.decode()

    assert '<h2 id="share-heading" class="share__heading">Chia sẻ</h2>' in html
    assert (
        'data-share-sheet data-title="Già làng Y Khu giữ rừng" hidden>Zalo và ứng dụng khác</button>' in html
    )
    assert "data-share-copy hidden>Sao chép đường dẫn</button>" in html
    assert '<label class="share__label" for="share-url">' in html


def test_a_republished_story_says_which_outlet_first_published_it(
    client, outlets, feature, make_column, make_user
):
    portal_column = make_column(outlets[Outlet.PORTAL], "Gương sáng")
    alias = republish(feature, portal_column, make_user("bientap", editors_group_name(Outlet.PORTAL)))

    original_address = feature.get_full_url()
    on_portal = get(client, alias, "portal").content.decode()
    on_newspaper = get(client, feature).content.decode()

    assert (
        f'<p class="article__syndication">Bài đăng lần đầu trên <a href="{original_address}">Báo Đắk Lắk</a></p>'
        in on_portal
    )
    assert "Bài đăng lần đầu trên" not in on_newspaper
    page = markup(get(client, alias, "portal"))
    assert page.property("og:url") == original_address
    assert page.property("og:site_name") == "Cổng thông tin điện tử tỉnh Đắk Lắk"
