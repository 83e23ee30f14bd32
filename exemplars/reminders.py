"""Reminders to the units that have not filed in a round, a set number of days before it closes.

A unit has filed once it has submitted a nomination in the round (any status past the draft): a draft alone does
not reach the Department, so its unit is reminded too. Each open round's schedule is its `reminder_days` ("7, 3,
1", set by the Department); on each scheduler tick (newsroom.scheduler) the reminder due is the one of fewest days
whose time has come, so a round opened, or a schedule changed, late sends the latest reminder only, never a
burst of the earlier ones.

Each (round, unit, reminder) is logged once, in the transaction that queues its e-mail (core.outbox): the log's
unique constraint makes a second tick, or two at once, write nothing. The unit's officers with an e-mail address
are written to; a unit without any is logged as unreachable, for the Department to call.
"""

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from core.dates import LOCAL_TIME_ZONE, long_date
from core.outbox import queue_mail

from .models import NominationReminder, NominationRound, Status, Unit
from .roles import unit_officers

logger = logging.getLogger(__name__)


def send_due_reminders(now=None):
    """The scheduler's work: log and queue every reminder due now; returns how many rows were logged."""
    now = now or timezone.now()
    return sum(remind_round(nomination_round, now) for nomination_round in NominationRound.open_rounds(now))


def due_reminder(nomination_round, now):
    """The days of the reminder due now in the round's schedule, or None."""
    days_left = (nomination_round.closes_at - now).total_seconds() / 86400
    due = [days for days in nomination_round.reminder_schedule if days_left <= days]
    return min(due) if due else None


def units_not_filed(nomination_round):
    """The units with no nomination submitted in the round (a draft does not count), by name."""
    filed = nomination_round.nominations.exclude(status=Status.DRAFT).values("unit_id")
    return Unit.objects.exclude(pk__in=filed).order_by("sort_name", "pk")


def remind_round(nomination_round, now):
    days = due_reminder(nomination_round, now)
    if days is None:
        return 0
    already = NominationReminder.objects.filter(round=nomination_round, days_before=days).values("unit_id")
    units = units_not_filed(nomination_round).exclude(pk__in=already)
    return sum(remind_unit(nomination_round, unit, days, now) for unit in units)


def remind_unit(nomination_round, unit, days, now):
    """Log and queue one unit's reminder; 0 if another tick logged it first."""
    try:
        with transaction.atomic():
            recipients = list(unit_officers(unit.pk).values_list("email", flat=True))
            reminder = NominationReminder.objects.create(
                round=nomination_round,
                unit=unit,
                days_before=days,
                at=now,
                recipients=recipients,
                outcome=NominationReminder.Outcome.QUEUED
                if recipients
                else NominationReminder.Outcome.UNREACHABLE,
            )
            if recipients:
                subject, body = reminder_text(nomination_round, unit)
                reminder.mail = queue_mail(subject, body, recipients)
                reminder.save(update_fields=["mail"])
    except IntegrityError:
        return 0
    if not recipients:
        logger.warning(
            "Reminder for round %s: unit %s has no officer with an e-mail", nomination_round.pk, unit.pk
        )
    return 1


def reminder_text(nomination_round, unit):
    """The e-mail, in Vietnamese: the round, when it closes (province time), and what counts as filed."""
    closes = nomination_round.closes_at.astimezone(LOCAL_TIME_ZONE)
    when = f"{closes:%H:%M} {long_date(closes)}"
    subject = f"Nhắc gửi hồ sơ đề cử: “{nomination_round.title}” kết thúc lúc {when}"
    body = (
        f"Kính gửi {unit.name},\n\n"
        f"Đợt đề cử “{nomination_round.title}” sẽ kết thúc lúc {when} (giờ Việt Nam). "
        "Đến nay, Sở Nội vụ chưa nhận được hồ sơ đề cử nào của đơn vị.\n\n"
        f"Mỗi đơn vị được đề cử tối đa {NominationRound.QUOTA} tập thể, cá nhân trong một đợt. "
        "Hồ sơ đang soạn thảo (bản nháp) chưa được tính: đơn vị cần bấm “Gửi Sở Nội vụ” "
        "trước khi đợt kết thúc.\n\n"
        f"Lập và gửi hồ sơ tại: {settings.WAGTAILADMIN_BASE_URL}{reverse('exemplars_nominations:index')}\n\n"
        "Sở Nội vụ tỉnh Đắk Lắk"
    )
    return subject, body
