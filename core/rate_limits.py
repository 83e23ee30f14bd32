"""Requests per client address in fixed windows, counted in the shared cache (core.shared_cache): every server
process counts into the same number.

A count is one atomic add (the window's counter, at 0, if it is not there yet) and one atomic increment: Redis'
SET NX and INCR, or the database cache's row lock (core.database_cache). The counter expires with its window.

While the shared cache is down nothing can be counted, and `allow` raises CountingUnavailable: each caller
decides. Public forms refuse (fail closed: a flood would otherwise go through unchecked, and the form asks to
try again in a few minutes, keeping what was typed); readers' limits let the request through (fail open: reading
is harmless, and refusing it would take the site down with its cache).
"""

import datetime
import math

from django.utils import timezone
from django.utils.crypto import salted_hmac

from . import shared_cache
from .client_address import client_address

WINDOW = datetime.timedelta(minutes=10)
# A counter outlives its window a little, so that a clock a second apart in another process still finds it.
EXPIRY_MARGIN_SECONDS = 60


class CountingUnavailable(Exception):
    """The request cannot be counted now (the shared cache is down)."""


def allow(request, action, limit):
    """Count this request; False once the address has made more than `limit` of `action` in the window.
    CountingUnavailable when it cannot be counted."""
    return count(request, action) <= limit


def count(request, action):
    """Count this request: how many of `action` the address has made in the window, this one included.
    CountingUnavailable when it cannot be counted."""
    # The address is personal data: only a keyed hash of it is stored. Requests without one share a count.
    address_hash = salted_hmac("core.rate_limits", client_address(request) or "").hexdigest()[:32]
    now = timezone.now()
    window_start = _window_start(now)
    key = f"ratelimit:{action}:{address_hash}:{int(window_start.timestamp())}"
    expires_in = seconds_until_next_window(now) + EXPIRY_MARGIN_SECONDS

    def add_one(cache):
        cache.add(key, 0, timeout=expires_in)
        return cache.incr(key)

    try:
        return shared_cache.use(add_one)
    except (shared_cache.SharedCacheUnavailable, ValueError) as failure:
        # ValueError: the counter vanished between add and incr (evicted, or the cache emptied meanwhile).
        raise CountingUnavailable(str(failure)) from failure


def seconds_until_next_window(now=None):
    """How long a refused address waits before its count starts again: a response's Retry-After."""
    now = now or timezone.now()
    return max(1, math.ceil((_window_start(now) + WINDOW - now).total_seconds()))


def _window_start(now):
    seconds = WINDOW.total_seconds()
    return datetime.datetime.fromtimestamp(now.timestamp() // seconds * seconds, tz=datetime.UTC)
