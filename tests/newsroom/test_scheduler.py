"""Scheduled publishing really happens, on Hanoi time, and the scheduler outlives a failing run."""

import datetime
import logging
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from wagtail.models import Page, Revision

from newsroom.models import ArticlePage, Outlet
from newsroom.scheduler import run_forever

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def hanoi_time(*args):
    return datetime.datetime(*args, tzinfo=HANOI)


GO_LIVE = hanoi_time(2025, 3, 10, 0, 0)


@pytest.fixture
def column(outlets, make_column):
    return make_column(outlets[Outlet.NEWSPAPER], "Điển hình tiên tiến")


def schedule(article, *, go_live_at=None, expire_at=None):
    """What an editor's "Publish" does with publishing dates set in the page's settings."""
    article.go_live_at, article.expire_at = go_live_at, expire_at
    article.save_revision().publish()


def run_scheduler_once_at(moment):
    with time_machine.travel(moment, tick=False):
        call_command("run_scheduler", "--once")


def reload(page):
    return ArticlePage.objects.get(pk=page.pk)


def public_status(client, page):
    _site_id, root_url, page_path = page.get_url_parts()
    return client.get(page_path, HTTP_HOST=urlsplit(root_url).hostname).status_code


@pytest.fixture
def scheduled_article(column, make_article):
    with time_machine.travel(hanoi_time(2025, 3, 1, 9, 0), tick=False):
        article = make_article(column, "Gương sáng tháng Ba", live=False)
        schedule(article, go_live_at=GO_LIVE)
    return article


def test_the_scheduler_leaves_it_unpublished_a_minute_before(client, scheduled_article):
    run_scheduler_once_at(hanoi_time(2025, 3, 9, 23, 59))

    article = reload(scheduled_article)
    assert not article.live
    assert article.status_string == "đã hẹn giờ"
    assert public_status(client, article) == 404


def test_the_scheduler_publishes_it_just_after_midnight_hanoi_time(client, scheduled_article):
    run_scheduler_once_at(hanoi_time(2025, 3, 10, 0, 0, 30))

    article = reload(scheduled_article)
    assert article.live
    assert article.first_published_at == hanoi_time(2025, 3, 10, 0, 0, 30)
    assert article.scheduled_revision is None
    assert public_status(client, article) == 200


def test_an_expired_article_is_unpublished(client, column, make_article):
    with time_machine.travel(hanoi_time(2025, 3, 1, 9, 0), tick=False):
        article = make_article(column, "Thông báo tuyển sinh", live=False)
        schedule(article, expire_at=hanoi_time(2025, 3, 31, 23, 59))

    run_scheduler_once_at(hanoi_time(2025, 3, 31, 23, 58))
    live_before_expiry = reload(article).live
    run_scheduler_once_at(hanoi_time(2025, 4, 1, 0, 0, 30))

    assert live_before_expiry
    assert not reload(article).live
    assert reload(article).expired
    assert public_status(client, article) == 404


class StopScheduler(Exception):
    """Raised by the test's `sleep` to end `run_forever`."""


def orphan_revision_due_at(moment):
    """A due revision whose page no longer exists: publishing it fails for real, in the database."""
    return Revision.objects.create(
        content_type=ContentType.objects.get_for_model(ArticlePage),
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id="999999",
        object_str="Bài đã xoá",
        content={},
        approved_go_live_at=moment,
    )


# Transactional: after each run the scheduler hands its connection back as Django does between requests,
# which must not happen inside the transaction that wraps an ordinary test.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_scheduler_keeps_going_after_a_failing_run(scheduled_article, caplog):
    broken = orphan_revision_due_at(hanoi_time(2025, 3, 9, 12, 0))
    live_after_each_run = []

    def sleep(seconds):
        live_after_each_run.append(reload(scheduled_article).live)
        if len(live_after_each_run) == 1:
            broken.delete()  # someone repairs the data before the next run
        else:
            raise StopScheduler

    with (
        caplog.at_level(logging.ERROR, logger="newsroom.scheduler"),
        time_machine.travel(hanoi_time(2025, 3, 10, 0, 0, 30), tick=False),
        pytest.raises(StopScheduler),
    ):
        run_forever(30, sleep=sleep)

    assert live_after_each_run == [False, True]
    assert [record.getMessage() for record in caplog.records] == [
        "Scheduled publishing failed; trying again in 30 s"
    ]
