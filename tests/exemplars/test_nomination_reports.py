"""The Department's report: counts and charts per round and unit, the form's columns in XLSX and CSV."""

import io

import openpyxl
import pytest

from django.urls import reverse

from .conftest import PRIVATE_DATA, assert_refused

REPORT = "exemplars_nomination_report"


@pytest.fixture
def filed(officer_a, officer_b, reviewer, make_nomination, advance):
    advance(make_nomination(officer_a, "Trần Thị Mai"), ("submit", officer_a))
    advance(
        make_nomination(officer_a, "Khoa Nhi", subject_kind="collective", position="", id_number=""),
        ("submit", officer_a),
        ("start_appraisal", reviewer),
    )
    advance(make_nomination(officer_b, "Nguyễn Văn Tâm"), ("submit", officer_b))
    make_nomination(officer_b, "Hồ sơ chưa gửi")


def test_the_report_counts_and_draws_with_a_table_beside(client, reviewer, filed, make_exemplar, unit_b):
    make_exemplar("H'Linh Mlô", unit=unit_b, fields=("cong-tac",))
    client.force_login(reviewer)

    content = client.get(reverse(REPORT)).content.decode()

    assert "Trần Thị Mai" in content and "Nguyễn Văn Tâm" in content
    assert "Hồ sơ chưa gửi" not in content  # drafts are the unit's own
    assert content.count('<svg role="img"') == 5
    assert '<th scope="row">Xã Ea Knuếc</th><td>1</td>' in content  # the published exemplar by locality


def test_the_report_filters_by_unit(client, reviewer, filed, unit_b):
    client.force_login(reviewer)

    content = client.get(reverse(REPORT), {"unit": unit_b.pk}).content.decode()

    assert "Nguyễn Văn Tâm" in content
    assert "Trần Thị Mai" not in content


def test_csv_export_has_the_forms_columns_but_not_the_id_number(client, reviewer, filed):
    client.force_login(reviewer)

    response = client.get(reverse(REPORT), {"export": "csv"})

    content = b"".join(response.streaming_content).decode()
    assert "Trần Thị Mai" in content and PRIVATE_DATA["contact_phone"] in content
    assert PRIVATE_DATA["id_number"] not in content and PRIVATE_DATA["address"] not in content
    assert len(content.strip().splitlines()) == 4  # heading and three submitted nominations


def test_xlsx_export(client, reviewer, filed):
    client.force_login(reviewer)

    response = client.get(reverse(REPORT), {"export": "xlsx"})

    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert len(rows) == 4
    assert "Trần Thị Mai" in [row[4] for row in rows]


def test_officers_and_journalists_get_no_report(client, officer_a, filed, make_user, outlets):
    from newsroom.outlets import journalists_group_name

    for user in (officer_a, make_user("phongvien", journalists_group_name("newspaper"))):
        client.force_login(user)
        assert_refused(client.get(reverse(REPORT)))
