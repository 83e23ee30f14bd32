"""The deadline rush on PostgreSQL: concurrent entries are all saved, once each, within each allowance."""

import uuid

import pytest
import time_machine

from django.test import Client

from contests.models import Entry
from tests.races import at_once

from .conftest import DURING, entry_data

THREADS = 24

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def generous_rate_limit(settings):
    settings.CONTEST_ENTRIES_PER_ADDRESS = 10_000


def post_concurrently(contest, forms):
    """Every form posted at once from its own thread and connection; the status codes, in order."""
    return at_once([lambda data=data: Client().post(contest.url, data).status_code for data in forms])


@time_machine.travel(DURING)
def test_concurrent_entries_are_all_saved_with_distinct_receipts_and_numbers(contest):
    forms = [entry_data(contest, email=f"nguoi{n}@example.vn") for n in range(THREADS)]
    assert post_concurrently(contest, forms) == [200] * THREADS
    entries = Entry.objects.filter(contest=contest)
    assert entries.count() == THREADS
    assert len(set(entries.values_list("receipt_code", flat=True))) == THREADS
    assert sorted(entries.values_list("number", flat=True)) == list(range(1, THREADS + 1))


@time_machine.travel(DURING)
def test_the_same_form_sent_many_times_at_once_makes_one_entry(contest):
    data = entry_data(contest)
    assert post_concurrently(contest, [data] * 8) == [200] * 8
    assert Entry.objects.count() == 1


@time_machine.travel(DURING)
def test_the_allowance_per_person_holds_under_a_race(make_contest):
    contest = make_contest(entries_per_person=2)
    forms = [entry_data(contest, submission_token=str(uuid.uuid4()), title=f"Bài {n}") for n in range(8)]
    statuses = post_concurrently(contest, forms)
    assert sorted(statuses) == [200, 200] + [409] * 6
    assert Entry.objects.filter(email_key="hoa.nguyen@example.vn").count() == 2
