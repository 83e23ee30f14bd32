"""The Department's nominations export opens as plain text, whatever the units typed (issue 12, case 7)."""

import pytest

from django.urls import reverse

from exemplars.models import AchievementField, Commendation, Nomination, Status
from tests.core.spreadsheet_checks import (
    FORMULA_FORMS,
    download_header_faults,
    export_values,
    formula_values,
)

REPORT = "exemplars_nomination_report"
# Every field of the export that an officer types; the contact phone holds 20 characters.
OFFICER_TYPED = {
    "name": 255,
    "position": 200,
    "achievements_summary": 8000,
    "awards_received": 8000,
    "proposed_commendation_other": 200,
    "contact_person": 200,
    "contact_phone": 20,
}


@pytest.fixture
def typed_formulas(nomination_round, unit_a, officer_a):
    """One submitted nomination per formula form, the form in every officer-typed field (past the quota:
    the export is what is tested, not filing)."""
    for form in FORMULA_FORMS:
        nomination = Nomination.objects.create(
            round=nomination_round,
            unit=unit_a,
            subject_kind=Nomination.SubjectKind.INDIVIDUAL,
            proposed_commendation=Commendation.OTHER,
            status=Status.SUBMITTED,
            decision_number=form[:60],
            created_by=officer_a,
            **{field: form[:length] for field, length in OFFICER_TYPED.items()},
        )
        nomination.achievement_fields.set(AchievementField.objects.filter(code="cong-tac"))


@pytest.mark.parametrize("spreadsheet_format", ["csv", "xlsx"])
def test_no_typed_formula_runs_when_the_export_is_opened(
    client, reviewer, typed_formulas, spreadsheet_format
):
    client.force_login(reviewer)

    response = client.get(reverse(REPORT), {"export": spreadsheet_format})

    assert response.status_code == 200
    values, stored_as_formulas = export_values(response, spreadsheet_format)
    assert stored_as_formulas == []
    assert formula_values(values) == []
    # Made inert, not lost: each typed value is there behind the apostrophe spreadsheets read as "text".
    written = {value.replace("\r\n", "\n").replace("\r", "\n") for value in values if isinstance(value, str)}
    for form in FORMULA_FORMS:
        assert f"'{form}".replace("\r", "\n") in written


def test_text_that_only_looks_numeric_or_harmless_is_left_as_typed(client, reviewer, typed_formulas):
    Nomination.objects.filter(status=Status.SUBMITTED).update(position="Trưởng trạm - y sĩ")
    client.force_login(reviewer)

    response = client.get(reverse(REPORT), {"export": "csv"})

    assert "Trưởng trạm - y sĩ" in b"".join(response.streaming_content).decode()


@pytest.mark.parametrize("spreadsheet_format", ["csv", "xlsx"])
def test_the_export_is_a_private_download(client, reviewer, typed_formulas, spreadsheet_format):
    client.force_login(reviewer)

    response = client.get(reverse(REPORT), {"export": spreadsheet_format})

    assert download_header_faults(response) == []
    assert "de-cu-dien-hinh-" in response["Content-Disposition"]


def test_a_control_character_typed_into_a_field_does_not_break_the_xlsx(client, reviewer, typed_formulas):
    Nomination.objects.filter(status=Status.SUBMITTED).update(achievements_summary="Dòng một\x0bdòng hai\x01")
    client.force_login(reviewer)

    response = client.get(reverse(REPORT), {"export": "xlsx"})

    assert response.status_code == 200
    assert "Dòng mộtdòng hai" in export_values(response, "xlsx")[0]
