"""Requests counted per client address and action in ten-minute windows, in the shared cache every worker counts
into: this process's memory (the tests' default), the database's table (the default without Redis) and Redis."""

import datetime

import pytest
import time_machine

from django.core.cache import caches
from django.db import connection
from django.test import RequestFactory

from core.rate_limits import WINDOW, CountingUnavailable, allow, seconds_until_next_window
from tests.races import at_once

pytestmark = pytest.mark.django_db

START = datetime.datetime(2025, 3, 10, 7, 0, tzinfo=datetime.UTC)
DATABASE_CACHE = {
    "BACKEND": "core.database_cache.AtomicDatabaseCache",
    "LOCATION": "shared_cache",
    "TIMEOUT": 3600,
}


@pytest.fixture(params=["memory", "database", pytest.param("redis", marks=pytest.mark.redis)])
def backend(request):
    if request.param == "database":
        request.getfixturevalue("database_shared_cache")
    elif request.param == "redis":
        request.getfixturevalue("redis_cache")
    return request.param


def request_from(address):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def stored_keys(backend):
    """The keys the shared cache holds, as it stores them."""
    if backend == "database":
        with connection.cursor() as cursor:
            cursor.execute("SELECT cache_key FROM shared_cache")
            return [key for (key,) in cursor.fetchall()]
    cache = caches["shared"]
    client = cache._cache.get_client()
    return [key.decode() for key in client.scan_iter(match=f"{cache.key_prefix}:*")]


@time_machine.travel(START, tick=False)
def test_an_address_is_refused_past_its_limit_for_that_action_only(backend):
    assert [allow(request_from("192.0.2.1"), "entry", 2) for _ in range(3)] == [True, True, False]
    assert allow(request_from("192.0.2.1"), "status", 2)
    assert allow(request_from("192.0.2.2"), "entry", 2)


def test_a_new_window_starts_afresh(backend):
    with time_machine.travel(START, tick=False):
        assert [allow(request_from("192.0.2.1"), "entry", 2) for _ in range(3)] == [True, True, False]
    with time_machine.travel(START + WINDOW, tick=False):
        assert allow(request_from("192.0.2.1"), "entry", 2)


@pytest.mark.parametrize(
    "backend", ["database", pytest.param("redis", marks=pytest.mark.redis)], indirect=True
)
@time_machine.travel(START, tick=False)
def test_the_address_is_stored_only_as_a_keyed_hash(backend):
    allow(request_from("192.0.2.1"), "entry", 2)
    [key] = stored_keys(backend)
    assert "192.0.2.1" not in key
    assert key.endswith(f":ratelimit:entry:{key.split(':')[-2]}:{int(START.timestamp())}")
    assert len(key.split(":")[-2]) == 32


@pytest.mark.redis
@time_machine.travel(START + datetime.timedelta(minutes=4), tick=False)
def test_a_counter_expires_with_its_window(redis_cache):
    allow(request_from("192.0.2.1"), "entry", 2)
    cache = caches["shared"]
    [key] = cache._cache.get_client().keys(f"{cache.key_prefix}:*")
    # Six minutes left in the window, and a minute's margin for the clocks of other processes.
    assert 6 * 60 < cache._cache.get_client().ttl(key) <= 7 * 60


def test_a_refused_address_is_told_the_seconds_left_in_its_window():
    assert seconds_until_next_window(START) == WINDOW.total_seconds()
    assert seconds_until_next_window(START + datetime.timedelta(minutes=4, seconds=30.2)) == 330
    assert seconds_until_next_window(START + WINDOW - datetime.timedelta(milliseconds=1)) == 1


def test_nothing_is_counted_while_the_shared_cache_is_unreachable(unreachable_shared_cache):
    with pytest.raises(CountingUnavailable):
        allow(request_from("192.0.2.1"), "entry", 2)


@pytest.mark.redis
def test_counting_stops_when_redis_stops_and_starts_afresh_when_it_is_back(stoppable_redis, monkeypatch):
    assert allow(request_from("192.0.2.1"), "entry", 1)
    stoppable_redis.stop()
    with pytest.raises(CountingUnavailable):
        allow(request_from("192.0.2.1"), "entry", 1)
    stoppable_redis.start()
    monkeypatch.setattr("core.shared_cache.RETRY_SECONDS", 0)
    # Redis kept nothing on disk: the window's count starts again.
    assert [allow(request_from("192.0.2.1"), "entry", 1) for _ in range(2)] == [True, False]


THREADS = 16
LIMIT = 5


def allowed_of_simultaneous_requests():
    outcomes = at_once([lambda: allow(request_from("192.0.2.1"), "entry", LIMIT)] * THREADS)
    return outcomes.count(True)


@pytest.mark.redis
def test_simultaneous_requests_are_each_counted_in_redis(redis_cache):
    assert allowed_of_simultaneous_requests() == LIMIT


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_requests_are_each_counted_in_the_database(database_shared_cache):
    assert allowed_of_simultaneous_requests() == LIMIT
