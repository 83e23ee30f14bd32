"""Requests per client address in fixed windows, counted in the database: shared by every server process."""

import datetime
import math

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .client_address import client_address
from .models import RateCounter

WINDOW = datetime.timedelta(minutes=10)


def allow(request, action, limit):
    """Count this request; False once the address has made more than `limit` of `action` in the window."""
    # The address is personal data: only a keyed hash of it is stored. Requests without one share a count.
    address_hash = salted_hmac("core.rate_limits", client_address(request) or "").hexdigest()[:32]
    return _count(f"{action}:{address_hash}", _window_start(timezone.now())) <= limit


def seconds_until_next_window(now=None):
    """How long a refused address waits before its count starts again: a response's Retry-After."""
    now = now or timezone.now()
    return max(1, math.ceil((_window_start(now) + WINDOW - now).total_seconds()))


def _window_start(now):
    seconds = WINDOW.total_seconds()
    return datetime.datetime.fromtimestamp(now.timestamp() // seconds * seconds, tz=datetime.UTC)


def _count(key, window_start):
    if RateCounter.objects.filter(key=key, window_start=window_start).update(count=F("count") + 1):
        return RateCounter.objects.get(key=key, window_start=window_start).count
    try:
        with transaction.atomic():
            RateCounter.objects.create(key=key, window_start=window_start, count=1)
    except IntegrityError:
        # Another worker opened the window at the same moment.
        return _count(key, window_start)
    RateCounter.objects.filter(key=key, window_start__lt=window_start).delete()
    return 1
