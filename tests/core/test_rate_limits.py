"""Requests counted per client address and action in ten-minute windows, in the database every worker shares."""

import datetime

import pytest
import time_machine

from django.test import RequestFactory

from core.models import RateCounter
from core.rate_limits import WINDOW, allow, seconds_until_next_window

pytestmark = pytest.mark.django_db

START = datetime.datetime(2025, 3, 10, 7, 0, tzinfo=datetime.UTC)


def request_from(address):
    return RequestFactory().post("/", REMOTE_ADDR=address)


@time_machine.travel(START, tick=False)
def test_an_address_is_refused_past_its_limit_for_that_action_only():
    assert [allow(request_from("192.0.2.1"), "entry", 2) for _ in range(3)] == [True, True, False]
    assert allow(request_from("192.0.2.1"), "status", 2)
    assert allow(request_from("192.0.2.2"), "entry", 2)


def test_a_new_window_starts_afresh_and_clears_the_old_counts():
    with time_machine.travel(START, tick=False):
        for _ in range(3):
            allow(request_from("192.0.2.1"), "entry", 2)
    with time_machine.travel(START + WINDOW, tick=False):
        assert allow(request_from("192.0.2.1"), "entry", 2)
    assert list(RateCounter.objects.values_list("window_start", "count")) == [(START + WINDOW, 1)]


@time_machine.travel(START, tick=False)
def test_the_address_is_stored_only_as_a_keyed_hash():
    allow(request_from("192.0.2.1"), "entry", 2)
    [key] = RateCounter.objects.values_list("key", flat=True)
    assert key.startswith("entry:") and "192.0.2.1" not in key and len(key) == len("entry:") + 32


def test_a_refused_address_is_told_the_seconds_left_in_its_window():
    assert seconds_until_next_window(START) == WINDOW.total_seconds()
    assert seconds_until_next_window(START + datetime.timedelta(minutes=4, seconds=30.2)) == 330
    assert seconds_until_next_window(START + WINDOW - datetime.timedelta(milliseconds=1)) == 1
