"""Saving a tip: once per form (its token is unique), its files written first and kept only with the tip they
were written for (core.private_storage.removed_on_failure)."""

import secrets

from django.db import IntegrityError, transaction

from core.private_storage import removed_on_failure
from core.public_forms import STALE_FORM
from core.receipts import new_receipt_code

from .models import Tip, TipAttachment


class TipRefused(Exception):
    """The tip cannot be taken; the message tells the tipster why, in Vietnamese."""


def submit_tip(page, form, received_at):
    """The saved tip, or the one this form already made; raises TipRefused."""
    existing = tip_made_by(form, page)
    if existing:
        return existing
    try:
        with removed_on_failure(), transaction.atomic():
            return _save_tip(page, form, received_at)
    except IntegrityError:
        # The same form, sent twice at once: the other request saved it first, and its tip is the one.
        replay = tip_made_by(form, page)
        if replay is None:
            raise
        return replay


def tip_made_by(form, page):
    """The tip this form already made, if any. Its token is unique: another page's form makes none here."""
    tip = Tip.objects.filter(submission_token=form.cleaned_data["submission_token"]).first()
    if tip and tip.page_id != page.pk:
        raise TipRefused(STALE_FORM)
    return tip


def _save_tip(page, form, received_at):
    tip = form.save(commit=False)
    tip.page = page
    tip.outlet = page.outlet
    tip.submission_token = form.cleaned_data["submission_token"]
    tip.receipt_code = new_receipt_code()
    tip.received_at = received_at
    tip.save()
    for upload, kind in zip(form.cleaned_data["files"], form.file_kinds, strict=True):
        attachment = TipAttachment(tip=tip, file_name=upload.name[:255], kind=kind, size=upload.size)
        # A random name under the tip's outlet: the sender's file name is kept in the database only.
        attachment.file.save(f"tips/{tip.outlet}/{secrets.token_hex(16)}.{kind}", upload, save=False)
        attachment.save()
    return tip
