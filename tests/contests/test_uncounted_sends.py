"""The public forms while their sends cannot be counted (the shared cache down): refused, fail closed, with a
message to try again in a few minutes, nothing stored and what was typed kept; and accepted again once it is back.
The contest's page with its entry form is never kept by the page cache: its CSRF token is each reader's own."""

import pytest
import time_machine

from contests.models import Entry
from core import shared_cache

from .conftest import DURING, entry_data

pytestmark = pytest.mark.django_db

TRY_AGAIN = "Vui lòng thử lại sau ít phút."


@pytest.fixture(autouse=True)
def during_the_contest():
    with time_machine.travel(DURING, tick=False):
        yield


def look_up(client, contest):
    return client.post(f"{contest.url}tra-cuu/", {"receipt_code": "NG-ABCD-EFGH", "email": "hoa@example.vn"})


def test_an_entry_is_refused_unread_while_sends_cannot_be_counted(client, contest, unreachable_shared_cache):
    response = client.post(contest.url, entry_data(contest, title="Người giữ lửa buôn làng"))
    html = response.content.decode()
    assert response.status_code == 503
    assert "Hệ thống đang bận, chưa nhận được bài gửi của bạn." in html and TRY_AGAIN in html
    assert "Người giữ lửa buôn làng" in html
    assert Entry.objects.count() == 0


def test_a_look_up_is_refused_while_sends_cannot_be_counted(client, contest, unreachable_shared_cache):
    response = look_up(client, contest)
    assert response.status_code == 503
    assert "chưa tra cứu được" in response.content.decode()


@pytest.mark.redis
def test_entries_are_refused_while_redis_is_stopped_and_taken_again_once_it_is_back(
    client, contest, stoppable_redis, monkeypatch
):
    assert client.post(contest.url, entry_data(contest, email="a@example.vn")).status_code == 200
    stoppable_redis.stop()
    assert client.post(contest.url, entry_data(contest, email="b@example.vn")).status_code == 503
    assert look_up(client, contest).status_code == 503
    stoppable_redis.start()
    monkeypatch.setattr(shared_cache, "RETRY_SECONDS", 0)
    assert client.post(contest.url, entry_data(contest, email="c@example.vn")).status_code == 200
    assert sorted(Entry.objects.values_list("email", flat=True)) == ["a@example.vn", "c@example.vn"]


def test_the_page_with_the_entry_form_is_never_kept(client, contest, settings):
    settings.PAGE_CACHE_SECONDS = 60
    first, second = client.get(contest.url), client.get(contest.url)
    token = 'name="csrfmiddlewaretoken"'
    assert token in first.content.decode() and token in second.content.decode()
    assert second.cookies["csrftoken"].value
    assert "public" not in second["Cache-Control"] and "private" in second["Cache-Control"]
