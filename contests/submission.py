"""Saving an entry: at most once per form, before the deadline, within the entrant's allowance.

The checks that a rush could race (the allowance per person and the entry number) run while the contest's
row is locked, so concurrent entries to one contest are written one after another; each holds the lock for a
few queries only, the file having been written before. That file stays only with the entry it was written
for: a refusal, an error, or a replay of the form that another request saved first removes it.
"""

import secrets

from django.db import transaction
from django.db.models import Max

from core.dates import time_and_date
from core.public_forms import STALE_FORM
from core.receipts import new_receipt_code

from .emails import send_receipt
from .forms import email_key
from .models import ContestPage, Entry, Phase


class EntryRefused(Exception):
    """The entry cannot be taken; the message tells the entrant why, in Vietnamese."""


def submit_entry(contest, form, received_at):
    """The saved entry, or the one this form already made; raises EntryRefused."""
    existing = entry_made_by(form, contest)
    if existing:
        return existing
    stored_file = _store_file(contest, form)
    entry = None
    try:
        entry = _save_entry(contest, form, received_at, stored_file)
    finally:
        if stored_file and (entry is None or entry.file.name != stored_file):
            entry_storage().delete(stored_file)
    return entry


def entry_made_by(form, contest):
    """The entry this form already made, if any. Its token is unique: another contest's form makes none here."""
    entry = Entry.objects.filter(submission_token=form.cleaned_data["submission_token"]).first()
    if entry and entry.contest_id != contest.pk:
        raise EntryRefused(STALE_FORM)
    return entry


def entry_storage():
    return Entry._meta.get_field("file").storage


def entry_file_path(contest_id, file_kind):
    """A random name under the contest's directory: the entrant's file name is kept in the database only."""
    return f"entries/{contest_id}/{secrets.token_hex(16)}.{file_kind}"


def _store_file(contest, form):
    uploaded = form.cleaned_data.get("attachment")
    if not uploaded:
        return ""
    return entry_storage().save(entry_file_path(contest.pk, form.file_kind), uploaded)


@transaction.atomic
def _save_entry(contest, form, received_at, stored_file):
    locked = ContestPage.objects.select_for_update(of=("self",)).get(pk=contest.pk)
    # The entrant pressed "send" at received_at: waiting for the lock in a rush does not make an entry late.
    if not locked.accepts_entry_received_at(received_at):
        raise EntryRefused(closed_message(locked, received_at))
    replay = entry_made_by(form, contest)
    if replay:
        return replay
    entry = _build_entry(locked, form, received_at, stored_file)
    sent_before = Entry.objects.filter(contest=locked, email_key=entry.email_key).count()
    if sent_before >= locked.entries_per_person:
        raise EntryRefused(
            f"Email {entry.email} đã gửi đủ {locked.entries_per_person} bài, "
            "mức tối đa mỗi người được gửi cho cuộc thi này."
        )
    entry.number = (locked.entries.aggregate(last=Max("number"))["last"] or 0) + 1
    entry.save()
    send_receipt(entry)
    return entry


def _build_entry(contest, form, received_at, stored_file):
    entry = form.save(commit=False)
    entry.contest = contest
    entry.email_key = email_key(entry.email)
    entry.submission_token = form.cleaned_data["submission_token"]
    entry.receipt_code = new_receipt_code()
    entry.submitted_at = received_at
    if stored_file:
        uploaded = form.cleaned_data["attachment"]
        entry.file.name = stored_file
        entry.file_name = uploaded.name[:255]
        entry.file_kind = form.file_kind
        entry.file_size = uploaded.size
    return entry


def closed_message(contest, moment):
    if contest.phase(moment) == Phase.UPCOMING:
        return f"Cuộc thi chưa mở: bắt đầu nhận bài từ {time_and_date(contest.opens_at)}."
    return f"Cuộc thi đã hết hạn nhận bài lúc {time_and_date(contest.closes_at)}. Bài gửi sau thời điểm này không được nhận."
