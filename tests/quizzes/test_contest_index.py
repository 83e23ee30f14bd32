"""The outlet's contest index ("Cuộc thi") lists its knowledge contests beside its writing contests, each with
where its rounds stand; never another outlet's, a draft or a private one; in queries that do not grow with them."""

import datetime

import pytest
import time_machine

from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.models import Outlet, OutletHomePage
from quizzes.models import QuizPage
from tests.contests.conftest import new_contest_index

from .conftest import AFTER, CLOSES_AT, DURING, OPENS_AT, new_quiz, new_round


@pytest.fixture
def contest_index(outlets):
    new_contest_index()
    return OutletHomePage.objects.get(outlet=Outlet.NEWSPAPER).get_children().get(slug="cuoc-thi").specific


def index_text(client, contest_index):
    response = client.get(contest_index.url)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_the_index_shows_the_open_round_and_links_the_contest(client, contest_index):
    quiz = new_quiz()
    new_round(quiz)

    with time_machine.travel(DURING):
        text = index_text(client, contest_index)

    assert "Cuộc thi tìm hiểu trực tuyến" in text
    assert f'href="{quiz.relative_url(quiz.get_site())}"' in text
    assert "Tuần 1: đang diễn ra, đến 20:00 ngày 10/3/2025" in text
    assert "Chưa có cuộc thi nào." not in text


def test_before_and_after_its_rounds_the_index_says_so(client, contest_index):
    quiz = new_quiz()
    new_round(quiz, name="Tuần 2", opens_at=CLOSES_AT, closes_at=CLOSES_AT + datetime.timedelta(days=7))
    new_round(quiz)

    with time_machine.travel(OPENS_AT - datetime.timedelta(days=1)):
        assert "Tuần 1: mở lúc 07:00 ngày 3/3/2025" in index_text(client, contest_index)
    with time_machine.travel(CLOSES_AT + datetime.timedelta(days=8)):
        assert "Đã kết thúc" in index_text(client, contest_index)
    with time_machine.travel(AFTER):
        assert "Tuần 2: đang diễn ra" in index_text(client, contest_index)


def test_another_outlets_a_draft_and_a_private_contest_are_not_listed(client, contest_index):
    drt = OutletHomePage.objects.get(outlet=Outlet.BROADCAST)
    elsewhere = new_quiz("Cuộc thi của Đài")
    elsewhere.move(drt, pos="last-child")
    draft = new_quiz("Cuộc thi còn nháp")
    draft.unpublish()
    private = new_quiz("Cuộc thi nội bộ")
    private.view_restrictions.create(restriction_type="login")

    text = index_text(client, contest_index)

    assert not any(title in text for title in ("Cuộc thi của Đài", "Cuộc thi còn nháp", "Cuộc thi nội bộ"))
    assert "Chưa có cuộc thi nào." in text


def test_the_index_reads_as_many_queries_for_one_contest_as_for_five(client, contest_index):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            index_text(client, contest_index)
        return len(captured)

    new_round(new_quiz("Cuộc thi 1"))
    index_text(client, contest_index)  # the site's first request reads what it keeps for the next ones
    one = queries()
    for number in range(2, 6):
        new_round(new_quiz(f"Cuộc thi {number}"))

    assert QuizPage.objects.count() == 5
    assert queries() == one
