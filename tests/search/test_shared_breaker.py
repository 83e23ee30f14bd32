"""The search circuit breaker's state in the shared cache: the server processes open and close it together, and
each keeps its own while the shared cache is out of reach."""

import pytest

from search.service import CircuitBreaker


def breakers(count, now):
    """Breakers of one name, as each server process makes its own."""
    return [
        CircuitBreaker(name="cluster", failures_to_open=2, open_seconds=30, clock=lambda: now[0])
        for _ in range(count)
    ]


@pytest.mark.redis
def test_failures_seen_by_any_worker_open_the_breaker_for_all(redis_cache):
    now = [1000.0]
    first, second, scheduler = breakers(3, now)
    first.failed()
    second.failed()
    assert not first.allows() and not second.allows() and not scheduler.allows()

    now[0] += 30
    assert scheduler.allows()
    scheduler.succeeded()
    now[0] += 1
    first.failed()
    assert second.allows(), "a success anywhere ends the failures in a row"


@pytest.mark.redis
def test_a_breaker_of_another_name_is_not_opened(redis_cache):
    now = [1000.0]
    [breaker] = breakers(1, now)
    other = CircuitBreaker(name="another-cluster", clock=lambda: now[0])
    breaker.failed()
    breaker.failed()
    assert not breaker.allows() and other.allows()


def test_each_process_counts_on_its_own_while_the_shared_cache_is_unreachable(unreachable_shared_cache):
    now = [1000.0]
    first, second = breakers(2, now)
    first.failed()
    first.failed()
    assert not first.allows()
    assert second.allows()
    now[0] += 30
    assert first.allows()
