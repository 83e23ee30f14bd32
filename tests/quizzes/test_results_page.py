"""The public results: winners by name, unit and masked phone, and nothing else personal; not before publication."""

import datetime

import pytest
import time_machine

from quizzes.publication import publish_contest, publish_round
from quizzes.taking import start_attempt, submit_attempt

from .conftest import AFTER, DURING, details, right_answers

pytestmark = pytest.mark.django_db


def take(quiz_round, phone, name, unit=None, id_number="", prediction=2):
    attempt = start_attempt(
        quiz_round, details(phone=phone, name=name, unit=unit, id_number=id_number), DURING
    )
    submit_attempt(attempt.key, right_answers(attempt), prediction, DURING + datetime.timedelta(minutes=2))
    return attempt


def test_results_are_not_found_before_they_are_published(client, quiz, make_round):
    make_round()
    assert client.get(f"{quiz.url}ket-qua/").status_code == 404


@time_machine.travel(AFTER, tick=False)
def test_published_winners_show_name_unit_and_masked_phone_only(
    client, quiz, make_round, unit, django_user_model
):
    quiz_round = make_round()
    take(quiz_round, "0912345678", "Nguyễn Thị <b>Hoa</b>", unit=unit, id_number="066190001234")
    take(quiz_round, "0987654321", "H'Hen Niê")
    publish_round(quiz_round, django_user_model.objects.create(username="btc"))
    html = client.get(f"{quiz.url}ket-qua/").content.decode()
    assert "0912***678" in html and "0987***321" in html
    assert "Nguyễn Thị &lt;b&gt;Hoa&lt;/b&gt;" in html and "<b>Hoa</b>" not in html
    assert "H&#x27;Hen Niê" in html and unit.name in html
    for private in ("0912345678", "345 678", "066190001234", "10/3/1990", "1990-03-10"):
        assert private not in html
    assert "Số người trả lời đúng tất cả các câu hỏi: <strong>2</strong>" in html
    page = client.get(quiz.url).content.decode()
    assert "Xem kết quả cuộc thi" in page


@time_machine.travel(AFTER, tick=False)
def test_participation_per_unit_is_public_with_the_whole_contests_results(
    client, quiz, make_round, unit, django_user_model
):
    quiz_round = make_round()
    take(quiz_round, "0912345678", "Nguyễn Thị Hoa", unit=unit)
    organiser = django_user_model.objects.create(username="btc")
    publish_round(quiz_round, organiser)
    assert "Số người dự thi theo đơn vị" not in client.get(f"{quiz.url}ket-qua/").content.decode()
    publish_contest(quiz, organiser)
    html = client.get(f"{quiz.url}ket-qua/").content.decode()
    assert "Số người dự thi theo đơn vị" in html and "Giải Tập thể" in html
    assert f'<th scope="row">{unit.name}</th><td>1</td><td>1</td>' in html


def test_the_content_api_shows_no_question_or_entrant(client, quiz, make_round):
    make_round()
    response = client.get(f"/api/v2/pages/{quiz.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Câu hỏi số" not in body and "Đúng 1.a" not in body and "rounds" not in body


@time_machine.travel(DURING, tick=False)
def test_the_contest_page_shows_the_open_rounds_rules_and_form(client, quiz, make_round):
    make_round(questions_per_attempt=4, minutes_allowed=15, attempts_per_person=3)
    html = client.get(quiz.url).content.decode()
    text = " ".join(html.split())
    assert "mỗi lượt thi gồm 4 câu hỏi, làm trong 15 phút" in text and "tối đa 3 lần" in text
    assert "Câu hỏi số" not in html


@time_machine.travel(AFTER, tick=False)
def test_winners_show_how_far_their_prediction_was(client, quiz, make_round, django_user_model):
    quiz_round = make_round()
    take(quiz_round, "0912345678", "Nguyễn Thị Hoa", prediction=5)
    take(quiz_round, "0987654321", "Trần Văn Nam", prediction=None)
    publish_round(quiz_round, django_user_model.objects.create(username="btc"))
    html = client.get(f"{quiz.url}ket-qua/").content.decode()
    assert '<td data-label="Dự đoán lệch" class="quiz-results__number">3</td>' in html
    assert '<td data-label="Dự đoán lệch" class="quiz-results__number">không dự đoán</td>' in html
