"""A nomination whose filing fails after its attachments were written leaves none of their files behind: a
database error after the save, a database that refuses an attachment's row midway, a disk that fills up or turns
read-only while the files are written (the officer is told, and nothing is saved)."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, OperationalError, connection
from django.test import Client
from django.urls import reverse

from exemplars.models import Nomination, NominationAttachment, NominationEvent
from tests.core.full_disk import FULL, READ_ONLY, private_storage_on

from .test_nomination_attachments import PDF, post_with_attachment
from .test_nominations import form_data

pytestmark = pytest.mark.django_db

DISK_REFUSED = (
    "Không lưu được tệp đính kèm: ổ đĩa của máy chủ đã đầy hoặc chỉ cho phép đọc. Chưa có gì được lưu."
)


@pytest.fixture
def officer_in_the_admin(officer_a):
    client = Client(raise_request_exception=False)
    client.force_login(officer_a)
    return client


def stored_files(folder):
    return [path for path in folder.rglob("*") if path.is_file()]


def test_a_database_error_after_the_attachments_were_written_leaves_no_file(
    officer_in_the_admin, nomination_round, while_open, private_nomination_files, monkeypatch
):
    def fail(**fields):
        raise DatabaseError("the database went away")

    monkeypatch.setattr(NominationEvent.objects, "create", fail)

    response = post_with_attachment(officer_in_the_admin, nomination_round, "bien-ban.pdf", PDF)

    assert response.status_code == 500
    assert not Nomination.objects.exists()
    assert not stored_files(private_nomination_files)


def refuse_attachment_rows(execute, sql, params, many, context):
    if sql.startswith('INSERT INTO "exemplars_nominationattachment"'):
        raise OperationalError("server closed the connection unexpectedly")
    return execute(sql, params, many, context)


def test_a_database_that_goes_away_while_the_attachments_are_saved_leaves_no_file(
    officer_in_the_admin, nomination_round, while_open, private_nomination_files
):
    with connection.execute_wrapper(refuse_attachment_rows):
        response = post_with_attachment(officer_in_the_admin, nomination_round, "bien-ban.pdf", PDF)

    assert response.status_code == 503 and "Hệ thống đang bận" in response.content.decode()
    assert not Nomination.objects.exists()
    assert not stored_files(private_nomination_files)


def test_an_attachment_added_to_a_draft_while_the_database_goes_away_leaves_no_file(
    officer_in_the_admin, nomination_round, while_open, private_nomination_files
):
    post_with_attachment(officer_in_the_admin, nomination_round, "bien-ban.pdf", PDF)
    nomination = Nomination.objects.get()
    [kept] = stored_files(private_nomination_files)
    data = form_data(
        nomination_round,
        **{
            "attachments-TOTAL_FORMS": "2",
            "attachments-INITIAL_FORMS": "1",
            "attachments-0-id": str(NominationAttachment.objects.get().pk),
            "attachments-0-DELETE": "",
            "attachments-1-id": "",
            "attachments-1-DELETE": "",
            "attachments-1-file": SimpleUploadedFile("bo-sung.pdf", PDF),
        },
    )

    with connection.execute_wrapper(refuse_attachment_rows):
        response = officer_in_the_admin.post(
            reverse("exemplars_nominations:edit", args=[nomination.pk]), data
        )

    assert response.status_code == 503
    assert NominationAttachment.objects.count() == 1
    assert stored_files(private_nomination_files) == [kept]


@pytest.mark.parametrize("failure", [FULL, READ_ONLY], ids=["full", "read-only"])
def test_a_disk_that_cannot_take_the_attachments_is_named_on_the_form_and_nothing_is_saved(
    officer_in_the_admin, nomination_round, while_open, private_nomination_files, monkeypatch, failure
):
    storage = private_storage_on(failure, root_setting="NOMINATION_FILES_ROOT")
    monkeypatch.setattr(NominationAttachment._meta.get_field("file"), "storage", storage)

    response = post_with_attachment(officer_in_the_admin, nomination_round, "bien-ban.pdf", PDF)

    assert response.status_code == 200
    assert DISK_REFUSED in response.content.decode()
    assert not Nomination.objects.exists() and not NominationAttachment.objects.exists()
    assert not stored_files(private_nomination_files)
