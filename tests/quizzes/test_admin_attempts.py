"""The organisers' listing of attempts: read-only for everyone, searched by name or phone written any way,
refused to the newsroom's roles, exported with no formula."""

import pytest
import time_machine

from django.urls import reverse

from quizzes.admin_attempts import right_answers
from quizzes.models import Attempt
from quizzes.setup import ORGANISERS_GROUP
from tests.core.spreadsheet_checks import download_header_faults, export_values, formula_values

from . import test_admin_results
from .conftest import AFTER
from .test_admin_results import EDITOR, FORMULA_NAME, JOURNALIST, refused

pytestmark = pytest.mark.django_db

# The results tests' fixtures: organisers signed in, and a closed round with three attempts sent.
organisers = test_admin_results.organisers
signed_in = test_admin_results.signed_in
closed_round = test_admin_results.closed_round


def listed_names(response):
    return sorted(attempt.entrant.full_name for attempt in response.context["object_list"])


@time_machine.travel(AFTER, tick=False)
def test_organisers_find_attempts_by_phone_written_any_way_or_by_name(signed_in, quiz, closed_round):
    client = signed_in(ORGANISERS_GROUP)
    index = reverse("quizzes_attempt:index")
    assert len(client.get(index, {"round": closed_round.pk}).context["object_list"]) == 3
    assert listed_names(client.get(index, {"q": "+84 912 345 678"})) == ["Nguyễn Thị Hoa"]
    assert listed_names(client.get(index, {"q": "0912.345.678"})) == ["Nguyễn Thị Hoa"]
    assert listed_names(client.get(index, {"q": "bình"})) == ["Y Bình Niê"]
    assert "0912345678" in client.get(index).content.decode()


def test_a_score_of_nothing_right_reads_0_and_an_unsent_attempt_a_dash():
    assert right_answers(Attempt(correct_count=0)) == 0
    assert right_answers(Attempt(correct_count=None)) == "—"


@time_machine.travel(AFTER, tick=False)
@pytest.mark.parametrize("who", ["signed out", JOURNALIST, EDITOR])
def test_the_newsroom_never_lists_attempts(client, signed_in, quiz, closed_round, who):
    if who != "signed out":
        signed_in(who)
    assert refused(client.get(reverse("quizzes_attempt:index")))
    assert refused(client.get(reverse("quizzes_attempt:index") + "?export=csv"))


@time_machine.travel(AFTER, tick=False)
def test_nobody_changes_or_deletes_an_attempt_not_even_a_superuser(client, make_user, quiz, closed_round):
    client.force_login(make_user("quantri", is_superuser=True, admin_language="en"))
    attempt = Attempt.objects.first()
    assert client.get(reverse("quizzes_attempt:index")).status_code == 200
    for url in [
        reverse("quizzes_attempt:add"),
        reverse("quizzes_attempt:edit", args=[attempt.pk]),
        reverse("quizzes_attempt:delete", args=[attempt.pk]),
    ]:
        assert refused(client.get(url)), url
        assert refused(client.post(url)), url
    assert Attempt.objects.filter(pk=attempt.pk).exists()


@time_machine.travel(AFTER, tick=False)
@pytest.mark.parametrize("spreadsheet_format", ["csv", "xlsx"])
def test_the_attempts_export_runs_no_formula(signed_in, quiz, closed_round, spreadsheet_format):
    client = signed_in(ORGANISERS_GROUP)
    response = client.get(reverse("quizzes_attempt:index"), {"export": spreadsheet_format})
    assert response.status_code == 200 and download_header_faults(response) == []
    values, formula_cells = export_values(response, spreadsheet_format)
    assert formula_values(values) == [] and formula_cells == []
    assert f"'{FORMULA_NAME}" in values
