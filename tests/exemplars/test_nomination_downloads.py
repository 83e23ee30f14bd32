"""A nomination's attachment leaves the admin as a hardened private download, under its own (Vietnamese) name."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from exemplars.models import NominationAttachment
from tests.core.spreadsheet_checks import download_header_faults

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def attachment(officer_a, make_nomination):
    attachment = NominationAttachment(
        nomination=make_nomination(officer_a),
        file=SimpleUploadedFile('Biên bản "họp" xét;chọn.pdf', PDF),
    )
    attachment.full_clean()
    attachment.save()
    return attachment


def test_the_attachment_is_a_hardened_private_download(client, officer_a, attachment):
    client.force_login(officer_a)

    response = client.get(reverse("exemplars_nominations:download", args=[attachment.pk]))

    assert response.status_code == 200
    assert download_header_faults(response) == []
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF


def test_its_name_reaches_every_browser_and_breaks_no_header(client, officer_a, attachment):
    client.force_login(officer_a)

    disposition = client.get(reverse("exemplars_nominations:download", args=[attachment.pk]))[
        "Content-Disposition"
    ]

    assert disposition == (
        'attachment; filename="Bien-ban-hop-xet-chon.pdf"; '
        "filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20%22h%E1%BB%8Dp%22%20x%C3%A9t%3Bch%E1%BB%8Dn.pdf"
    )
