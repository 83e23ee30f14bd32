"""The arithmetic of judging: a sheet's weighted total, an entry's mean and median, the ranking per category.

Everything is a Decimal and exact (Decimal division is correctly rounded, so two equal fractions give equal
Decimals); `for_display` rounds, and only for showing. The second half loads a whole contest's scores in a fixed
number of queries, whatever the number of entries, judges or sheets.

Which sheets count for an entry: those of the judges on its panel, that is judges assigned to the contest whose
categories cover the entry's category, and who have not recused themselves from it. A sheet counts toward the mean
only when it scores every criterion of the rubric; an incomplete sheet is counted as such and otherwise ignored.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from core.vietnamese import sort_key

from .models import Entry, JudgeAssignment, Recusal, ScoreSheet

# An entry is flagged for a second look when its judges disagree: its mean and median are more than a point
# apart (one judge pulls the mean away from the others), or two judges' totals are more than 3 points apart
# (30% of the scale; with two judges the mean and the median are always equal, so only the spread tells).
MEAN_MEDIAN_GAP = Decimal(1)
JUDGE_SPREAD = Decimal(3)
DISPLAY_PLACES = Decimal("0.01")


def sheet_total(scores, weights):
    """Σ(score × weight) / Σ(weights) on the 0–10 scale, or None when a criterion of the rubric has no score.

    `scores` maps criterion ids to scores, `weights` the rubric's criterion ids to weights; a score for a
    criterion no longer in the rubric is ignored.
    """
    if not weights or any(criterion not in scores for criterion in weights):
        return None
    weighted = sum((scores[criterion] * weight for criterion, weight in weights.items()), Decimal(0))
    return weighted / sum(weights.values())


def mean(values):
    return sum(values, Decimal(0)) / len(values) if values else None


def median(values):
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def judge_name(user):
    return user.get_full_name() or user.get_username()


def for_display(value):
    """Two decimals, half up; None stays None."""
    return None if value is None else value.quantize(DISPLAY_PLACES, rounding=ROUND_HALF_UP)


@dataclass
class EntryTally:
    """One entry's complete sheets' totals, and where it stands in its category once ranked."""

    entry: object
    totals: list = field(default_factory=list)
    incomplete_sheets: int = 0
    rank: int | None = None
    tied: bool = False

    @property
    def complete_sheets(self):
        return len(self.totals)

    @cached_property
    def mean(self):
        return mean(self.totals)

    @cached_property
    def median(self):
        return median(self.totals)

    @property
    def spread(self):
        return max(self.totals) - min(self.totals) if self.totals else Decimal(0)

    @property
    def needs_check(self):
        if not self.totals:
            return False
        return abs(self.mean - self.median) > MEAN_MEDIAN_GAP or self.spread > JUDGE_SPREAD


def rank(tallies):
    """The tallies best mean first, ranked 1, 2, 2, 4: equal means share a rank and are marked tied.

    Nothing breaks a tie (the median is shown beside it for the organisers to weigh); entries without a
    complete sheet come last, unranked. Among equals the given order is kept.
    """
    scored = sorted((tally for tally in tallies if tally.mean is not None), key=lambda tally: -tally.mean)
    occurrences = Counter(tally.mean for tally in scored)
    for position, tally in enumerate(scored, start=1):
        previous = scored[position - 2] if position > 1 else None
        tally.rank = previous.rank if previous and previous.mean == tally.mean else position
        tally.tied = occurrences[tally.mean] > 1
    return scored + [tally for tally in tallies if tally.mean is None]


# Loading a contest's scores -------------------------------------------------------------------------------


@dataclass
class Sheet:
    """A counted sheet: {criterion id: CriterionScore}, and its total when complete."""

    entry: Entry
    judge: object
    scores: dict
    total: Decimal | None
    updated_at: object


@dataclass
class JudgeProgress:
    judge: object
    category_names: list  # empty: every category
    assigned: int  # accepted entries of their categories they have not recused from
    scored: int  # of which with a complete sheet
    incomplete: int  # of which with a sheet still missing a criterion
    recused: int

    @property
    def remaining(self):
        return self.assigned - self.scored


@dataclass
class CategoryRanking:
    category: object  # None for entries whose category was removed
    tallies: list


class ContestScores:
    """The counted sheets, tallies, rankings and each judge's progress of one contest's accepted entries."""

    def __init__(self, contest):
        self.contest = contest
        self.criteria = list(contest.rubric_criteria.all())
        self.weights = {criterion.pk: criterion.weight for criterion in self.criteria}
        self.categories = list(contest.categories.all())
        self.entries = list(
            Entry.objects.filter(contest=contest, status=Entry.Status.ACCEPTED)
            .select_related("category")
            .order_by("number")
        )
        self.assignments = list(
            JudgeAssignment.objects.filter(contest=contest)
            .select_related("judge")
            .prefetch_related("categories")
        )
        self.assignments.sort(key=lambda assignment: sort_key(judge_name(assignment.judge)))
        self.recusals = set(
            Recusal.objects.filter(entry__contest=contest).values_list("entry_id", "judge_id")
        )
        self.sheets = self._counted_sheets()
        self.tallies = self._tallies()

    def judge_covers(self, assignment, entry):
        category_ids = {category.pk for category in assignment.categories.all()}
        return not category_ids or entry.category_id in category_ids

    def on_panel(self, assignment, entry):
        return self.judge_covers(assignment, entry) and (entry.pk, assignment.judge_id) not in self.recusals

    def _counted_sheets(self):
        entries = {entry.pk: entry for entry in self.entries}
        assignments = {assignment.judge_id: assignment for assignment in self.assignments}
        sheets = (
            ScoreSheet.objects.filter(entry__in=list(entries))
            .select_related("judge")
            .prefetch_related("scores")
            .order_by("entry__number", "judge__username")
        )
        counted = []
        for sheet in sheets:
            entry, assignment = entries[sheet.entry_id], assignments.get(sheet.judge_id)
            if assignment is None or not self.on_panel(assignment, entry):
                continue
            scores = {score.criterion_id: score for score in sheet.scores.all()}
            total = sheet_total({pk: score.score for pk, score in scores.items()}, self.weights)
            counted.append(Sheet(entry, sheet.judge, scores, total, sheet.updated_at))
        return counted

    def _tallies(self):
        tallies = {entry.pk: EntryTally(entry) for entry in self.entries}
        for sheet in self.sheets:
            tally = tallies[sheet.entry.pk]
            if sheet.total is None:
                tally.incomplete_sheets += 1
            else:
                tally.totals.append(sheet.total)
        return tallies

    @cached_property
    def rankings(self):
        """Per category in the contest's order, entries without a category last."""
        by_category = defaultdict(list)
        for entry in self.entries:
            by_category[entry.category_id].append(self.tallies[entry.pk])
        rankings = [
            CategoryRanking(category, rank(by_category.pop(category.pk, []))) for category in self.categories
        ]
        orphans = [tally for tallies in by_category.values() for tally in tallies]
        if orphans:
            rankings.append(CategoryRanking(None, rank(orphans)))
        return rankings

    @cached_property
    def progress(self):
        sheets_by_judge = defaultdict(dict)
        for sheet in self.sheets:
            sheets_by_judge[sheet.judge.pk][sheet.entry.pk] = sheet
        progress = []
        for assignment in self.assignments:
            covered = [entry for entry in self.entries if self.judge_covers(assignment, entry)]
            recused = [entry for entry in covered if (entry.pk, assignment.judge_id) in self.recusals]
            own = sheets_by_judge[assignment.judge_id].values()
            progress.append(
                JudgeProgress(
                    judge=assignment.judge,
                    category_names=[category.name for category in assignment.categories.all()],
                    assigned=len(covered) - len(recused),
                    scored=sum(1 for sheet in own if sheet.total is not None),
                    incomplete=sum(1 for sheet in own if sheet.total is None),
                    recused=len(recused),
                )
            )
        return progress

    @property
    def missing_sheets(self):
        return sum(judge.remaining for judge in self.progress)

    @cached_property
    def _sheets_by_entry(self):
        by_entry = defaultdict(list)
        for sheet in self.sheets:
            by_entry[sheet.entry.pk].append(sheet)
        return by_entry

    def sheets_of(self, entry):
        return self._sheets_by_entry.get(entry.pk, [])
