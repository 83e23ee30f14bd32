"""A round's question bank: single and multiple choice questions, each with its options. Only the admin reads
which options are right; a public page never does."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from newsroom.models.images import picture_field

from .contests import QuizRound

QUESTION_MAX_CHARS = 1000
OPTION_MAX_CHARS = 500


class Question(ClusterableModel):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")

    round = models.ForeignKey(
        QuizRound,
        verbose_name=pgettext_lazy("knowledge contest", "round"),
        on_delete=models.PROTECT,
        related_name="questions",
    )
    text = models.TextField(_("question"), max_length=QUESTION_MAX_CHARS)
    image = picture_field(_("image"), _("Optional: a photo or document the question is about."))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["round", "pk"]

    def __str__(self):
        return self.text if len(self.text) <= 80 else f"{self.text[:79]}…"


class QuestionOption(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(_("option"), max_length=OPTION_MAX_CHARS)
    is_correct = models.BooleanField(_("right answer"), default=False)

    panels = [FieldRowPanel([FieldPanel("text"), FieldPanel("is_correct")])]

    class Meta(Orderable.Meta):
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self):
        return self.text
