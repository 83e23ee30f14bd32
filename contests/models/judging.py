"""Judging: who judges which contest, recusals, blind score sheets, and the prizes the organisers award.

Judging of a contest has three stages, kept on `Judging`: open (judges score, each sees only their own sheets),
closed (scores frozen and visible to the whole panel and the organisers), results published (the public results
page shows the prize winners under the names they consented to).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .contests import ContestCategory, ContestPage, ContestPrize, RubricCriterion
from .entries import Entry


class Judging(models.Model):
    """The judging stage of one contest. A contest without this row has judging open and nothing published."""

    contest = models.OneToOneField(
        ContestPage, verbose_name=_("contest"), on_delete=models.CASCADE, related_name="judging"
    )
    closed_at = models.DateTimeField(_("judging closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("judging closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    results_published_at = models.DateTimeField(_("results published at"), null=True, blank=True)
    results_published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("results published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("judging")
        verbose_name_plural = _("judging")
        permissions = [("manage_judging", _("Can run the judging of contests"))]

    def __str__(self):
        return str(self.contest)

    @property
    def is_closed(self):
        return self.closed_at is not None

    @property
    def results_published(self):
        return self.results_published_at is not None


class JudgeAssignment(models.Model):
    """A judge on a contest's panel; with categories, only those categories' entries are theirs to judge."""

    contest = models.ForeignKey(
        ContestPage, verbose_name=_("contest"), on_delete=models.CASCADE, related_name="judge_assignments"
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("judge"),
        on_delete=models.CASCADE,
        related_name="judge_assignments",
    )
    categories = models.ManyToManyField(
        ContestCategory,
        verbose_name=_("categories"),
        blank=True,
        help_text=_("Leave empty for every category of the contest."),
    )
    public_title = models.CharField(
        _("title on the contest page"),
        max_length=200,
        blank=True,
        help_text=_(
            "For example: Nhà báo, Phó Tổng biên tập Báo Đắk Lắk. The contest page lists the judge's full name "
            "with this title; leave it empty to keep the judge off the public page."
        ),
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    class Meta:
        verbose_name = _("judge assignment")
        verbose_name_plural = _("judge assignments")
        constraints = [
            models.UniqueConstraint(fields=["contest", "judge"], name="contests_one_assignment_per_judge")
        ]

    def __str__(self):
        return f"{self.contest} · {self.judge}"

    @property
    def public_name(self):
        return self.judge.get_full_name().strip()


class Recusal(models.Model):
    """A judge stepping aside from one entry (conflict of interest): they can no longer see or score it."""

    entry = models.ForeignKey(
        Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="recusals"
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("judge"), on_delete=models.CASCADE, related_name="recusals"
    )
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(_("recused at"), auto_now_add=True)

    class Meta:
        verbose_name = _("recusal")
        verbose_name_plural = _("recusals")
        constraints = [
            models.UniqueConstraint(fields=["entry", "judge"], name="contests_one_recusal_per_judge")
        ]

    def __str__(self):
        return f"{self.entry} · {self.judge}"


class ScoreSheet(models.Model):
    """One judge's scores for one entry: a score and a comment per rubric criterion."""

    entry = models.ForeignKey(
        Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="score_sheets"
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("judge"),
        on_delete=models.CASCADE,
        related_name="score_sheets",
    )
    updated_at = models.DateTimeField(_("last scored at"), auto_now=True)

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        constraints = [
            models.UniqueConstraint(fields=["entry", "judge"], name="contests_one_sheet_per_judge")
        ]
        permissions = [("score_entries", _("Can score contest entries as a judge"))]

    def __str__(self):
        return f"{self.entry} · {self.judge}"


class CriterionScore(models.Model):
    """The score a judge gives one criterion, from 0 to RubricCriterion.MAX_SCORE in half points."""

    sheet = models.ForeignKey(
        ScoreSheet, verbose_name=_("score sheet"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        RubricCriterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="scores"
    )
    score = models.DecimalField(
        _("score"),
        max_digits=3,
        decimal_places=1,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(RubricCriterion.MAX_SCORE))],
    )
    comment = models.TextField(pgettext_lazy("judging", "comment"), blank=True)

    class Meta:
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="contests_one_score_per_criterion"),
            models.CheckConstraint(
                condition=models.Q(score__gte=0) & models.Q(score__lte=RubricCriterion.MAX_SCORE),
                name="contests_score_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.criterion.name}: {self.score}"


class PrizeAward(models.Model):
    """A prize given to an entry; the article made from the winning entry, once an editor asked for one."""

    prize = models.ForeignKey(
        ContestPrize, verbose_name=_("prize"), on_delete=models.CASCADE, related_name="awards"
    )
    entry = models.OneToOneField(
        Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="prize_award"
    )
    awarded_at = models.DateTimeField(_("awarded at"), auto_now_add=True)
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("awarded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    article = models.ForeignKey(
        "newsroom.ArticlePage",
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("prize award")
        verbose_name_plural = _("prize awards")

    def __str__(self):
        return f"{self.prize.name} · {self.entry}"
