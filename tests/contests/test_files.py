"""Attached files: checked by content, stored privately, given only to organisers, as attachments."""

import re
from pathlib import Path

import pytest
import time_machine

from django.conf import settings
from django.urls import reverse

from contests.files import MAX_FILE_BYTES
from contests.models import Entry
from contests.setup import JUDGES_GROUP, ORGANISERS_GROUP
from core.file_types import MAX_ZIP_MEMBERS, ODT

from .conftest import DURING, PDF, PNG, docx_bytes, entry_data, odt_bytes, upload, zip_bytes

pytestmark = pytest.mark.django_db


def post_with_file(client, contest, attachment, **overrides):
    return client.post(contest.url, {**entry_data(contest, text="", **overrides), "attachment": attachment})


@time_machine.travel(DURING, tick=False)
@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [("bai.pdf", PDF, "pdf"), ("bai.DOCX", docx_bytes(), "docx"), ("bai.odt", odt_bytes(), "odt")],
)
def test_a_real_document_is_taken_and_kept_out_of_the_public_media(client, contest, name, content, kind):
    response = post_with_file(client, contest, upload(name, content))
    assert response.status_code == 200, response.content.decode()
    entry = Entry.objects.get()
    assert (entry.file_kind, entry.file_name, entry.file_size) == (kind, name, len(content))
    stored = Path(entry.file.path)
    assert stored.read_bytes() == content and name not in stored.name
    assert stored.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT))
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT))
    with pytest.raises(PermissionError):
        entry.file.url  # noqa: B018 - no public URL can be built for an entry file


@time_machine.travel(DURING, tick=False)
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bai.pdf", PNG, "Nội dung tệp không phải là PDF"),
        ("bai.docx", PDF, "Nội dung tệp không phải là DOCX"),
        ("bai.docx", zip_bytes({"readme.txt": "không phải Word"}), "Nội dung tệp không phải là DOCX"),
        ("bai.odt", zip_bytes({"mimetype": "application/zip", "content.xml": "<x/>"}), "không phải là ODT"),
        ("bai.odt", docx_bytes(), "Nội dung tệp không phải là ODT"),
        # OpenDocument packages keep `mimetype` first and uncompressed; this one compressed it.
        ("bai.odt", zip_bytes({"mimetype": ODT.mime, "content.xml": "<x/>"}), "không phải là ODT"),
        ("bai.exe", PDF, "Cuộc thi chỉ nhận tệp DOCX, ODT, PDF."),
        ("bai.docx", b"PK\x03\x04 broken zip", "Nội dung tệp không phải là DOCX"),
    ],
)
def test_a_file_whose_extension_lies_is_refused_and_the_typed_text_kept(
    client, contest, name, content, message
):
    response = post_with_file(client, contest, upload(name, content), title="Bài có tệp sai")
    html = response.content.decode()
    assert response.status_code == 400 and message in html
    assert "tệp đính kèm không được giữ lại" in html and "Bài có tệp sai" in html
    assert not Entry.objects.exists()


@time_machine.travel(DURING, tick=False)
def test_a_zip_bomb_is_not_a_document(client, contest):
    many_members = zip_bytes(
        {f"word/{n}.xml": "" for n in range(MAX_ZIP_MEMBERS + 1)} | {"[Content_Types].xml": ""}
    )
    huge = zip_bytes({"[Content_Types].xml": "", "word/document.xml": b"\0" * (101 * 1024 * 1024)})
    assert len(huge) < 1024 * 1024
    for content, message in ((many_members, "không phải là DOCX"), (huge, "khi giải nén, tệp lớn hơn 50 MB")):
        response = post_with_file(client, contest, upload("bai.docx", content))
        assert message in response.content.decode()
    assert not Entry.objects.exists()


@time_machine.travel(DURING, tick=False)
def test_a_file_over_the_stated_limit_is_refused(client, contest):
    content = PDF + b"0" * MAX_FILE_BYTES
    response = post_with_file(client, contest, upload("bai.pdf", content))
    assert response.status_code == 400 and "Tệp quá lớn: tối đa 10 MB." in response.content.decode()


@time_machine.travel(DURING, tick=False)
def test_a_request_far_over_the_limit_is_refused_unread(client, contest):
    response = client.post(contest.url, entry_data(contest), CONTENT_LENGTH=str(60 * 1024 * 1024))
    assert response.status_code == 413 and "tối đa 10 MB" in response.content.decode()


@time_machine.travel(DURING, tick=False)
@pytest.mark.parametrize("declared", ["mot tram", "-5", "1e9"])
def test_a_content_length_that_is_not_a_length_is_no_error(client, contest, declared):
    response = client.post(contest.url, entry_data(contest), CONTENT_LENGTH=declared)
    assert response.status_code in (200, 400)


@time_machine.travel(DURING, tick=False)
def test_a_contest_may_take_only_some_kinds_or_text_only(client, make_contest):
    pdf_only = make_contest("Chỉ nhận PDF", accepts_docx=False, accepts_odt=False)
    response = post_with_file(client, pdf_only, upload("bai.docx", docx_bytes()))
    assert "Cuộc thi chỉ nhận tệp PDF." in response.content.decode()
    text_only = make_contest("Chỉ nhận bài gõ", accepts_docx=False, accepts_odt=False, accepts_pdf=False)
    html = client.get(text_only.url).content.decode()
    assert 'name="attachment"' not in html
    response = client.post(text_only.url, entry_data(text_only, text=""))
    assert "Vui lòng dán nội dung bài viết." in response.content.decode()


@pytest.fixture
def entry_with_file(client, contest):
    with time_machine.travel(DURING, tick=False):
        post_with_file(client, contest, upload("Bài dự thi của Hoa.docx", docx_bytes()))
    return Entry.objects.get()


def test_an_organiser_downloads_the_file_as_an_attachment(client, entry_with_file, roles, make_user):
    client.force_login(make_user("bantochuc", ORGANISERS_GROUP))
    response = client.get(reverse("contests_entry_file", args=[entry_with_file.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="bai-du-thi-cua-hoa.docx"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert b"".join(response.streaming_content) == Path(entry_with_file.file.path).read_bytes()


def test_no_one_else_reaches_the_file(client, entry_with_file, roles, make_user):
    url = reverse("contests_entry_file", args=[entry_with_file.pk])
    assert client.get(url)["Location"].startswith("/admin/login/")
    for user in (make_user("giamkhao", JUDGES_GROUP), make_user("phongvien", "Báo Đắk Lắk · Phóng viên")):
        client.force_login(user)
        refused = client.get(url)
        # Wagtail turns a refusal into a redirect to the dashboard with a message.
        assert (refused.status_code, refused["Location"]) == (302, "/admin/")


def test_no_public_url_leads_to_an_entry_file(client, entry_with_file):
    stored = entry_with_file.file.name
    assert client.get(f"{settings.MEDIA_URL}{stored}").status_code == 404
    assert client.get(f"/private-media/{stored}").status_code == 404
    assert not re.search(r"entries/\d+/", client.get(entry_with_file.contest.url).content.decode())
