"""The organisers' rounds and question bank in the admin: the listings, the forms' rules, and what an attempt that
has drawn a question forbids (changing how it is scored, deleting it or its round)."""

import datetime

import pytest
import time_machine

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data

from quizzes.models import Question, QuestionOption, QuizRound
from quizzes.setup import ORGANISERS_GROUP, ensure_organisers
from quizzes.taking import start_attempt

from .conftest import CLOSES_AT, DURING, OPENS_AT, details

pytestmark = pytest.mark.django_db

LOCAL = datetime.timezone(datetime.timedelta(hours=7))


@pytest.fixture
def organiser(client, outlets, make_user):
    ensure_organisers(outlets)
    client.force_login(make_user("bantochuc", ORGANISERS_GROUP, admin_language="en"))
    return client


def admin_time(moment):
    return moment.astimezone(LOCAL).strftime("%Y-%m-%d %H:%M")


def round_data(quiz, **fields):
    data = {
        "contest": quiz.pk,
        "name": "Tuần 2",
        "opens_at": admin_time(OPENS_AT),
        "closes_at": admin_time(CLOSES_AT),
        "questions_per_attempt": 4,
        "minutes_allowed": 15,
        "attempts_per_person": 3,
    }
    return data | fields


def question_data(quiz_round, options, kind="single", text="Chiến thắng Buôn Ma Thuột diễn ra năm nào?"):
    """`options`: [(text, right), ...] new, or [(pk, text, right), ...] existing."""
    rows = []
    for option in options:
        pk, text_, right = option if len(option) == 3 else (None, *option)
        row = {"text": text_, "is_correct": "on" if right else ""}
        if pk:
            row["id"] = pk
        rows.append(row)
    existing = sum(1 for option in options if len(option) == 3)
    return nested_form_data(
        {
            "round": quiz_round.pk,
            "kind": kind,
            "text": text,
            "image": "",
            "options": inline_formset(rows, initial=existing),
        }
    )


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []


def test_the_rounds_listing_counts_the_bank_and_the_attempts_sent(organiser, quiz, make_round):
    quiz_round = make_round(questions=6)
    make_round(
        name="Tuần 2", questions=0, opens_at=CLOSES_AT, closes_at=CLOSES_AT + datetime.timedelta(days=7)
    )
    start_attempt(quiz_round, details(), DURING)
    listing = organiser.get(reverse("quizzes_round:index"), {"contest": quiz.pk})
    assert listing.status_code == 200
    rows = {row.name: row for row in listing.context["object_list"]}
    assert (rows["Tuần 1"].bank_size, rows["Tuần 1"].attempts_sent) == (6, 0)
    assert (rows["Tuần 2"].bank_size, rows["Tuần 2"].attempts_sent) == (0, 0)


def test_a_round_closes_after_it_opens(organiser, quiz):
    response = organiser.post(
        reverse("quizzes_round:add"),
        round_data(quiz, closes_at=admin_time(OPENS_AT - datetime.timedelta(hours=1))),
    )
    assert response.status_code == 200
    assert "A round closes after it opens." in response.content.decode()
    assert not QuizRound.objects.exists()


@time_machine.travel(DURING, tick=False)
def test_an_open_round_must_draw_no_more_questions_than_its_bank(organiser, quiz, make_round):
    quiz_round = make_round(questions=5, questions_per_attempt=4)
    url = reverse("quizzes_round:edit", args=[quiz_round.pk])
    refused = organiser.post(url, round_data(quiz, name="Tuần 1", questions_per_attempt=6))
    assert "its bank holds 5 questions: an attempt cannot draw 6" in refused.content.decode()
    quiz_round.refresh_from_db()
    assert quiz_round.questions_per_attempt == 4


@time_machine.travel(OPENS_AT - datetime.timedelta(days=3), tick=False)
def test_an_upcoming_round_is_saved_with_a_warning_while_its_bank_is_short(organiser, quiz):
    response = organiser.post(reverse("quizzes_round:add"), round_data(quiz), follow=True)
    assert QuizRound.objects.filter(name="Tuần 2").exists()
    assert any(
        "add questions before it opens at 07:00 ngày 3/3/2025" in text for text in messages_of(response)
    )


def test_a_round_with_questions_is_not_deleted_and_says_why(organiser, quiz, make_round):
    quiz_round = make_round(questions=3)
    url = reverse("quizzes_round:delete", args=[quiz_round.pk])
    confirm = organiser.get(url)
    assert confirm.status_code == 200 and "it has 3 questions and 0 attempts" in confirm.content.decode()
    assert "Yes, delete" not in confirm.content.decode()
    response = organiser.post(url, follow=True)
    assert response.status_code == 200
    assert any("cannot be deleted" in text for text in messages_of(response))
    assert QuizRound.objects.filter(pk=quiz_round.pk).exists()


def test_a_round_with_attempts_is_not_deleted_even_when_the_check_is_passed(
    organiser, quiz, make_round, monkeypatch
):
    """The ProtectedError of attempts appearing after the confirmation is a message too, never a 500."""
    quiz_round = make_round()
    start_attempt(quiz_round, details(), DURING)
    # Only the attempts point at the round now, and the admin's reference index does not know them.
    Question.objects.filter(round=quiz_round).delete()
    monkeypatch.setattr("quizzes.admin_rounds.RoundDeleteView.refusal", lambda view: None)
    response = organiser.post(reverse("quizzes_round:delete", args=[quiz_round.pk]), follow=True)
    assert response.status_code == 200
    assert any("cannot be deleted" in text for text in messages_of(response))
    assert QuizRound.objects.filter(pk=quiz_round.pk).exists()


def test_an_empty_round_is_deleted(organiser, quiz, make_round):
    quiz_round = make_round(questions=0)
    organiser.post(reverse("quizzes_round:delete", args=[quiz_round.pk]))
    assert not QuizRound.objects.filter(pk=quiz_round.pk).exists()


def test_a_round_people_have_taken_stays_in_its_contest(organiser, quiz, make_round):
    from .conftest import new_quiz

    other = new_quiz(title="Cuộc thi tìm hiểu khác", slug="cuoc-thi-khac")
    quiz_round = make_round()
    start_attempt(quiz_round, details(), DURING)
    response = organiser.post(
        reverse("quizzes_round:edit", args=[quiz_round.pk]), round_data(other, name="Tuần 1")
    )
    assert "can no longer move to another contest" in response.content.decode()
    quiz_round.refresh_from_db()
    assert quiz_round.contest_id == quiz.pk


@pytest.mark.parametrize(
    ("kind", "options", "error"),
    [
        ("single", [("1975", True)], "at least 2 options"),
        ("single", [("1975", True), ("1976", True)], "exactly one right option; 2 are marked right"),
        ("single", [("1975", False), ("1976", False)], "exactly one right option; 0 are marked right"),
        ("multiple", [("1975", False), ("1976", False)], "at least one option of a multiple choice"),
        ("single", [(f"Năm {n}", n == 0) for n in range(27)], "at most 26 options"),
    ],
)
def test_a_question_is_refused_with_the_reason(organiser, quiz, make_round, kind, options, error):
    quiz_round = make_round(questions=0)
    response = organiser.post(reverse("quizzes_question:add"), question_data(quiz_round, options, kind=kind))
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Question.objects.exists()


def test_a_question_is_added_with_its_options(organiser, quiz, make_round):
    quiz_round = make_round(questions=0)
    options = [("1975", True), ("1976", False), ("1954", False)]
    response = organiser.post(reverse("quizzes_question:add"), question_data(quiz_round, options))
    assert response.status_code == 302
    question = Question.objects.get()
    assert list(question.options.values_list("text", "is_correct")) == [(t, r) for t, r in options]


@pytest.fixture
def drawn_question(quiz, make_round):
    quiz_round = make_round(questions=4, questions_per_attempt=4)
    start_attempt(quiz_round, details(), DURING)
    return quiz_round.questions.filter(kind=Question.Kind.SINGLE).first()


def existing_options(question, **changes):
    """The question's options as (pk, text, right), with `changes` {index: (text, right)}."""
    options = [(o.pk, o.text, o.is_correct) for o in question.options.all()]
    for index, (text, right) in changes.items():
        options[int(index)] = (options[int(index)][0], text, right)
    return options


def test_a_drawn_question_keeps_which_options_are_right(organiser, drawn_question):
    url = reverse("quizzes_question:edit", args=[drawn_question.pk])
    options = existing_options(drawn_question)
    flipped = [
        (pk, text, not right) if index < 2 else (pk, text, right)
        for index, (pk, text, right) in enumerate(options)
    ]
    response = organiser.post(url, question_data(drawn_question.round, flipped, text=drawn_question.text))
    assert "Attempts have drawn this question already" in response.content.decode()
    assert set(drawn_question.options.filter(is_correct=True).values_list("pk", flat=True)) == {options[0][0]}


def test_a_drawn_question_takes_no_new_option(organiser, drawn_question):
    url = reverse("quizzes_question:edit", args=[drawn_question.pk])
    options = [*existing_options(drawn_question), ("Một lựa chọn mới", False)]
    response = organiser.post(url, question_data(drawn_question.round, options, text=drawn_question.text))
    assert "Attempts have drawn this question already" in response.content.decode()
    assert drawn_question.options.count() == 4


def test_a_typo_in_a_drawn_question_may_be_fixed(organiser, drawn_question):
    url = reverse("quizzes_question:edit", args=[drawn_question.pk])
    options = existing_options(drawn_question, **{"1": ("Sai chính tả đã sửa", False)})
    response = organiser.post(url, question_data(drawn_question.round, options, text="Câu hỏi đã sửa?"))
    assert response.status_code == 302
    drawn_question.refresh_from_db()
    assert drawn_question.text == "Câu hỏi đã sửa?"
    assert QuestionOption.objects.filter(text="Sai chính tả đã sửa").exists()


def test_a_question_nobody_drew_may_change_its_right_option(organiser, quiz, make_round):
    quiz_round = make_round(questions=2, questions_per_attempt=1)
    question = quiz_round.questions.first()
    options = existing_options(question, **{"0": ("Đúng 1.a", False), "2": ("Sai 1.c", True)})
    response = organiser.post(
        reverse("quizzes_question:edit", args=[question.pk]),
        question_data(quiz_round, options, text=question.text),
    )
    assert response.status_code == 302
    assert question.options.get(is_correct=True).text == "Sai 1.c"


def test_a_drawn_question_is_not_deleted(organiser, drawn_question):
    url = reverse("quizzes_question:delete", args=[drawn_question.pk])
    assert "Yes, delete" not in organiser.get(url).content.decode()
    response = organiser.post(url, follow=True)
    assert any("Attempts have drawn this question" in text for text in messages_of(response))
    assert Question.objects.filter(pk=drawn_question.pk).exists()


def test_the_bank_is_filtered_by_contest_and_round_and_searched(organiser, quiz, make_round):
    from .conftest import new_quiz, new_round

    first = make_round(questions=3)
    make_round(name="Tuần 2", questions=2)
    new_round(new_quiz(title="Cuộc thi khác", slug="cuoc-thi-khac"), name="Vòng khác", questions=4)
    index = reverse("quizzes_question:index")
    assert organiser.get(index, {"contest": quiz.pk}).context["paginator"].count == 5
    assert organiser.get(index, {"round": first.pk}).context["paginator"].count == 3
    found = organiser.get(index, {"q": "số 2 của Tuần 2"}).context["object_list"]
    assert [question.text for question in found] == ["Câu hỏi số 2 của Tuần 2?"]
    assert found[0].option_count == 4


@time_machine.travel(DURING, tick=False)
def test_an_open_round_keeps_enough_questions_to_draw(organiser, quiz, make_round):
    quiz_round = make_round(questions=4, questions_per_attempt=4)
    question = quiz_round.questions.last()
    response = organiser.post(reverse("quizzes_question:delete", args=[question.pk]), follow=True)
    assert any("without this one, nobody could start an attempt" in text for text in messages_of(response))
    assert Question.objects.filter(pk=question.pk).exists()


@time_machine.travel(DURING, tick=False)
def test_a_question_moved_out_of_an_open_round_leaves_it_enough_to_draw(organiser, quiz, make_round):
    quiz_round = make_round(questions=4, questions_per_attempt=4)
    upcoming = make_round(
        name="Tuần 2", questions=0, opens_at=CLOSES_AT, closes_at=CLOSES_AT + datetime.timedelta(days=7)
    )
    question = quiz_round.questions.last()
    options = [(option.pk, option.text, option.is_correct) for option in question.options.all()]
    data = question_data(upcoming, options, text=question.text)
    response = organiser.post(reverse("quizzes_question:edit", args=[question.pk]), data)
    assert response.status_code == 200
    assert "without this one, nobody could start an attempt" in response.content.decode()
    question.refresh_from_db()
    assert question.round == quiz_round


@time_machine.travel(DURING, tick=False)
def test_a_question_of_a_round_with_questions_to_spare_may_move(organiser, quiz, make_round):
    quiz_round = make_round(questions=5, questions_per_attempt=4)
    upcoming = make_round(
        name="Tuần 2", questions=0, opens_at=CLOSES_AT, closes_at=CLOSES_AT + datetime.timedelta(days=7)
    )
    question = quiz_round.questions.last()
    options = [(option.pk, option.text, option.is_correct) for option in question.options.all()]
    response = organiser.post(
        reverse("quizzes_question:edit", args=[question.pk]),
        question_data(upcoming, options, text=question.text),
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.round == upcoming
