"""The scores and ranking exports: organisers only, one row per entry and sheet, formulas kept inert."""

import csv
import io

import openpyxl
import pytest

from django.urls import reverse

from contests.models import ContestPrize, Entry
from contests.organiser_actions import award_prize, close_judging

pytestmark = pytest.mark.django_db


def export(client, name, contest, spreadsheet_format):
    url = reverse(f"contests_judging:export_{name}", args=[contest.pk]) + f"?export={spreadsheet_format}"
    return client.get(url)


def csv_rows(response):
    content = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(content)))


@pytest.fixture
def scored_contest(judged_contest, make_judge, write_sheet):
    writing, _report = judged_contest.categories.all()
    first, second = Entry.objects.filter(category=writing, status=Entry.Status.ACCEPTED)
    judge_a = make_judge("giamkhao.a", contest=judged_contest)
    judge_b = make_judge("giamkhao.b", contest=judged_contest)
    write_sheet(first, judge_a, 8, 6, comment='=HYPERLINK("http://x")')  # 7.2
    write_sheet(first, judge_b, 9, 9)  # 9
    write_sheet(second, judge_a, 7)  # incomplete
    return judged_contest


def test_the_scores_export_has_a_row_per_entry_and_sheet(client, organiser, scored_contest):
    client.force_login(organiser)
    rows = csv_rows(export(client, "scores", scored_contest, "csv"))
    first_sheets = [row for row in rows if row["Entry"] == "Bài số 001"]
    assert [row["Judge"] for row in first_sheets] == ["giamkhao.a", "giamkhao.b"]
    sheet_a = first_sheets[0]
    assert sheet_a["Nội dung (60%)"] == "8.0" and sheet_a["Nghệ thuật (40%)"] == "6.0"
    assert sheet_a["Comment: Nội dung"] == '\'=HYPERLINK("http://x")'  # inert in a spreadsheet
    assert sheet_a["Sheet total (0–10)"] == "7.20"
    assert sheet_a["Entry mean"] == "8.10" and sheet_a["Entry median"] == "8.10"
    assert sheet_a["Rank in category"] == "1" and sheet_a["Complete sheets"] == "2"
    incomplete = [row for row in rows if row["Entry"] == "Bài số 002"]
    assert incomplete[0]["Sheet total (0–10)"] == "incomplete" and incomplete[0]["Nghệ thuật (40%)"] == ""
    unscored = [row for row in rows if row["Entry"] == "Bài số 003"]
    assert len(unscored) == 1 and unscored[0]["Judge"] == "" and unscored[0]["Rank in category"] == ""
    assert "Bài số 005" not in {row["Entry"] for row in rows}  # disqualified
    assert not any("@example.vn" in value for row in rows for value in row.values())


def test_the_ranking_export_in_xlsx(client, organiser, scored_contest):
    close_judging(scored_contest, organiser)
    prize = ContestPrize.objects.get(contest=scored_contest, name="Giải Nhất")
    award_prize(prize, Entry.objects.get(contest=scored_contest, number=1), organiser)
    client.force_login(organiser)
    response = export(client, "ranking", scored_contest, "xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "xep-hang-" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    table = [dict(zip(header, row, strict=True)) for row in rows]
    assert [row["Entry"] for row in table] == ["Bài số 001", "Bài số 002", "Bài số 003", "Bài số 004"]
    assert table[0]["Mean (0–10)"] == pytest.approx(8.1) and table[0]["Prize"] == "Giải Nhất"
    assert table[1]["Incomplete sheets"] == 1 and table[1]["Rank in category"] is None


def test_ties_are_marked_in_the_ranking_export(client, organiser, judged_contest, make_judge, write_sheet):
    judge = make_judge(contest=judged_contest)
    for entry in Entry.objects.filter(status=Entry.Status.ACCEPTED, category__name="Bút ký"):
        write_sheet(entry, judge, 7, 7)
    client.force_login(organiser)
    rows = csv_rows(export(client, "ranking", judged_contest, "csv"))
    assert [(row["Rank in category"], row["Tied"]) for row in rows[:2]] == [("1", "yes"), ("1", "yes")]


def test_exports_refuse_judges_and_unknown_formats(client, organiser, scored_contest, make_judge):
    client.force_login(make_judge(contest=scored_contest))
    for name in ("scores", "ranking"):
        assert export(client, name, scored_contest, "csv").status_code == 302
    client.force_login(organiser)
    assert export(client, "scores", scored_contest, "pdf").status_code == 404
