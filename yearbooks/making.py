"""Making the yearbooks asked for, in the background: on the scheduler's tick (newsroom.scheduler's
SCHEDULED_WORK_HOOK, one book a tick) or with `manage.py make_yearbooks`.

A worker first claims a row with a conditional UPDATE (pending, or making under a lease that ran out), which
SQLite and PostgreSQL apply one at a time, so two workers never make the same book. It renews the lease as it
reports its progress; a worker that died leaves a lease that runs out, and the row is taken again, at most
MAX_ATTEMPTS times. Each write after the claim names the attempt it belongs to, so a worker that lost its claim
changes nothing. A failure marks the book failed with the class of the error and never fails the tick.
"""

import logging
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from core.dates import local_today
from core.private_storage import removed_on_failure

from .content import book_order, contents, cover, profile_pages, yearbook_profiles
from .models import ERROR_MAX_LENGTH, Yearbook
from .rendering import page_count, render_yearbook

logger = logging.getLogger(__name__)

Status = Yearbook.Status

# Far longer than the few profiles between two reports of progress take: past it, the worker is taken for dead.
LEASE = timedelta(minutes=10)
MAX_ATTEMPTS = 3
STOPPED = "WorkerStopped"


def due(now):
    """The rows a worker may claim: waiting, or left by a worker whose lease ran out."""
    return Q(status=Status.PENDING) | Q(status=Status.MAKING, lease_until__lt=now, attempts__lt=MAX_ATTEMPTS)


def claim(pk, now=None):
    """The yearbook, now held by this worker; None if it is not due or another worker holds it."""
    now = now or timezone.now()
    claimed = Yearbook.objects.filter(due(now), pk=pk).update(
        status=Status.MAKING, lease_until=now + LEASE, attempts=F("attempts") + 1
    )
    return Yearbook.objects.get(pk=pk) if claimed else None


def ours(yearbook):
    """The row, while this worker's claim on it holds."""
    return Yearbook.objects.filter(pk=yearbook.pk, status=Status.MAKING, attempts=yearbook.attempts)


def give_up_stopped(now):
    """Rows whose worker died MAX_ATTEMPTS times: failed, for the Department to ask again."""
    Yearbook.objects.filter(status=Status.MAKING, lease_until__lt=now, attempts__gte=MAX_ATTEMPTS).update(
        status=Status.FAILED, error=STOPPED, finished_at=now
    )


def make_next(now=None):
    """Claim the oldest due yearbook and make it; the yearbook (with its outcome), or None if none was due."""
    now = now or timezone.now()
    give_up_stopped(now)
    for pk in (
        Yearbook.objects.filter(due(now)).order_by("requested_at", "pk").values_list("pk", flat=True)[:5]
    ):
        yearbook = claim(pk, now)
        if yearbook is not None:
            make(yearbook)
            return Yearbook.objects.get(pk=pk)
    return None


def make_due_yearbooks():
    """Every due yearbook, one after another; how many were made (done or failed)."""
    made = 0
    while make_next() is not None:
        made += 1
    return made


def make_on_tick():
    """The scheduler's work: one book a tick, so that the tick's other work waits for one book at most."""
    try:
        make_next()
    except Exception:
        logger.exception("Yearbooks: claiming the next book failed; the next tick tries again")


def make(yearbook):
    try:
        build(yearbook)
    except LostClaim:
        # The book was deleted meanwhile, or another worker took it after this one's lease ran out: no failure.
        logger.info("Yearbook %s was deleted or taken by another worker while it was made", yearbook.pk)
    except Exception as error:
        logger.exception("Yearbook %s failed (%s)", yearbook.pk, type(error).__name__)
        ours(yearbook).update(
            status=Status.FAILED, error=type(error).__name__[:ERROR_MAX_LENGTH], finished_at=timezone.now()
        )


def build(yearbook):
    selection = yearbook_profiles(yearbook)
    order = book_order(selection)
    count = len(order)
    if not count:
        raise EmptySelection(yearbook.pk)
    ours(yearbook).update(profiles_total=count, profiles_done=0)
    sections = contents(order, selection)

    def progress(done):
        # A book deleted or taken meanwhile is dropped at once, not drawn to its end for nobody.
        if not ours(yearbook).update(profiles_done=done, lease_until=timezone.now() + LEASE):
            raise LostClaim(yearbook.pk)

    pdf = render_yearbook(
        cover(yearbook, count, local_today()), sections, profile_pages(order), count, progress
    )
    store(yearbook, pdf, count, page_count(sections, count))


def store(yearbook, pdf, count, pages):
    """The PDF among the private files and the row marked done, together: a row lost meanwhile keeps no file."""
    with removed_on_failure(), transaction.atomic():
        name = yearbook.file.storage.save(f"yearbooks/ky-yeu-{yearbook.pk}.pdf", ContentFile(pdf))
        updated = ours(yearbook).update(
            status=Status.DONE,
            file=name,
            profiles_done=count,
            page_count=pages,
            lease_until=None,
            error="",
            finished_at=timezone.now(),
        )
        if not updated:
            raise LostClaim(yearbook.pk)


class EmptySelection(Exception):
    """No live, public profile matches the selection any more: the ones chosen were withdrawn since."""


class LostClaim(Exception):
    """Another worker took the row meanwhile (this one's lease ran out): its book is the one kept."""
