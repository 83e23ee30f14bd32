"""Outgoing mail through a durable outbox: no request fails because the mail server does, and no mail is lost.

`queue_mail()` writes the e-mail in the caller's transaction, so a step rolled back sends nothing and a step
committed always has its e-mail. Right after the commit, one attempt sends it, so mail is not delayed while
the server is up. An attempt that fails is recorded with its error and retried by the scheduler's tick
(`send_due_mail()`, newsroom.scheduler) after a growing delay; after MAX_ATTEMPTS the e-mail is marked failed
and waits for an administrator, who sees it with its error and may retry it (Settings → Outgoing e-mails).

Each attempt first claims its row with a conditional UPDATE, which SQLite and PostgreSQL both apply one at a
time, so two ticks, or a tick and a request, never send the same e-mail twice. The logs name an e-mail by its
id, its number of recipients and the class of the error only: subjects, bodies, addresses and the server's
answers may hold personal data (a nominee's name, an entrant's receipt code), and stay in the database.
"""

import logging
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import OutgoingMail

logger = logging.getLogger(__name__)

Status = OutgoingMail.Status

# 1, 2, 4 ... minutes between attempts, at most two hours: ten attempts span about six hours of outage.
MAX_ATTEMPTS = 10
FIRST_RETRY_DELAY = timedelta(minutes=1)
LONGEST_RETRY_DELAY = timedelta(hours=2)
# Far longer than one attempt may take (EMAIL_TIMEOUT bounds each exchange with the server): a row still
# claimed after this belongs to a worker that died, and is due again.
CLAIM_LEASE = timedelta(minutes=15)
BATCH_SIZE = 100
# Sent e-mails are kept a month for the administrators' view, then deleted with the personal data they hold.
SENT_KEPT_FOR = timedelta(days=30)
MAX_ERROR_LENGTH = 2000

DUE_STATUSES = (Status.PENDING, Status.SENDING)


def queue_mail(subject, body, recipients, *, html_body="", from_email=""):
    """Queue an e-mail in the current transaction, to be sent once it commits; None if no one is to get it."""
    recipients = list(dict.fromkeys(address for address in recipients if address))
    if not recipients:
        return None
    mail = OutgoingMail.objects.create(
        # A line break in a subject would be refused by every attempt (header injection): one line it is.
        subject=" ".join(subject.split()),
        body=body,
        html_body=html_body,
        from_email=from_email,
        recipients=recipients,
    )
    transaction.on_commit(lambda: first_attempt(mail.pk))
    return mail


def first_attempt(pk):
    """The attempt right after the commit: whatever happens, the request that queued the e-mail goes on."""
    try:
        send_queued_mail(pk)
    except Exception:
        logger.exception("E-mail %s: the first attempt failed; the scheduler will try again", pk)


def send_due_mail(now=None):
    """Send the due e-mails until one fails: the server is then likely down, and the rest wait.

    Returns the number sent."""
    now = now or timezone.now()
    forget_sent_mail(now)
    due = OutgoingMail.objects.filter(status__in=DUE_STATUSES, next_attempt_at__lte=now)
    sent = 0
    for pk in due.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:BATCH_SIZE]:
        outcome = send_queued_mail(pk, now)
        if outcome in (Status.PENDING, Status.FAILED):
            break
        sent += outcome == Status.SENT
    return sent


def retry_now(pk):
    """An administrator's retry of an e-mail that waits or failed: one attempt now; the status it ends in."""
    OutgoingMail.objects.filter(pk=pk, status__in=(Status.PENDING, Status.FAILED)).update(
        status=Status.PENDING, next_attempt_at=timezone.now()
    )
    return send_queued_mail(pk) or OutgoingMail.objects.values_list("status", flat=True).get(pk=pk)


def send_queued_mail(pk, now=None):
    """One attempt at e-mail `pk`, if it is due and no one else holds it: the status it ends in, else None."""
    now = now or timezone.now()
    mail = claim(pk, now)
    if mail is None:
        return None
    try:
        as_message(mail).send()
    except Exception as error:
        return record_failure(mail, error, now)
    return record_success(mail)


def claim(pk, now):
    """The e-mail, now held by this worker until its lease ends; None if it is not due or another holds it."""
    claimed = OutgoingMail.objects.filter(pk=pk, status__in=DUE_STATUSES, next_attempt_at__lte=now).update(
        status=Status.SENDING, attempts=F("attempts") + 1, next_attempt_at=now + CLAIM_LEASE
    )
    return OutgoingMail.objects.get(pk=pk) if claimed else None


def as_message(mail):
    message = EmailMultiAlternatives(mail.subject, mail.body, mail.from_email or None, mail.recipients)
    if mail.html_body:
        message.attach_alternative(mail.html_body, "text/html")
    return message


def record_success(mail):
    finish(mail, status=Status.SENT, sent_at=timezone.now())
    logger.info(
        "E-mail %s sent to %s recipient(s) at attempt %s", mail.pk, len(mail.recipients), mail.attempts
    )
    return Status.SENT


def record_failure(mail, error, attempted_at):
    """Retry later, or give up after MAX_ATTEMPTS; the full error is kept for the administrators' screen."""
    gives_up = mail.attempts >= MAX_ATTEMPTS
    next_attempt_at = attempted_at + retry_delay(mail.attempts)
    status = Status.FAILED if gives_up else Status.PENDING
    finish(mail, status=status, next_attempt_at=next_attempt_at, last_error=error_text(error))
    if gives_up:
        logger.error(
            "E-mail %s to %s recipient(s) not sent after %s attempts (%s); an administrator may retry it",
            mail.pk,
            len(mail.recipients),
            mail.attempts,
            type(error).__name__,
        )
    else:
        logger.warning(
            "E-mail %s to %s recipient(s) not sent at attempt %s of %s (%s); next attempt at %s",
            mail.pk,
            len(mail.recipients),
            mail.attempts,
            MAX_ATTEMPTS,
            type(error).__name__,
            next_attempt_at.isoformat(timespec="seconds"),
        )
    return status


def finish(mail, **fields):
    """Record the attempt's outcome, unless the claim was lost meanwhile (its lease ended, another one began)."""
    OutgoingMail.objects.filter(pk=mail.pk, status=Status.SENDING, attempts=mail.attempts).update(**fields)


def retry_delay(attempts):
    # Ten doublings pass the longest delay; more would overflow timedelta after many retries by hand.
    return min(FIRST_RETRY_DELAY * 2 ** min(attempts - 1, 10), LONGEST_RETRY_DELAY)


def error_text(error):
    return f"{type(error).__name__}: {error}"[:MAX_ERROR_LENGTH]


def forget_sent_mail(now):
    OutgoingMail.objects.filter(status=Status.SENT, sent_at__lt=now - SENT_KEPT_FOR).delete()
