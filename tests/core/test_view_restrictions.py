"""A reader's request reads the pages' view restrictions once, however many listings its page shows; a request
after a restriction changed reads it anew, and one that may change restrictions reads them each time."""

import pytest

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from core.view_restrictions import ViewRestrictionsMiddleware
from newsroom.models import ArticlePage

HOST = "127.0.0.1"
# The query of PublicPageQuerySet.private_q: the restrictions with their pages (Wagtail's own check of the page
# being served reads its ancestors' restrictions without them).
RESTRICTIONS_READ = 'FROM "wagtailcore_pageviewrestriction" INNER JOIN'


@pytest.fixture
def columns(outlets, make_column, make_article):
    """An open column and one kept for signed-in readers, an article in each."""
    open_column = make_column(outlets["newspaper"], "Thời sự")
    make_article(open_column, "Khánh thành cầu treo buôn Đrăng Phók")
    internal = make_column(outlets["newspaper"], "Nội bộ")
    make_article(internal, "Lịch họp giao ban biên tập")
    PageViewRestriction.objects.create(page=internal, restriction_type=PageViewRestriction.LOGIN)
    return open_column, internal


def restriction_reads(queries):
    return sum(RESTRICTIONS_READ in query["sql"] for query in queries)


def test_a_home_page_reads_the_restrictions_once_and_hides_the_restricted_articles(client, columns):
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/", HTTP_HOST=HOST).content.decode()

    assert "Khánh thành cầu treo buôn Đrăng Phók" in html
    assert "Lịch họp giao ban biên tập" not in html
    assert restriction_reads(queries) == 1


def test_a_restriction_made_between_two_requests_hides_its_pages_from_the_next(client, columns):
    open_column, _internal = columns
    assert "Khánh thành cầu treo" in client.get("/", HTTP_HOST=HOST).content.decode()

    PageViewRestriction.objects.create(page=open_column, restriction_type=PageViewRestriction.LOGIN)

    assert "Khánh thành cầu treo" not in client.get("/", HTTP_HOST=HOST).content.decode()


@pytest.mark.parametrize(("method", "reads"), [("get", 1), ("head", 1), ("post", 2)])
def test_only_a_read_only_request_shares_one_reading(columns, method, reads):
    def view(request):
        listings = [ArticlePage.objects.live().public(), ArticlePage.objects.live().public()]
        return [article.title for listing in listings for article in listing]

    request = getattr(RequestFactory(), method)("/")
    with CaptureQueriesContext(connection) as queries:
        titles = ViewRestrictionsMiddleware(view)(request)

    assert titles == ["Khánh thành cầu treo buôn Đrăng Phók"] * 2
    assert restriction_reads(queries) == reads


def test_outside_a_request_each_listing_reads_the_restrictions(columns):
    with CaptureQueriesContext(connection) as queries:
        ArticlePage.objects.live().public().count()
        ArticlePage.objects.live().public().count()

    assert restriction_reads(queries) == 2


def test_without_any_restriction_a_page_is_served_without_reading_its_ancestors(
    client, outlets, make_column, make_article
):
    article = make_article(make_column(outlets["newspaper"], "Thời sự"), "Khánh thành cầu treo")
    client.get(path_of(article), HTTP_HOST=HOST)  # the sites' root paths, read once

    with CaptureQueriesContext(connection) as queries:
        response = client.get(path_of(article), HTTP_HOST=HOST)

    assert response.status_code == 200
    assert restriction_reads(queries) == 1
    assert not [query for query in queries if 'FROM "wagtailcore_pageviewrestriction" WHERE' in query["sql"]]


def path_of(page):
    return page.get_url_parts()[2]


@pytest.mark.parametrize("restricted", ["column", "original"])
def test_with_a_restriction_anywhere_every_page_is_checked_as_wagtail_does(
    client, outlets, make_column, make_article, restricted
):
    """An article below a restricted column, or a restricted article and its alias in another outlet, ask the
    reader to sign in; an open article beside them is served."""
    column = make_column(outlets["newspaper"], "Nội bộ")
    article = make_article(column, "Lịch họp giao ban biên tập")
    alias = article.create_alias(parent=make_column(outlets["broadcast"], "Bản tin"))
    open_article = make_article(make_column(outlets["newspaper"], "Thời sự"), "Khánh thành cầu treo")
    PageViewRestriction.objects.create(
        page=column if restricted == "column" else article, restriction_type=PageViewRestriction.LOGIN
    )

    assert client.get(path_of(article), HTTP_HOST=HOST).status_code == 302
    if restricted == "original":
        assert client.get(path_of(alias), HTTP_HOST="drt.localhost").status_code == 302
    assert client.get(path_of(open_article), HTTP_HOST=HOST).status_code == 200
