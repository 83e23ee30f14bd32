"""What search engines read of the newsroom's pages: JSON-LD that parses, carries what Google's documentation asks of
each type (NewsArticle, Event, BreadcrumbList) and holds any title safely, however it is written."""

import datetime

import pytest

from wagtail.models import Site

from newsroom.models import Author, CampaignPage, HistoricEvent, Outlet, OutletIdentity, TagIndexPage
from newsroom.models.calendar import ensure_plan_events
from newsroom.outlets import editors_group_name
from newsroom.republishing import republish
from tests.conftest import LARGE_PHOTO
from tests.social_markup import assert_local_time, markup, stored_image

HOSTS = {"newspaper": "127.0.0.1", "broadcast": "drt.localhost", "portal": "congthongtin.localhost"}
HOSTILE_TITLE = 'Già làng </script><script>alert("x")</script> & <!-- buôn'


@pytest.fixture
def column(outlets, make_column):
    return make_column(outlets["newspaper"], "Điển hình tiên tiến")


@pytest.fixture
def feature(column, make_article, make_image, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(
            column,
            "Già làng Y Khu giữ rừng",
            standfirst="Ba mươi năm giữ rừng đầu nguồn.",
            lead_image=make_image("Rừng", size=LARGE_PHOTO),
            authors=[Author.objects.create(name="Hữu Hùng"), Author.objects.create(name="Thu Hà")],
        )
    return article


@pytest.fixture
def newspaper_logo(make_image, django_capture_on_commit_callbacks):
    identity = OutletIdentity.for_site(Site.objects.get(hostname=HOSTS["newspaper"]))
    with django_capture_on_commit_callbacks(execute=True):
        identity.logo = make_image("Biểu trưng", description="Biểu trưng Báo Đắk Lắk", size=(800, 200))
        identity.save()
    return identity.logo


def get(client, page, outlet="newspaper"):
    return client.get(page.url, HTTP_HOST=HOSTS[outlet])


def test_an_article_is_a_news_article_with_its_pictures_dates_authors_and_publisher(
    client, feature, newspaper_logo
):
    page = markup(get(client, feature))
    (article,) = page.of_type("NewsArticle")

    assert article["headline"] == "Già làng Y Khu giữ rừng"
    assert article["description"] == "Ba mươi năm giữ rừng đầu nguồn."
    assert article["mainEntityOfPage"] == {"@type": "WebPage", "@id": page.canonical}
    assert article["url"] == page.canonical
    assert article["inLanguage"] == "vi"
    assert_local_time(article["datePublished"])
    assert_local_time(article["dateModified"])
    assert article["dateModified"] >= article["datePublished"]
    assert article["author"] == [
        {"@type": "Person", "name": "Hữu Hùng"},
        {"@type": "Person", "name": "Thu Hà"},
    ]
    sizes = [stored_image(url).size for url in article["image"]]
    assert sizes == [(1200, 630), (1440, 810)]  # the share crop, then the whole picture
    publisher = article["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"] == "Báo Đắk Lắk"
    assert publisher["url"] == "http://127.0.0.1:8000/"
    logo = stored_image(publisher["logo"]["url"])
    assert logo.format == "PNG"
    assert logo.size == (publisher["logo"]["width"], publisher["logo"]["height"]) == (512, 128)


def test_an_article_without_a_byline_is_by_its_outlet(client, column, make_article):
    page = markup(get(client, make_article(column, "Tin ngắn")))
    (article,) = page.of_type("NewsArticle")

    assert article["author"] == [article["publisher"]]
    assert "image" not in article  # no picture of its own; the outlet's is not the story's


def test_a_republished_story_describes_the_original_and_its_publisher(
    client, outlets, feature, make_column, make_user
):
    portal_column = make_column(outlets[Outlet.PORTAL], "Gương sáng")
    alias = republish(feature, portal_column, make_user("bientap", editors_group_name(Outlet.PORTAL)))
    (article,) = markup(get(client, alias, "portal")).of_type("NewsArticle")

    assert article["mainEntityOfPage"]["@id"] == feature.get_full_url()
    assert article["publisher"]["name"] == "Báo Đắk Lắk"


def test_a_title_cannot_end_its_script(client, column, make_article):
    article = make_article(column, HOSTILE_TITLE)
    html = get(client, article).content.decode()

    assert "<script>alert" not in html
    assert html.count("</script>") == html.count("<script")
    (news,) = markup(get(client, article)).of_type("NewsArticle")
    assert news["headline"] == HOSTILE_TITLE


def test_every_page_below_a_home_has_its_breadcrumb_trail(client, outlets, column, feature):
    (trail,) = markup(get(client, feature)).of_type("BreadcrumbList")

    assert trail["itemListElement"] == [
        {
            "@type": "ListItem",
            "position": 1,
            "name": outlets["newspaper"].title,
            "item": outlets["newspaper"].full_url,
        },
        {"@type": "ListItem", "position": 2, "name": "Điển hình tiên tiến", "item": column.full_url},
        {"@type": "ListItem", "position": 3, "name": "Già làng Y Khu giữ rừng"},
    ]
    assert markup(client.get("/", HTTP_HOST=HOSTS["newspaper"])).of_type("BreadcrumbList") == []


def test_a_tags_page_ends_its_trail_below_the_tag_index(client, outlets, feature):
    feature.tags.add("Giữ rừng")
    feature.save_revision().publish()
    tag_index = TagIndexPage.objects.child_of(outlets["newspaper"]).get()
    (trail,) = markup(client.get(f"{tag_index.url}giu-rung/", HTTP_HOST=HOSTS["newspaper"])).of_type(
        "BreadcrumbList"
    )

    assert [item["name"] for item in trail["itemListElement"]] == [
        outlets["newspaper"].title,
        "Thẻ",
        "Thẻ: Giữ rừng",
    ]
    assert trail["itemListElement"][1]["item"] == tag_index.full_url


def test_an_anniversary_column_is_an_event_online_for_its_run(client, outlets, make_image):
    ensure_plan_events()
    campaign = CampaignPage(
        title="Kỷ niệm 50 năm Chiến thắng Buôn Ma Thuột",
        event=HistoricEvent.objects.get(name="Chiến thắng Buôn Ma Thuột"),
        anniversary_year=2025,
        window_start=datetime.date(2025, 3, 1),
        window_end=datetime.date(2025, 3, 31),
        hero_image=make_image("Tượng đài chiến thắng", size=LARGE_PHOTO),
        search_description="Nửa thế kỷ nhìn lại chiến thắng mở màn.",
    )
    outlets["newspaper"].add_child(instance=campaign)
    campaign.save_revision().publish()
    page = markup(get(client, campaign))
    (event,) = page.of_type("Event")

    assert event["name"] == "Kỷ niệm 50 năm Chiến thắng Buôn Ma Thuột"
    assert event["description"] == "Nửa thế kỷ nhìn lại chiến thắng mở màn."
    assert event["startDate"] == "2025-03-01T00:00:00+07:00"
    assert event["endDate"] == "2025-03-31T23:59:59+07:00"
    assert event["location"] == {"@type": "VirtualLocation", "url": page.canonical}
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["organizer"]["name"] == "Báo Đắk Lắk"
    assert stored_image(event["image"][0]).size == (1200, 630)
    assert page.link_to("www.facebook.com")  # shared like the stories
