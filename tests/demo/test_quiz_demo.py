"""The demo's knowledge contest (demo.quiz): on the newspaper, its second round open with the form to take part,
its first round closed with its winners published (masked phones), dated from the load, loaded once."""

import datetime
import re

import pytest

from django.utils.html import escape

from core.dates import local_today
from demo.data import read_json
from demo.pictures import ensure_pictures
from demo.quiz import DATA_FILE, load_quiz
from newsroom.models import Outlet, OutletHomePage
from quizzes.models import (
    Attempt,
    Entrant,
    Publication,
    Question,
    QuestionOption,
    QuizPage,
    QuizRound,
    RoundPhase,
    Winner,
)
from quizzes.phones import masked, phone_key
from tests.demo.test_demo_dates import DEMO_ON_A_KNOWN_DAY, LOADED_AT
from tests.demo.test_load_demo import DEMO, load_demo

DATA = read_json(DATA_FILE)
TITLE = DATA["contest"]["title"]
# The prizes of a round in the data file: one Giải Nhất, two Giải Nhì, three Giải Ba, five Khuyến khích.
ROUND_PRIZES = sum(prize["count"] for prize in DATA["prizes"] if prize["scope"] == "round")


@pytest.fixture
def demo(db):
    DEMO.put()


@pytest.fixture
def demo_on_a_known_day(db):
    DEMO_ON_A_KNOWN_DAY.put()


def the_quiz():
    return QuizPage.objects.live().get(title=TITLE)


def rounds_by_phase(quiz, now=None):
    rounds = {}
    for quiz_round in quiz.rounds.all():
        rounds.setdefault(quiz_round.phase(now), []).append(quiz_round)
    return rounds


def test_the_open_rounds_page_offers_the_form_with_the_registrys_units_and_communes(client, demo):
    quiz = the_quiz()
    assert quiz.get_parent().specific == OutletHomePage.objects.get(outlet=Outlet.NEWSPAPER)
    assert quiz.lead_image is not None
    rounds = rounds_by_phase(quiz)
    assert [len(rounds.get(phase, [])) for phase in RoundPhase] == [0, 1, 1]
    [open_round] = rounds[RoundPhase.OPEN]
    assert open_round.questions.count() >= 15
    assert (open_round.questions_per_attempt, open_round.minutes_allowed) == (10, 15)

    response = client.get(quiz.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bắt đầu làm bài" in html and f'name="round" value="{open_round.pk}"' in html
    assert '<option value="unit-' in html and '<option value="locality-' in html
    assert "Xem kết quả cuộc thi" in html
    for prize in DATA["prizes"]:
        assert prize["name"] in html


def test_every_question_has_its_right_options(demo):
    quiz = the_quiz()
    questions = Question.objects.filter(round__contest=quiz).prefetch_related("options")
    kinds = set()
    for question in questions:
        right = [option for option in question.options.all() if option.is_correct]
        texts = [option.text for option in question.options.all()]
        assert len(texts) == len(set(texts)) >= 4, question.text
        assert (len(right) == 1) == (question.kind == Question.Kind.SINGLE), question.text
        kinds.add(question.kind)
    assert kinds == set(Question.Kind)


def test_the_closed_rounds_winners_are_published_with_masked_phones(client, demo):
    quiz = the_quiz()
    [closed] = rounds_by_phase(quiz)[RoundPhase.CLOSED]
    entrants = Entrant.objects.filter(contest=quiz)
    assert entrants.count() >= 30
    assert entrants.filter(unit__isnull=False).exists() and entrants.filter(locality__isnull=False).exists()
    assert all(phone_key(entrant.phone_key) == entrant.phone_key for entrant in entrants)
    scores = set(Attempt.objects.filter(round=closed).values_list("correct_count", flat=True))
    assert len(scores) >= 4 and max(scores) == closed.questions_per_attempt
    assert not Publication.objects.filter(contest=quiz, round__isnull=True).exists()
    publication = Publication.objects.get(round=closed)
    assert publication.published_at > closed.closes_at
    winners = list(Winner.objects.filter(publication=publication).select_related("entrant"))
    assert len(winners) == ROUND_PRIZES
    assert winners[0].correct_count == max(scores)

    html = client.get(f"{quiz.url}ket-qua/").content.decode()
    for winner in winners:
        assert escape(winner.entrant.full_name) in html and masked(winner.entrant.phone_key) in html
    assert not any(entrant.phone_key in html for entrant in entrants)
    assert not re.search(r"\b09000000\d\d\b", html)


def test_a_closed_rounds_attempt_shows_its_answers(client, demo):
    attempt = Attempt.objects.filter(round__name="Vòng 1").order_by("pk").first()
    html = client.get(f"{the_quiz().url}bai-thi/{attempt.key}/").content.decode()
    assert f"Bạn trả lời đúng <strong>{attempt.correct_count}/10</strong>" in html
    assert "Đáp án" in html and html.count('class="quiz-review__question"') == 10


def test_the_rounds_are_dated_from_the_load(demo_on_a_known_day):
    quiz = the_quiz()
    rounds = rounds_by_phase(quiz, LOADED_AT)
    [closed], [open_round] = rounds[RoundPhase.CLOSED], rounds[RoundPhase.OPEN]
    assert LOADED_AT - datetime.timedelta(days=30) < quiz.first_published_at < closed.opens_at
    assert closed.closes_at < Publication.objects.get(round=closed).published_at < LOADED_AT
    assert open_round.opens_at < LOADED_AT < open_round.closes_at
    # Every attempt was sent within its round, before its deadline.
    for attempt in Attempt.objects.filter(round=closed):
        assert (
            closed.opens_at
            <= attempt.started_at
            < attempt.submitted_at
            <= attempt.deadline
            <= closed.closes_at
        )


def quiz_rows():
    return [
        model.objects.count()
        for model in (QuizPage, QuizRound, Question, QuestionOption, Entrant, Attempt, Publication, Winner)
    ]


def test_loading_the_demo_again_adds_nothing_to_the_contest(demo):
    first = quiz_rows()
    load_demo()
    assert quiz_rows() == first
    load_quiz(OutletHomePage.objects.get(outlet=Outlet.NEWSPAPER), ensure_pictures(), local_today())
    assert quiz_rows() == first
