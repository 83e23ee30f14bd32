"""Replays of one form with a file, sent at once on PostgreSQL: one entry and one file, none left behind."""

import pytest
import time_machine

from contests.models import Entry

from .conftest import DURING, docx_bytes, entry_data, upload
from .test_concurrency import post_concurrently

REPLAYS = 5

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def generous_rate_limit(settings):
    settings.CONTEST_ENTRIES_PER_ADDRESS = 10_000


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    return settings.PRIVATE_MEDIA_ROOT


@time_machine.travel(DURING)
def test_five_replays_at_once_make_one_entry_and_keep_one_file(contest, private_media):
    data = entry_data(contest)
    # Each thread posts its own upload object (a file is read once), all of the same form.
    forms = [{**data, "attachment": upload("bai.docx", docx_bytes())} for _ in range(REPLAYS)]
    assert post_concurrently(contest, forms) == [200] * REPLAYS
    entry = Entry.objects.get()
    assert [path for path in private_media.rglob("*") if path.is_file()] == [private_media / entry.file.name]
