"""An entry's file leaves the admin as a hardened private download, to the organisers and to a judge alike."""

import pytest

from django.urls import reverse

from contests.models import FileKind
from tests.core.spreadsheet_checks import download_header_faults

from ..conftest import PDF
from .test_anonymise import build_zip, docx_members
from .test_judge_pages import attach, identified_entry  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def test_the_organisers_copy_of_an_entry_file(client, organiser, identified_entry, attach):  # noqa: F811
    attach(identified_entry, PDF, FileKind.PDF)
    client.force_login(organiser)

    response = client.get(reverse("contests_entry_file", args=[identified_entry.pk]))

    assert response.status_code == 200
    assert download_header_faults(response) == []
    assert response["Content-Type"] == "application/pdf"


def test_the_judges_anonymised_copy(client, judged_contest, make_judge, identified_entry, attach):  # noqa: F811
    attach(identified_entry, build_zip(docx_members()), FileKind.DOCX)
    client.force_login(make_judge(contest=judged_contest))

    response = client.get(reverse("contests_judge_file", args=[identified_entry.pk]))

    assert response.status_code == 200
    assert download_header_faults(response) == []
    assert (
        response["Content-Disposition"] == f'attachment; filename="bai-so-{identified_entry.number:03d}.docx"'
    )
