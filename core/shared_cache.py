"""The cache every server process and the scheduler share (settings CACHES["shared"]): Redis when REDIS_URL is
set, else a table of the database. The page cache, the rate limits and the search circuit breaker keep their
state there.

Redis may be stopped or out of reach. Every use goes through `use()`, which raises SharedCacheUnavailable then,
so that each caller decides what to do without the cache (pages: made afresh; public forms: refused; readers'
limits: not counted). After a failure this process leaves the cache alone for RETRY_SECONDS and logs one line, so
that requests under load neither wait in turn on a connection that fails nor fill the log.
"""

import logging
import threading
import time

from redis.exceptions import RedisError

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError

ALIAS = "shared"
RETRY_SECONDS = 5.0
# What a cache that cannot be reached raises: Redis' errors (refused, reset, timed out), the database cache's.
FAILURES = (RedisError, DatabaseError, OSError)

logger = logging.getLogger(__name__)

# When this process last failed to reach each configured cache (by its LOCATION), on the monotonic clock.
_failed_at = {}
_lock = threading.Lock()
clock = time.monotonic


class SharedCacheUnavailable(Exception):
    """The shared cache cannot be read or written now."""


def use(operation, retry_now=False):
    """What `operation(cache)` returns, run on the shared cache; SharedCacheUnavailable while it is down.
    `retry_now`: try even within RETRY_SECONDS of a failure (a write that must not be skipped)."""
    location = settings.CACHES[ALIAS].get("LOCATION", "")
    with _lock:
        failed_at = _failed_at.get(location)
    if not retry_now and failed_at is not None and clock() - failed_at < RETRY_SECONDS:
        raise SharedCacheUnavailable(f"the shared cache failed less than {RETRY_SECONDS:g} s ago")
    try:
        return operation(caches[ALIAS])
    except FAILURES as failure:
        with _lock:
            _failed_at[location] = clock()
        logger.warning(
            "The shared cache is unavailable (%s: %s); working without it for %g s",
            type(failure).__name__,
            failure,
            RETRY_SECONDS,
        )
        raise SharedCacheUnavailable(str(failure)) from failure
