"""Publishing results: a round's once it has closed, the whole contest's once every round is published.

The ranking is worked out and kept as it stands then (quizzes.models.results): the prizes go down the ranking in
the order the contest page lists them (one Giải Nhất, then two Giải Nhì...).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import CollectiveWinner, Publication, QuizPrize, RoundPhase, Winner
from .ranking import all_correct_count, contest_ranking, known_error, participation, round_ranking


class CannotPublish(Exception):
    """Why these results cannot be published now, in the admin's words."""


def prize_places(prizes):
    """[(prize, reward), ...]: one place per prize to give, in order."""
    return [(prize.name, prize.reward) for prize in prizes for _place in range(prize.count)]


@transaction.atomic
def publish_round(quiz_round, user, now=None):
    now = now or timezone.now()
    if quiz_round.phase(now) != RoundPhase.CLOSED:
        raise CannotPublish(_("The round has not closed yet: its results can be published once it has."))
    if Publication.objects.filter(round=quiz_round).exists():
        raise CannotPublish(_("These results are published already."))
    true_count = all_correct_count(quiz_round)
    publication = Publication.objects.create(
        contest=quiz_round.contest, round=quiz_round, all_correct_count=true_count, published_by=user
    )
    _award(
        Winner, publication, QuizPrize.Scope.ROUND, round_ranking(quiz_round, true_count), _attempt_figures
    )
    return publication


@transaction.atomic
def publish_contest(contest, user):
    rounds = list(contest.rounds.select_related("publication"))
    if not rounds or any(getattr(quiz_round, "publication", None) is None for quiz_round in rounds):
        raise CannotPublish(_("Publish the results of every round first."))
    if Publication.objects.filter(contest=contest, round__isnull=True).exists():
        raise CannotPublish(_("These results are published already."))
    publication = Publication.objects.create(contest=contest, published_by=user)
    standings = contest_ranking((r, r.publication.all_correct_count) for r in rounds)
    _award(Winner, publication, QuizPrize.Scope.CONTEST, standings, _standing_figures)
    _award(
        CollectiveWinner,
        publication,
        QuizPrize.Scope.COLLECTIVE,
        participation(contest),
        _participation_figures,
    )
    return publication


def _award(model, publication, scope, ranked, figures):
    """The scope's prizes given down `ranked` (best first), a row of `model` each, `figures(item)` its fields."""
    places = prize_places(publication.contest.prizes_for(scope))
    model.objects.bulk_create(
        model(publication=publication, rank=rank, prize=prize, reward=reward, **figures(item))
        for rank, ((prize, reward), item) in enumerate(
            zip(places, ranked[: len(places)], strict=False), start=1
        )
    )


def _attempt_figures(attempt):
    return {
        "entrant_id": attempt.entrant_id,
        "attempt": attempt,
        "correct_count": attempt.correct_count,
        "duration_ms": attempt.duration_ms,
        "prediction_error": known_error(attempt.prediction_error),
    }


def _standing_figures(standing):
    return {
        "entrant_id": standing.entrant_id,
        "correct_count": standing.correct_count,
        "duration_ms": standing.duration_ms,
        "prediction_error": known_error(standing.prediction_error),
    }


def _participation_figures(count):
    return {"unit_id": count.unit_id, "locality_id": count.locality_id, "participants": count.participants}
