"""The knowledge contests' admin screens speak Vietnamese, with data on every one of them.

The project's crawl (tests/admin_language) opens the screens the demo reaches; this one opens the organisers'
screens with rounds in each phase, questions, attempts and published results, following their links within
the knowledge contests' part of the admin, and fails on any English msgid or raw Python value shown."""

import datetime
from collections import deque
from urllib.parse import urlsplit

import pytest
import time_machine

from django.urls import reverse

from wagtail.admin.menu import help_menu

from quizzes.models import Question
from quizzes.publication import publish_round
from quizzes.setup import ORGANISERS_GROUP, ensure_organisers
from tests.admin_language.catalogues import english_strings
from tests.admin_language.screens import screen_kind
from tests.admin_language.test_admin_in_vietnamese import RAW_VALUES
from tests.admin_language.visible_text import read_response

from .conftest import AFTER, CLOSES_AT
from .test_admin_results import sent_attempt

pytestmark = pytest.mark.django_db

OWN_SCREENS = "/admin/quizzes/"


def crawl(client, seeds):
    """{url: strings shown} for every kind of screen under OWN_SCREENS reached from `seeds` by links; each seed
    is opened, whatever its kind."""
    queue, seen, kinds, shown = deque(seeds), set(), set(), {}
    while queue:
        url = queue.popleft()
        path = urlsplit(url).path
        if url in seen or not path.startswith(OWN_SCREENS) or "export=" in url:
            continue
        seen.add(url)
        kind = screen_kind(url)
        if kind in kinds and url not in seeds:
            continue
        kinds.add(kind)
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        if not response["Content-Type"].startswith("text/html"):
            continue
        reading = read_response(response)
        shown[url] = set(reading.strings)
        queue.extend(reading.urls)
    return shown


@pytest.fixture(autouse=True)
def help_menu_built_anew(monkeypatch):
    """Wagtail formats its help menu's "What's new in Wagtail 8.0" once per process, in the language active then:
    an earlier test's English admin would have left it in English. Built again here, as on a server whose admins
    all read Vietnamese."""
    monkeypatch.delitem(help_menu.__dict__, "registered_menu_items", raising=False)


@pytest.fixture
def contest_in_every_phase(quiz, make_round, unit):
    published = make_round()
    sent_attempt(published, "0912345678", "Nguyễn Thị Hoa", unit=unit)
    publish_round(published, None, now=AFTER)
    closed = make_round(name="Tuần 2", opens_at=CLOSES_AT, closes_at=AFTER - datetime.timedelta(minutes=1))
    sent_attempt(closed, "0987654321", "Y Bình Niê", at=CLOSES_AT + datetime.timedelta(minutes=1))
    week = datetime.timedelta(days=7)
    make_round(
        name="Tuần 3", opens_at=AFTER + week, closes_at=AFTER + 2 * week, questions=2, questions_per_attempt=5
    )
    return quiz


@time_machine.travel(AFTER, tick=False)
@pytest.mark.parametrize("who", ["organiser", "superuser"])
def test_every_knowledge_contest_screen_speaks_vietnamese(
    client, outlets, make_user, contest_in_every_phase, who
):
    ensure_organisers(outlets)
    user = (
        make_user("quantri", is_superuser=True, admin_language="vi")
        if who == "superuser"
        else make_user("bantochuc", ORGANISERS_GROUP, admin_language="vi")
    )
    client.force_login(user)
    quiz = contest_in_every_phase
    question = Question.objects.first()
    round_pk = question.round_id
    seeds = [
        reverse("quizzes_round:index"),
        reverse("quizzes_round:index") + f"?contest={quiz.pk}",
        reverse("quizzes_round:add"),
        reverse("quizzes_round:delete", args=[round_pk]),
        reverse("quizzes_question:index") + f"?contest={quiz.pk}&q=Câu",
        reverse("quizzes_question:add"),
        reverse("quizzes_question:delete", args=[question.pk]),
        reverse("quizzes_attempt:index") + f"?contest={quiz.pk}&q=Hoa",
        reverse("quizzes_results:index"),
        reverse("quizzes_results:contest", args=[quiz.pk]),
    ]
    shown = crawl(client, seeds)
    english = english_strings()
    problems = {
        url: sorted(text for text in strings if text in english or text in RAW_VALUES)
        for url, strings in shown.items()
    }
    assert len(shown) >= len(seeds)
    assert {url: texts for url, texts in problems.items() if texts} == {}
