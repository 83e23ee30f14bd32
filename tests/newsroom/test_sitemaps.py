"""Each outlet's sitemap as search engines read it: an index of pages of at most 50,000 addresses, each page
listed once, under its canonical URL, in the sitemap of the outlet that published it."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from core.dates import LOCAL_TIME_ZONE
from newsroom.models import Outlet
from newsroom.sitemaps import OutletSitemap
from search.models import SearchPage
from tests.sitemap_reading import SITEMAP, read_xml, sitemap_entries

HOSTS = {"newspaper": "127.0.0.1", "broadcast": "drt.localhost", "portal": "congthongtin.localhost"}


@pytest.fixture
def columns(outlets, make_column):
    return {
        Outlet.NEWSPAPER: make_column(outlets[Outlet.NEWSPAPER], "Điển hình tiên tiến"),
        Outlet.BROADCAST: make_column(outlets[Outlet.BROADCAST], "Thời sự"),
    }


@pytest.fixture
def story(columns, make_article):
    """A station story, republished in the newspaper (a Wagtail alias, as "Republish" makes)."""
    original = make_article(columns[Outlet.BROADCAST], "Mùa lúa mới ở buôn Ea Knuếc")
    original.create_alias(parent=columns[Outlet.NEWSPAPER])
    return original


def test_each_outlet_lists_its_own_pages_under_their_addresses(client, outlets, columns, make_article):
    article = make_article(columns[Outlet.NEWSPAPER], "Già làng Y Khu giữ rừng")

    newspaper = sitemap_entries(client, HOSTS["newspaper"])
    station = sitemap_entries(client, HOSTS["broadcast"])

    assert {outlets[Outlet.NEWSPAPER].full_url, columns[Outlet.NEWSPAPER].full_url, article.full_url} <= set(
        newspaper
    )
    assert all(location.startswith("http://127.0.0.1:8000/") for location in newspaper)
    assert all(location.startswith("http://drt.localhost:8000/") for location in station)
    assert article.full_url not in station


def published_on(page, moment):
    type(page).objects.filter(pk=page.pk).update(last_published_at=moment)


def test_lastmod_is_the_day_of_the_newest_publication_at_or_under_a_page(
    client, outlets, columns, make_column, make_article
):
    column = columns[Outlet.NEWSPAPER]
    older = make_article(column, "Già làng Y Khu giữ rừng")
    newer = make_article(column, "Nữ công an xã Ea Tiêu")
    quiet_column = make_column(outlets[Outlet.NEWSPAPER], "Gương người tốt việc tốt")
    published_on(outlets[Outlet.NEWSPAPER], datetime.datetime(2024, 1, 2, 8, 0, tzinfo=LOCAL_TIME_ZONE))
    published_on(column, datetime.datetime(2024, 1, 2, 8, 0, tzinfo=LOCAL_TIME_ZONE))
    published_on(quiet_column, datetime.datetime(2024, 5, 6, 8, 0, tzinfo=LOCAL_TIME_ZONE))
    published_on(older, datetime.datetime(2025, 3, 1, 8, 0, tzinfo=LOCAL_TIME_ZONE))
    # 20:00 UTC is the next morning in Đắk Lắk: the day is the province's.
    published_on(newer, datetime.datetime(2025, 3, 9, 20, 0, tzinfo=datetime.UTC))

    entries = sitemap_entries(client, HOSTS["newspaper"])

    assert entries[older.full_url] == "2025-03-01"
    assert entries[newer.full_url] == "2025-03-10"
    # A listing changes with what it lists: the column and the home page with the newest article.
    assert entries[column.full_url] == "2025-03-10"
    assert entries[outlets[Outlet.NEWSPAPER].full_url] == "2025-03-10"
    assert entries[quiet_column.full_url] == "2024-05-06"


def test_a_republished_story_is_listed_once_by_the_outlet_that_published_it(client, outlets, story):
    alias = story.aliases.get()
    listed = [sitemap_entries(client, host) for host in HOSTS.values()]

    assert sum(story.full_url in entries for entries in listed) == 1
    assert story.full_url in sitemap_entries(client, HOSTS["broadcast"])
    assert not any(alias.full_url in entries for entries in listed)


def test_the_shared_indexes_are_listed_on_the_portal_only(client, shared_indexes):
    newspaper = sitemap_entries(client, HOSTS["newspaper"])
    portal = sitemap_entries(client, HOSTS["portal"])
    for index in shared_indexes.values():
        assert index.full_url in portal
        assert not any(alias.full_url in newspaper for alias in index.aliases.all())


def test_what_search_engines_should_not_index_is_left_out(
    client, outlets, columns, make_column, make_article
):
    column = columns[Outlet.NEWSPAPER]
    draft = make_article(column, "Bản nháp chưa duyệt", live=False)
    private = make_article(column, "Tin nội bộ")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    restricted_column = make_column(outlets[Outlet.NEWSPAPER], "Thông tin nội bộ")
    under_restriction = make_article(restricted_column, "Họp giao ban")
    PageViewRestriction.objects.create(
        page=restricted_column, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )

    for outlet, host in HOSTS.items():
        search_page = SearchPage.objects.child_of(outlets[outlet]).get()
        locations = set(sitemap_entries(client, host))
        assert outlets[outlet].full_url in locations
        assert search_page.full_url not in locations

    newspaper = set(sitemap_entries(client, HOSTS["newspaper"]))
    assert column.full_url in newspaper
    for page in (draft, private, restricted_column, under_restriction):
        assert page.full_url not in newspaper


def test_a_long_sitemap_is_cut_into_pages_that_the_index_lists(client, monkeypatch, columns, make_article):
    articles = [
        make_article(columns[Outlet.NEWSPAPER], f"Người tốt việc tốt, kỳ {number}") for number in range(5)
    ]
    whole = sitemap_entries(client, HOSTS["newspaper"])
    # Django's sitemap framework cuts at `limit` (50,000, the most a sitemap may hold): here at 2.
    monkeypatch.setattr(OutletSitemap, "limit", 2)

    index = read_xml(client, "/sitemap.xml", HOSTS["newspaper"])
    pages = [sitemap.findtext(f"{SITEMAP}loc") for sitemap in index.iter(f"{SITEMAP}sitemap")]

    assert pages == [
        "http://127.0.0.1/sitemap-pages.xml",
        *(f"http://127.0.0.1/sitemap-pages.xml?p={number}" for number in range(2, len(pages) + 1)),
    ]
    assert len(pages) >= len(whole) / 2
    assert all(sitemap.findtext(f"{SITEMAP}lastmod") for sitemap in index.iter(f"{SITEMAP}sitemap"))
    for page in pages:
        assert len(read_xml(client, page, HOSTS["newspaper"]).findall(f"{SITEMAP}url")) <= 2
    assert sitemap_entries(client, HOSTS["newspaper"]) == whole
    assert {article.full_url for article in articles} <= set(whole)
    beyond = client.get(f"/sitemap-pages.xml?p={len(pages) + 1}", HTTP_HOST=HOSTS["newspaper"])
    assert beyond.status_code == 404


def test_the_sitemap_costs_the_same_queries_however_many_pages_it_lists(client, columns, make_article):
    column = columns[Outlet.NEWSPAPER]
    make_article(column, "Già làng Y Khu giữ rừng")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/sitemap-pages.xml", HTTP_HOST=HOSTS["newspaper"]).status_code == 200
            assert client.get("/sitemap.xml", HTTP_HOST=HOSTS["newspaper"]).status_code == 200
        return len(captured)

    with_one = queries()
    for number in range(10):
        make_article(column, f"Người tốt việc tốt, kỳ {number}")
    assert queries() == with_one
