"""The status page: the receipt and the e-mail together reveal one entry, and nothing else."""

import re

import pytest
import time_machine

from contests.models import Entry

from .conftest import DURING, entry_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def during_the_contest():
    with time_machine.travel(DURING, tick=False):
        yield


@pytest.fixture
def entry(client, contest):
    client.post(contest.url, entry_data(contest))
    return Entry.objects.get()


def look_up(client, contest, code, email, **extra):
    return client.post(f"{contest.url}tra-cuu/", {"receipt_code": code, "email": email}, **extra)


def visible(response):
    """The page without the per-request CSRF token."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_the_code_and_email_show_the_entry_however_they_are_typed(client, contest, entry):
    code = entry.receipt_code.lower().replace("-", " ")
    response = look_up(client, contest, code, "  HOA.NGUYEN@example.vn ")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Người giữ lửa buôn làng" in html and "Đã nhận, đang chờ Ban tổ chức kiểm tra" in html


def test_a_wrong_code_and_a_wrong_email_get_the_same_answer(client, contest, entry):
    guessed = look_up(client, contest, "AAAAA-BBBBB-CCCCC", entry.email)
    wrong_email = look_up(client, contest, entry.receipt_code, "khac@example.vn")
    assert guessed.status_code == wrong_email.status_code == 404
    assert "Không tìm thấy bài dự thi với mã biên nhận và email này." in visible(guessed)
    assert visible(guessed).replace("AAAAA-BBBBB-CCCCC", "").replace(entry.email, "") == visible(
        wrong_email
    ).replace(entry.receipt_code, "").replace("khac@example.vn", "")
    assert "Người giữ lửa buôn làng" not in visible(guessed) + visible(wrong_email)


def test_a_receipt_of_another_contest_reveals_nothing(client, make_contest, entry):
    other = make_contest("Cuộc thi khác")
    assert look_up(client, other, entry.receipt_code, entry.email).status_code == 404


def test_guessing_is_rate_limited(client, contest, entry):
    for attempt in range(10):
        assert look_up(client, contest, f"AAAAA-BBBBB-CCCC{attempt}", entry.email).status_code == 404
    blocked = look_up(client, contest, entry.receipt_code, entry.email)
    assert blocked.status_code == 429 and "Người giữ lửa" not in blocked.content.decode()
    assert (
        look_up(client, contest, entry.receipt_code, entry.email, REMOTE_ADDR="10.1.1.1").status_code == 200
    )
