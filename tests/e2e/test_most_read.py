"""A reader opening an article in a real browser counts one read, through the page's own beacon, and no cookie."""

import pytest

from django.core.cache import caches

from newsroom.models import DailyReads

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def no_reader_seen_yet():
    caches["recent_reads"].clear()


def is_the_count(response):
    return response.url.endswith("/api/reads/") and response.request.method == "POST"


def test_opening_an_article_counts_one_read_and_reloading_it_none_more(
    live_server, page, outlets, make_column, make_article
):
    column = make_column(outlets["newspaper"], "Điển hình tiên tiến")
    article = make_article(column, "Già làng Y Khu và cánh rừng của buôn")

    with page.expect_response(is_the_count) as counted:
        page.goto(f"{live_server.url}{article.get_url_parts()[2]}")
    assert counted.value.status == 204
    assert list(DailyReads.objects.values_list("page", "outlet", "reads")) == [(article.pk, "newspaper", 1)]

    with page.expect_response(is_the_count) as counted_again:
        page.reload()
    assert counted_again.value.status == 204
    assert list(DailyReads.objects.values_list("reads", flat=True)) == [1]
    assert page.context.cookies() == []
