"""What a judge may reach: the contests they judge, the entries they may read, when they may score, and when
the panel's scores become visible to them. Every judge view asks here, and nowhere else.

Rules:
- a judge is a user with contests.score_entries and a JudgeAssignment to the contest (an organiser or a
  superuser without an assignment judges nothing);
- a judge reads the contest's ACCEPTED entries, of the assigned categories if the assignment names any, except
  those they recused themselves from; an entry outside that set is "not found" for them;
- a judge scores once the entry deadline has passed (the set of entries is then final) and until the organisers
  close judging; recusing is possible until judging closes;
- the panel's sheets (other judges' scores and comments) are shown only once judging is closed.
"""

from dataclasses import dataclass

from django.db import models
from django.db.models import Exists, F, OuterRef, Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.dates import time_and_date

from .models import Entry, JudgeAssignment, Phase, Recusal, RubricCriterion, ScoreSheet
from .scoring import sheet_total
from .stages import loaded_judging

JUDGE_PERMISSION = "contests.score_entries"
JUDGE_FIELDS = ("contest", "number", "category", "title", "text", "file", "file_kind", "status")


def is_judge(user):
    return user.is_active and user.has_perm(JUDGE_PERMISSION)


def assignments_of(user):
    """The user's assignments with their contest, its judging stage and the assigned categories."""
    if not is_judge(user):
        return JudgeAssignment.objects.none()
    return (
        JudgeAssignment.objects.filter(judge=user)
        .select_related("contest", "contest__judging")
        .prefetch_related("categories")
        .order_by("-contest__closes_at", "contest__title")
    )


def assignment_for(user, contest_id):
    """The user's assignment to the contest; Http404 when they do not judge it."""
    assignment = assignments_of(user).filter(contest_id=contest_id).first()
    if assignment is None:
        raise Http404(gettext("You are not a judge of this contest."))
    return assignment


def entries_for(assignment):
    """The entries the assigned judge may read: accepted, in their categories, not recused from.

    Only the fields judges see are loaded: the entrant's identity never leaves the database for these pages.
    """
    entries = (
        Entry.objects.filter(contest_id=assignment.contest_id, status=Entry.Status.ACCEPTED)
        .exclude(Exists(Recusal.objects.filter(entry=OuterRef("pk"), judge_id=assignment.judge_id)))
        .only(*JUDGE_FIELDS)
    )
    category_ids = assigned_category_ids(assignment)
    if category_ids:
        entries = entries.filter(category_id__in=category_ids)
    return entries


def entries_with_own_sheets(assignment):
    """entries_for(), each with `own_sheets`: this judge's sheet, if any, with its scores. Three queries."""
    own_sheets = ScoreSheet.objects.filter(judge_id=assignment.judge_id).prefetch_related("scores")
    return (
        entries_for(assignment)
        .select_related("category")
        .prefetch_related(Prefetch("score_sheets", queryset=own_sheets, to_attr="own_sheets"))
    )


def visible_entry(user, entry_id):
    """(entry, assignment) for an entry the user may read as a judge; Http404 for any other entry."""
    contest_id = Entry.objects.filter(pk=entry_id).values_list("contest_id", flat=True).first()
    if contest_id is None:
        raise Http404(gettext("No such entry."))
    assignment = assignment_for(user, contest_id)
    entry = entries_for(assignment).select_related("category").filter(pk=entry_id).first()
    if entry is None:
        raise Http404(gettext("No such entry among those you judge."))
    entry.contest = assignment.contest  # already loaded with its judging stage
    return entry, assignment


def panel_sheets(entry):
    """The sheets of the entry's panel: judges of its contest covering its category and not recused from it."""
    assignments = JudgeAssignment.objects.filter(contest_id=entry.contest_id).prefetch_related("categories")
    panel = [
        assignment.judge_id
        for assignment in assignments
        if not assigned_category_ids(assignment) or entry.category_id in assigned_category_ids(assignment)
    ]
    return (
        ScoreSheet.objects.filter(entry=entry, judge_id__in=panel)
        .exclude(judge__recusals__entry=entry)
        .select_related("judge")
        .prefetch_related("scores")
    )


def assigned_category_ids(assignment):
    """The assigned categories' ids; empty means every category (read from the prefetched categories)."""
    return {category.pk for category in assignment.categories.all()}


def judging_closed(contest):
    """Whether the organisers closed judging; reads the stage loaded by select_related when there is one."""
    judging = loaded_judging(contest)
    return judging is not None and judging.is_closed


def scoring_refusal(contest, now=None):
    """Why the judges cannot score this contest's entries now, or None when they can."""
    now = now or timezone.now()
    if judging_closed(contest):
        return gettext("Judging of this contest is closed: scores can no longer be changed.")
    if contest.phase(now) != Phase.CLOSED:
        return gettext("Scoring opens when the contest stops taking entries, at %(deadline)s.") % {
            "deadline": time_and_date(contest.closes_at)
        }
    return None


def may_recuse(contest):
    """Until judging closes: a recusal deletes the judge's sheet, and closed scores are final."""
    return not judging_closed(contest)


def may_see_panel(contest):
    """The panel's sheets for an entry are shown to its judges only once judging is closed."""
    return judging_closed(contest)


def rubric_weights(contest_ids):
    """{contest id: {criterion id: weight}} for the contests, in one query."""
    weights = {contest_id: {} for contest_id in contest_ids}
    criteria = RubricCriterion.objects.filter(contest_id__in=weights).values_list(
        "contest_id", "pk", "weight"
    )
    for contest_id, criterion_id, weight in criteria:
        weights[contest_id][criterion_id] = weight
    return weights


class SheetState(models.TextChoices):
    """A judge's own sheet for an entry; INCOMPLETE once the organisers add a criterion after it was saved."""

    NOT_SCORED = "not_scored", _("Not scored yet")
    INCOMPLETE = "incomplete", _("Incomplete: score every criterion")
    SCORED = "scored", _("Scored")


def sheet_state(sheet, weights):
    """(state, weighted total or None) of a judge's own sheet against the rubric's current weights."""
    if sheet is None:
        return SheetState.NOT_SCORED, None
    total = sheet_total({score.criterion_id: score.score for score in sheet.scores.all()}, weights)
    return (SheetState.INCOMPLETE, None) if total is None else (SheetState.SCORED, total)


@dataclass
class ContestProgress:
    """A judge's own progress in one contest: entries scored (every criterion), still to score, recused from."""

    assignment: JudgeAssignment
    scored: int = 0
    to_score: int = 0
    recused: int = 0

    @property
    def contest(self):
        return self.assignment.contest


def progress_of(user):
    """A ContestProgress per contest the user judges, in six queries however many contests and entries."""
    progress = {assignment.contest_id: ContestProgress(assignment) for assignment in assignments_of(user)}
    if not progress:
        return []
    scored = _entries_scored_in_full(user, rubric_weights(progress))
    entries = (
        Entry.objects.filter(contest_id__in=progress, status=Entry.Status.ACCEPTED)
        .annotate(recused=Exists(Recusal.objects.filter(entry=OuterRef("pk"), judge=user)))
        .values_list("pk", "contest_id", "category_id", "recused")
    )
    for entry_id, contest_id, category_id, recused in entries:
        row = progress[contest_id]
        category_ids = assigned_category_ids(row.assignment)
        if category_ids and category_id not in category_ids:
            continue
        if recused:
            row.recused += 1
        elif entry_id in scored:
            row.scored += 1
        else:
            row.to_score += 1
    return list(progress.values())


def _entries_scored_in_full(user, weights):
    """The ids of the entries whose sheet by this judge scores every criterion of their contest's rubric."""
    sheets = (
        ScoreSheet.objects.filter(judge=user, entry__contest_id__in=weights)
        .annotate(contest_id=F("entry__contest_id"))
        .prefetch_related("scores")
    )
    return {
        sheet.entry_id
        for sheet in sheets
        if sheet_state(sheet, weights[sheet.contest_id])[0] == SheetState.SCORED
    }
