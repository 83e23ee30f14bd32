"""The shared cache in Redis (core.shared_cache): pages kept there and purged there, and what a Redis that stops
and comes back costs the readers."""

import logging

import pytest

from django.core.cache import caches

from core import shared_cache
from newsroom.models import Outlet

pytestmark = pytest.mark.redis

TITLE = "Lễ hội cà phê khai mạc"


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def story(outlets, make_column, make_article):
    return make_article(make_column(outlets[Outlet.NEWSPAPER], "Thời sự"), TITLE)


@pytest.fixture
def clock(monkeypatch):
    """The shared cache's clock, which the test moves on by hand."""
    now = [1000.0]
    monkeypatch.setattr(shared_cache, "clock", lambda: now[0])
    return now


def kept_pages():
    cache = caches["shared"]
    return cache._cache.get_client().keys(f"{cache.key_prefix}:*:page:*")


def test_pages_are_kept_in_redis_and_purged_there(
    client, page_cache, redis_cache, story, django_assert_num_queries, django_capture_on_commit_callbacks
):
    client.get(story.url)
    assert len(kept_pages()) == 1
    with django_assert_num_queries(0):
        assert TITLE in client.get(story.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        story.title = "Lễ hội cà phê Buôn Ma Thuột khai mạc"
        story.save_revision().publish()

    assert "Lễ hội cà phê Buôn Ma Thuột khai mạc" in client.get(story.url).content.decode()


def test_pages_are_made_afresh_while_redis_is_stopped_and_kept_again_once_it_is_back(
    client, page_cache, stoppable_redis, story, clock, caplog, django_assert_num_queries
):
    client.get(story.url)
    stoppable_redis.stop()

    with caplog.at_level(logging.WARNING, logger="core.shared_cache"):
        answers = [client.get(story.url) for _ in range(3)]
    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert all(TITLE in answer.content.decode() for answer in answers)
    # One line while it is down: the next requests do not try it again for a while.
    assert caplog.text.count("The shared cache is unavailable") == 1

    stoppable_redis.start()
    clock[0] += shared_cache.RETRY_SECONDS
    client.get(story.url)
    with django_assert_num_queries(0):
        assert TITLE in client.get(story.url).content.decode()


def test_after_a_failure_the_cache_is_left_alone_for_a_while_except_by_purges(stoppable_redis, clock):
    stoppable_redis.stop()
    with pytest.raises(shared_cache.SharedCacheUnavailable):
        shared_cache.use(lambda cache: cache.get("key"))
    stoppable_redis.start()

    with pytest.raises(shared_cache.SharedCacheUnavailable, match="failed less than"):
        shared_cache.use(lambda cache: cache.set("key", "read"))
    assert shared_cache.use(lambda cache: cache.set("key", "purge"), retry_now=True) is None
    clock[0] += shared_cache.RETRY_SECONDS
    assert shared_cache.use(lambda cache: cache.get("key")) == "purge"
