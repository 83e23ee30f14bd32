"""Attachments: judged by content, kept outside MEDIA_ROOT, handed out only to who may see the nomination."""

import io
import zipfile

import pytest

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from exemplars.models import NominationAttachment
from newsroom.outlets import journalists_group_name

from .conftest import assert_refused
from .test_nominations import form_data

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\x00" * 40


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def odt_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def post_with_attachment(client, nomination_round, name, content):
    data = form_data(
        nomination_round,
        **{"attachments-TOTAL_FORMS": "1", "attachments-0-file": SimpleUploadedFile(name, content)},
    )
    return client.post(reverse("exemplars_nominations:add"), data)


def test_a_row_left_without_a_file_is_carried_and_skipped(
    client, officer_a, nomination_round, while_open, private_nomination_files
):
    """The admin's page sends every attachment row it counts, a row added and left empty with its id and DELETE
    fields only."""
    client.force_login(officer_a)
    data = form_data(
        nomination_round,
        **{
            "attachments-TOTAL_FORMS": "2",
            "attachments-0-id": "",
            "attachments-0-DELETE": "",
            "attachments-0-file": SimpleUploadedFile("bien-ban.pdf", PDF),
            "attachments-1-id": "",
            "attachments-1-DELETE": "",
        },
    )

    response = client.post(reverse("exemplars_nominations:add"), data)

    assert response.status_code == 302
    assert NominationAttachment.objects.get().original_name == "bien-ban.pdf"


@pytest.mark.parametrize("claimed", ["2", "1000", "1000.0", "99999999999999999999"])
def test_a_count_of_rows_the_request_does_not_carry_is_refused_before_any_is_built(
    client, officer_a, nomination_round, while_open, private_nomination_files, claimed
):
    """Django would build every row counted, up to 2,000, and show them all again with the form's errors."""
    client.force_login(officer_a)
    data = form_data(
        nomination_round,
        **{"attachments-TOTAL_FORMS": claimed, "attachments-0-file": SimpleUploadedFile("bien-ban.pdf", PDF)},
    )

    response = client.post(reverse("exemplars_nominations:add"), data)

    assert response.status_code == 400
    assert "Biểu mẫu đã bị thay đổi" in response.content.decode()
    assert not NominationAttachment.objects.exists() and not any(private_nomination_files.rglob("*.*"))


@pytest.mark.parametrize(
    ("name", "content", "mime"),
    [
        ("bien-ban.pdf", PDF, "application/pdf"),
        (
            "to-trinh.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("to-trinh.odt", odt_bytes(), "application/vnd.oasis.opendocument.text"),
        ("anh.png", PNG, "image/png"),
    ],
)
def test_allowed_files_are_kept_privately(
    client, officer_a, nomination_round, while_open, private_nomination_files, name, content, mime
):
    client.force_login(officer_a)

    response = post_with_attachment(client, nomination_round, name, content)

    assert response.status_code == 302
    attachment = NominationAttachment.objects.get()
    assert (attachment.original_name, attachment.content_type, attachment.size) == (name, mime, len(content))
    stored = private_nomination_files / attachment.file.name
    assert stored.read_bytes() == content
    assert not str(stored.resolve()).startswith(str(settings.MEDIA_ROOT.resolve()))
    assert name not in attachment.file.name  # the stored name says nothing about the person


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("ho-so.pdf", b"MZ\x90\x00 this is a Windows program"),  # an executable named as a PDF
        ("ho-so.pdf", PNG),  # an image named as a PDF
        ("ghi-chu.txt", b"plain text"),
        ("anh.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        ("ho-so.pdf", b"\xef\xbb\xbf" + PDF),  # a PDF header only after a byte order mark
        ("to-trinh.docx", docx_bytes()[:-22]),  # a document's head over an archive that cannot be read
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused(
    client, officer_a, nomination_round, while_open, name, content
):
    client.force_login(officer_a)

    response = post_with_attachment(client, nomination_round, name, content)

    assert response.status_code == 200
    assert not NominationAttachment.objects.exists()


def test_a_file_over_10_mb_is_refused(client, officer_a, nomination_round, while_open):
    client.force_login(officer_a)

    response = post_with_attachment(client, nomination_round, "lon.pdf", PDF + b"0" * (10 * 1024 * 1024))

    assert response.status_code == 200
    assert "10 MB" in response.content.decode()
    assert not NominationAttachment.objects.exists()


@pytest.fixture
def attachment(client, officer_a, nomination_round, while_open):
    client.force_login(officer_a)
    post_with_attachment(client, nomination_round, "bien-ban.pdf", PDF)
    client.logout()
    return NominationAttachment.objects.get()


def test_the_units_officer_downloads_it(client, officer_a, attachment):
    client.force_login(officer_a)

    response = client.get(reverse("exemplars_nominations:download", args=[attachment.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]


def test_others_cannot_download_it(client, outlets, officer_b, make_user, attachment, reviewer):
    url = reverse("exemplars_nominations:download", args=[attachment.pk])
    journalist = make_user("phongvien", journalists_group_name("newspaper"))
    for user in (officer_b, journalist, reviewer):  # the reviewer: the nomination is still a draft
        client.force_login(user)
        assert_refused(client.get(url))
    client.logout()
    assert client.get(url).status_code == 302  # to the admin login


def test_no_public_url_reaches_it(client, attachment):
    assert client.get(f"{settings.MEDIA_URL}{attachment.file.name}").status_code == 404
    with pytest.raises(PermissionError):
        attachment.file.url  # noqa: B018 - no public URL can be built for an attachment


def test_the_edit_form_names_the_stored_file_without_linking_it(client, officer_a, attachment):
    client.force_login(officer_a)

    content = client.get(
        reverse("exemplars_nominations:edit", args=[attachment.nomination_id])
    ).content.decode()

    assert "bien-ban.pdf" in content
    assert attachment.file.name not in content


# No file stays on disk that no nomination points to.


@pytest.fixture
def stored_attachment(client, officer_a, nomination_round, while_open, private_nomination_files):
    client.force_login(officer_a)
    post_with_attachment(client, nomination_round, "bien-ban.pdf", PDF)
    attachment = NominationAttachment.objects.get()
    return attachment, private_nomination_files / attachment.file.name


def test_a_deleted_attachment_takes_its_file_along(stored_attachment, django_capture_on_commit_callbacks):
    attachment, stored = stored_attachment
    assert stored.exists()

    with django_capture_on_commit_callbacks(execute=True):
        attachment.delete()

    assert not stored.exists()


def test_a_deleted_nomination_takes_its_attachments_files_along(
    stored_attachment, django_capture_on_commit_callbacks
):
    attachment, stored = stored_attachment

    with django_capture_on_commit_callbacks(execute=True):
        attachment.nomination.delete()

    assert not stored.exists()


def test_a_replaced_file_leaves_the_disk_and_the_new_one_stays(
    stored_attachment, private_nomination_files, django_capture_on_commit_callbacks
):
    attachment, stored = stored_attachment

    with django_capture_on_commit_callbacks(execute=True):
        attachment.file = SimpleUploadedFile("bien-ban-moi.pdf", PDF + b"%moi")
        attachment.save()

    assert not stored.exists()
    assert (private_nomination_files / attachment.file.name).read_bytes() == PDF + b"%moi"


def test_a_rolled_back_deletion_keeps_the_file(stored_attachment, django_capture_on_commit_callbacks):
    attachment, stored = stored_attachment
    kept_pk = attachment.pk

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        attachment.delete()
        raise RuntimeError("the step failed")

    assert stored.exists() and NominationAttachment.objects.filter(pk=kept_pk).exists()
