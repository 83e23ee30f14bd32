"""The newspaper's Google News sitemap: its stories of the last two days, each with the news tags Google requires."""

import datetime
import re
from xml.etree import ElementTree

import pytest
import time_machine

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from core.dates import LOCAL_TIME_ZONE
from newsroom.models import Language, Outlet

HOSTS = {"newspaper": "127.0.0.1", "broadcast": "drt.localhost", "portal": "congthongtin.localhost"}
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
NOW = datetime.datetime(2025, 6, 1, 9, 0, tzinfo=LOCAL_TIME_ZONE)
W3C_LOCAL = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$")


def hours_ago(hours):
    return NOW - datetime.timedelta(hours=hours)


def news_entries(client, at=NOW):
    """{location: <news:news> element} of the newspaper's news sitemap read at `at`, in its order."""
    with time_machine.travel(at, tick=False):
        response = client.get("/sitemap-news.xml", HTTP_HOST=HOSTS["newspaper"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    urlset = ElementTree.fromstring(response.content)
    assert urlset.tag == f"{SITEMAP}urlset"
    return {url.findtext(f"{SITEMAP}loc"): url.find(f"{NEWS}news") for url in urlset.findall(f"{SITEMAP}url")}


@pytest.fixture
def column(outlets, make_column):
    return make_column(outlets[Outlet.NEWSPAPER], "Thời sự")


def test_each_story_carries_its_publication_date_and_title(client, column, make_article):
    story = make_article(column, "Đắk Lắk & Buôn Ma Thuột: mùa cà phê", publication_date=hours_ago(3))

    ((location, news),) = news_entries(client).items()

    assert location == story.full_url
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Báo Đắk Lắk"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "vi"
    assert news.findtext(f"{NEWS}title") == "Đắk Lắk & Buôn Ma Thuột: mùa cà phê"
    published = news.findtext(f"{NEWS}publication_date")
    assert W3C_LOCAL.match(published)
    assert datetime.datetime.fromisoformat(published) == hours_ago(3)


def test_a_story_in_another_language_says_so(client, column, make_article):
    Language.ensure_standard()
    make_article(
        column, "Klei mơĭt", publication_date=hours_ago(1), language=Language.objects.get(code="rad")
    )

    (news,) = news_entries(client).values()

    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "rad"


def test_only_the_last_two_days_stories_are_listed_newest_first(client, column, make_article):
    older = make_article(column, "Hai ngày trước", publication_date=hours_ago(47))
    newer = make_article(column, "Sáng nay", publication_date=hours_ago(1))
    make_article(column, "Ba ngày trước", publication_date=hours_ago(49))
    make_article(column, "Hẹn giờ ngày mai", publication_date=NOW + datetime.timedelta(hours=12))

    assert list(news_entries(client)) == [newer.full_url, older.full_url]
    # Two hours on, the older story is past the two days; the one dated ahead has come.
    assert list(news_entries(client, at=NOW + datetime.timedelta(hours=14))) == [
        f"{column.full_url}hen-gio-ngay-mai/",
        newer.full_url,
    ]


def test_drafts_private_stories_and_other_outlets_stories_are_left_out(
    client, outlets, column, make_column, make_article
):
    listed = make_article(column, "Tin được đăng", publication_date=hours_ago(2))
    make_article(column, "Bản nháp", live=False, publication_date=hours_ago(2))
    private = make_article(column, "Tin nội bộ", publication_date=hours_ago(2))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    station_story = make_article(
        make_column(outlets[Outlet.BROADCAST], "Thời sự"), "Tin của Đài", publication_date=hours_ago(2)
    )
    # Republished in the newspaper: its address there is not the story's (its canonical URL is the station's).
    station_story.create_alias(parent=column)

    assert list(news_entries(client)) == [listed.full_url]


def test_a_news_sitemap_holds_at_most_its_limit_of_the_newest_stories(
    client, monkeypatch, column, make_article
):
    stories = [
        make_article(column, f"Tin số {number}", publication_date=hours_ago(10 - number))
        for number in range(4)
    ]
    monkeypatch.setattr("newsroom.sitemaps.NEWS_SITEMAP_LENGTH", 3)

    assert list(news_entries(client)) == [story.full_url for story in reversed(stories[1:])]


@pytest.mark.parametrize("outlet", [Outlet.BROADCAST, Outlet.PORTAL])
def test_only_the_newspaper_has_a_news_sitemap(client, outlets, outlet):
    assert client.get("/sitemap-news.xml", HTTP_HOST=HOSTS[outlet]).status_code == 404


def test_the_news_sitemap_costs_the_same_queries_however_many_stories_it_lists(client, column, make_article):
    make_article(column, "Tin đầu tiên", publication_date=hours_ago(1))

    def queries():
        with CaptureQueriesContext(connection) as captured:
            news_entries(client)
        return len(captured)

    with_one = queries()
    for number in range(10):
        make_article(column, f"Tin số {number}", publication_date=hours_ago(2))
    assert queries() == with_one
