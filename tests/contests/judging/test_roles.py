from contests.models import Entry


def test_judged_contest_has_entries(judged_contest, make_judge, organiser):
    judge = make_judge(contest=judged_contest)
    assert judge.judge_assignments.get().contest == judged_contest
    assert judged_contest.entries.filter(status=Entry.Status.ACCEPTED).count() == 4
    assert organiser.has_perm("contests.manage_judging")
    assert judge.has_perm("contests.score_entries") and not judge.has_perm("contests.manage_judging")
