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
