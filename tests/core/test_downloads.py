"""The one private download response (core.downloads): headers, and a file name that cannot break them."""

import io
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from django.http import HttpResponse

from core.downloads import content_disposition, private_file_response

from .spreadsheet_checks import download_header_faults


def test_a_private_file_carries_every_header_and_its_bytes():
    response = private_file_response(io.BytesIO(b"%PDF-1.4"), "bien-ban.pdf", "application/pdf")

    assert download_header_faults(response) == []
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="bien-ban.pdf"'
    assert b"".join(response.streaming_content) == b"%PDF-1.4"


@pytest.mark.parametrize(
    ("filename", "disposition"),
    [
        ("bai-so-007.docx", 'attachment; filename="bai-so-007.docx"'),
        (
            "Đơn đề nghị.pdf",
            "attachment; filename=\"Don-de-nghi.pdf\"; filename*=UTF-8''%C4%90%C6%A1n%20%C4%91%E1%BB%81%20ngh%E1%BB%8B.pdf",
        ),
        ("../../etc/passwd", 'attachment; filename="passwd"'),
        ("C:\\Users\\hoa\\bai.pdf", 'attachment; filename="bai.pdf"'),
        (
            'a"\r\nSet-Cookie: x=1.pdf',
            "attachment; filename=\"a-Set-Cookie-x-1.pdf\"; filename*=UTF-8''a%22Set-Cookie%3A%20x%3D1.pdf",
        ),
        ("", 'attachment; filename="file"'),
        (".pdf", 'attachment; filename="file.pdf"'),
    ],
)
def test_the_name_is_ascii_and_the_real_name_rides_in_rfc_5987(filename, disposition):
    assert content_disposition(filename) == disposition


def test_a_long_name_is_cut_keeping_a_short_extension():
    disposition = content_disposition("a." + "x" * 300)

    assert disposition == 'attachment; filename="a.xxxxxxxxxxxxxxxx"'


def test_a_long_name_is_cut_keeping_its_extension():
    disposition = content_disposition("Biên bản " * 60 + ".docx")

    ascii_name = disposition.split('"')[1]
    assert ascii_name.endswith(".docx") and len(ascii_name) <= 110
    assert unquote(disposition.split("''")[1]).endswith(".docx")


@pytest.mark.fuzz
@given(st.text(max_size=80))
def test_no_name_breaks_the_header(filename):
    disposition = content_disposition(filename)

    disposition.encode("ascii")
    HttpResponse()["Content-Disposition"] = disposition  # Django refuses a header that would split
    ascii_name = disposition.split('"')[1]
    assert ascii_name and '"' not in ascii_name and "/" not in ascii_name and "\\" not in ascii_name
    if "filename*=" in disposition:
        real_name = unquote(disposition.split("filename*=UTF-8''")[1])
        assert "/" not in real_name and "\\" not in real_name and "\n" not in real_name
