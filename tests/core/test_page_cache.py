"""Whole public pages kept for readers and purged when content changes (core.page_cache), seen from the reader's
side: what the outlets serve right after each change, and what is never kept or never shared."""

import datetime
import logging

import pytest
import time_machine

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

from newsroom.models import Author, Outlet
from newsroom.outlets import editors_group_name
from newsroom.republishing import republish
from newsroom.scheduler import run_due_publications

HOSTS = {"newspaper": "127.0.0.1", "broadcast": "drt.localhost", "portal": "congthongtin.localhost"}
TAG = "Buôn Ma Thuột"
TAG_PAGE = "/tags/buon-ma-thuot/"
# The address of the story the listing tests publish: every listing links to it (titles may be highlighted).
FRESH_SLUG = "hat-tieu-cu-kuin-duoc-mua"


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def columns(outlets, make_column):
    return {
        "newspaper": make_column(outlets[Outlet.NEWSPAPER], "Thời sự"),
        "other": make_column(outlets[Outlet.NEWSPAPER], "Kinh tế"),
        "portal": make_column(outlets[Outlet.PORTAL], "Tin tỉnh"),
    }


@pytest.fixture
def story(columns, make_article):
    return make_article(columns["newspaper"], "Lễ hội cà phê khai mạc")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """A block whose changes commit when it ends: what runs after a commit (the purge) runs then."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def listings(columns):
    """The pages listing a story of the newspaper's first column: the column, the home page, the column's feed,
    the tag's page and the search results."""
    column = columns["newspaper"].url
    return [column, "/", f"{column}rss/", TAG_PAGE, "/tim-kiem/?q=hat+tieu"]


def get(client, path, outlet="newspaper", **headers):
    return client.get(path, HTTP_HOST=HOSTS[outlet], **headers)


def text(response):
    return response.content.decode()


def directives(response, header="Cache-Control"):
    return {part.strip().lower() for part in response.get(header, "").split(",") if part.strip()}


def test_a_readers_second_request_is_answered_from_the_cache_with_the_same_bytes_and_headers(
    client, page_cache, columns, story, django_assert_num_queries
):
    first = get(client, columns["newspaper"].url)
    with django_assert_num_queries(0):
        second = get(client, columns["newspaper"].url)
    assert first.status_code == second.status_code == 200
    assert second.content == first.content and "Lễ hội cà phê khai mạc" in text(second)
    assert dict(second.items()) == dict(first.items())


def test_a_kept_page_says_who_may_keep_it_and_answers_a_matching_etag_with_304(
    client, page_cache, columns, story
):
    first = get(client, story.url)
    assert directives(first) == {"public", "max-age=60"}
    assert "cookie" in directives(first, "Vary")
    assert first["ETag"]

    assert get(client, story.url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert get(client, story.url, HTTP_IF_NONE_MATCH='"another-version"').status_code == 200
    head = client.head(story.url, HTTP_HOST=HOSTS["newspaper"], HTTP_IF_NONE_MATCH=first["ETag"])
    assert head.status_code == 304


def test_a_page_is_made_afresh_each_time_when_the_page_cache_is_off(client, settings, columns, story):
    settings.PAGE_CACHE_SECONDS = 0
    get(client, story.url)
    with CaptureQueriesContext(connection) as queries:
        response = get(client, story.url)
    assert len(queries) > 0
    assert "public" not in directives(response) and not response.has_header("ETag")


def test_a_story_published_shows_at_once_on_every_page_that_lists_it(
    client, page_cache, columns, story, make_article, committed
):
    before = {path: get(client, path) for path in listings(columns)}
    assert all(FRESH_SLUG not in text(response) for response in before.values())

    with committed():
        fresh = make_article(columns["newspaper"], "Hạt tiêu Cư Kuin được mùa", live=False)
        fresh.tags.add(TAG)
        fresh.save_revision().publish()

    for path in listings(columns):
        assert FRESH_SLUG in text(get(client, path)), path


def test_a_story_unpublished_is_gone_at_once_from_every_page_that_listed_it(
    client, page_cache, columns, make_article, committed
):
    story = make_article(columns["newspaper"], "Hạt tiêu Cư Kuin được mùa", live=False)
    story.tags.add(TAG)
    story.save_revision().publish()
    story.refresh_from_db()
    assert all(FRESH_SLUG in text(get(client, path)) for path in listings(columns))
    assert get(client, story.url).status_code == 200

    with committed():
        story.unpublish()

    for path in listings(columns):
        assert FRESH_SLUG not in text(get(client, path)), path
    assert get(client, story.url).status_code == 404


def test_a_republished_story_shows_at_once_on_the_other_outlets_host_and_follows_its_original(
    client, page_cache, columns, story, make_user, committed
):
    portal_column = columns["portal"].url
    assert "Lễ hội cà phê" not in text(get(client, portal_column, "portal"))

    with committed():
        alias = republish(story, columns["portal"], make_user("quantri", is_superuser=True))
    assert "Lễ hội cà phê khai mạc" in text(get(client, portal_column, "portal"))
    assert "Lễ hội cà phê khai mạc" in text(get(client, alias.url, "portal"))

    with committed():
        story.title = "Lễ hội cà phê Buôn Ma Thuột khai mạc"
        story.save_revision().publish()
    assert "Lễ hội cà phê Buôn Ma Thuột khai mạc" in text(get(client, portal_column, "portal"))
    assert "Lễ hội cà phê Buôn Ma Thuột khai mạc" in text(get(client, alias.url, "portal"))

    with committed():
        story.unpublish()
    assert "Lễ hội cà phê" not in text(get(client, portal_column, "portal"))
    assert get(client, alias.url, "portal").status_code == 404


def test_a_moved_story_leaves_its_column_and_its_address_at_once(
    client, page_cache, columns, story, committed
):
    old_address = story.url
    assert "Lễ hội cà phê" in text(get(client, columns["newspaper"].url))
    assert "Lễ hội cà phê" not in text(get(client, columns["other"].url))
    assert get(client, old_address).status_code == 200

    with committed():
        story.move(columns["other"], pos="last-child")

    story.refresh_from_db()
    assert "Lễ hội cà phê" not in text(get(client, columns["newspaper"].url))
    assert "Lễ hội cà phê" in text(get(client, columns["other"].url))
    # Wagtail leaves a redirect at the old address.
    assert get(client, old_address)["Location"] == story.full_url
    assert get(client, story.url).status_code == 200


def test_a_deleted_story_is_gone_at_once(client, page_cache, columns, story, committed):
    address = story.url
    assert "Lễ hội cà phê" in text(get(client, "/"))

    with committed():
        story.delete()

    assert "Lễ hội cà phê" not in text(get(client, "/"))
    assert get(client, address).status_code == 404


def test_an_author_renamed_shows_at_once_on_the_stories_that_name_them(
    client, page_cache, columns, make_article, committed
):
    author = Author.objects.create(name="Hữu Hùng")
    story = make_article(columns["newspaper"], "Mùa cà phê")
    story.authors.set([author])
    story.save_revision().publish()
    assert "Hữu Hùng" in text(get(client, story.url))

    with committed():
        author.name = "Nguyễn Hữu Hùng"
        author.save()

    assert "Nguyễn Hữu Hùng" in text(get(client, story.url))


def test_a_page_made_private_is_never_served_from_the_readers_copy(client, page_cache, story, committed):
    assert "Lễ hội cà phê khai mạc" in text(get(client, story.url))

    with committed():
        PageViewRestriction.objects.create(
            page=story, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
        )

    password_form = get(client, story.url)
    assert "Lễ hội cà phê khai mạc" not in text(password_form)
    # The password form carries a CSRF token: it is made for each reader, and never kept.
    assert "csrfmiddlewaretoken" in text(password_form)
    assert "private" in directives(password_form)
    again = get(client, story.url)
    assert again.cookies["csrftoken"].value and "csrfmiddlewaretoken" in text(again)


def test_a_scheduled_story_shows_on_its_column_at_the_tick_that_publishes_it(
    client, page_cache, columns, make_article, committed
):
    going_live = timezone.now() + datetime.timedelta(hours=1)
    story = make_article(columns["newspaper"], "Khai mạc lễ hội đường phố", live=False)
    story.go_live_at = going_live
    story.save_revision().publish()
    assert "Khai mạc lễ hội" not in text(get(client, columns["newspaper"].url))

    with time_machine.travel(going_live + datetime.timedelta(minutes=1)), committed():
        run_due_publications()

    assert "Khai mạc lễ hội đường phố" in text(get(client, columns["newspaper"].url))


def test_each_outlet_keeps_its_own_pages_under_its_own_host(client, page_cache, outlets):
    homes = {outlet: text(get(client, "/", outlet)) for outlet in HOSTS}
    again = {outlet: text(get(client, "/", outlet)) for outlet in HOSTS}
    assert again == homes
    assert "Đài Phát thanh và Truyền hình tỉnh" in homes["broadcast"]
    assert "Cổng thông tin điện tử tỉnh" in homes["portal"]
    assert len(set(homes.values())) == 3


def test_a_logged_in_editor_never_gets_the_readers_copy_and_never_leaves_theirs(
    client, page_cache, story, make_user
):
    reader = get(client, story.url)
    assert "wagtail-userbar-template" not in text(reader)

    editor = make_user("bientap", editors_group_name(Outlet.NEWSPAPER))
    client.force_login(editor)
    edited = get(client, story.url)
    assert "wagtail-userbar-template" in text(edited)
    assert directives(edited) >= {"private", "no-cache"}

    client.logout()
    client.cookies.clear()
    assert get(client, story.url).content == reader.content


def test_an_editors_first_visit_leaves_nothing_for_readers(client, page_cache, story, make_user):
    client.force_login(make_user("bientap", editors_group_name(Outlet.NEWSPAPER)))
    assert "wagtail-userbar-template" in text(get(client, story.url))

    client.logout()
    client.cookies.clear()
    reader = get(client, story.url)
    assert "wagtail-userbar-template" not in text(reader) and "public" in directives(reader)


def test_a_reader_holding_a_csrf_cookie_alone_is_still_served_the_kept_page(
    client, page_cache, story, django_assert_num_queries
):
    kept = get(client, story.url)
    client.cookies["csrftoken"] = "a" * 32
    with django_assert_num_queries(0):
        assert get(client, story.url).content == kept.content


def test_the_admin_and_the_apis_are_never_kept(client, page_cache, settings, story):
    settings.CONTENT_API_REQUESTS_PER_ADDRESS = 2
    assert "public" not in directives(get(client, "/admin/login/"))
    # The content API counts every request, the repeated ones too.
    answers = [get(client, "/api/v2/pages/").status_code for _ in range(3)]
    assert answers == [200, 200, 429]


def test_pages_are_served_uncached_while_the_shared_cache_is_unreachable(
    client, page_cache, unreachable_shared_cache, story, caplog
):
    with caplog.at_level(logging.WARNING, logger="core.shared_cache"):
        first = get(client, story.url)
        second = get(client, story.url)
    assert first.status_code == second.status_code == 200
    assert "Lễ hội cà phê khai mạc" in text(second)
    assert "public" not in directives(second)
    assert "The shared cache is unavailable" in caplog.text


def test_without_redis_pages_are_kept_in_the_database_and_purged_there(
    client, page_cache, database_shared_cache, story, committed
):
    first = get(client, story.url)
    # What a kept page costs: the generation and the page, read from the cache's table.
    with CaptureQueriesContext(connection) as queries:
        second = get(client, story.url)
    assert second.content == first.content
    assert [query["sql"].count("shared_cache") for query in queries] == [1, 1]

    with committed():
        story.title = "Lễ hội cà phê Buôn Ma Thuột khai mạc"
        story.save_revision().publish()

    assert "Lễ hội cà phê Buôn Ma Thuột khai mạc" in text(get(client, story.url))
