"""The receipt e-mail: the code and how to follow the entry. Plain text, so nothing the entrant typed runs."""

import logging

from django.core.mail import send_mail
from django.template.loader import render_to_string

from .timing import local_time_label

logger = logging.getLogger(__name__)


def send_receipt(entry):
    """Sent after the entry is saved; a failing mail server loses the e-mail, never the entry."""
    contest = entry.contest
    context = {
        "entry": entry,
        "contest": contest,
        "received_at": local_time_label(entry.submitted_at),
        "status_url": f"{contest.full_url}{contest.reverse_subpage('status')}",
    }
    try:
        send_mail(
            subject=f"Biên nhận bài dự thi {entry.receipt_code} · {contest.title}",
            message=render_to_string("contests/email/receipt.txt", context),
            from_email=None,
            recipient_list=[entry.email],
        )
    except Exception:
        logger.exception("The receipt of entry %s could not be e-mailed.", entry.pk)
