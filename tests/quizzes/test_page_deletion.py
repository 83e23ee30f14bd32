"""A knowledge contest page with rounds is not deleted: its rounds, attempts and results point at it."""

import pytest

from django.urls import reverse

from quizzes.models import QuizPage
from quizzes.taking import start_attempt

from .conftest import DURING, details

pytestmark = pytest.mark.django_db


def test_a_contest_with_rounds_is_kept(client, make_user, quiz, make_round):
    start_attempt(make_round(), details(), DURING)
    client.force_login(make_user("quantri", is_superuser=True, admin_language="en"))
    url = reverse("wagtailadmin_pages:delete", args=[quiz.pk])
    edit_url = reverse("wagtailadmin_pages:edit", args=[quiz.pk])
    for response in (client.get(url), client.post(url)):
        assert (response.status_code, response["Location"]) == (302, edit_url)
    assert "cannot be deleted: it has rounds" in client.get(edit_url).content.decode()
    assert QuizPage.objects.filter(pk=quiz.pk).exists()


def test_a_contest_without_rounds_is_deleted_as_any_page(client, make_user, quiz):
    client.force_login(make_user("quantri", is_superuser=True, admin_language="en"))
    client.post(reverse("wagtailadmin_pages:delete", args=[quiz.pk]))
    assert not QuizPage.objects.filter(pk=quiz.pk).exists()
