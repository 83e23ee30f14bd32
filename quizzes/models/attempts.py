"""Entrants and their attempts. An entrant needs no account: one per phone number and contest."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from exemplars.models import Locality, Unit

from .contests import QuizPage, QuizRound


class Entrant(models.Model):
    """A person taking part, known by their phone number within a contest; the details they last gave.

    Private: only organisers see them; published results show the name, the unit and the masked phone.
    """

    contest = models.ForeignKey(
        QuizPage, verbose_name=_("contest"), on_delete=models.PROTECT, related_name="entrants"
    )
    phone_key = models.CharField(_("phone"), max_length=11, help_text=_("In its national form, digits only."))
    full_name = models.CharField(_("full name"), max_length=120)
    birth_date = models.DateField(_("date of birth"))
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    locality = models.ForeignKey(
        Locality,
        verbose_name=_("commune or ward"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    id_number = models.CharField(_("ID number"), max_length=12, blank=True)
    registered_at = models.DateTimeField(_("first attempt at"), auto_now_add=True)

    class Meta:
        verbose_name = _("entrant")
        verbose_name_plural = _("entrants")
        constraints = [
            models.UniqueConstraint(fields=["contest", "phone_key"], name="quizzes_one_entrant_per_phone"),
            # Each entrant counts for exactly one unit or one commune in the participation report.
            models.CheckConstraint(
                condition=models.Q(unit__isnull=True, locality__isnull=False)
                | models.Q(unit__isnull=False, locality__isnull=True),
                name="quizzes_entrant_unit_or_locality",
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def affiliation(self):
        return self.unit or self.locality


class Attempt(models.Model):
    """One attempt at a round: the questions drawn for it and their options in the order shown, its deadline,
    and once sent, its answers and score. Reached by its key alone, which only the entrant's browser holds."""

    round = models.ForeignKey(
        QuizRound,
        verbose_name=pgettext_lazy("knowledge contest", "round"),
        on_delete=models.PROTECT,
        related_name="attempts",
    )
    entrant = models.ForeignKey(
        Entrant, verbose_name=_("entrant"), on_delete=models.PROTECT, related_name="attempts"
    )
    number = models.PositiveSmallIntegerField(_("attempt number"))
    key = models.CharField(max_length=43, unique=True, editable=False)
    started_at = models.DateTimeField(_("started at"))
    deadline = models.DateTimeField(_("deadline"))
    # [[question pk, [option pks in the order shown]], ...] in the order the questions are shown.
    drawn = models.JSONField(editable=False)
    # [[chosen option pks], ...] in the order of `drawn`; null until sent.
    answers = models.JSONField(null=True, editable=False)
    prediction = models.PositiveBigIntegerField(_("prediction"), null=True)
    submitted_at = models.DateTimeField(_("sent at"), null=True)
    correct_count = models.PositiveSmallIntegerField(_("right answers"), null=True)
    question_count = models.PositiveSmallIntegerField(_("questions"))
    duration_ms = models.PositiveIntegerField(_("time taken (ms)"), null=True)

    class Meta:
        verbose_name = pgettext_lazy("knowledge contest", "attempt")
        verbose_name_plural = pgettext_lazy("knowledge contest", "attempts")
        constraints = [
            # The allowance per person holds even if two starts raced past the entrant's lock.
            models.UniqueConstraint(fields=["round", "entrant", "number"], name="quizzes_attempt_number"),
        ]
        indexes = [models.Index(fields=["round", "submitted_at"], name="quizzes_attempt_sent")]

    def __str__(self):
        return f"{self.entrant} · {self.round.name} · {self.number}"

    @property
    def is_submitted(self):
        return self.submitted_at is not None

    @property
    def all_correct(self):
        return self.correct_count == self.question_count
