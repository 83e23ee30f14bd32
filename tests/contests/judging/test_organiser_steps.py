"""Closing, re-opening and publishing: each step asks first, refuses out of turn, and does nothing twice."""

import datetime

import pytest

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from contests.models import ContestPrize, Entry, Judging, PrizeAward

pytestmark = pytest.mark.django_db


def step_url(name, contest):
    return reverse(f"contests_judging:{name}", args=[contest.pk])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def as_organiser(client, organiser):
    client.force_login(organiser)
    return client


def award(contest, prize_name="Giải Nhất"):
    prize = ContestPrize.objects.get(contest=contest, name=prize_name)
    entry = Entry.objects.filter(contest=contest, status=Entry.Status.ACCEPTED).first()
    return PrizeAward.objects.create(prize=prize, entry=entry)


def test_closing_asks_first_then_freezes_once(as_organiser, judged_contest, organiser, make_judge):
    make_judge(contest=judged_contest)
    confirm = as_organiser.get(step_url("close", judged_contest))
    assert confirm.status_code == 200 and "4 score sheets are still missing" in confirm.content.decode()
    assert not Judging.objects.filter(contest=judged_contest, closed_at__isnull=False).exists()

    response = as_organiser.post(step_url("close", judged_contest))
    assert response.status_code == 302 and response["Location"] == step_url("dashboard", judged_contest)
    judging = Judging.objects.get(contest=judged_contest)
    assert judging.is_closed and judging.closed_by == organiser
    first_closing = judging.closed_at

    again = as_organiser.post(step_url("close", judged_contest))
    assert "Judging was already closed." in messages_of(again)
    judging.refresh_from_db()
    assert judging.closed_at == first_closing


def test_judging_cannot_close_while_entries_are_received(as_organiser, make_contest):
    now = timezone.now()
    running = make_contest(
        title="Cuộc thi đang mở",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=9),
    )
    response = as_organiser.post(step_url("close", running))
    assert any("still being received" in message for message in messages_of(response))
    assert not Judging.objects.filter(contest=running, closed_at__isnull=False).exists()


def test_reopening_works_until_prizes_are_awarded(as_organiser, judged_contest):
    as_organiser.post(step_url("close", judged_contest))
    as_organiser.post(step_url("reopen", judged_contest))
    assert not Judging.objects.get(contest=judged_contest).is_closed

    as_organiser.post(step_url("close", judged_contest))
    award(judged_contest)
    response = as_organiser.post(step_url("reopen", judged_contest))
    assert any("remove the awards" in message for message in messages_of(response))
    assert Judging.objects.get(contest=judged_contest).is_closed


def test_results_are_published_only_after_closing_and_an_award(as_organiser, judged_contest, organiser):
    before_closing = as_organiser.post(step_url("publish", judged_contest))
    assert "Close judging before publishing the results." in messages_of(before_closing)

    as_organiser.post(step_url("close", judged_contest))
    without_award = as_organiser.post(step_url("publish", judged_contest))
    assert "Award at least one prize before publishing the results." in messages_of(without_award)
    assert not Judging.objects.get(contest=judged_contest).results_published

    award(judged_contest)
    assert as_organiser.get(step_url("publish", judged_contest)).status_code == 200
    as_organiser.post(step_url("publish", judged_contest))
    judging = Judging.objects.get(contest=judged_contest)
    assert judging.results_published and judging.results_published_by == organiser
    published_at = judging.results_published_at

    again = as_organiser.post(step_url("publish", judged_contest))
    assert "The results were already published." in messages_of(again)
    judging.refresh_from_db()
    assert judging.results_published_at == published_at


def test_published_results_lock_reopening_until_withdrawn(as_organiser, judged_contest):
    as_organiser.post(step_url("close", judged_contest))
    award(judged_contest)
    as_organiser.post(step_url("publish", judged_contest))
    refused = as_organiser.post(step_url("reopen", judged_contest))
    assert "The results are published: judging can no longer be re-opened." in messages_of(refused)

    as_organiser.post(step_url("withdraw", judged_contest))
    judging = Judging.objects.get(contest=judged_contest)
    assert not judging.results_published and judging.is_closed


def test_steps_refuse_a_judge_and_change_nothing(client, judged_contest, make_judge):
    client.force_login(make_judge(contest=judged_contest))
    for name in ("close", "reopen", "publish", "withdraw"):
        assert client.post(step_url(name, judged_contest)).status_code == 302
    assert not Judging.objects.filter(contest=judged_contest).exists()


def test_a_user_without_admin_access_is_sent_to_the_login(client, judged_contest, make_user):
    client.force_login(make_user("nguoi.ngoai"))  # no admin access at all
    response = client.get(step_url("close", judged_contest))
    assert response.status_code == 302 and "login" in response["Location"]
