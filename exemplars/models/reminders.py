"""The log of the reminders sent to the units that have not filed in a round (exemplars.reminders).

One row per round, unit and reminder (days before closing), whatever happens: its unique constraint is what keeps
a reminder from going out twice when two scheduler ticks run at once, since the row and the queued e-mail are
written in one transaction.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NominationReminder(models.Model):
    class Outcome(models.TextChoices):
        # Unreachable: the unit has no active officer with an e-mail address (its recipients are empty).
        QUEUED = "queued", _("Queued for sending")
        UNREACHABLE = "unreachable", _("Unreachable")

    round = models.ForeignKey(
        "exemplars.NominationRound",
        verbose_name=_("round"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    unit = models.ForeignKey(
        "exemplars.Unit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="nomination_reminders",
    )
    days_before = models.PositiveSmallIntegerField(_("days before closing"))
    at = models.DateTimeField(_("at"), default=timezone.now)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    recipients = models.JSONField(_("recipients"), default=list, blank=True)
    mail = models.ForeignKey(
        "core.OutgoingMail",
        verbose_name=_("e-mail"),
        null=True,
        blank=True,
        # The outbox forgets sent e-mails after a month; the log keeps who was written to.
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("nomination reminder")
        verbose_name_plural = _("nomination reminders")
        ordering = ["-at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "unit", "days_before"], name="one_reminder_per_round_unit_and_day"
            )
        ]

    def __str__(self):
        return f"{self.round} · {self.unit} · {self.days_before}"

    @property
    def recipient_list(self):
        return ", ".join(self.recipients)
