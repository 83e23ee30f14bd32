"""Reminders to the units that have not filed: sent on the Department's schedule, once per round, unit and
reminder whatever the scheduler does, through the outbox, and logged for the Department."""

import datetime

import pytest
import time_machine

from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from core.models import OutgoingMail
from exemplars.models import NominationReminder, NominationRound
from exemplars.models.nominations import parse_reminder_days
from exemplars.reminders import remind_unit, send_due_reminders
from newsroom.scheduler import run_due_publications

from .conftest import LOCAL, ROUND_CLOSES, assert_refused

# The round of the fixtures closes at 17:00 on 10/3/2025; its reminders fall 7, 3 and 1 days before.
SEVEN_DAYS_BEFORE = ROUND_CLOSES - datetime.timedelta(days=7)
TWO_DAYS_BEFORE = ROUND_CLOSES - datetime.timedelta(days=2)
ONE_DAY_BEFORE = ROUND_CLOSES - datetime.timedelta(days=1)
LOG_URL = "exemplars_nomination_reminders:index"


def tick(at):
    """One run of the scheduler, as `manage.py run_scheduler` makes it; the e-mails it queues are sent."""
    with time_machine.travel(at, tick=False):
        run_due_publications()
        run_due_publications()  # a second tick, at once: nothing more


def mails_to(user):
    return [message for message in mail.outbox if user.email in message.to]


@pytest.fixture
def units(officer_a, officer_b, unit_a, unit_b, nomination_round):
    return unit_a, unit_b


def test_a_tick_twice_sends_one_reminder_per_unit(
    units, officer_a, officer_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tick(SEVEN_DAYS_BEFORE)

    assert len(mails_to(officer_a)) == 1 and len(mails_to(officer_b)) == 1
    assert OutgoingMail.objects.count() == 2
    assert sorted(NominationReminder.objects.values_list("unit__name", "days_before", "outcome")) == [
        ("Sở Y tế", 7, "queued"),
        ("UBND xã Ea Knuếc", 7, "queued"),
    ]


def test_nothing_before_the_first_reminder_is_due(units):
    with time_machine.travel(SEVEN_DAYS_BEFORE - datetime.timedelta(minutes=1), tick=False):
        assert send_due_reminders() == 0
    assert not NominationReminder.objects.exists()


def test_a_unit_that_submitted_gets_none_a_unit_with_a_draft_only_does(
    units, officer_a, officer_b, make_nomination, advance, django_capture_on_commit_callbacks
):
    advance(make_nomination(officer_a), ("submit", officer_a))
    make_nomination(officer_b)  # a draft has not reached the Department

    with django_capture_on_commit_callbacks(execute=True):
        tick(SEVEN_DAYS_BEFORE)

    assert mails_to(officer_a) == []
    assert len(mails_to(officer_b)) == 1


def test_a_closed_round_reminds_no_one(units):
    with time_machine.travel(ROUND_CLOSES, tick=False):
        assert send_due_reminders() == 0
    assert not OutgoingMail.objects.exists()


def test_each_reminder_of_the_schedule_goes_once_and_a_late_start_sends_the_latest_only(units, officer_a):
    with time_machine.travel(TWO_DAYS_BEFORE, tick=False):
        send_due_reminders()
        send_due_reminders()
    with time_machine.travel(ONE_DAY_BEFORE, tick=False):
        send_due_reminders()

    sent = NominationReminder.objects.filter(unit=officer_a.officer_profile.unit)
    assert sorted(sent.values_list("days_before", flat=True)) == [1, 3]  # 7 had passed unsent: no burst


def test_the_department_sets_the_schedule_per_round(units, nomination_round):
    nomination_round.reminder_days = "2"
    nomination_round.save()

    with time_machine.travel(SEVEN_DAYS_BEFORE, tick=False):
        assert send_due_reminders() == 0
    with time_machine.travel(TWO_DAYS_BEFORE, tick=False):
        assert send_due_reminders() == 2
    nomination_round.reminder_days = ""
    nomination_round.save()
    with time_machine.travel(ONE_DAY_BEFORE, tick=False):
        assert send_due_reminders() == 0


def test_a_unit_without_an_officer_with_an_e_mail_is_logged_unreachable(units, officer_b, make_unit):
    lone = make_unit("UBND phường Tân Lập", locality="Phường Buôn Ma Thuột")
    officer_b.email = ""
    officer_b.save()

    with time_machine.travel(SEVEN_DAYS_BEFORE, tick=False):
        send_due_reminders()

    unreachable = NominationReminder.objects.filter(outcome=NominationReminder.Outcome.UNREACHABLE)
    assert sorted(unreachable.values_list("unit__name", flat=True)) == [
        lone.name,
        officer_b.officer_profile.unit.name,
    ]
    assert unreachable.filter(mail__isnull=False).count() == 0
    assert OutgoingMail.objects.count() == 1  # unit A's


def test_a_reminder_another_tick_logged_meanwhile_is_not_sent_again(units, unit_a, nomination_round):
    # Two ticks at once both found unit A unreminded: the second one's row breaks the unique constraint and
    # its transaction, e-mail included, rolls back.
    with time_machine.travel(SEVEN_DAYS_BEFORE, tick=False):
        assert remind_unit(nomination_round, unit_a, 7, SEVEN_DAYS_BEFORE) == 1
        assert remind_unit(nomination_round, unit_a, 7, SEVEN_DAYS_BEFORE) == 0

    assert OutgoingMail.objects.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        NominationReminder.objects.create(
            round=nomination_round, unit=unit_a, days_before=7, outcome="queued"
        )


def test_the_e_mail_names_the_round_and_its_closing_time_in_vietnamese(
    units, officer_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tick(SEVEN_DAYS_BEFORE)

    [message] = mails_to(officer_a)
    assert (
        message.subject
        == "Nhắc gửi hồ sơ đề cử: “Đợt 1 năm 2025” kết thúc lúc 17:00 ngày 10 tháng 3 năm 2025"
    )
    assert "Kính gửi Sở Y tế" in message.body
    assert "kết thúc lúc 17:00 ngày 10 tháng 3 năm 2025 (giờ Việt Nam)" in message.body
    assert "bản nháp" in message.body
    assert reverse("exemplars_nominations:index") in message.body


def test_the_closing_time_is_told_in_the_province_s_time_whatever_the_round_was_saved_in(
    units, nomination_round
):
    nomination_round.closes_at = ROUND_CLOSES.astimezone(datetime.UTC)
    nomination_round.save()

    with time_machine.travel(SEVEN_DAYS_BEFORE, tick=False):
        send_due_reminders()

    assert all(
        "17:00 ngày 10 tháng 3 năm 2025" in subject
        for subject in OutgoingMail.objects.values_list("subject", flat=True)
    )


@pytest.mark.parametrize(("text", "days"), [("7, 3, 1", [7, 3, 1]), ("1;3,7, 3", [7, 3, 1]), ("", [])])
def test_the_schedule_is_read_as_days_before_closing(text, days):
    assert parse_reminder_days(text) == days


@pytest.mark.parametrize("text", ["7, ba", "0", "-1", "365", "7 3"])
def test_a_schedule_that_is_not_days_is_refused_with_a_message(nomination_round, text):
    nomination_round.reminder_days = text

    with pytest.raises(ValidationError) as refused:
        nomination_round.full_clean()

    assert "7, 3, 1" in str(refused.value.message_dict["reminder_days"])


def test_a_new_round_starts_with_the_default_schedule(db):
    opens = datetime.datetime(2025, 9, 1, 7, 30, tzinfo=LOCAL)
    nomination_round = NominationRound.objects.create(
        title="Đợt 2", opens_at=opens, closes_at=opens + datetime.timedelta(days=30)
    )

    assert nomination_round.reminder_schedule == [7, 3, 1]


# The log in the admin ----------------------------------------------------------------------------------------


def test_the_department_reads_the_log_in_the_admin(client, units, reviewer, make_unit):
    make_unit("UBND phường Tân Lập", locality="Phường Buôn Ma Thuột")
    with time_machine.travel(SEVEN_DAYS_BEFORE, tick=False):
        send_due_reminders()
    client.force_login(reviewer)

    html = client.get(reverse(LOG_URL)).content.decode()

    assert "UBND phường Tân Lập" in html and "Không liên lạc được" in html
    assert "canbo.a@example.vn" in html
    assert reverse("exemplars_nomination_reminders:add") not in html


def test_no_one_writes_the_log_by_hand(client, units, reviewer, make_user):
    admin = make_user("quantri", is_superuser=True)
    with time_machine.travel(SEVEN_DAYS_BEFORE, tick=False):
        send_due_reminders()
    reminder = NominationReminder.objects.first()

    for user in (reviewer, admin):
        client.force_login(user)
        assert_refused(client.get(reverse("exemplars_nomination_reminders:add")))
        assert_refused(client.post(reverse("exemplars_nomination_reminders:edit", args=[reminder.pk]), {}))
        assert_refused(client.post(reverse("exemplars_nomination_reminders:delete", args=[reminder.pk])))
    assert NominationReminder.objects.count() == 2


def test_a_unit_officer_does_not_read_the_log(client, units, officer_a):
    client.force_login(officer_a)

    assert_refused(client.get(reverse(LOG_URL)))


def test_the_reviewer_edits_a_round_s_schedule_in_the_admin(client, reviewer, nomination_round):
    client.force_login(reviewer)
    url = reverse("exemplars_nomination_rounds:edit", args=[nomination_round.pk])

    response = client.post(
        url,
        {
            "title": nomination_round.title,
            "opens_at": "2025-03-01 07:30",
            "closes_at": "2025-03-10 17:00",
            "reminder_days": "5, 2",
            "note": "",
        },
    )

    assert response.status_code == 302
    nomination_round.refresh_from_db()
    assert nomination_round.reminder_schedule == [5, 2]
