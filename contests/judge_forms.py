"""The judge's forms: a score sheet (a score and a comment per criterion of the rubric) and a recusal."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import CriterionScore, Recusal, RubricCriterion, ScoreSheet

SCORE_STEP = Decimal("0.5")
COMMENT_MAX_CHARS = 5000
REASON_MAX_CHARS = 2000
SCORE_PREFIX = "score_"
COMMENT_PREFIX = "comment_"


class ScoreField(forms.DecimalField):
    """A score from 0 to RubricCriterion.MAX_SCORE in half points; "7,5" is read as 7.5, as Vietnamese write it."""

    def __init__(self, **kwargs):
        super().__init__(
            min_value=Decimal(0),
            max_value=Decimal(RubricCriterion.MAX_SCORE),
            max_digits=3,
            decimal_places=1,
            step_size=SCORE_STEP,
            **kwargs,
        )

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        number = super().to_python(value)
        return _without_trailing_zeros(number) if number is not None and number.is_finite() else number


def _without_trailing_zeros(number):
    """7.50 as 7.5, so that it passes the one-decimal check; 7.25 is left for the step check to refuse."""
    try:
        tenths = number.quantize(Decimal("0.1"))
    except InvalidOperation:  # too large to quantize: the range check refuses it
        return number
    return tenths if tenths == number else number


class ScoreSheetForm(forms.Form):
    """One score and one comment per criterion of the contest's rubric, saved as the judge's ScoreSheet."""

    def __init__(self, *args, criteria, sheet=None, **kwargs):
        self.criteria = list(criteria)
        super().__init__(*args, initial=_initial_from(sheet), **kwargs)
        for criterion in self.criteria:
            self.fields[f"{SCORE_PREFIX}{criterion.pk}"] = ScoreField(
                label=_("Score (0–%(max)s)") % {"max": RubricCriterion.MAX_SCORE},
                help_text=_("In half points, for example 7.5."),
            )
            self.fields[f"{COMMENT_PREFIX}{criterion.pk}"] = forms.CharField(
                label=pgettext_lazy("judging", "Comment"),
                required=False,
                max_length=COMMENT_MAX_CHARS,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def criterion_fields(self):
        """(criterion, score field, comment field) in the rubric's order, for the template."""
        for criterion in self.criteria:
            yield criterion, self[f"{SCORE_PREFIX}{criterion.pk}"], self[f"{COMMENT_PREFIX}{criterion.pk}"]

    def clean(self):
        cleaned_data = super().clean()
        foreign = [
            key
            for key in self.data
            if key.startswith((SCORE_PREFIX, COMMENT_PREFIX)) and key not in self.fields
        ]
        if foreign:
            raise ValidationError(
                _(
                    "The form scores a criterion that is not in this contest's rubric. Reload the page and score again."
                ),
                code="foreign_criterion",
            )
        return cleaned_data

    @transaction.atomic
    def save(self, entry, judge):
        """The judge's sheet for the entry, created or updated: submitting twice never makes a second one."""
        sheet, created = ScoreSheet.objects.get_or_create(entry=entry, judge=judge)
        if not created:
            sheet.save(update_fields=["updated_at"])
        for criterion in self.criteria:
            CriterionScore.objects.update_or_create(
                sheet=sheet,
                criterion=criterion,
                defaults={
                    "score": self.cleaned_data[f"{SCORE_PREFIX}{criterion.pk}"],
                    "comment": self.cleaned_data[f"{COMMENT_PREFIX}{criterion.pk}"],
                },
            )
        return sheet


def _initial_from(sheet):
    if sheet is None:
        return {}
    initial = {}
    for score in sheet.scores.all():
        initial[f"{SCORE_PREFIX}{score.criterion_id}"] = score.score
        initial[f"{COMMENT_PREFIX}{score.criterion_id}"] = score.comment
    return initial


class RecusalForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "For example: the writer is a relative or a colleague of mine. Only the organisers read it."
        ),
        error_messages={"required": _("Say why you recuse yourself; only the organisers read it.")},
    )

    @transaction.atomic
    def save(self, entry, judge):
        """Records the recusal and deletes the judge's sheet for the entry; True when there was one."""
        Recusal.objects.get_or_create(
            entry=entry, judge=judge, defaults={"reason": self.cleaned_data["reason"]}
        )
        deleted, _by_model = ScoreSheet.objects.filter(entry=entry, judge=judge).delete()
        return deleted > 0
