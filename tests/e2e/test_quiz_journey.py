"""An entrant takes the demo's knowledge contest on a phone (and a desktop): fills in the form, chooses answers,
types a prediction, sends and reads the score; the page's countdown sends the answers by itself when the time
is up. Nothing is wider than the screen. Screenshots of the contest page, an attempt in progress, the score, the
answers after a round has closed and the results land in build/screenshots/quiz-*.png."""

import datetime
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from django.conf import settings
from django.utils import timezone

from wagtail.models import Site

from core.dates import local_today
from demo.data import read_json
from demo.pictures import add_picture
from demo.quiz import DATA_FILE, load_quiz
from demo.registry import ensure_units
from quizzes.models import Attempt, QuestionOption, QuizPage
from tests.quizzes.conftest import new_quiz, new_round

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
PHONE, DESKTOP = 390, 1366
SCREEN_HEIGHT = 900
# The entrant of these tests: a number as people write it, outside the demo's own (0900 000 001 to 048).
PHONE_NUMBER = "+84 900 000 099"
# The time left on the attempt whose countdown the test waits for, of the 15 minutes a round allows by default.
SECONDS_LEFT = datetime.timedelta(seconds=6)
ROUND_TIME_ALLOWED = datetime.timedelta(minutes=15)
# The countdown's zero, the request and the score page: well within this.
AUTOMATIC_SEND_MS = 30_000

WIDER_THAN_THE_SCREEN = "() => document.documentElement.scrollWidth > window.innerWidth"


@pytest.fixture
def demo_quiz(outlets):
    """The demo's contest (demo.quiz), with the registry's units and its lead picture."""
    ensure_units()
    pictures = read_json("pictures.json")
    key = read_json(DATA_FILE)["contest"]["picture"]
    spec = next(picture for picture in pictures["pictures"] if picture["key"] == key)
    load_quiz(outlets["newspaper"], {key: add_picture(spec, pictures["credit"])}, local_today())
    return QuizPage.objects.get(title=read_json(DATA_FILE)["contest"]["title"])


def address_of(live_server, page, route=""):
    site_id, _root_url, path = page.get_url_parts()
    port = urlsplit(live_server.url).port
    return f"http://{Site.objects.get(pk=site_id).hostname}:{port}{path}{route}"


def open_tab(browser, width):
    """A tab `width` pixels wide, with the library's pictures served as the site's web server serves them."""
    context = browser.new_context(
        locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": width, "height": SCREEN_HEIGHT}
    )
    tab = context.new_page()
    media_root = Path(settings.MEDIA_ROOT)
    tab.route(
        f"**{settings.MEDIA_URL}**",
        lambda route: route.fulfill(
            path=media_root / unquote(urlsplit(route.request.url).path).removeprefix(settings.MEDIA_URL)
        ),
    )
    return tab


def shoot(tab, name, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=SCREENSHOTS / f"quiz-{name}-{width}.png", full_page=True)
    assert not tab.evaluate(WIDER_THAN_THE_SCREEN), f"{name} is wider than {width} px"


def fill_in_the_form(tab, affiliation):
    tab.get_by_role("textbox", name="Họ và tên").fill("Nguyễn Thị Thử")
    tab.get_by_label("Ngày sinh").fill("1990-03-10")
    tab.get_by_role("textbox", name="Số điện thoại").fill(PHONE_NUMBER)
    tab.get_by_label("Cơ quan, đơn vị hoặc xã, phường").select_option(label=affiliation)
    tab.get_by_role("checkbox", name="Tôi đồng ý").check()


def start(tab, affiliation):
    fill_in_the_form(tab, affiliation)
    tab.get_by_role("button", name="Bắt đầu làm bài").click()
    expect(tab.locator("[data-attempt-form]")).to_be_visible()
    return Attempt.objects.filter(entrant__phone_key="0900000099").latest("pk")


def option_texts(attempt):
    """[([right option texts], [wrong option texts]), ...] in the order the attempt shows its questions."""
    options = QuestionOption.objects.in_bulk([pk for _question, shown in attempt.drawn for pk in shown])
    return [
        (
            [options[pk].text for pk in shown if options[pk].is_correct],
            [options[pk].text for pk in shown if not options[pk].is_correct],
        )
        for _question, shown in attempt.drawn
    ]


def choose(tab, position, texts):
    question = tab.locator("fieldset.quiz-question").nth(position)
    for text in texts:
        question.get_by_label(text, exact=True).check()


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_an_entrant_takes_the_demo_contest_and_reads_the_score(browser, live_server, demo_quiz, width):
    tab = open_tab(browser, width)
    tab.goto(address_of(live_server, demo_quiz))
    expect(tab.get_by_role("heading", level=1)).to_have_text(demo_quiz.title)
    shoot(tab, "contest", width)

    attempt = start(tab, "Tỉnh đoàn Đắk Lắk")
    assert attempt.entrant.unit.name == "Tỉnh đoàn Đắk Lắk" and attempt.question_count == 10
    # The page shows the question's options, never which are right: the test reads them from the database.
    answers = option_texts(attempt)
    choose(tab, 0, answers[0][1][:1])
    for position, (right, _wrong) in enumerate(answers[1:], start=1):
        choose(tab, position, right)
    tab.locator('input[name="prediction"]').fill("25")
    # Scrolled down to the last question, the time left is still in view at the top of the screen.
    timer = tab.get_by_role("timer").bounding_box()
    assert timer["y"] >= 0 and timer["y"] + timer["height"] <= SCREEN_HEIGHT / 4
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=SCREENSHOTS / f"quiz-attempt-scrolled-{width}.png")
    tab.evaluate("window.scrollTo(0, 0)")
    shoot(tab, "attempt", width)
    tab.get_by_role("button", name="Nộp bài").click()

    expect(tab.locator(".quiz-attempt__tally")).to_contain_text("Bạn trả lời đúng 9/10 câu")
    attempt.refresh_from_db()
    assert (attempt.correct_count, attempt.prediction) == (9, 25)
    shoot(tab, "score", width)

    closed_attempt = Attempt.objects.filter(round__contest=demo_quiz, round__name="Vòng 1").earliest("pk")
    tab.goto(address_of(live_server, demo_quiz, f"bai-thi/{closed_attempt.key}/"))
    expect(tab.get_by_role("heading", name="Đáp án")).to_be_visible()
    shoot(tab, "answers", width)

    tab.goto(address_of(live_server, demo_quiz, "ket-qua/"))
    expect(tab.get_by_role("heading", name="Vòng 1")).to_be_visible()
    expect(tab.get_by_text(re.compile(r"0900\*\*\*0\d\d")).first).to_be_visible()
    shoot(tab, "results", width)


def test_the_countdown_sends_the_answers_when_the_time_is_up(browser, live_server, outlets):
    quiz = new_quiz(title="Cuộc thi thử hết giờ")
    now = timezone.now()
    new_round(quiz, opens_at=now - datetime.timedelta(hours=1), closes_at=now + datetime.timedelta(days=1))
    tab = open_tab(browser, PHONE)
    tab.goto(address_of(live_server, quiz))
    locality = tab.locator('select[name="affiliation"] option[value^="locality-"]').first.text_content()
    attempt = start(tab, locality)

    # The attempt as it stands near the end of its time: seconds left, which the page counts down from.
    left = timezone.now() + SECONDS_LEFT
    Attempt.objects.filter(pk=attempt.pk).update(started_at=left - ROUND_TIME_ALLOWED, deadline=left)
    tab.reload()
    right, _wrong = option_texts(attempt)[0]
    choose(tab, 0, right)

    # Nobody presses "Nộp bài": the page sends what was chosen when its clock reaches zero.
    expect(tab.locator(".quiz-attempt__tally")).to_contain_text(
        f"Bạn trả lời đúng 1/{attempt.question_count} câu", timeout=AUTOMATIC_SEND_MS
    )
    attempt.refresh_from_db()
    assert attempt.is_submitted and attempt.correct_count == 1
    assert attempt.answers[0] and not any(attempt.answers[1:])
    # Sent by the countdown at its zero, not before: counted as the whole time allowed, give or take a second.
    assert attempt.duration_ms >= (ROUND_TIME_ALLOWED - datetime.timedelta(seconds=2)).total_seconds() * 1000
