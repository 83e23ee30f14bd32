from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.models import Orderable


class WrittenOrderable(Orderable):
    """Wagtail's Orderable for rows that code writes as well as the admin's forms (the demo, an import, a
    nomination's praise): written without a sort order, they keep the order they were written in, on every
    engine (PostgreSQL returns rows of one sort order in no set order)."""

    class Meta(Orderable.Meta):
        abstract = True
        ordering = ["sort_order", "pk"]


class OutgoingMail(models.Model):
    """An e-mail to send, written in the transaction of what caused it and kept until it is sent (core.outbox).

    A worker claims a due row by moving it to SENDING with `next_attempt_at` pushed to the end of its lease,
    in one conditional UPDATE; a row left SENDING past its lease belongs to a worker that died: due again.
    """

    class Status(models.TextChoices):
        # The values sort in the order the admin screen lists them: what failed first.
        FAILED = "failed", _("failed")
        PENDING = "pending", _("waiting")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")

    subject = models.TextField(pgettext_lazy("email", "subject"))
    body = models.TextField(_("body"))
    html_body = models.TextField(_("HTML body"), blank=True)
    # Blank: DEFAULT_FROM_EMAIL as it is when the mail goes out.
    from_email = models.CharField(pgettext_lazy("email", "from"), max_length=254, blank=True)
    recipients = models.JSONField(_("recipients"), default=list)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="core_outgoingmail_due")]

    def __str__(self):
        return self.subject
