"""Two officers of one unit filing the 3rd and the 4th nomination at the same moment end with 3.

Real concurrency needs a database with row locks and separate connections: PostgreSQL. Each officer files
from a thread of its own; a barrier starts them together, and the save waits a little so that, without the
lock, both would count 2 before either inserts.
"""

import datetime
import time
from functools import partial

import pytest

from django.utils import timezone

from exemplars import filing
from exemplars.filing import FilingRefused, file_nomination
from exemplars.models import Nomination, NominationRound, Unit
from tests.races import at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SAVE_DELAY = 0.3


@pytest.fixture
def open_round():
    now = timezone.now()
    return NominationRound.objects.create(
        title="Đợt đang mở",
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(hours=1),
    )


@pytest.fixture
def two_officers(make_officer):
    unit = Unit.objects.create(name="UBND xã Cư Pơng", kind=Unit.Kind.COMMUNE)
    return unit, make_officer("canbo.1", unit), make_officer("canbo.2", unit)


def new_nomination(unit, nomination_round, officer, name):
    return Nomination(
        round=nomination_round,
        unit=unit,
        subject_kind="individual",
        name=name,
        achievements_summary="Thành tích.",
        proposed_commendation="merit_certificate",
        contact_person="Cán bộ",
        contact_phone="0262 3852 000",
        created_by=officer,
    )


def slow_save(nomination):
    def save():
        time.sleep(SAVE_DELAY)
        nomination.save()
        return nomination

    return save


def file_slowly(nomination):
    return file_nomination(nomination, slow_save(nomination), nomination.created_by)


def race(unit, nomination_round, officers):
    """File one nomination per officer, all starting together; {name: "filed" or the refusal}."""
    nominations = [
        new_nomination(unit, nomination_round, officer, f"Đề cử thứ {index}")
        for index, officer in enumerate(officers, start=3)
    ]
    outcomes = at_once(
        [partial(file_slowly, nomination) for nomination in nominations], refusals=FilingRefused
    )
    return {
        nomination.name: str(outcome) if isinstance(outcome, FilingRefused) else "filed"
        for nomination, outcome in zip(nominations, outcomes, strict=True)
    }


def file_two(unit, nomination_round, officer):
    for index in (1, 2):
        nomination = new_nomination(unit, nomination_round, officer, f"Đề cử thứ {index}")
        file_nomination(nomination, lambda nomination=nomination: nomination.save() or nomination, officer)


def test_the_third_and_fourth_at_once_end_with_three(two_officers, open_round):
    unit, first, second = two_officers
    file_two(unit, open_round, first)

    outcomes = race(unit, open_round, [first, second])

    assert Nomination.objects.filter(unit=unit, round=open_round).count() == 3
    assert sorted(outcome == "filed" for outcome in outcomes.values()) == [False, True]
    (refusal,) = [outcome for outcome in outcomes.values() if outcome != "filed"]
    assert "Đơn vị của bạn đã lập 3 hồ sơ đề nghị trong đợt này" in refusal


def test_without_the_lock_the_race_is_lost(two_officers, open_round, monkeypatch):
    """The control: the same race without SELECT … FOR UPDATE lets a 4th nomination in."""
    unit, first, second = two_officers
    file_two(unit, open_round, first)
    monkeypatch.setattr(filing, "lock_quota", lambda unit_id, round_id: None)

    race(unit, open_round, [first, second])

    assert Nomination.objects.filter(unit=unit, round=open_round).count() == 4
