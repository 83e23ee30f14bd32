"""The arithmetic of judging, and a contest's scores loaded in a fixed number of queries."""

from decimal import Decimal as D

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from contests.models import Entry, Recusal
from contests.scoring import ContestScores, EntryTally, for_display, mean, median, rank, sheet_total


def test_a_sheet_total_is_the_weighted_mean_of_its_scores():
    assert sheet_total({1: D("8"), 2: D("6")}, {1: 60, 2: 40}) == D("7.2")
    # Weights are relative: 1 and 3 weigh as 25 and 75.
    assert sheet_total({1: D("8"), 2: D("6")}, {1: 1, 2: 3}) == D("6.5")
    assert sheet_total({1: D("10"), 2: D("10")}, {1: 60, 2: 40}) == D("10")


def test_a_sheet_missing_a_criterion_has_no_total_and_an_old_criterion_is_ignored():
    assert sheet_total({1: D("8")}, {1: 60, 2: 40}) is None
    assert sheet_total({}, {1: 100}) is None
    assert sheet_total({1: D("9"), 99: D("0")}, {1: 100}) == D("9")
    assert sheet_total({1: D("9")}, {}) is None  # no rubric, nothing to total


def test_mean_and_median():
    assert mean([D("6"), D("7"), D("8.5")]) == D("7.166666666666666666666666667")
    assert median([D("8.5"), D("6"), D("7")]) == D("7")
    assert median([D("9"), D("6"), D("7"), D("8")]) == D("7.5")
    assert mean([]) is None and median([]) is None


def test_display_rounds_half_up_to_two_places_and_only_there():
    assert for_display(D("7.125")) == D("7.13")
    assert for_display(D("20") / 3) == D("6.67")
    assert for_display(None) is None


def tally(name, *totals):
    return EntryTally(entry=name, totals=[D(str(total)) for total in totals])


def test_equal_means_share_a_rank_and_are_marked_tied():
    a, b, c, d, unscored = tally("a", 9), tally("b", 7, 8), tally("c", 7.5), tally("d", 6), tally("e")
    ranked = rank([unscored, d, b, c, a])
    assert [(t.entry, t.rank, t.tied) for t in ranked] == [
        ("a", 1, False),
        ("b", 2, True),
        ("c", 2, True),
        ("d", 4, False),
        ("e", None, False),
    ]


def test_ties_are_exact_whatever_the_number_of_sheets():
    # 20/3 either way: Decimal division is correctly rounded, so equal fractions tie.
    first, second = tally("a", 6, 7, 7), tally("b", 6.5, 6.5, 7)
    rank([first, second])
    assert first.rank == second.rank == 1 and first.tied and second.tied
    close = tally("c", 6.67)
    rank([first, close])
    assert close.rank == 1 and first.rank == 2 and not close.tied


def test_judges_who_disagree_flag_the_entry():
    assert not tally("agree", 7, 7.5, 8).needs_check
    assert tally("outlier", 8, 8, 4.5).needs_check  # mean 6.83, median 8
    assert tally("two apart", 9, 5.5).needs_check  # spread 3.5 with only two judges
    assert not tally("spread of three", 8, 5).needs_check
    assert not tally("unscored").needs_check


@pytest.fixture
def panel(judged_contest, make_judge):
    writing, report = judged_contest.categories.all()
    return {
        "both": make_judge("giamkhao.ca", contest=judged_contest),
        "writing": make_judge("giamkhao.butky", contest=judged_contest, categories=[writing]),
    }


def accepted(contest, category_index):
    category = list(contest.categories.all())[category_index]
    return list(Entry.objects.filter(contest=contest, category=category, status=Entry.Status.ACCEPTED))


def test_a_contest_is_tallied_per_panel_and_category(judged_contest, panel, make_judge, write_sheet):
    first, second = accepted(judged_contest, 0)
    report_entry, _ = accepted(judged_contest, 1)
    write_sheet(first, panel["both"], 8, 6)  # 7.2
    write_sheet(first, panel["writing"], 9, 9)  # 9
    write_sheet(second, panel["both"], 7)  # incomplete
    write_sheet(second, panel["writing"], 5, 5)
    write_sheet(report_entry, panel["both"], 6, 6)
    write_sheet(report_entry, panel["writing"], 10, 10)  # outside this judge's categories: not counted
    write_sheet(report_entry, make_judge("giamkhao.khac"), 1, 1)  # not on the panel: not counted
    disqualified = Entry.objects.get(status=Entry.Status.DISQUALIFIED)
    write_sheet(disqualified, panel["both"], 10, 10)

    scores = ContestScores(judged_contest)
    writing, report = scores.rankings
    assert [t.entry for t in writing.tallies] == [first, second]
    assert writing.tallies[0].mean == D("8.1") and writing.tallies[0].median == D("8.1")
    assert writing.tallies[1].complete_sheets == 1 and writing.tallies[1].incomplete_sheets == 1
    assert report.tallies[0].entry == report_entry and report.tallies[0].totals == [D(6)]
    assert disqualified not in [t.entry for ranking in scores.rankings for t in ranking.tallies]


def test_progress_counts_assigned_scored_incomplete_and_recused(judged_contest, panel, write_sheet):
    first, second = accepted(judged_contest, 0)
    write_sheet(first, panel["both"], 8, 6)
    write_sheet(second, panel["both"], 8)
    Recusal.objects.create(entry=first, judge=panel["writing"], reason="Người thân của tác giả")
    write_sheet(first, panel["writing"], 9, 9)  # from before the recusal: no longer counted

    scores = ContestScores(judged_contest)
    progress = {p.judge.username: p for p in scores.progress}
    assert (progress["giamkhao.ca"].assigned, progress["giamkhao.ca"].scored) == (4, 1)
    assert progress["giamkhao.ca"].incomplete == 1 and progress["giamkhao.ca"].category_names == []
    assert progress["giamkhao.butky"].category_names == ["Bút ký"]
    assert (progress["giamkhao.butky"].assigned, progress["giamkhao.butky"].recused) == (1, 1)
    assert progress["giamkhao.butky"].scored == 0
    assert scores.tallies[first.pk].totals == [D("7.2")]
    assert scores.missing_sheets == 3 + 1


def count_queries(contest):
    with CaptureQueriesContext(connection) as queries:
        scores = ContestScores(contest)
        [(t.mean, t.rank) for ranking in scores.rankings for t in ranking.tallies]
        [p.scored for p in scores.progress]
    return len(queries)


def test_loading_costs_the_same_for_4_or_12_entries(judged_contest, panel, make_entry, write_sheet):
    writing, report = judged_contest.categories.all()
    for entry in Entry.objects.filter(status=Entry.Status.ACCEPTED):
        write_sheet(entry, panel["both"], 7, 8)
    few = count_queries(judged_contest)
    for category in (writing, report) * 4:
        entry = make_entry(judged_contest, category)
        write_sheet(entry, panel["both"], 6, 9)
        write_sheet(entry, panel["writing"], 5, 5)
    assert count_queries(judged_contest) == few
