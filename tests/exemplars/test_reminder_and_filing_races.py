"""Two scheduler ticks at once send each reminder once; the same sudden-deed form sent twice at once files one.

Real concurrency needs separate connections and a database that makes the second insert of a unique key wait
for the first one's commit: PostgreSQL (tests/races.py). Each call waits a little inside its transaction, so
that both have looked before either writes.
"""

import datetime
import time
import uuid
from functools import partial

import pytest

from django.utils import timezone

from core.models import OutgoingMail
from exemplars import reminders
from exemplars.filing import AlreadyFiled, file_nomination
from exemplars.models import Nomination, NominationReminder, NominationRound, Unit
from tests.races import at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DELAY = 0.3


@pytest.fixture
def closing_round():
    now = timezone.now()
    return NominationRound.objects.create(
        title="Đợt sắp kết thúc",
        opens_at=now - datetime.timedelta(days=20),
        closes_at=now + datetime.timedelta(days=2),
    )


@pytest.fixture
def units_with_officers(make_officer):
    units = [
        Unit.objects.create(name=name, kind=Unit.Kind.COMMUNE)
        for name in ("UBND xã Cư Pơng", "UBND xã Ea Sô")
    ]
    for index, unit in enumerate(units):
        make_officer(f"canbo.{index}", unit)
    return units


def test_two_ticks_at_once_send_each_reminder_once(closing_round, units_with_officers, monkeypatch):
    queue_mail = reminders.queue_mail

    def slow_queue_mail(*args, **kwargs):
        time.sleep(DELAY)
        return queue_mail(*args, **kwargs)

    monkeypatch.setattr(reminders, "queue_mail", slow_queue_mail)

    logged = at_once([reminders.send_due_reminders, reminders.send_due_reminders])

    assert sum(logged) == 2  # each unit's reminder logged by one tick or the other
    assert NominationReminder.objects.count() == 2
    assert OutgoingMail.objects.count() == 2


def new_sudden_deed(unit, officer, key):
    return Nomination(
        round=None,
        unit=unit,
        subject_kind="individual",
        name="Y Blih Niê",
        achievements_summary="Cứu hai em nhỏ khỏi dòng nước lũ.",
        proposed_commendation="merit_certificate",
        contact_person="Cán bộ",
        contact_phone="0262 3852 000",
        created_by=officer,
        filing_key=key,
    )


def file_slowly(nomination):
    def save():
        time.sleep(DELAY)
        nomination.save()
        return nomination

    return file_nomination(nomination, save, nomination.created_by)


def test_the_same_form_sent_twice_at_once_files_one(units_with_officers):
    unit = units_with_officers[0]
    officer = unit.officers.get().user
    key = uuid.uuid4()
    forms = [new_sudden_deed(unit, officer, key) for _ in range(2)]

    outcomes = at_once([partial(file_slowly, form) for form in forms], refusals=AlreadyFiled)

    assert sorted(isinstance(outcome, AlreadyFiled) for outcome in outcomes) == [False, True]
    assert Nomination.objects.filter(filing_key=key).count() == 1
