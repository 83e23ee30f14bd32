"""Making yearbooks in the background: a row claimed by one worker only, taken again when its worker's lease ran
out, a failure marked failed with its error's class without failing the scheduler's tick."""

import datetime

import pytest

from django.core.management import call_command
from django.utils import timezone

from newsroom.scheduler import run_due_publications
from yearbooks import making
from yearbooks.models import Yearbook

from .books import ask

pytestmark = pytest.mark.usefixtures("private_files")

Status = Yearbook.Status


def test_two_claims_do_not_both_take_a_row(db):
    yearbook = ask(title="Kỷ yếu")
    first = making.claim(yearbook.pk)
    second = making.claim(yearbook.pk)
    assert first is not None and first.status == Status.MAKING and first.attempts == 1
    assert second is None


def test_a_row_whose_worker_died_is_taken_again_then_given_up(db):
    yearbook = ask(title="Kỷ yếu")
    now = timezone.now()
    first = making.claim(yearbook.pk, now)
    assert making.claim(yearbook.pk, now + making.LEASE / 2) is None
    again = making.claim(yearbook.pk, now + making.LEASE * 2)
    assert again.attempts == 2
    # The first worker's late writes change nothing: the row is the second's.
    making.ours(first).update(profiles_done=99)
    assert Yearbook.objects.get(pk=yearbook.pk).profiles_done == 0
    Yearbook.objects.filter(pk=yearbook.pk).update(attempts=making.MAX_ATTEMPTS)
    making.give_up_stopped(now + datetime.timedelta(hours=1))
    assert Yearbook.objects.get(pk=yearbook.pk).status == Status.FAILED


def test_the_schedulers_tick_makes_a_book_and_reports_its_progress(short_profile):
    yearbook = ask()
    run_due_publications()
    yearbook.refresh_from_db()
    assert yearbook.status == Status.DONE
    assert yearbook.progress == "1/1"
    assert yearbook.file.name.startswith("yearbooks/") and yearbook.file.size > 1000
    assert yearbook.lease_until is None and yearbook.finished_at is not None


def test_a_failure_marks_the_book_failed_with_the_errors_class_and_the_tick_goes_on(
    short_profile, monkeypatch
):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("secret detail")

    monkeypatch.setattr(making, "render_yearbook", broken)
    failing, next_one = ask(), ask()
    run_due_publications()
    failing.refresh_from_db()
    assert failing.status == Status.FAILED
    assert failing.error == "ZeroDivisionError"
    assert not failing.file
    monkeypatch.undo()
    call_command("make_yearbooks", verbosity=0)
    next_one.refresh_from_db()
    assert next_one.status == Status.DONE


def test_a_selection_emptied_since_it_was_asked_for_fails_with_a_clear_error(short_profile):
    yearbook = ask(profiles=[short_profile])
    short_profile.unpublish()
    making.make_next()
    yearbook.refresh_from_db()
    assert (yearbook.status, yearbook.error) == (Status.FAILED, "EmptySelection")
