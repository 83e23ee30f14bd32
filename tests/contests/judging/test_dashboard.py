"""The judging panels of the admin dashboard: a judge's entries left to score, an organiser's progress per judge
and what keeps the results from publication. Each shows its role's own work and nothing to another role."""

import re

import pytest
import time_machine

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from contests import organiser_actions as actions
from contests.models import Entry, Recusal
from newsroom.models import Outlet
from newsroom.outlets import journalists_group_name

from ..conftest import DURING

pytestmark = pytest.mark.django_db

DASHBOARD = "wagtailadmin_home"
JUDGE_PANEL = 'id="judge-contests-section"'
ORGANISER_PANEL = 'id="organiser-contests-section"'
CLOSE_FIRST = "Close judging before publishing the results."
AWARD_FIRST = "Award at least one prize before publishing the results."
ENTRIES_COMING = "Entries are still being received: judging can close only after the entry period."


def dashboard(client, user, at=None):
    client.force_login(user)
    if at is None:
        response = client.get(reverse(DASHBOARD))
    else:
        with time_machine.travel(at, tick=False):
            response = client.get(reverse(DASHBOARD))
    assert response.status_code == 200
    return response.content.decode()


def judge_panel(html):
    start = html.index(JUDGE_PANEL)
    return html[start : html.index("</section>", start)]


def organiser_panel(html):
    """From the panel's start to its closing link to every contest (it holds a section per contest)."""
    start = html.index(ORGANISER_PANEL)
    return html[start : html.index(f'href="{reverse("contests_judging:index")}"', start)]


def contest_row(html, contest):
    match = re.search(rf'<li [^>]*data-contest="{contest.pk}">(.*?)</li>', html, re.S)
    assert match, f"no row for {contest}"
    return match.group(1)


def to_score(html, contest):
    return int(re.search(r"data-to-score>(\d+)<", contest_row(html, contest)).group(1))


def contest_overview(html, contest):
    """The organiser's section about one contest."""
    match = re.search(rf'<section class="w-mb-8" data-contest="{contest.pk}".*?</section>', html, re.S)
    assert match, f"no overview of {contest}"
    return match.group(0)


def blockers(overview):
    match = re.search(r"data-blockers>(.*?)</(ul|p)>", overview, re.S)
    return re.findall(r"<li>(.*?)</li>", match.group(1), re.S) or [match.group(1).strip()]


def judge_progress(overview, judge):
    match = re.search(rf'<tr data-judge="{judge.pk}">.*?<td data-scored>(\d+) / (\d+)</td>', overview, re.S)
    assert match, f"no progress of {judge}"
    return int(match.group(1)), int(match.group(2))


@pytest.fixture
def categories(judged_contest):
    writing, report = judged_contest.categories.all()
    return writing, report


@pytest.fixture
def accepted(judged_contest, categories):
    """{category: its accepted entries}"""
    return {
        category: list(
            Entry.objects.filter(category=category, status=Entry.Status.ACCEPTED).order_by("number")
        )
        for category in categories
    }


# A judge ---------------------------------------------------------------------------------------------------


def test_a_judge_sees_the_entries_of_their_categories_left_to_score(
    client, judged_contest, categories, accepted, make_judge, write_sheet
):
    writing, report = categories
    judge = make_judge("giamkhao.phongsu", contest=judged_contest, categories=[report])
    first, second = accepted[report]

    assert to_score(judge_panel(dashboard(client, judge)), judged_contest) == 2  # not the writing entries
    write_sheet(first, judge, 8)  # one criterion of two: still to score
    assert to_score(judge_panel(dashboard(client, judge)), judged_contest) == 2
    Recusal.objects.create(entry=second, judge=judge, reason="Người thân của tác giả.")
    assert to_score(judge_panel(dashboard(client, judge)), judged_contest) == 1
    first.score_sheets.get(judge=judge).delete()
    write_sheet(first, judge, 8, 7)
    html = judge_panel(dashboard(client, judge))
    assert to_score(html, judged_contest) == 0
    row = contest_row(html, judged_contest)
    assert reverse("contests_judge_contest", args=[judged_contest.pk]) in row
    assert "Phóng sự" in row and "Bút ký" not in row


def test_a_judge_sees_the_stage_since_scoring_has_no_deadline(client, judged_contest, make_judge):
    judge = make_judge(contest=judged_contest)

    while_entries_come = contest_row(judge_panel(dashboard(client, judge, at=DURING)), judged_contest)
    scoring = contest_row(judge_panel(dashboard(client, judge)), judged_contest)

    assert "Taking entries until 17:00 ngày 30/4/2025" in while_entries_come
    assert "Scoring open" in scoring


def test_a_judge_sees_only_their_own_assignments_and_never_other_judges_scores(
    client, judged_contest, make_contest, accepted, categories, make_entry, make_judge, write_sheet
):
    writing, _report = categories
    judge = make_judge("giamkhao.mot", contest=judged_contest, categories=[writing])
    other = make_judge("giamkhao.hai", contest=judged_contest)
    elsewhere = make_contest(title="Cuộc thi ảnh Buôn Ma Thuột")
    make_entry(elsewhere)
    make_judge("giamkhao.ba", contest=elsewhere)
    for entry in accepted[writing]:
        write_sheet(entry, other, 9.5, 9.5)

    html = dashboard(client, judge)
    panel = judge_panel(html)

    assert to_score(panel, judged_contest) == 2  # the other judge's complete sheets count for nothing here
    assert f'data-contest="{elsewhere.pk}"' not in panel
    assert "Cuộc thi ảnh Buôn Ma Thuột" not in html
    assert "giamkhao.hai" not in html


def test_a_contest_whose_results_are_published_leaves_the_judges_panel(
    client, judged_contest, accepted, categories, make_judge, organiser
):
    judge = make_judge(contest=judged_contest)
    actions.close_judging(judged_contest, organiser)
    assert "Judging closed" in contest_row(judge_panel(dashboard(client, judge)), judged_contest)
    actions.award_prize(judged_contest.prizes.first(), accepted[categories[0]][0], organiser)
    actions.publish_results(judged_contest, organiser)

    assert JUDGE_PANEL not in dashboard(client, judge)


def test_the_judges_panel_is_not_shown_to_an_organiser_nor_a_journalist(
    client, judged_contest, make_judge, organiser, make_user, outlets
):
    make_judge(contest=judged_contest)
    journalist = make_user("phongvien", journalists_group_name(Outlet.NEWSPAPER))

    for user in (organiser, journalist):
        assert JUDGE_PANEL not in dashboard(client, user)


# An organiser ----------------------------------------------------------------------------------------------


def test_an_organiser_sees_each_judges_progress(
    client, judged_contest, categories, accepted, make_judge, organiser, write_sheet
):
    writing, report = categories
    whole = make_judge("giamkhao.chung", contest=judged_contest)
    reportage = make_judge("giamkhao.phongsu", contest=judged_contest, categories=[report])
    write_sheet(accepted[writing][0], whole, 8, 7)
    write_sheet(accepted[report][0], whole, 6)  # incomplete
    write_sheet(accepted[report][0], reportage, 9, 9)
    Recusal.objects.create(entry=accepted[report][1], judge=reportage, reason="Đồng nghiệp của tác giả.")

    overview = contest_overview(organiser_panel(dashboard(client, organiser)), judged_contest)

    assert judge_progress(overview, whole) == (1, 4)
    assert judge_progress(overview, reportage) == (1, 1)
    assert reverse("contests_judging:dashboard", args=[judged_contest.pk]) in overview


def test_an_organiser_sees_what_blocks_the_results_as_the_actions_would_refuse(
    client, judged_contest, accepted, categories, make_judge, organiser, write_sheet
):
    writing, _report = categories
    judge = make_judge(contest=judged_contest)

    during = blockers(
        contest_overview(organiser_panel(dashboard(client, organiser, at=DURING)), judged_contest)
    )
    assert during == [
        ENTRIES_COMING,
        "4 score sheets are still missing or incomplete.",
        CLOSE_FIRST,
        AWARD_FIRST,
    ]

    write_sheet(accepted[writing][0], judge, 8, 8)
    scoring = blockers(contest_overview(organiser_panel(dashboard(client, organiser)), judged_contest))
    assert scoring == ["3 score sheets are still missing or incomplete.", CLOSE_FIRST, AWARD_FIRST]
    with translation.override("en"), pytest.raises(actions.Refused, match=CLOSE_FIRST):
        actions.publish_results(judged_contest, organiser)

    actions.close_judging(judged_contest, organiser)
    closed = blockers(contest_overview(organiser_panel(dashboard(client, organiser)), judged_contest))
    assert closed == [AWARD_FIRST]  # missing sheets no longer matter once the scores are frozen
    with translation.override("en"), pytest.raises(actions.Refused, match=AWARD_FIRST):
        actions.publish_results(judged_contest, organiser)

    prize = judged_contest.prizes.first()
    actions.award_prize(prize, accepted[writing][0], organiser)
    ready = blockers(contest_overview(organiser_panel(dashboard(client, organiser)), judged_contest))
    assert ready == ["Nothing blocks the results: they can be published."]
    actions.publish_results(judged_contest, organiser)

    assert f'data-contest="{judged_contest.pk}"' not in organiser_panel(dashboard(client, organiser))


def test_the_organisers_panel_is_not_shown_to_a_judge(
    client, judged_contest, make_judge, write_sheet, accepted
):
    judge = make_judge(contest=judged_contest)
    other = make_judge("giamkhao.khac", contest=judged_contest)
    for entries in accepted.values():
        write_sheet(entries[0], other, 7, 7)

    html = dashboard(client, judge)

    assert ORGANISER_PANEL not in html
    assert "giamkhao.khac" not in html
    assert reverse("contests_judging:dashboard", args=[judged_contest.pk]) not in html


# What it costs ---------------------------------------------------------------------------------------------


def dashboard_queries(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse(DASHBOARD)).status_code == 200
    return len(queries)


def add_scored_entries(contest, category, count, judges, make_entry, write_sheet):
    for _number in range(count):
        entry = make_entry(contest, category)
        for judge in judges:
            write_sheet(entry, judge, 7, 8)


@pytest.mark.parametrize("role", ["judge", "organiser"])
def test_the_panels_queries_do_not_grow_with_the_entries(
    client, make_contest, make_entry, make_judge, organiser, write_sheet, role
):
    contest = make_contest(title="Cuộc thi đo truy vấn")
    writing, report = contest.categories.all()
    judges = [make_judge(contest=contest), make_judge(contest=contest, categories=[report])]
    user = {"judge": judges[0], "organiser": organiser}[role]
    dashboard_queries(client, user)  # caches warmed
    add_scored_entries(contest, writing, 1, judges[:1], make_entry, write_sheet)
    add_scored_entries(contest, report, 1, judges, make_entry, write_sheet)
    with_two = dashboard_queries(client, user)
    add_scored_entries(contest, writing, 4, judges[:1], make_entry, write_sheet)
    add_scored_entries(contest, report, 4, judges, make_entry, write_sheet)
    with_ten = dashboard_queries(client, user)

    assert Entry.objects.filter(contest=contest).count() == 10
    assert with_ten == with_two
