"""The RSS feeds of the newsroom's pages, an outlet's home, a column, a tag and an anniversary column, as readers
and aggregators take them: RSS 2.0 with every element they need, absolute addresses, Vietnamese intact, markup
escaped, the lead picture enclosed; named in each page's <head>; live, public articles only, and no feed for a
private page; a republished story leads to its original; the same queries however many items a feed lists."""

import datetime
import html
import unicodedata
from urllib.parse import urlsplit

import pytest

from django.conf import settings

from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from core.dates import LOCAL_TIME_ZONE
from newsroom import feeds
from newsroom.models import (
    ArticlePage,
    Author,
    CampaignArticle,
    CampaignPage,
    HistoricEvent,
    Outlet,
    Tag,
    TagIndexPage,
)
from tests.conftest import LARGE_PHOTO
from tests.feed_reading import (
    NAMESPACES,
    article_guid,
    assert_channel,
    assert_encloses,
    assert_item,
    feed_links,
    get,
    read_feed,
)

# Pictures are fetched from the addresses the feeds give, as the web server serves them.
pytestmark = pytest.mark.urls("tests.served_media")

PORTAL_HOST = settings.OUTLET_HOSTS[Outlet.PORTAL]
NEWSPAPER_TAGLINE = "Tiếng nói của Đảng bộ, chính quyền và nhân dân các dân tộc tỉnh Đắk Lắk"


def on(day, hour=8):
    return datetime.datetime(2025, 3, day, hour, tzinfo=LOCAL_TIME_ZONE)


@pytest.fixture
def story(make_article):
    """A published article dated 8:00 on `day` of March 2025, with a standfirst, `authors` and `tags`."""

    def make(column, title, day, *, authors=(), tags=(), **fields):
        fields.setdefault("standfirst", f"Tóm tắt: {title}.")
        article = make_article(column, title, publication_date=on(day), **fields)
        if authors or tags:
            article.authors.set([Author.objects.get_or_create(name=name)[0] for name in authors])
            article.tags.add(*tags)
            article.save_revision().publish()
        return ArticlePage.objects.get(pk=article.pk)

    return make


@pytest.fixture
def columns(outlets, make_column):
    return {
        "news": make_column(outlets[Outlet.NEWSPAPER], "Thời sự"),
        "economy": make_column(outlets[Outlet.NEWSPAPER], "Kinh tế"),
        "portal": make_column(outlets[Outlet.PORTAL], "Tin tức - Sự kiện"),
        "broadcast": make_column(outlets[Outlet.BROADCAST], "Thời sự"),
    }


@pytest.fixture
def tag_index(outlets):
    return TagIndexPage.objects.child_of(outlets[Outlet.NEWSPAPER]).get()


@pytest.fixture
def campaign(outlets):
    """The newspaper's column for the 50th anniversary of Buôn Ma Thuột's victory, gathering the features
    tagged "chiến thắng buôn ma thuột" and those linked to it by hand (`link`)."""
    event = HistoricEvent.objects.create(
        name="Chiến thắng Buôn Ma Thuột", year=1975, month=3, day=10, category=HistoricEvent.Category.VICTORY
    )
    tag = Tag.objects.create(name="chiến thắng Buôn Ma Thuột")
    page = CampaignPage(
        title="Kỷ niệm 50 năm Chiến thắng Buôn Ma Thuột",
        event=event,
        anniversary_year=2025,
        window_start=datetime.date(2025, 3, 1),
        window_end=datetime.date(2025, 3, 31),
        tag=tag,
    )
    outlets[Outlet.NEWSPAPER].add_child(instance=page)
    page.save_revision().publish()
    return CampaignPage.objects.get(pk=page.pk)


def link(campaign, *articles):
    campaign.linked_articles = [CampaignArticle(article=article) for article in articles]
    campaign.save_revision().publish()


def test_an_outlets_feed_carries_its_newest_articles_with_every_element_readers_need(
    client, outlets, columns, story, make_image, make_article
):
    festival = make_image("Lễ hội cà phê", size=LARGE_PHOTO)
    first = story(
        columns["news"],
        "Lễ hội Cà phê Buôn Ma Thuột lần thứ 9 khai mạc",
        10,
        authors=("H'Linh Niê", "Minh Tâm"),
        tags=("cà phê", "lễ hội"),
        lead_image=festival,
    )
    second = story(columns["economy"], "Giá cà phê Robusta lập đỉnh mới", 9)
    make_article(columns["news"], "Bản nháp chưa duyệt", live=False, publication_date=on(11))
    story(columns["portal"], "Thông báo của Ủy ban nhân dân tỉnh", 11)

    newspaper = outlets[Outlet.NEWSPAPER]
    feed = read_feed(client, f"{newspaper.full_url}rss/")

    assert feed.titles() == [first.title, second.title]
    assert_channel(feed, "Báo Đắk Lắk", newspaper.full_url, NEWSPAPER_TAGLINE, [first, second])
    assert_item(feed, first, authors=("H'Linh Niê", "Minh Tâm"), tags=("cà phê", "lễ hội"))
    assert_item(feed, second)
    assert_encloses(client, feed, first, festival)
    assert feed.item(second.title).find("enclosure") is None


def test_a_columns_feed_lists_the_columns_articles(client, columns, story, make_image):
    photo = make_image("Hội nghị", size=LARGE_PHOTO)
    meeting = story(
        columns["news"], "Hội nghị Ban Chấp hành Đảng bộ tỉnh", 12, lead_image=photo, tags=("hội nghị",)
    )
    story(columns["economy"], "Xuất khẩu cà phê tăng", 13)

    column = columns["news"]
    feed = read_feed(client, f"{column.full_url}rss/")

    assert feed.titles() == [meeting.title]
    assert_channel(
        feed, "Thời sự · Báo Đắk Lắk", column.full_url, "Bài mới trong chuyên mục Thời sự", [meeting]
    )
    assert_item(feed, meeting, tags=("hội nghị",))
    assert_encloses(client, feed, meeting, photo)


def test_a_tags_feed_gathers_every_outlet_and_lists_a_republished_story_once(
    client, columns, tag_index, story, make_image
):
    picture = make_image("Vườn cà phê", size=LARGE_PHOTO)
    newspapers = story(columns["news"], "Cà phê đặc sản Đắk Lắk", 5, tags=("cà phê",), lead_image=picture)
    portals = story(columns["portal"], "Hỗ trợ nông dân trồng tái canh cà phê", 6, tags=("cà phê",))
    story(columns["economy"], "Giá tiêu hôm nay", 7, tags=("hồ tiêu",))
    newspapers.create_alias(parent=columns["broadcast"])  # the station republishes it, tags and all

    feed = read_feed(client, f"{tag_index.full_url}ca-phe/rss/")

    assert feed.titles() == [portals.title, newspapers.title]
    assert_channel(
        feed,
        "Thẻ: cà phê · Báo Đắk Lắk",
        f"{tag_index.full_url}ca-phe/",
        "Bài viết của cả ba cơ quan báo chí mang thẻ cà phê",
        [portals, newspapers],
    )
    assert_item(feed, newspapers, tags=("cà phê",))
    assert_item(feed, portals, tags=("cà phê",))
    assert_encloses(client, feed, newspapers, picture)
    assert get(client, f"{tag_index.full_url}khong-co-the-nay/rss/").status_code == 404


def test_an_anniversary_columns_feed_lists_its_tagged_and_linked_features(
    client, columns, campaign, story, make_image
):
    monument = make_image("Tượng đài Chiến thắng", size=LARGE_PHOTO)
    tagged = story(
        columns["portal"],
        "Buôn Ma Thuột, 50 năm một chặng đường",
        10,
        tags=[campaign.tag.name],
        lead_image=monument,
    )
    linked = story(columns["news"], "Nhân chứng kể lại trận mở màn", 8)
    story(columns["news"], "Tin thời tiết", 9)
    tagged.create_alias(parent=columns["news"])
    link(campaign, linked)

    feed = read_feed(client, f"{campaign.full_url}rss/")

    assert feed.titles() == [tagged.title, linked.title]
    assert_channel(
        feed,
        "Kỷ niệm 50 năm Chiến thắng Buôn Ma Thuột · Báo Đắk Lắk",
        campaign.full_url,
        "Bài viết trong chuyên mục Kỷ niệm 50 năm Chiến thắng Buôn Ma Thuột",
        [tagged, linked],
    )
    assert_item(feed, tagged, tags=[campaign.tag.name])
    assert_item(feed, linked)
    assert_encloses(client, feed, tagged, monument)


def test_a_republished_story_leads_to_its_original_and_names_the_outlet_it_came_from(
    client, outlets, columns, story, make_image
):
    picture = make_image("Trường học vùng khó", size=LARGE_PHOTO)
    original = story(
        columns["portal"], "Tỉnh hỗ trợ học sinh vùng khó", 14, tags=("giáo dục",), lead_image=picture
    )
    alias = ArticlePage.objects.get(pk=original.create_alias(parent=columns["news"]).pk)
    assert urlsplit(alias.full_url).hostname != PORTAL_HOST

    portal_feed = f"{outlets[Outlet.PORTAL].full_url}rss/"
    for url in (f"{outlets[Outlet.NEWSPAPER].full_url}rss/", f"{columns['news'].full_url}rss/"):
        feed = read_feed(client, url)
        item, entry = assert_item(feed, alias, link=original.full_url, tags=("giáo dục",))
        assert urlsplit(item.findtext("link")).hostname == PORTAL_HOST
        assert item.findtext("guid") == article_guid(original)
        source = item.find("source")
        assert (source.text, source.get("url")) == ("Cổng thông tin điện tử tỉnh", portal_feed)
        assert entry.source == {"title": "Cổng thông tin điện tử tỉnh", "href": portal_feed}
        assert_encloses(client, feed, alias, picture)

    # The outlet it names has the story under the same GUID, and names no other source.
    at_the_source = read_feed(client, portal_feed)
    assert at_the_source.item(original.title).findtext("guid") == article_guid(original)
    assert at_the_source.item(original.title).find("source") is None


def test_titles_and_standfirsts_reach_readers_as_text_never_as_markup(client, columns, story):
    title = 'Cứu người <script>alert("x")</script> & "vượt lũ"'
    standfirst = "Một <img src=x onerror=alert(1)> hành động & <b>dũng cảm</b> ở Krông Ana."
    story(columns["news"], title, 3, standfirst=standfirst, tags=("<i>lũ</i>",))

    feed = read_feed(client, f"{columns['news'].full_url}rss/")

    assert b"<script" not in feed.content and b"<img" not in feed.content and b"<b>" not in feed.content
    item = feed.item(title)  # the title is plain text, as the RSS profile has it, read back as written
    entry = feed.entry(title)
    description = item.findtext("description")
    assert "<" not in description and html.unescape(description) == standfirst
    # A description is HTML to a reader: the markup typed in the standfirst arrives as text, not as elements.
    assert "<" not in entry.summary and html.unescape(entry.summary) == standfirst
    assert item.findtext("category") == "<i>lũ</i>"


def test_vietnamese_reaches_readers_composed_and_the_feed_stays_valid_xml(client, columns, story):
    decomposed = unicodedata.normalize("NFD", "Già làng Y Khu giữ rừng ở Đắk Lắk")
    composed = unicodedata.normalize("NFC", decomposed)
    story(
        columns["news"],
        decomposed,
        4,
        # A control character pasted from a word processor, which XML 1.0 cannot carry.
        standfirst=unicodedata.normalize("NFD", "Ba mươi năm\x0b giữ rừng đầu nguồn."),
        authors=(unicodedata.normalize("NFD", "Nguyễn Thị Thủy"),),
    )

    feed = read_feed(client, f"{columns['news'].full_url}rss/")

    assert feed.titles() == [composed]
    assert feed.entry(composed).title == composed
    item = feed.item(composed)
    assert item.findtext("description") == "Ba mươi năm giữ rừng đầu nguồn."
    assert item.findtext("dc:creator", namespaces=NAMESPACES) == "Nguyễn Thị Thủy"
    assert composed.encode() in feed.content  # UTF-8 as written, no character references
    assert not any(unicodedata.combining(char) for char in feed.content.decode())


def test_only_live_public_articles_are_listed_and_a_private_page_has_no_feed(
    client, outlets, columns, make_column, story, make_article
):
    public = story(columns["news"], "Tin công khai", 1)
    make_article(columns["news"], "Bản nháp", live=False, publication_date=on(2))
    withdrawn = story(columns["news"], "Bài đã gỡ", 3)
    withdrawn.unpublish()
    password_protected = story(columns["news"], "Bài có mật khẩu", 4)
    PageViewRestriction.objects.create(
        page=password_protected, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )
    internal = make_column(outlets[Outlet.NEWSPAPER], "Nội bộ")
    story(internal, "Tin nội bộ", 5)
    PageViewRestriction.objects.create(page=internal, restriction_type=PageViewRestriction.LOGIN)

    for url in (f"{outlets[Outlet.NEWSPAPER].full_url}rss/", f"{columns['news'].full_url}rss/"):
        assert read_feed(client, url).titles() == [public.title]
    # The private column asks a reader to log in; its feed, which no feed reader could log in to, is not found.
    assert get(client, internal.full_url).status_code == 302
    assert get(client, f"{internal.full_url}rss/").status_code == 404
    protected_column = columns["economy"]
    PageViewRestriction.objects.create(
        page=protected_column, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )
    assert get(client, protected_column.full_url).status_code == 200  # the password form
    assert get(client, f"{protected_column.full_url}rss/").status_code == 404


@pytest.mark.parametrize("page", ["home", "column", "tag", "campaign"])
def test_each_page_names_its_feed_in_its_head(client, outlets, columns, tag_index, campaign, story, page):
    article = story(columns["news"], "Chiến thắng Buôn Ma Thuột qua lời kể", 10, tags=[campaign.tag.name])
    pages = {
        "home": (outlets[Outlet.NEWSPAPER].full_url, "Báo Đắk Lắk"),
        "column": (columns["news"].full_url, "Thời sự"),
        "tag": (f"{tag_index.full_url}chien-thang-buon-ma-thuot/", "Thẻ: chiến thắng Buôn Ma Thuột"),
        "campaign": (campaign.full_url, campaign.title),
    }
    page_url, title = pages[page]

    response = get(client, page_url)

    assert response.status_code == 200
    [(link_title, href)] = feed_links(response.content.decode())
    assert link_title == title
    assert href == f"{page_url}rss/"
    feed = read_feed(client, href)
    assert feed.channel.findtext("link") == page_url
    assert feed.channel.find("atom:link", NAMESPACES).get("href") == href
    assert feed.titles() == [article.title]


@pytest.mark.parametrize("page", ["home", "column", "tag", "campaign"])
def test_a_feed_costs_the_same_queries_however_many_articles_it_lists(
    client, outlets, columns, tag_index, campaign, story, make_image, django_assert_max_num_queries, page
):
    urls = {
        "home": f"{outlets[Outlet.NEWSPAPER].full_url}rss/",
        "column": f"{columns['news'].full_url}rss/",
        "tag": f"{tag_index.full_url}chien-thang-buon-ma-thuot/rss/",
        "campaign": f"{campaign.full_url}rss/",
    }

    def add(numbers):
        for number in numbers:
            # Each with a picture, authors and tags of its own; every third from the portal, republished here.
            column = columns["portal"] if number % 3 == 0 else columns["news"]
            article = story(
                column,
                f"Bài số {number}",
                number,
                authors=(f"Tác giả {number}", "Ban Thời sự"),
                tags=(campaign.tag.name, f"thẻ {number}"),
                lead_image=make_image(f"Ảnh {number}"),
            )
            if column == columns["portal"]:
                article.create_alias(parent=columns["news"])

    add(range(1, 4))
    read_feed(client, urls[page])  # the pictures' renditions are made by the first reader here
    with django_assert_max_num_queries(1000) as few:
        assert len(read_feed(client, urls[page]).items) == 3
    # Counted now: the next request empties the connection's log of queries.
    with_3 = len(few)
    add(range(4, 10))
    read_feed(client, urls[page])

    with django_assert_max_num_queries(with_3):
        feed = read_feed(client, urls[page])
    assert len(feed.items) == 9
    assert all(item.find("enclosure") is not None for item in feed.items)


def test_an_items_guid_outlives_a_new_title_and_address(client, columns, story):
    article = story(columns["news"], "Tin ban đầu", 6)
    url = f"{columns['news'].full_url}rss/"
    guid = read_feed(client, url).item("Tin ban đầu").findtext("guid")

    article.title = "Tin đã sửa tiêu đề"
    article.slug = "tin-da-sua"
    article.save_revision().publish()
    item = read_feed(client, url).item("Tin đã sửa tiêu đề")

    assert item.findtext("guid") == guid
    assert item.findtext("link").endswith("/tin-da-sua/")


def test_an_item_whose_picture_is_gone_from_storage_goes_out_without_it(client, columns, story, make_image):
    kept, lost = make_image("Còn ảnh"), make_image("Mất ảnh")
    story(columns["news"], "Bài còn ảnh", 7, lead_image=kept)
    story(columns["news"], "Bài mất ảnh", 8, lead_image=lost)
    rendition = lost.get_rendition(feeds.ENCLOSURE_SPEC)
    rendition.file.storage.delete(rendition.file.name)

    feed = read_feed(client, f"{columns['news'].full_url}rss/")

    assert feed.item("Bài mất ảnh").find("enclosure") is None
    assert feed.item("Bài còn ảnh").find("enclosure") is not None


def test_the_enclosed_rendition_is_made_when_the_image_is_saved(
    client, columns, story, make_image, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        picture = make_image("Làm sẵn")
    story(columns["news"], "Bài có ảnh làm sẵn", 9, lead_image=picture)
    renditions = get_image_model().get_rendition_model().objects.filter(image=picture)
    made_ahead = set(renditions.values_list("filter_spec", flat=True))

    feed = read_feed(client, f"{columns['news'].full_url}rss/")

    assert feed.item("Bài có ảnh làm sẵn").find("enclosure") is not None
    assert set(renditions.values_list("filter_spec", flat=True)) == made_ahead
    assert feeds.ENCLOSURE_SPEC in made_ahead
