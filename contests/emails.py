"""The receipt e-mail: the code and how to follow the entry. Plain text, so nothing the entrant typed runs."""

from django.template.loader import render_to_string

from core.dates import time_and_date
from core.outbox import queue_mail


def send_receipt(entry):
    """Queued with the entry (core.outbox): a mail server that is down delays the e-mail, loses nothing.

    The receipt page shows the same code, so the entrant has it even while the e-mail waits.
    """
    contest = entry.contest
    context = {
        "entry": entry,
        "contest": contest,
        "received_at": time_and_date(entry.submitted_at),
        "status_url": f"{contest.full_url}{contest.reverse_subpage('status')}",
    }
    queue_mail(
        f"Biên nhận bài dự thi {entry.receipt_code} · {contest.title}",
        render_to_string("contests/email/receipt.txt", context),
        [entry.email],
    )
