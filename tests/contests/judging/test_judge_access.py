"""Who reaches what as a judge, tried from the side of those who must be refused."""

import pytest
import time_machine

from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contests.judge_access import (
    entries_for,
    is_judge,
    may_recuse,
    may_see_panel,
    progress_of,
    scoring_refusal,
)
from contests.models import Entry, JudgeAssignment, Judging, Recusal

from ..conftest import CLOSES_AT, DURING

pytestmark = pytest.mark.django_db


def entry_pages(entry):
    return [
        reverse("contests_judge_entry", args=[entry.pk]),
        reverse("contests_judge_recuse", args=[entry.pk]),
        reverse("contests_judge_file", args=[entry.pk]),
    ]


def close_judging(contest, organiser):
    Judging.objects.update_or_create(
        contest=contest, defaults={"closed_at": timezone.now(), "closed_by": organiser}
    )


def test_a_judge_reads_the_accepted_entries_of_their_categories_and_not_those_they_recused_from(
    judged_contest, make_judge
):
    writing, report = judged_contest.categories.all()
    everything = make_judge(contest=judged_contest)
    reporter = make_judge(contest=judged_contest, categories=[report])
    accepted = judged_contest.entries.filter(status=Entry.Status.ACCEPTED)
    recused_from = accepted.filter(category=report).first()
    Recusal.objects.create(entry=recused_from, judge=reporter, reason="Người nhà")

    assert set(entries_for(everything.judge_assignments.get())) == set(accepted)
    assert set(entries_for(reporter.judge_assignments.get())) == set(
        accepted.filter(category=report).exclude(pk=recused_from.pk)
    )


def test_an_organiser_or_superuser_judges_nothing_unless_they_are_a_judge_on_the_panel(
    client, judged_contest, organiser, make_user
):
    # Assigned to the contest, but not in the judges group.
    JudgeAssignment.objects.create(contest=judged_contest, judge=organiser)
    superuser = make_user("quantri", is_superuser=True)
    assert not is_judge(organiser) and progress_of(organiser) == []
    assert is_judge(superuser) and progress_of(superuser) == []

    entry = judged_contest.entries.filter(status=Entry.Status.ACCEPTED).first()
    client.force_login(organiser)
    for url in [reverse("contests_judge_index"), reverse("contests_judge_contest", args=[judged_contest.pk])]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    for url in entry_pages(entry):
        assert client.get(url).status_code == 302
    client.force_login(superuser)
    assert client.get(reverse("contests_judge_contest", args=[judged_contest.pk])).status_code == 404
    assert all(client.get(url).status_code == 404 for url in entry_pages(entry))


def test_a_judge_of_another_contest_finds_neither_the_contest_nor_its_entries(
    client, judged_contest, make_contest, make_judge
):
    other_contest = make_contest(title="Cuộc thi tìm hiểu 50 năm giải phóng Buôn Ma Thuột", slug="tim-hieu")
    client.force_login(make_judge(contest=other_contest))
    entry = judged_contest.entries.filter(status=Entry.Status.ACCEPTED).first()

    assert client.get(reverse("contests_judge_contest", args=[judged_contest.pk])).status_code == 404
    assert all(client.get(url).status_code == 404 for url in entry_pages(entry))
    assert client.get(reverse("contests_judge_entry", args=[999_999])).status_code == 404


def test_a_judge_of_one_category_finds_no_entry_of_another(client, judged_contest, make_judge):
    writing, report = judged_contest.categories.all()
    client.force_login(make_judge(contest=judged_contest, categories=[report]))
    for entry in judged_contest.entries.filter(category=writing):
        assert all(client.get(url).status_code == 404 for url in entry_pages(entry))
    listing = client.get(reverse("contests_judge_contest", args=[judged_contest.pk])).content.decode()
    assert all(entry.title not in listing for entry in judged_contest.entries.filter(category=writing))


def test_disqualified_and_unchecked_entries_are_not_for_judges(
    client, judged_contest, make_judge, make_entry
):
    client.force_login(make_judge(contest=judged_contest))
    received = make_entry(judged_contest, status=Entry.Status.RECEIVED, title="Bài chưa kiểm tra")
    disqualified = judged_contest.entries.get(status=Entry.Status.DISQUALIFIED)
    for entry in (received, disqualified):
        assert all(client.get(url).status_code == 404 for url in entry_pages(entry))


def test_scoring_waits_for_the_deadline_and_stops_when_judging_closes(contest, organiser):
    with time_machine.travel(DURING, tick=False):
        assert "17:00 ngày 30/4/2025" in scoring_refusal(contest)
        assert may_recuse(contest)
    with time_machine.travel(CLOSES_AT, tick=False):
        assert scoring_refusal(contest) is None
    assert not may_see_panel(contest)

    close_judging(contest, organiser)
    contest.refresh_from_db()
    assert "đã kết thúc chấm" in scoring_refusal(contest)
    assert not may_recuse(contest) and may_see_panel(contest)


def test_a_judges_progress_counts_scored_to_score_and_recused_in_a_fixed_number_of_queries(
    judged_contest, make_contest, make_judge, make_entry, write_sheet
):
    writing, report = judged_contest.categories.all()
    judge = make_judge(contest=judged_contest, categories=[writing])
    first, second = judged_contest.entries.filter(category=writing, status=Entry.Status.ACCEPTED)
    write_sheet(first, judge, 8, 7)
    Recusal.objects.create(entry=second, judge=judge, reason="Học trò cũ")
    not_theirs = judged_contest.entries.filter(category=report).first()
    write_sheet(not_theirs, judge, 9, 9)  # not counted
    # A fresh user each time: the first permission check of a user object costs queries of its own.
    with CaptureQueriesContext(connection) as one_contest:
        progress_of(User.objects.get(pk=judge.pk))

    other = make_contest(title="Cuộc thi viết về Bác Hồ", slug="bac-ho")
    JudgeAssignment.objects.create(contest=other, judge=judge)
    for _ in range(3):
        write_sheet(make_entry(other), judge, 5)  # a criterion short of the rubric: still to score
    make_entry(other)
    with CaptureQueriesContext(connection) as two_contests:
        progress = {row.contest.pk: row for row in progress_of(User.objects.get(pk=judge.pk))}

    assert len(two_contests) == len(one_contest)
    assert (progress[judged_contest.pk].scored, progress[judged_contest.pk].to_score) == (1, 0)
    assert progress[judged_contest.pk].recused == 1
    assert (progress[other.pk].scored, progress[other.pk].to_score, progress[other.pk].recused) == (0, 4, 0)
