"""Rankings: a round's, the whole contest's, and the units' by how many of their people took part.

A round ranks each entrant by their best attempt: most right answers, then the prediction nearest the true
number (the entrants with every answer right), then the shortest time, then the earliest send. The database
sorts and picks each entrant's best attempt (a window function), so a round of 100,000 attempts ranks in one
query. The whole contest adds up each entrant's best attempts of its rounds, in the same order of criteria.
"""

import dataclasses

from django.db.models import Count, F, Q, Value, Window
from django.db.models.functions import Abs, Coalesce, RowNumber

from core.vietnamese import sort_key

from .models import Attempt, Entrant

# A missing prediction (time ran out before it was typed) ranks after every given one.
NO_PREDICTION = 10**15


def known_error(error):
    """A prediction's distance as results show it: None when a prediction was missing (and ranked last)."""
    return None if error >= NO_PREDICTION // 2 else error


def all_correct_count(quiz_round):
    """The true answer to the round's prediction question: the entrants with every answer of an attempt right."""
    return (
        Attempt.objects.filter(
            round=quiz_round, submitted_at__isnull=False, correct_count=F("question_count")
        )
        .values("entrant")
        .distinct()
        .count()
    )


def round_ranking(quiz_round, true_count):
    """Each entrant's best sent attempt, best first, with `prediction_error`."""
    error = Abs(Coalesce(F("prediction"), Value(NO_PREDICTION)) - Value(true_count))
    order = [
        F("correct_count").desc(),
        error.asc(),
        F("duration_ms").asc(),
        F("submitted_at").asc(),
        F("pk").asc(),
    ]
    return (
        Attempt.objects.filter(round=quiz_round, submitted_at__isnull=False)
        # What was drawn and answered is read by no ranking: a round's worth of JSON left unread.
        .defer("drawn", "answers")
        .annotate(
            prediction_error=error,
            best_of_entrant=Window(RowNumber(), partition_by=[F("entrant_id")], order_by=order),
        )
        .filter(best_of_entrant=1)
        .order_by(*order)
    )


@dataclasses.dataclass
class ContestStanding:
    entrant_id: int
    correct_count: int = 0
    prediction_error: int = 0
    duration_ms: int = 0
    last_sent_at: object = None

    def key(self):
        return (
            -self.correct_count,
            self.prediction_error,
            self.duration_ms,
            self.last_sent_at,
            self.entrant_id,
        )


def contest_ranking(rounds_with_true_counts):
    """[ContestStanding, ...] best first, over [(round, true count), ...]."""
    standings = {}
    for quiz_round, true_count in rounds_with_true_counts:
        rows = round_ranking(quiz_round, true_count).values_list(
            "entrant_id", "correct_count", "prediction_error", "duration_ms", "submitted_at"
        )
        for entrant_id, correct, error, duration, sent_at in rows.iterator(chunk_size=5000):
            standing = standings.setdefault(entrant_id, ContestStanding(entrant_id))
            standing.correct_count += correct
            standing.prediction_error += error
            standing.duration_ms += duration
            standing.last_sent_at = max(filter(None, [standing.last_sent_at, sent_at]))
    return sorted(standings.values(), key=ContestStanding.key)


@dataclasses.dataclass(frozen=True)
class Participation:
    """How many people of a unit (or of a commune, for those who gave no unit) took part, and their attempts."""

    unit_id: int | None
    locality_id: int | None
    name: str
    participants: int
    attempts: int


def participation(contest, quiz_round=None):
    """[Participation, ...] for the contest or one round: the most participants first, then by name in
    Vietnamese order. Counts sent attempts only."""
    sent = Q(attempts__submitted_at__isnull=False)
    if quiz_round is not None:
        sent &= Q(attempts__round=quiz_round)
    rows = (
        Entrant.objects.filter(contest=contest)
        .filter(sent)
        .values("unit_id", "locality_id", "unit__name", "locality__name")
        # Filtered before annotated: the counts see the sent attempts only.
        .annotate(participants=Count("pk", distinct=True), attempts=Count("attempts"))
    )
    counts = [
        Participation(
            row["unit_id"],
            row["locality_id"],
            row["unit__name"] or row["locality__name"],
            row["participants"],
            row["attempts"],
        )
        for row in rows
    ]
    return sorted(counts, key=lambda count: (-count.participants, sort_key(count.name)))
