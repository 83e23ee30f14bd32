"""Published results: a round's winners, the whole contest's, and the units with the most participants.

Written once, when the organisers publish (quizzes.publication): the ranking is worked out then and kept, so that
what the public reads does not move."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from exemplars.models import Locality, Unit

from .attempts import Attempt, Entrant
from .contests import QuizPage, QuizRound


class Publication(models.Model):
    """The results of one round (round set) or of the whole contest (round empty), as published."""

    contest = models.ForeignKey(
        QuizPage, verbose_name=_("contest"), on_delete=models.CASCADE, related_name="publications"
    )
    round = models.OneToOneField(
        QuizRound,
        verbose_name=pgettext_lazy("knowledge contest", "round"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="publication",
    )
    # The true answer to a round's prediction question: the people with every answer right.
    all_correct_count = models.PositiveIntegerField(_("entrants with every answer right"), null=True)
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("published results")
        verbose_name_plural = _("published results")
        permissions = [("publish_results", _("Can publish a knowledge contest's results"))]
        constraints = [
            models.UniqueConstraint(
                fields=["contest"],
                condition=models.Q(round__isnull=True),
                name="quizzes_one_contest_publication",
            )
        ]

    def __str__(self):
        return f"{self.contest.title} · {self.round.name if self.round_id else _('whole contest')}"


class Winner(models.Model):
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="winners")
    rank = models.PositiveIntegerField(_("rank"))
    prize = models.CharField(_("prize"), max_length=120)
    reward = models.CharField(_("reward"), max_length=200, blank=True)
    entrant = models.ForeignKey(
        Entrant, verbose_name=_("entrant"), on_delete=models.PROTECT, related_name="+"
    )
    # The round's counted attempt; empty for the whole contest, whose figures add up the rounds.
    attempt = models.ForeignKey(Attempt, null=True, on_delete=models.PROTECT, related_name="+")
    correct_count = models.PositiveIntegerField(_("right answers"))
    duration_ms = models.PositiveBigIntegerField(_("time taken (ms)"))
    prediction_error = models.PositiveBigIntegerField(_("prediction off by"), null=True)

    class Meta:
        verbose_name = _("winner")
        verbose_name_plural = _("winners")
        ordering = ["publication", "rank"]

    def __str__(self):
        return f"{self.rank}. {self.entrant} · {self.prize}"


class CollectiveWinner(models.Model):
    """A unit or commune given a collective prize for how many of its people took part."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="collective_winners")
    rank = models.PositiveIntegerField(_("rank"))
    prize = models.CharField(_("prize"), max_length=120)
    reward = models.CharField(_("reward"), max_length=200, blank=True)
    unit = models.ForeignKey(Unit, null=True, on_delete=models.PROTECT, related_name="+")
    locality = models.ForeignKey(Locality, null=True, on_delete=models.PROTECT, related_name="+")
    participants = models.PositiveIntegerField(_("participants"))

    class Meta:
        verbose_name = _("collective winner")
        verbose_name_plural = _("collective winners")
        ordering = ["publication", "rank"]

    def __str__(self):
        return f"{self.rank}. {self.name} · {self.prize}"

    @property
    def name(self):
        return str(self.unit or self.locality)
