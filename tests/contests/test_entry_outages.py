"""Entries sent while the disk cannot take files or the database is out of reach: refused with a message that
says to send again, and nothing half-saved, neither a row without its file nor a file without its row."""

import pytest
import time_machine

from django.db import OperationalError, connection
from django.test import Client

from contests.models import Entry
from tests.core.full_disk import FULL, READ_ONLY, private_storage_on

from .conftest import DURING, PDF, entry_data, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def entrant():
    return Client(raise_request_exception=False)


def files_under(folder):
    return [path for path in folder.rglob("*") if path.is_file()]


def with_file(contest):
    return entry_data(contest, attachment=upload("bai.pdf", PDF, "application/pdf"))


@pytest.mark.parametrize("failure", [FULL, READ_ONLY], ids=["full", "read-only"])
@time_machine.travel(DURING, tick=False)
def test_an_entry_whose_file_the_disk_refuses_is_refused_with_a_message(
    entrant, contest, private_media, monkeypatch, failure
):
    monkeypatch.setattr(Entry._meta.get_field("file"), "storage", private_storage_on(failure))

    response = entrant.post(contest.url, with_file(contest))

    assert response.status_code == 503 and response["Retry-After"]
    page = response.content.decode()
    assert "không lưu được tệp đính kèm nên bài dự thi của bạn chưa được nhận" in page
    assert "Người giữ lửa buôn làng" in page  # what the entrant typed is still in the form
    assert not Entry.objects.exists() and files_under(private_media) == []


@time_machine.travel(DURING, tick=False)
def test_an_entry_without_a_file_is_taken_while_the_disk_is_full(
    entrant, contest, private_media, monkeypatch
):
    monkeypatch.setattr(Entry._meta.get_field("file"), "storage", private_storage_on(FULL))

    response = entrant.post(contest.url, entry_data(contest))

    assert response.status_code == 200 and Entry.objects.count() == 1


@time_machine.travel(DURING, tick=False)
def test_an_entry_the_database_refuses_gets_the_busy_page_and_leaves_no_file(entrant, contest, private_media):
    def refuse_entries(execute, sql, params, many, context):
        if sql.startswith('INSERT INTO "contests_entry"'):
            raise OperationalError("terminating connection due to administrator command")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse_entries):
        response = entrant.post(contest.url, with_file(contest))

    assert response.status_code == 503 and "Hệ thống đang bận" in response.content.decode()
    assert not Entry.objects.exists() and files_under(private_media) == []
