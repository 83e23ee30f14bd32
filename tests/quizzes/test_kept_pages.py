"""What the contest's pages share between entrants (quizzes.kept_pages), seen from the entrants' side: the contest
page made once, each reader still with a CSRF token and a puzzle of their own; the page around an attempt shared,
the attempt never; and a start that reads the one unit chosen, not the whole registry."""

import datetime
import re

import pytest
import time_machine

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from exemplars.models import Locality, Unit
from quizzes import kept_pages
from quizzes.models import Attempt, Entrant

from .conftest import CLOSES_AT, DURING
from .test_public_journey import answer_letters, entrant_data

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PUZZLE = re.compile(r'name="puzzle" value="([^"]+)"')
PLACEHOLDERS = (kept_pages.TOKEN_PLACEHOLDER, kept_pages.PUZZLE_PLACEHOLDER, kept_pages.CONTENT_PLACEHOLDER)


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """A block whose changes commit when it ends: what runs after a commit (the purge) runs then."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def browser():
    """A reader's browser, whose forms are sent with the CSRF token the page gave it."""
    return Client(enforce_csrf_checks=True)


def read(client, url):
    """(the page's HTML, the queries it took)."""
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    return html, [query["sql"] for query in queries]


@time_machine.travel(DURING, tick=False)
def test_the_contest_page_is_made_once_with_each_readers_own_token_and_puzzle(quiz, make_round, locality):
    quiz_round = make_round()
    first, second = browser(), browser()
    first_page, made = read(first, quiz.url)
    second_page, kept = read(second, quiz.url)
    assert any("exemplars_locality" in sql for sql in made)
    assert not any("exemplars_locality" in sql or "quizzes_quizround" in sql for sql in kept)
    assert not any(placeholder in first_page + second_page for placeholder in PLACEHOLDERS)
    assert TOKEN.search(first_page)[1] != TOKEN.search(second_page)[1]
    assert PUZZLE.search(first_page)[1] != PUZZLE.search(second_page)[1]
    for number, (client, page) in enumerate([(first, first_page), (second, second_page)]):
        fields = entrant_data(quiz_round, locality=locality, phone=f"091234567{number}")
        fields |= {"csrfmiddlewaretoken": TOKEN.search(page)[1], "puzzle": PUZZLE.search(page)[1]}
        assert client.post(quiz.url, fields).status_code == 303
    assert Attempt.objects.count() == 2


@time_machine.travel(DURING, tick=False)
def test_a_start_with_another_readers_token_is_refused(quiz, make_round, locality):
    quiz_round = make_round()
    first, second = browser(), browser()
    first_page, _ = read(first, quiz.url)
    read(second, quiz.url)
    fields = entrant_data(quiz_round, locality=locality) | {
        "csrfmiddlewaretoken": TOKEN.search(first_page)[1]
    }
    assert second.post(quiz.url, fields).status_code == 403
    assert not Attempt.objects.exists()


@time_machine.travel(DURING, tick=False)
def test_a_kept_contest_page_shows_a_round_changed_at_once(client, quiz, make_round, committed):
    quiz_round = make_round()
    assert "Tuần 1" in client.get(quiz.url).content.decode()
    with committed():
        quiz_round.name = "Tuần mở đầu"
        quiz_round.save()
    assert "Tuần mở đầu" in client.get(quiz.url).content.decode()


def test_a_kept_contest_page_does_not_outlive_the_open_round_it_shows(client, quiz, make_round):
    make_round()
    with time_machine.travel(CLOSES_AT - datetime.timedelta(seconds=10), tick=False):
        assert "Bắt đầu làm bài" in client.get(quiz.url).content.decode()
    with time_machine.travel(CLOSES_AT + datetime.timedelta(seconds=1), tick=False):
        page = client.get(quiz.url).content.decode()
    assert "Bắt đầu làm bài" not in page and "Hiện không có vòng thi nào đang diễn ra" in page


@time_machine.travel(DURING, tick=False)
def test_an_editors_page_is_never_given_to_a_reader(client, quiz, make_round, make_user):
    make_round()
    editor = Client()
    editor.force_login(make_user("bien.tap", is_superuser=True))
    assert "wagtail-userbar" in editor.get(quiz.url).content.decode()
    assert "wagtail-userbar" not in client.get(quiz.url).content.decode()


@time_machine.travel(DURING, tick=False)
def test_the_page_around_attempts_is_shared_but_each_attempt_is_its_own(quiz, make_round, locality):
    quiz_round = make_round()
    pages = {}
    for name, phone in [("Nguyễn Thị Hoa", "0912345678"), ("Trần Văn Nam", "0987654321")]:
        client = browser()
        token = TOKEN.search(client.get(quiz.url).content.decode())[1]
        fields = entrant_data(quiz_round, locality=locality, full_name=name, phone=phone)
        location = client.post(quiz.url, fields | {"csrfmiddlewaretoken": token})["Location"]
        attempt = Attempt.objects.get(entrant__full_name=name)
        shown = client.get(location).content.decode()
        sent = client.post(
            location, answer_letters(attempt) | {"csrfmiddlewaretoken": TOKEN.search(shown)[1]}
        )
        pages[name] = (attempt.key, shown, sent.content.decode())
    for name, (key, shown, sent) in pages.items():
        other = next(other for other in pages if other != name)
        for html in (shown, sent):
            assert name in html and other not in html
            # No link in the head (canonical, previews for sharing) gives the attempt's private address away.
            assert key not in html
            assert not any(placeholder in html for placeholder in PLACEHOLDERS)
            assert f"<title>Bài thi · {quiz.title}" in html and 'class="site-header"' in html
        assert "Bạn trả lời đúng <strong>4/4</strong>" in sent


@time_machine.travel(DURING, tick=False)
def test_an_affiliation_the_select_does_not_offer_is_refused(client, quiz, make_round):
    """A start reads only the row chosen, not the registry's hundreds: that row must still be one offered."""
    quiz_round = make_round()
    district = Unit.objects.create(name="Huyện Krông Ana", kind=Unit.Kind.DISTRICT)
    former_town = Locality.objects.exclude(
        kind__in=Locality.PRESENT_KINDS
    ).first() or Locality.objects.create(name="Thị xã Buôn Hồ (cũ)", kind=Locality.Kind.TOWN)
    page = client.get(quiz.url).content.decode()
    for value in (
        f"unit-{district.pk}",
        f"locality-{former_town.pk}",
        "unit-",
        "unit-1x",
        "unit-99999999999999999999",
        "unit-١",
        "person-1",
    ):
        assert f'value="{value}"' not in page
        fields = entrant_data(quiz_round, affiliation=value) | {"csrfmiddlewaretoken": TOKEN.search(page)[1]}
        response = client.post(quiz.url, fields)
        assert response.status_code == 400 and "Vui lòng chọn trong danh sách" in response.content.decode()
    assert not Entrant.objects.exists()
