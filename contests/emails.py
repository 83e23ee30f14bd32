"""The receipt e-mail: the code and how to follow the entry. Plain text, so nothing the entrant typed runs."""

from django.template.loader import render_to_string

from core.outbox import queue_mail

from .timing import local_time_label


def send_receipt(entry):
    """Queued with the entry (core.outbox): a mail server that is down delays the e-mail, loses nothing.

    The receipt page shows the same code, so the entrant has it even while the e-mail waits.
    """
    contest = entry.contest
    context = {
        "entry": entry,
        "contest": contest,
        "received_at": local_time_label(entry.submitted_at),
        "status_url": f"{contest.full_url}{contest.reverse_subpage('status')}",
    }
    queue_mail(
        f"Biên nhận bài dự thi {entry.receipt_code} · {contest.title}",
        render_to_string("contests/email/receipt.txt", context),
        [entry.email],
    )
