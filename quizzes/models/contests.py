"""Knowledge contests (cuộc thi tìm hiểu): the contest page with its rules and prizes, and its rounds."""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from newsroom.blocks import RICH_TEXT_FEATURES
from newsroom.models.api_fields import CARD_PICTURE, picture
from newsroom.models.base import NewsroomPage
from newsroom.models.images import picture_field

# The contest page's public addresses (the rounds, an attempt, the results) are served by quizzes.views, which
# reads the attempts defined after this model: the page takes its routes through this hook, so the models
# import no view. Each function returns Django URL patterns whose views take (contest, request, ...).
QUIZ_ROUTES_HOOK = "quizzes_contest_routes"

DEFAULT_PREDICTION_QUESTION = "Dự đoán có bao nhiêu người trả lời đúng tất cả các câu hỏi của vòng thi này?"


class QuizPage(RoutablePageMixin, NewsroomPage):
    """A knowledge contest on any outlet: its theme, rules and prizes; its rounds and questions are kept in the
    admin's knowledge contest menu, outside the page's revisions, so that attempts always point at them."""

    theme = models.CharField(_("theme"), max_length=300)
    lead_image = picture_field(
        _("lead image"), _("Shown at the head of the contest's page and on its cards.")
    )
    rules = RichTextField(_("rules"), features=RICH_TEXT_FEATURES)
    eligibility = models.TextField(
        _("who may take part"), help_text=_("For example: every citizen living or working in the province.")
    )
    prediction_question = models.CharField(
        _("prediction question"),
        max_length=300,
        default=DEFAULT_PREDICTION_QUESTION,
        help_text=_(
            "Asked at the end of every attempt; the nearest prediction breaks a tie in right answers."
        ),
    )

    content_panels = NewsroomPage.content_panels + [
        FieldPanel("theme"),
        FieldPanel("lead_image"),
        FieldPanel("rules"),
        FieldPanel("eligibility"),
        FieldPanel("prediction_question"),
        InlinePanel("prizes", heading=_("Prizes"), label=_("prize")),
    ]
    search_fields = NewsroomPage.search_fields + [index.SearchField("theme"), index.SearchField("rules")]

    # The content API shows the contest as its page states it: never a question, an entrant or an attempt.
    api_fields = [
        APIField("theme"),
        APIField("eligibility"),
        APIField("prizes"),
        APIField("lead_image", serializer=picture()),
        APIField("thumbnail", serializer=picture(CARD_PICTURE, source="lead_image")),
        APIField("rules"),
    ]

    template = "quizzes/quiz_page.html"
    parent_page_types = ["newsroom.OutletHomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("knowledge contest")
        verbose_name_plural = _("knowledge contests")

    @classmethod
    def get_subpage_urls(cls):
        return tuple(route for routes in hooks.get_hooks(QUIZ_ROUTES_HOOK) for route in routes())

    def prizes_for(self, scope):
        return [prize for prize in self.prizes.all() if prize.scope == scope]


class QuizPrize(Orderable):
    """A prize: given in every round, once for the whole contest, or to the units with the most participants."""

    class Scope(models.TextChoices):
        ROUND = "round", _("In every round")
        CONTEST = "contest", _("For the whole contest")
        COLLECTIVE = "collective", _("Collective: the units with the most participants")

    contest = ParentalKey(QuizPage, related_name="prizes", on_delete=models.CASCADE)
    scope = models.CharField(_("given"), max_length=10, choices=Scope.choices, default=Scope.ROUND)
    name = models.CharField(_("name"), max_length=120, help_text=_("For example: Giải Nhất"))
    count = models.PositiveSmallIntegerField(
        _("number of prizes"), default=1, validators=[MinValueValidator(1)]
    )
    reward = models.CharField(
        _("reward"), max_length=200, blank=True, help_text=_("For example: 2.000.000 đồng")
    )

    panels = [
        FieldRowPanel([FieldPanel("scope"), FieldPanel("name"), FieldPanel("count")]),
        FieldPanel("reward"),
    ]
    api_fields = ["scope", "name", "count", "reward"]

    class Meta(Orderable.Meta):
        verbose_name = _("prize")
        verbose_name_plural = _("prizes")

    def __str__(self):
        return self.name


class RoundPhase(models.TextChoices):
    UPCOMING = "upcoming", "Sắp mở"
    OPEN = "open", "Đang diễn ra"
    CLOSED = "closed", "Đã kết thúc"


class QuizRoundQuerySet(models.QuerySet):
    def open_at(self, moment):
        return self.filter(opens_at__lte=moment, closes_at__gt=moment)


class QuizRound(models.Model):
    """A round (vòng thi, usually a week): its opening and closing times, its question bank and the rules of an
    attempt. An attempt keeps its own deadline and questions, so a change here never alters one already begun."""

    contest = models.ForeignKey(
        QuizPage, verbose_name=_("contest"), on_delete=models.PROTECT, related_name="rounds"
    )
    name = models.CharField(_("name"), max_length=120, help_text=_("For example: Tuần 1"))
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(
        _("closes at"), help_text=_("Answers sent from this second on are refused (Asia/Ho_Chi_Minh).")
    )
    questions_per_attempt = models.PositiveSmallIntegerField(
        _("questions per attempt"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Drawn at random from the round's questions for each attempt."),
    )
    minutes_allowed = models.PositiveSmallIntegerField(
        _("time allowed (minutes)"), default=15, validators=[MinValueValidator(1), MaxValueValidator(180)]
    )
    attempts_per_person = models.PositiveSmallIntegerField(
        _("attempts per person"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("Counted by phone number; a person's best attempt counts."),
    )

    objects = QuizRoundQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("knowledge contest", "round")
        verbose_name_plural = pgettext_lazy("knowledge contest", "rounds")
        ordering = ["contest", "opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="quizzes_round_closes_after_opening",
                violation_error_message=_("A round closes after it opens."),
            )
        ]

    def __str__(self):
        return f"{self.contest.title} · {self.name}"

    def phase(self, now=None):
        now = now or timezone.now()
        if now < self.opens_at:
            return RoundPhase.UPCOMING
        return RoundPhase.OPEN if now < self.closes_at else RoundPhase.CLOSED

    @property
    def time_allowed(self):
        return datetime.timedelta(minutes=self.minutes_allowed)
