"""Taking an attempt: the draw, the allowance per person, the deadline, the score, and a replayed send."""

import datetime

import pytest

from quizzes.models import Attempt, Entrant
from quizzes.taking import SENDING_GRACE, AttemptRefused, start_attempt, submit_attempt

from .conftest import AFTER, CLOSES_AT, DURING, OPENS_AT, details, right_answers, wrong_answers


def test_an_attempt_draws_its_questions_from_its_round_with_every_option(make_round):
    quiz_round = make_round(questions=8, questions_per_attempt=5)
    other = make_round(name="Tuần 2", questions=8)
    attempt = start_attempt(quiz_round, details(), DURING)
    drawn_questions = [question for question, _ in attempt.drawn]
    assert len(set(drawn_questions)) == 5
    assert set(drawn_questions) <= set(quiz_round.questions.values_list("pk", flat=True))
    assert not set(drawn_questions) & set(other.questions.values_list("pk", flat=True))
    for question_pk, options in attempt.drawn:
        assert sorted(options) == sorted(
            quiz_round.questions.get(pk=question_pk).options.values_list("pk", flat=True)
        )
    assert attempt.question_count == 5
    assert attempt.deadline == DURING + datetime.timedelta(minutes=quiz_round.minutes_allowed)


def test_the_draw_differs_between_attempts(make_round):
    quiz_round = make_round(questions=12, questions_per_attempt=6, attempts_per_person=20)
    draws = {
        tuple(tuple(options) for _, options in start_attempt(quiz_round, details(), DURING).drawn)
        for _ in range(6)
    }
    assert len(draws) > 1


def test_an_attempt_started_near_the_close_ends_before_the_round_with_its_grace(make_round):
    quiz_round = make_round()
    attempt = start_attempt(quiz_round, details(), CLOSES_AT - datetime.timedelta(minutes=3))
    assert attempt.deadline == CLOSES_AT - SENDING_GRACE
    with pytest.raises(AttemptRefused, match="hết thời gian"):
        submit_attempt(attempt.key, right_answers(attempt), 1, CLOSES_AT)
    with pytest.raises(AttemptRefused, match="không còn đủ thời gian làm bài"):
        start_attempt(quiz_round, details(phone="0987654321"), CLOSES_AT - datetime.timedelta(seconds=70))


@pytest.mark.parametrize(
    ("moment", "message"),
    [
        (OPENS_AT - datetime.timedelta(seconds=1), "chưa mở"),
        (CLOSES_AT, "đã kết thúc"),
        (AFTER, "đã kết thúc"),
    ],
)
def test_no_attempt_starts_outside_the_round(make_round, moment, message):
    quiz_round = make_round()
    with pytest.raises(AttemptRefused, match=message):
        start_attempt(quiz_round, details(), moment)
    assert not Attempt.objects.exists() and not Entrant.objects.exists()


def test_a_round_with_too_few_questions_starts_no_attempt(make_round):
    quiz_round = make_round(questions=3, questions_per_attempt=5)
    with pytest.raises(AttemptRefused, match="chưa sẵn sàng"):
        start_attempt(quiz_round, details(), DURING)


def test_a_person_has_the_rounds_allowance_counted_by_phone(make_round):
    quiz_round = make_round(attempts_per_person=2)
    start_attempt(quiz_round, details(), DURING)
    start_attempt(quiz_round, details(name="Nguyễn Thị Hoà"), DURING)
    with pytest.raises(AttemptRefused, match=r"0912\*\*\*678 đã dự thi đủ 2 lần"):
        start_attempt(quiz_round, details(), DURING)
    assert Attempt.objects.count() == 2
    # Another person, and the same person in another round, are counted apart.
    start_attempt(quiz_round, details(phone="0987654321"), DURING)
    later = make_round(name="Tuần 2", opens_at=CLOSES_AT, closes_at=CLOSES_AT + datetime.timedelta(days=7))
    start_attempt(later, details(), CLOSES_AT + datetime.timedelta(hours=1))


def test_the_last_details_given_are_kept(make_round, unit):
    quiz_round = make_round()
    start_attempt(quiz_round, details(name="Nguyen Thi Hoa"), DURING)
    start_attempt(quiz_round, details(unit=unit), DURING)
    entrant = Entrant.objects.get()
    assert (entrant.full_name, entrant.unit, entrant.locality) == ("Nguyễn Thị Hoa", unit, None)


def test_a_sent_attempt_is_scored_by_the_server(make_round):
    quiz_round = make_round()
    attempt = start_attempt(quiz_round, details(), DURING)
    sent_at = DURING + datetime.timedelta(minutes=3, seconds=12)
    sent = submit_attempt(attempt.key, wrong_answers(attempt, wrong=1), 1250, sent_at)
    attempt.refresh_from_db()
    assert not sent.replayed
    assert (attempt.correct_count, attempt.question_count, attempt.prediction) == (3, 4, 1250)
    assert attempt.duration_ms == 192_000
    assert attempt.submitted_at == sent_at


def test_a_multiple_choice_question_is_right_only_with_every_right_option(make_round):
    quiz_round = make_round(questions=3, questions_per_attempt=3)
    attempt = start_attempt(quiz_round, details(), DURING)
    answers = right_answers(attempt)
    multiple = next(index for index, chosen in enumerate(answers) if len(chosen) == 2)
    answers[multiple] = answers[multiple][:1]
    submit_attempt(attempt.key, answers, None, DURING)
    attempt.refresh_from_db()
    assert attempt.correct_count == 2


def test_a_replayed_send_changes_nothing(make_round):
    quiz_round = make_round()
    attempt = start_attempt(quiz_round, details(), DURING)
    submit_attempt(attempt.key, right_answers(attempt), 10, DURING + datetime.timedelta(minutes=1))
    replay = submit_attempt(
        attempt.key, wrong_answers(attempt, wrong=4), 99, DURING + datetime.timedelta(minutes=2)
    )
    attempt.refresh_from_db()
    assert replay.replayed
    assert (attempt.correct_count, attempt.prediction, attempt.duration_ms) == (4, 10, 60_000)


def test_answers_sent_after_the_deadline_and_its_grace_are_refused(make_round):
    quiz_round = make_round(minutes_allowed=10)
    attempt = start_attempt(quiz_round, details(), DURING)
    late = attempt.deadline + SENDING_GRACE
    in_grace = late - datetime.timedelta(milliseconds=1)
    with pytest.raises(AttemptRefused, match="hết thời gian"):
        submit_attempt(attempt.key, right_answers(attempt), 5, late)
    attempt.refresh_from_db()
    assert attempt.submitted_at is None and attempt.correct_count is None
    submit_attempt(attempt.key, right_answers(attempt), 5, in_grace)
    attempt.refresh_from_db()
    # Time taken stops at the deadline: the grace is for the network, not for answering.
    assert attempt.duration_ms == 10 * 60 * 1000
