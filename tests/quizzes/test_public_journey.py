"""An entrant's journey through the public pages: the form, the attempt, the score, the answers after the close."""

import datetime
import re

import pytest
import time_machine

from django.db import connection
from django.test.utils import CaptureQueriesContext

from quizzes.forms import OPTION_LETTERS
from quizzes.models import Attempt, Entrant
from tests.core.test_challenges import solve

from .conftest import AFTER, DURING, right_answers

pytestmark = pytest.mark.django_db


def entrant_data(quiz_round, **overrides):
    data = {
        "round": quiz_round.pk,
        "full_name": "Nguyễn Thị Hoa",
        "birth_date": "10/3/1990",
        "phone": "0912 345 678",
        "affiliation": f"locality-{overrides.pop('locality').pk}" if "locality" in overrides else "",
        "id_number": "",
        "consented": "on",
    }
    return data | overrides


def start(client, quiz, quiz_round, locality, **overrides):
    return client.post(quiz.url, entrant_data(quiz_round, locality=locality, **overrides))


def answer_letters(attempt):
    """{field: [letters]} answering every drawn question right."""
    fields = {}
    for position, ((_, shown), right) in enumerate(
        zip(attempt.drawn, right_answers(attempt), strict=True), start=1
    ):
        fields[f"cau-{position}"] = [OPTION_LETTERS[shown.index(pk)] for pk in right]
    return fields


@time_machine.travel(DURING, tick=False)
def test_an_entrant_takes_an_attempt_and_sees_the_score(client, quiz, make_round, locality):
    quiz_round = make_round()
    page = client.get(quiz.url).content.decode()
    assert "Bắt đầu làm bài" in page and "Tuần 1" in page
    response = start(client, quiz, quiz_round, locality)
    assert response.status_code == 303
    attempt = Attempt.objects.get()
    assert response["Location"].endswith(f"/bai-thi/{attempt.key}/")
    entrant = Entrant.objects.get()
    assert (entrant.phone_key, entrant.birth_date, entrant.locality) == (
        "0912345678",
        datetime.date(1990, 3, 10),
        locality,
    )

    page = client.get(response["Location"])
    html = page.content.decode()
    assert "no-store" in page["Cache-Control"] and page["X-Robots-Tag"] == "noindex"
    assert html.count('class="quiz-question') == attempt.question_count
    sent = client.post(response["Location"], answer_letters(attempt) | {"prediction": "1.250"})
    assert sent.status_code == 200
    html = sent.content.decode()
    assert re.search(r"Bạn trả lời đúng <strong>4/4</strong>", html)
    assert "Đáp án được công bố sau khi Tuần 1 kết thúc" in html
    attempt.refresh_from_db()
    assert attempt.prediction == 1250


def test_the_attempt_page_never_holds_an_answer_key(client, quiz, make_round, locality):
    quiz_round = make_round(questions=4, questions_per_attempt=4)
    with time_machine.travel(DURING, tick=False):
        start(client, quiz, quiz_round, locality)
        attempt = Attempt.objects.get()
        html = client.get(f"{quiz.url}bai-thi/{attempt.key}/").content.decode()
    assert "(đáp án đúng)" not in html
    # The options' inputs differ only in their letter and id: nothing marks the right ones.
    inputs = re.findall(
        r'<input type="(?:radio|checkbox)" name="(cau-\d+)" value="([^"]+)" id="[^"]+"([^>]*)>', html
    )
    assert len(inputs) == sum(len(options) for _, options in attempt.drawn)
    assert {rest for _, _, rest in inputs} == {""}
    option_pks = {str(pk) for _, options in attempt.drawn for pk in options}
    assert {letter for _, letter, _ in inputs} == set("ABCD")
    assert not {letter for _, letter, _ in inputs} & option_pks


def test_the_answers_are_shown_once_the_round_has_closed(client, quiz, make_round, locality):
    quiz_round = make_round()
    with time_machine.travel(DURING, tick=False):
        start(client, quiz, quiz_round, locality)
        attempt = Attempt.objects.get()
        client.post(f"{quiz.url}bai-thi/{attempt.key}/", answer_letters(attempt))
    with time_machine.travel(AFTER, tick=False):
        html = client.get(f"{quiz.url}bai-thi/{attempt.key}/").content.decode()
    assert html.count("(đáp án đúng)") == sum(len(options) for options in right_answers(attempt))
    assert "Đáp án được công bố sau khi" not in html


@time_machine.travel(DURING, tick=False)
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "12345", "Số điện thoại chưa đúng"),
        ("birth_date", "31/2/1990", "Ngày sinh chưa đúng"),
        ("birth_date", "1/1/2090", "Ngày sinh chưa đúng"),
        ("affiliation", "unit-999999", "Vui lòng chọn trong danh sách"),
        ("id_number", "12345", "Số căn cước gồm 12 chữ số"),
        ("full_name", "   ", "Vui lòng điền mục này"),
        ("consented", "", "Bạn cần đồng ý để dự thi"),
    ],
)
def test_bad_details_are_refused_in_vietnamese_with_nothing_saved(
    client, quiz, make_round, locality, field, value, message
):
    quiz_round = make_round()
    response = start(client, quiz, quiz_round, locality, **{field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Entrant.objects.exists() and not Attempt.objects.exists()


@time_machine.travel(DURING, tick=False)
def test_answers_to_questions_not_drawn_are_refused_with_nothing_saved(client, quiz, make_round, locality):
    quiz_round = make_round()
    start(client, quiz, quiz_round, locality)
    attempt = Attempt.objects.get()
    url = f"{quiz.url}bai-thi/{attempt.key}/"
    for forged in ({"cau-99": "A"}, {"cau-1": "Z"}, {"prediction": "nhiều lắm"}):
        response = client.post(url, answer_letters(attempt) | forged)
        assert response.status_code == 400
        attempt.refresh_from_db()
        assert attempt.submitted_at is None
    assert "không thuộc lượt thi của bạn" in client.post(url, {"cau-99": "A"}).content.decode()
    assert "Dự đoán phải là một số người" in client.post(url, {"prediction": "1e9"}).content.decode()


@time_machine.travel(DURING, tick=False)
def test_a_replayed_send_is_told_and_not_counted_twice(client, quiz, make_round, locality):
    quiz_round = make_round()
    start(client, quiz, quiz_round, locality)
    attempt = Attempt.objects.get()
    url = f"{quiz.url}bai-thi/{attempt.key}/"
    client.post(url, answer_letters(attempt) | {"prediction": "10"})
    replay = client.post(url, {"prediction": "99"})
    assert "lần gửi lại không được tính" in replay.content.decode()
    attempt.refresh_from_db()
    assert (attempt.correct_count, attempt.prediction) == (4, 10)


def test_a_forged_time_is_ignored(client, quiz, make_round, locality):
    quiz_round = make_round()
    with time_machine.travel(DURING, tick=False):
        start(client, quiz, quiz_round, locality)
    attempt = Attempt.objects.get()
    with time_machine.travel(DURING + datetime.timedelta(minutes=4), tick=False):
        client.post(
            f"{quiz.url}bai-thi/{attempt.key}/",
            answer_letters(attempt) | {"duration_ms": "1", "submitted_at": "2025-03-01", "started_at": "x"},
        )
    attempt.refresh_from_db()
    assert attempt.duration_ms == 4 * 60 * 1000


def test_an_unknown_key_is_not_found(client, quiz, make_round):
    make_round()
    assert client.get(f"{quiz.url}bai-thi/khong-co/").status_code == 404


@time_machine.travel(DURING, tick=False)
def test_starts_over_the_address_limit_are_refused(client, quiz, make_round, locality, settings):
    settings.QUIZ_STARTS_PER_ADDRESS = 2
    quiz_round = make_round(attempts_per_person=5)
    for _ in range(2):
        assert start(client, quiz, quiz_round, locality).status_code == 303
    refused = start(client, quiz, quiz_round, locality)
    assert refused.status_code == 429 and "quá nhiều lượt thi" in refused.content.decode()
    assert Attempt.objects.count() == 2


@time_machine.travel(DURING, tick=False)
def test_past_a_few_starts_an_address_must_solve_a_puzzle(client, quiz, make_round, locality, settings):
    settings.QUIZ_STARTS_BEFORE_CHALLENGE = 1
    quiz_round = make_round(attempts_per_person=5)
    assert start(client, quiz, quiz_round, locality).status_code == 303
    unsolved = start(client, quiz, quiz_round, locality, full_name="Trần Văn Nam")
    html = unsolved.content.decode()
    assert unsolved.status_code == 400 and "chưa hoàn tất bước xác minh" in html
    assert 'value="Trần Văn Nam"' in html
    assert Attempt.objects.count() == 1
    puzzle = re.search(r'name="puzzle" value="([^"]+)"', html).group(1)
    answer = solve(puzzle)
    solved = start(client, quiz, quiz_round, locality, puzzle=puzzle, puzzle_answer=answer)
    assert solved.status_code == 303
    replayed = start(client, quiz, quiz_round, locality, puzzle=puzzle, puzzle_answer=answer)
    assert replayed.status_code == 400
    assert Attempt.objects.count() == 2


@time_machine.travel(DURING, tick=False)
def test_no_attempt_starts_while_starts_cannot_be_counted(
    client, quiz, make_round, locality, unreachable_shared_cache
):
    quiz_round = make_round()
    response = start(client, quiz, quiz_round, locality, full_name="Trần Văn Nam")
    html = response.content.decode()
    assert response.status_code == 503
    assert "chưa bắt đầu được lượt thi" in html and 'value="Trần Văn Nam"' in html
    assert not Attempt.objects.exists()


@time_machine.travel(DURING, tick=False)
def test_an_attempts_queries_do_not_grow_with_its_questions(client, quiz, make_round, locality):
    counts = {}
    for size in (3, 12):
        quiz_round = make_round(name=f"Vòng {size}", questions=size, questions_per_attempt=size)
        start(client, quiz, quiz_round, locality, phone=f"09123456{size:02d}")
        attempt = Attempt.objects.get(round=quiz_round)
        letters = answer_letters(attempt)
        url = f"{quiz.url}bai-thi/{attempt.key}/"
        with CaptureQueriesContext(connection) as shown:
            client.get(url)
        with CaptureQueriesContext(connection) as sent:
            client.post(url, letters)
        counts[size] = (len(shown), len(sent))
    assert counts[3] == counts[12]
