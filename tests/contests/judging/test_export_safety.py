"""Every contest export opens as plain text, whatever the public, the judges or the organisers typed, and leaves
as a private download (issue 12, case 7)."""

import pytest

from django.urls import reverse

from contests.models import RubricCriterion
from tests.core.spreadsheet_checks import FORMULA_FORMS, download_header_faults, export_values, formula_values

pytestmark = pytest.mark.django_db

FORMATS = ["csv", "xlsx"]
# What the public types into the entry form, with each field's length.
ENTRANT_TYPED = {"full_name": 120, "pen_name": 120, "phone": 20, "address": 300, "title": 300, "text": 10_000}


@pytest.fixture
def typed_formulas(judged_contest, make_entry, make_judge, write_sheet):
    """An accepted entry per formula form, typed everywhere; a judge's comments and a criterion named likewise."""
    RubricCriterion.objects.filter(contest=judged_contest).update(name=FORMULA_FORMS[0])
    judge = make_judge(contest=judged_contest)
    for form in FORMULA_FORMS:
        entry = make_entry(
            judged_contest, **{field: form[:length] for field, length in ENTRANT_TYPED.items()}
        )
        write_sheet(entry, judge, 7, 8, comment=form)
    return judged_contest


def entries_export(client, spreadsheet_format):
    return client.get(reverse("entry:index"), {"export": spreadsheet_format})


def judging_export(client, name, contest, spreadsheet_format):
    url = reverse(f"contests_judging:export_{name}", args=[contest.pk])
    return client.get(url, {"export": spreadsheet_format})


@pytest.mark.parametrize("spreadsheet_format", FORMATS)
def test_the_entries_export_runs_no_formula(client, organiser, typed_formulas, spreadsheet_format):
    client.force_login(organiser)

    values, stored_as_formulas = export_values(entries_export(client, spreadsheet_format), spreadsheet_format)

    assert stored_as_formulas == []
    assert formula_values(values) == []
    assert "'＝1+1" in values and "' =1+1" in values  # made inert, kept whole


@pytest.mark.parametrize("name", ["scores", "ranking"])
@pytest.mark.parametrize("spreadsheet_format", FORMATS)
def test_the_judging_exports_run_no_formula(client, organiser, typed_formulas, name, spreadsheet_format):
    client.force_login(organiser)

    response = judging_export(client, name, typed_formulas, spreadsheet_format)

    values, stored_as_formulas = export_values(response, spreadsheet_format)
    assert stored_as_formulas == []
    assert formula_values(values) == []


def test_numbers_stay_numbers_in_the_xlsx(client, organiser, typed_formulas):
    client.force_login(organiser)

    values, _formulas = export_values(judging_export(client, "scores", typed_formulas, "xlsx"), "xlsx")

    assert 7 in values and 8 in values


@pytest.mark.parametrize("spreadsheet_format", FORMATS)
def test_every_contest_export_is_a_private_download(client, organiser, typed_formulas, spreadsheet_format):
    client.force_login(organiser)

    responses = [
        entries_export(client, spreadsheet_format),
        judging_export(client, "scores", typed_formulas, spreadsheet_format),
        judging_export(client, "ranking", typed_formulas, spreadsheet_format),
    ]

    assert [download_header_faults(response) for response in responses] == [[], [], []]
