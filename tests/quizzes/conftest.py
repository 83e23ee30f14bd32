"""Fixtures of the knowledge contests: a contest on the newspaper, rounds with a bank of questions, entrants."""

import datetime
from functools import partial

import pytest

from exemplars.models import Locality, Unit
from newsroom.models import Outlet, OutletHomePage
from quizzes.models import Question, QuestionOption, QuizPage, QuizPrize, QuizRound
from quizzes.taking import EntrantDetails

# Round 1 runs a week of March 2025, 07:00 to 20:00 the next Monday in Đắk Lắk (UTC+7).
OPENS_AT = datetime.datetime(2025, 3, 3, 0, 0, tzinfo=datetime.UTC)
CLOSES_AT = datetime.datetime(2025, 3, 10, 13, 0, tzinfo=datetime.UTC)
DURING = OPENS_AT + datetime.timedelta(days=2)
AFTER = CLOSES_AT + datetime.timedelta(hours=1)


def new_quiz(title="Cuộc thi trực tuyến tìm hiểu 50 năm Chiến thắng Buôn Ma Thuột", **fields):
    newspaper = OutletHomePage.objects.get(outlet=Outlet.NEWSPAPER)
    quiz = QuizPage(
        title=title,
        theme=fields.pop("theme", "Tìm hiểu lịch sử Chiến thắng Buôn Ma Thuột 10/3/1975"),
        rules=fields.pop("rules", "<p>Mỗi tuần một vòng thi.</p>"),
        eligibility=fields.pop("eligibility", "Mọi công dân Việt Nam."),
        **fields,
    )
    # Orderables made in code have no sort_order unless given: PostgreSQL would return them in any order.
    quiz.prizes = [
        QuizPrize(
            scope=QuizPrize.Scope.ROUND, name="Giải Nhất", count=1, reward="2.000.000 đồng", sort_order=0
        ),
        QuizPrize(scope=QuizPrize.Scope.ROUND, name="Giải Nhì", count=2, sort_order=1),
        QuizPrize(scope=QuizPrize.Scope.CONTEST, name="Giải Đặc biệt", count=1, sort_order=2),
        QuizPrize(scope=QuizPrize.Scope.COLLECTIVE, name="Giải Tập thể", count=2, sort_order=3),
    ]
    newspaper.add_child(instance=quiz)
    quiz.save_revision().publish()
    quiz.refresh_from_db()
    return quiz


def new_round(quiz, name="Tuần 1", opens_at=OPENS_AT, closes_at=CLOSES_AT, questions=6, **fields):
    """A round with `questions` questions of four options each, "Đúng N" the right one; every third question
    a multiple choice question with two right options."""
    fields.setdefault("questions_per_attempt", min(questions, 4))
    quiz_round = QuizRound.objects.create(
        contest=quiz, name=name, opens_at=opens_at, closes_at=closes_at, **fields
    )
    for number in range(1, questions + 1):
        multiple = number % 3 == 0
        question = Question.objects.create(
            round=quiz_round,
            text=f"Câu hỏi số {number} của {name}?",
            kind=Question.Kind.MULTIPLE if multiple else Question.Kind.SINGLE,
        )
        QuestionOption.objects.bulk_create(
            QuestionOption(
                question=question,
                text=f"{'Đúng' if right else 'Sai'} {number}.{letter}",
                is_correct=right,
                sort_order=index,
            )
            for index, (letter, right) in enumerate(
                [("a", True), ("b", multiple), ("c", False), ("d", False)]
            )
        )
    return quiz_round


@pytest.fixture
def quiz(outlets):
    return new_quiz()


@pytest.fixture
def make_round(quiz):
    return partial(new_round, quiz)


@pytest.fixture
def unit(db):
    return Unit.objects.create(name="Trường THPT Buôn Ma Thuột", kind=Unit.Kind.SCHOOL)


@pytest.fixture
def locality(db):
    return Locality.objects.present().first()


def details(phone="0912345678", name="Nguyễn Thị Hoa", unit=None, locality=None, **fields):
    if unit is None and locality is None:
        locality = Locality.objects.present().first()
    return EntrantDetails(
        full_name=name,
        birth_date=fields.pop("birth_date", datetime.date(1990, 3, 10)),
        phone_key=phone,
        unit=unit,
        locality=locality,
        **fields,
    )


def right_answers(attempt):
    """[[option pks], ...]: every drawn question answered right."""
    right = set(
        QuestionOption.objects.filter(
            question__in=[pk for pk, _ in attempt.drawn], is_correct=True
        ).values_list("pk", flat=True)
    )
    return [[pk for pk in options if pk in right] for _, options in attempt.drawn]


def wrong_answers(attempt, wrong=1):
    """The first `wrong` drawn questions answered wrong (their last option shown, never right), the rest right."""
    answers = right_answers(attempt)
    for index in range(wrong):
        answers[index] = [option for option in attempt.drawn[index][1] if option not in answers[index]][:1]
    return answers
