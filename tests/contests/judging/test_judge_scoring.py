"""The judge's score sheet: one score and comment per criterion, re-editable until judging closes."""

from decimal import Decimal

import pytest
import time_machine

from django.urls import reverse
from django.utils import timezone

from contests.models import ContestCategory, CriterionScore, Entry, Judging, RubricCriterion, ScoreSheet

from ..conftest import DURING

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"


def entry_url(entry):
    return reverse("contests_judge_entry", args=[entry.pk])


def scores_of(entry, judge):
    return {
        score.criterion.name: (score.score, score.comment)
        for score in CriterionScore.objects.filter(sheet__entry=entry, sheet__judge=judge).select_related(
            "criterion"
        )
    }


def test_a_judge_scores_every_criterion_and_sees_their_weighted_total(client, judge, entry, score_data):
    response = client.post(entry_url(entry), score_data(entry.contest, "8", "6,5", comment="Giàu cảm xúc"))

    assert response.status_code == 302 and response["Location"] == entry_url(entry)
    assert scores_of(entry, judge) == {
        "Nội dung": (Decimal("8.0"), "Giàu cảm xúc"),
        "Nghệ thuật": (Decimal("6.5"), "Giàu cảm xúc"),
    }
    page = client.get(entry_url(entry)).content.decode()
    assert "Scored · 7.40" in page or "Scored · 7,40" in page  # 8 × 60% + 6.5 × 40%
    assert "Giàu cảm xúc" in page and 'value="6.5"' in page  # the saved sheet is shown for editing


def test_submitting_twice_updates_the_one_sheet(client, judge, entry, score_data):
    client.post(entry_url(entry), score_data(entry.contest, 5, 5))
    client.post(entry_url(entry), score_data(entry.contest, 9.5, 10, comment="Sửa lại"))
    client.post(entry_url(entry), score_data(entry.contest, 9.5, 10, comment="Sửa lại"))

    assert ScoreSheet.objects.filter(entry=entry, judge=judge).count() == 1
    assert CriterionScore.objects.filter(sheet__entry=entry).count() == 2
    assert scores_of(entry, judge)["Nghệ thuật"] == (Decimal("10.0"), "Sửa lại")


@pytest.mark.parametrize(
    ("score", "error"),
    [
        ("10.5", "max_value"),
        ("-1", "min_value"),
        ("bảy", "invalid"),
        ("7.3", "step_size"),
        ("7.25", "max_decimal_places"),
        ("", "required"),
        ("NaN", "invalid"),
        ("1e3", "max_value"),
    ],
    ids=[
        "above-10",
        "below-0",
        "not-a-number",
        "not-a-half-point",
        "hundredths",
        "missing",
        "nan",
        "exponent",
    ],
)
def test_a_score_out_of_range_or_not_a_half_point_is_refused_and_what_was_typed_is_kept(
    client, judge, entry, score_data, score, error
):
    response = client.post(
        entry_url(entry), score_data(entry.contest, "7.5", score, comment="Bình luận đã gõ")
    )

    assert response.status_code == 200
    assert not ScoreSheet.objects.exists()
    form = response.context["form"]
    criterion = entry.contest.rubric_criteria.get(name="Nghệ thuật")
    assert error in {error.code for error in form.errors.as_data()[f"score_{criterion.pk}"]}
    html = response.content.decode()
    assert 'value="7.5"' in html and "Bình luận đã gõ" in html


def test_a_criterion_of_another_contest_in_the_post_is_refused(
    client, judge, entry, score_data, make_contest
):
    other = make_contest(title="Cuộc thi khác", slug="cuoc-thi-khac")
    foreign = other.rubric_criteria.first()
    data = {**score_data(entry.contest, 7, 8), f"score_{foreign.pk}": "10", f"comment_{foreign.pk}": "x"}

    response = client.post(entry_url(entry), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors().as_data()[0].code == "foreign_criterion"
    assert "Reload the page and score again" in response.content.decode()
    assert not ScoreSheet.objects.exists() and not CriterionScore.objects.filter(criterion=foreign).exists()


def test_a_comment_with_script_is_shown_back_as_text(client, judge, entry, score_data):
    client.post(entry_url(entry), score_data(entry.contest, 7, 7, comment=SCRIPT))
    page = client.get(entry_url(entry)).content.decode()
    assert SCRIPT not in page and "&lt;script&gt;" in page
    failed = client.post(entry_url(entry), score_data(entry.contest, 7, 70, comment=SCRIPT)).content.decode()
    assert SCRIPT not in failed and "&lt;script&gt;" in failed


def test_scoring_before_the_entry_deadline_is_forbidden(client, judge, entry, score_data):
    with time_machine.travel(DURING, tick=False):
        page = client.get(entry_url(entry))
        response = client.post(entry_url(entry), score_data(entry.contest, 7, 7))
    assert page.status_code == 200 and "Scoring opens" in page.content.decode()
    assert "id_score_" not in page.content.decode()
    assert response.status_code == 403 and not ScoreSheet.objects.exists()


def test_scoring_after_judging_closed_is_forbidden_and_the_sheet_stays_as_it_was(
    client, judge, entry, score_data, organiser
):
    client.post(entry_url(entry), score_data(entry.contest, 6, 6))
    Judging.objects.create(contest=entry.contest, closed_at=timezone.now(), closed_by=organiser)

    response = client.post(entry_url(entry), score_data(entry.contest, 10, 10))
    assert response.status_code == 403 and "closed" in response.content.decode()
    assert scores_of(entry, judge)["Nội dung"][0] == Decimal("6.0")
    assert "id_score_" not in client.get(entry_url(entry)).content.decode()


def test_without_a_rubric_there_is_nothing_to_score(client, judge, entry):
    RubricCriterion.objects.filter(contest=entry.contest).delete()
    page = client.get(entry_url(entry))
    assert "rubric" in page.content.decode() and "id_score_" not in page.content.decode()
    assert client.post(entry_url(entry), {}).status_code == 403


def test_a_criterion_added_after_scoring_leaves_the_sheet_incomplete_until_scored(
    client, judge, entry, score_data
):
    client.post(entry_url(entry), score_data(entry.contest, 8, 8))
    RubricCriterion.objects.create(contest=entry.contest, name="Tính thời sự", weight=10)
    listing = client.get(reverse("contests_judge_contest", args=[entry.contest.pk])).content.decode()
    assert "Incomplete" in listing

    client.post(entry_url(entry), score_data(entry.contest, 8, 8, 9))
    assert len(scores_of(entry, judge)) == 3


def test_a_judge_of_another_category_cannot_score_by_posting(client, judged_contest, make_judge, score_data):
    report = ContestCategory.objects.get(contest=judged_contest, name="Phóng sự")
    client.force_login(make_judge(contest=judged_contest, categories=[report]))
    writing_entry = judged_contest.entries.filter(
        category__name="Bút ký", status=Entry.Status.ACCEPTED
    ).first()

    assert client.post(entry_url(writing_entry), score_data(judged_contest, 9, 9)).status_code == 404
    assert not ScoreSheet.objects.exists()
