"""Attempts taken at the same moment on PostgreSQL: one person's starts stay within the allowance, one
attempt's sends are scored once, and different people never stop each other.

Each call runs in a thread and a connection of its own (tests/races.py). The draw and the scoring are slowed
down where they sit, between the count (or the check) and the write, so that without the row locks every call
would read the same state before any of them wrote.
"""

import datetime
import time
from functools import partial

import pytest
import time_machine

from django.db import IntegrityError
from django.db.models import QuerySet
from django.test import Client

from quizzes import taking
from quizzes.forms import OPTION_LETTERS
from quizzes.models import Attempt, Entrant
from quizzes.taking import AttemptRefused, Sent, start_attempt, submit_attempt
from tests.races import at_once

from .conftest import DURING, details, right_answers, wrong_answers

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

THREADS = 12
SLOW_DOWN = 0.3
SENT_AT = DURING + datetime.timedelta(minutes=5)


@pytest.fixture
def slow_draw(monkeypatch):
    """A start waits between counting the person's attempts and writing the new one."""
    draw = taking.draw

    def slowly(*arguments):
        time.sleep(SLOW_DOWN)
        return draw(*arguments)

    monkeypatch.setattr(taking, "draw", slowly)


@pytest.fixture
def slow_scoring(monkeypatch):
    """A send waits between reading the attempt and writing its score."""
    count_correct = taking.count_correct

    def slowly(*arguments):
        time.sleep(SLOW_DOWN)
        return count_correct(*arguments)

    monkeypatch.setattr(taking, "count_correct", slowly)


def start_at_once(quiz_round, people):
    """Every person's start at the same moment: the Attempt or the refusal of each, in order."""
    return at_once(
        [partial(start_attempt, quiz_round, person, DURING) for person in people],
        refusals=(AttemptRefused, IntegrityError),
    )


def test_one_persons_starts_at_once_stay_within_the_allowance(make_round, slow_draw):
    quiz_round = make_round(attempts_per_person=3)
    outcomes = start_at_once(quiz_round, [details()] * THREADS)
    started = [outcome for outcome in outcomes if isinstance(outcome, Attempt)]
    refused = [outcome for outcome in outcomes if not isinstance(outcome, Attempt)]
    assert len(started) == 3
    assert all(isinstance(refusal, AttemptRefused) for refusal in refused)
    assert {str(refusal) for refusal in refused} == {
        "Số điện thoại 0912***678 đã dự thi đủ 3 lần, mức tối đa mỗi người ở vòng thi này."
    }
    assert Entrant.objects.count() == 1
    assert sorted(Attempt.objects.values_list("number", flat=True)) == [1, 2, 3]


def test_a_returning_persons_starts_at_once_fill_only_what_is_left(make_round, slow_draw):
    quiz_round = make_round(attempts_per_person=3)
    start_attempt(quiz_round, details(), DURING)
    outcomes = start_at_once(quiz_round, [details(name=f"Nguyễn Thị Hoa {n}") for n in range(THREADS)])
    assert sum(isinstance(outcome, Attempt) for outcome in outcomes) == 2
    assert sum(isinstance(outcome, AttemptRefused) for outcome in outcomes) == THREADS - 2
    assert sorted(Attempt.objects.values_list("number", flat=True)) == [1, 2, 3]
    # The details of one of the starts that went through are kept, whichever came last.
    assert Entrant.objects.get().full_name.startswith("Nguyễn Thị Hoa ")


def test_without_the_entrants_lock_the_starts_collide_and_the_unique_number_holds(
    make_round, slow_draw, monkeypatch
):
    """The control: the same race with SELECT … FOR UPDATE taken away. Every start counts the one attempt
    before any writes the next: the unique attempt number refuses all but one, with an error instead of the
    message, so the race above is a real one."""
    quiz_round = make_round(attempts_per_person=3)
    start_attempt(quiz_round, details(), DURING)
    monkeypatch.setattr(QuerySet, "select_for_update", lambda queryset, **options: queryset)
    outcomes = start_at_once(quiz_round, [details()] * THREADS)
    assert sum(isinstance(outcome, IntegrityError) for outcome in outcomes) == THREADS - 1
    assert sorted(Attempt.objects.values_list("number", flat=True)) == [1, 2]


def test_different_peoples_starts_at_once_all_go_through(make_round, slow_draw):
    quiz_round = make_round(attempts_per_person=1)
    people = [details(phone=f"09123450{n:02d}", name=f"Người dự thi {n}") for n in range(THREADS)]
    outcomes = start_at_once(quiz_round, people)
    assert all(isinstance(outcome, Attempt) and outcome.number == 1 for outcome in outcomes)
    assert Entrant.objects.count() == THREADS
    assert Attempt.objects.filter(round=quiz_round, number=1).count() == THREADS


def test_one_attempt_sent_many_times_at_once_is_scored_once(make_round, slow_scoring):
    quiz_round = make_round()
    attempt = start_attempt(quiz_round, details(), DURING)
    # Each send differs (its answers and prediction): the one scored is told apart from the replays.
    sends = [
        partial(submit_attempt, attempt.key, wrong_answers(attempt, wrong=n % 4), 1000 + n, SENT_AT)
        for n in range(THREADS)
    ]
    outcomes = at_once(sends)
    assert all(isinstance(outcome, Sent) for outcome in outcomes)
    (scored,) = [outcome for outcome in outcomes if not outcome.replayed]
    attempt.refresh_from_db()
    assert (attempt.correct_count, attempt.prediction) == (
        scored.attempt.correct_count,
        scored.attempt.prediction,
    )
    assert attempt.submitted_at == SENT_AT
    # Every replay answers with what was scored, not with what it carried.
    assert {(o.attempt.correct_count, o.attempt.prediction) for o in outcomes} == {
        (attempt.correct_count, attempt.prediction)
    }


@pytest.fixture
def no_challenge(settings):
    """Every start of these tests comes from one address, as an office's."""
    settings.QUIZ_STARTS_BEFORE_CHALLENGE = 10_000
    settings.QUIZ_STARTS_PER_ADDRESS = 10_000


def entrant_form(quiz_round, phone, locality):
    return {
        "round": quiz_round.pk,
        "full_name": "Nguyễn Thị Hoa",
        "birth_date": "10/3/1990",
        "phone": phone,
        "affiliation": f"locality-{locality.pk}",
        "id_number": "",
        "consented": "on",
    }


def post_at_once(url, forms):
    """Every form posted at once from its own thread, client and connection: the answers, in order."""
    return at_once([lambda data=data: Client().post(url, data) for data in forms])


@time_machine.travel(DURING, tick=False)
def test_starts_through_the_page_at_once_keep_each_persons_allowance(
    quiz, make_round, locality, no_challenge, slow_draw
):
    quiz_round = make_round(attempts_per_person=2)
    # Half the forms from one person (written two ways), half from as many others.
    one_person = [entrant_form(quiz_round, phone, locality) for phone in ["0912 345 678", "+84912345678"] * 3]
    others = [entrant_form(quiz_round, f"09876543{n:02d}", locality) for n in range(6)]
    answers = post_at_once(quiz.url, one_person + others)
    assert sorted(answer.status_code for answer in answers[:6]) == [303, 303, 409, 409, 409, 409]
    assert [answer.status_code for answer in answers[6:]] == [303] * 6
    assert Attempt.objects.filter(entrant__phone_key="0912345678").count() == 2
    assert Attempt.objects.count() == 8


@time_machine.travel(DURING, tick=False)
def test_a_send_through_the_page_tapped_many_times_is_scored_once(quiz, make_round, locality, slow_scoring):
    quiz_round = make_round()
    attempt = start_attempt(quiz_round, details(locality=locality), DURING)
    url = f"{quiz.url}bai-thi/{attempt.key}/"
    letters = {
        f"cau-{position}": [OPTION_LETTERS[shown.index(pk)] for pk in right]
        for position, ((_, shown), right) in enumerate(
            zip(attempt.drawn, right_answers(attempt), strict=True), 1
        )
    }
    answers = post_at_once(url, [{**letters, "prediction": str(500 + n)} for n in range(8)])
    assert [answer.status_code for answer in answers] == [200] * 8
    pages = [answer.content.decode() for answer in answers]
    assert sum("lần gửi lại không được tính" not in page for page in pages) == 1
    assert all("Bạn trả lời đúng <strong>4/4</strong>" in page for page in pages)
    attempt.refresh_from_db()
    assert attempt.correct_count == 4 and 500 <= attempt.prediction < 508
