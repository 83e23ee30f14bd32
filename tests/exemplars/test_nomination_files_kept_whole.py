"""A nomination whose filing fails after its attachments were written leaves none of their files behind."""

import pytest

from django.db import DatabaseError
from django.test import Client

from exemplars.models import Nomination, NominationEvent

from .test_nomination_attachments import PDF, post_with_attachment

pytestmark = pytest.mark.django_db


def test_a_database_error_after_the_attachments_were_written_leaves_no_file(
    officer_a, nomination_round, while_open, private_nomination_files, monkeypatch
):
    def fail(**fields):
        raise DatabaseError("the database went away")

    monkeypatch.setattr(NominationEvent.objects, "create", fail)
    client = Client(raise_request_exception=False)
    client.force_login(officer_a)

    response = post_with_attachment(client, nomination_round, "bien-ban.pdf", PDF)

    assert response.status_code == 500
    assert not Nomination.objects.exists()
    assert not [path for path in private_nomination_files.rglob("*") if path.is_file()]
