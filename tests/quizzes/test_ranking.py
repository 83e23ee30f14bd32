"""Rankings and published results: the best attempt counts, ties broken in the rules' order, prizes in order."""

import datetime

import pytest

from quizzes.models import CollectiveWinner, Publication, Winner
from quizzes.publication import CannotPublish, publish_contest, publish_round
from quizzes.ranking import all_correct_count, contest_ranking, participation, round_ranking
from quizzes.taking import start_attempt, submit_attempt

from .conftest import AFTER, CLOSES_AT, DURING, details, wrong_answers

MINUTE = datetime.timedelta(minutes=1)


def take(quiz_round, person, wrong=0, prediction=None, minutes=5, start=DURING, unit=None, locality=None):
    """An attempt by `person` (a phone number), sent after `minutes` with `wrong` answers wrong."""
    attempt = start_attempt(quiz_round, details(phone=person, unit=unit, locality=locality), start)
    submit_attempt(attempt.key, wrong_answers(attempt, wrong), prediction, start + minutes * MINUTE)
    return attempt


def ranked_phones(quiz_round, true_count):
    return [
        attempt.entrant.phone_key
        for attempt in round_ranking(quiz_round, true_count).select_related("entrant")
    ]


def test_the_prediction_number_counts_people_with_every_answer_right(make_round):
    quiz_round = make_round(attempts_per_person=3)
    take(quiz_round, "0900000001")
    take(quiz_round, "0900000001")
    take(quiz_round, "0900000002", wrong=1)
    take(quiz_round, "0900000003")
    # Started, never sent: not counted.
    start_attempt(quiz_round, details(phone="0900000004"), DURING)
    assert all_correct_count(quiz_round) == 2


def test_a_round_ranks_each_entrants_best_attempt_by_the_rules_order(make_round):
    quiz_round = make_round(attempts_per_person=3)
    take(quiz_round, "0900000001", wrong=2, prediction=2)
    take(quiz_round, "0900000001", wrong=0, prediction=50, minutes=9)  # the best of the two: off by 45
    take(quiz_round, "0900000002", wrong=0, prediction=3, minutes=9)  # off by 2
    take(quiz_round, "0900000003", wrong=0, prediction=3, minutes=4)  # off by 2, quicker
    take(quiz_round, "0900000004", wrong=0, prediction=5, minutes=8)  # the true number
    take(quiz_round, "0900000005", wrong=0, prediction=None, minutes=1)  # no prediction: after the others
    take(quiz_round, "0900000006", wrong=1, prediction=5, minutes=1)  # one wrong: last, whatever else
    true_count = all_correct_count(quiz_round)
    assert true_count == 5
    assert ranked_phones(quiz_round, true_count) == [
        "0900000004",
        "0900000003",
        "0900000002",
        "0900000001",
        "0900000005",
        "0900000006",
    ]
    best = {a.entrant.phone_key: a for a in round_ranking(quiz_round, true_count).select_related("entrant")}
    assert len(best) == 6
    assert (best["0900000001"].correct_count, best["0900000001"].prediction_error) == (4, 45)


def test_equal_results_go_to_the_earlier_send(make_round):
    quiz_round = make_round()
    take(quiz_round, "0900000002", prediction=1, start=DURING + MINUTE)
    take(quiz_round, "0900000001", prediction=1, start=DURING)
    assert ranked_phones(quiz_round, 2) == ["0900000001", "0900000002"]


def test_results_are_published_once_the_round_has_closed_with_prizes_in_order(make_round, django_user_model):
    quiz_round = make_round()
    organiser = django_user_model.objects.create(username="btc")
    for number in range(1, 6):
        take(quiz_round, f"090000000{number}", wrong=number % 3, prediction=number, minutes=number)
    with pytest.raises(CannotPublish):
        publish_round(quiz_round, organiser, now=CLOSES_AT - MINUTE)
    publication = publish_round(quiz_round, organiser, now=AFTER)
    winners = list(publication.winners.select_related("entrant"))
    # The round's prizes: one Giải Nhất, two Giải Nhì (tests/quizzes/conftest.py).
    assert [(w.rank, w.prize) for w in winners] == [(1, "Giải Nhất"), (2, "Giải Nhì"), (3, "Giải Nhì")]
    assert [w.entrant.phone_key for w in winners] == ranked_phones(quiz_round, publication.all_correct_count)[
        :3
    ]
    assert winners[0].reward == "2.000.000 đồng"
    assert [w.prediction_error for w in winners] == [
        abs(w.attempt.prediction - publication.all_correct_count) for w in winners
    ]
    with pytest.raises(CannotPublish):
        publish_round(quiz_round, organiser, now=AFTER)
    assert Winner.objects.count() == 3


def test_the_whole_contest_adds_up_the_rounds_and_rewards_the_units_with_most_people(
    quiz, make_round, unit, locality, django_user_model
):
    organiser = django_user_model.objects.create(username="btc")
    first = make_round()
    second = make_round(
        name="Tuần 2", opens_at=CLOSES_AT, closes_at=CLOSES_AT + 7 * datetime.timedelta(days=1)
    )
    later = CLOSES_AT + MINUTE
    # Two people of the unit, one of the commune; the commune's person does best in both rounds.
    take(first, "0900000001", wrong=1, unit=unit)
    take(first, "0900000002", wrong=0, prediction=1, unit=unit)
    take(first, "0900000003", wrong=0, prediction=1, locality=locality, minutes=1)
    take(second, "0900000003", wrong=0, locality=locality, start=later)
    take(second, "0900000002", wrong=2, unit=unit, start=later)
    publish_round(first, organiser, now=AFTER)
    with pytest.raises(CannotPublish):
        publish_contest(quiz, organiser)
    publish_round(second, organiser, now=second.closes_at + MINUTE)
    publication = publish_contest(quiz, organiser)
    standings = contest_ranking([(r, r.publication.all_correct_count) for r in (first, second)])
    assert [s.entrant_id for s in standings][:1] == [publication.winners.get().entrant_id]
    assert publication.winners.get().entrant.phone_key == "0900000003"
    assert publication.winners.get().correct_count == 8
    collective = list(publication.collective_winners.all())
    assert [(c.rank, c.name, c.participants) for c in collective] == [
        (1, unit.name, 2),
        (2, locality.name, 1),
    ]
    with pytest.raises(CannotPublish):
        publish_contest(quiz, organiser)
    assert Publication.objects.count() == 3 and CollectiveWinner.objects.count() == 2


def test_participation_counts_people_and_sent_attempts_per_unit(quiz, make_round, unit, locality):
    quiz_round = make_round(attempts_per_person=3)
    take(quiz_round, "0900000001", unit=unit)
    take(quiz_round, "0900000001", unit=unit)
    take(quiz_round, "0900000002", unit=unit)
    take(quiz_round, "0900000003", locality=locality)
    start_attempt(quiz_round, details(phone="0900000004", locality=locality), DURING)
    counts = [(c.name, c.participants, c.attempts) for c in participation(quiz)]
    assert counts == [(unit.name, 2, 3), (locality.name, 1, 1)]
    assert [(c.name, c.participants) for c in participation(quiz, quiz_round)] == [
        (unit.name, 2),
        (locality.name, 1),
    ]
