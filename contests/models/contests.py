"""Writing contests (cuộc thi viết): the index of an outlet's contests and each contest with its rules."""

from rest_framework import serializers

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.search import index

from core.models import WrittenOrderable
from newsroom.blocks import RICH_TEXT_FEATURES
from newsroom.models.api_fields import CARD_PICTURE, api_pictures, picture
from newsroom.models.base import NewsroomPage
from newsroom.models.images import picture_field
from newsroom.models.sections import sections_for
from newsroom.pictures import listing_images

from ..admin_forms import ContestPageForm

# A contest's public addresses (its page with the entry form, the status look-up, the results) are served by
# contests.views, which reads the entries and the judging defined after this model: it gives the page its routes
# through this hook, so the models import no view. Each function returns Django URL patterns whose views take
# (contest, request).
CONTEST_ROUTES_HOOK = "contests_contest_routes"


# Other contests of the outlet (quizzes: its knowledge contests), shown on the contest index above the writing
# contests: functions (index page, request) returning a newsroom Section, or None (newsroom.models.sections).
CONTEST_INDEX_SECTIONS_HOOK = "contests_index_sections"


class Phase(models.TextChoices):
    UPCOMING = "upcoming", "Sắp mở"
    OPEN = "open", "Đang nhận bài"
    CLOSED = "closed", "Đã hết hạn nhận bài"


class FileKind(models.TextChoices):
    DOCX = "docx", "DOCX (Microsoft Word)"
    ODT = "odt", "ODT (LibreOffice Writer)"
    PDF = "pdf", "PDF"


class ContestIndexPage(NewsroomPage):
    """An outlet's contests: open ones first, then upcoming, then closed."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = NewsroomPage.content_panels + [FieldPanel("intro")]

    template = "contests/contest_index_page.html"
    parent_page_types = ["newsroom.OutletHomePage"]
    subpage_types = ["contests.ContestPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("contest index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        contests = (
            ContestPage.objects.live()
            .public()
            .child_of(self)
            .prefetch_related(Prefetch("lead_image", queryset=listing_images("card")))
            .order_by("-closes_at")
        )
        now = timezone.now()
        by_phase = {phase: [] for phase in Phase}
        for contest in contests:
            by_phase[contest.phase(now)].append(contest)
        context["contests_by_phase"] = [(phase, by_phase[phase]) for phase in Phase if by_phase[phase]]
        context["sections"] = sections_for(CONTEST_INDEX_SECTIONS_HOOK, self, request)
        return context


class ContestPage(RoutablePageMixin, NewsroomPage):
    """A contest: its theme and rules, the entry form while it is open, and the status look-up."""

    theme = models.CharField(_("theme"), max_length=300)
    lead_image = picture_field(
        _("lead image"), _("Shown at the head of the contest's page and on its cards.")
    )
    rules = RichTextField(_("rules"), features=RICH_TEXT_FEATURES)
    eligibility = models.TextField(
        _("who may enter"), help_text=_("For example: every citizen living or working in the province.")
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(
        _("closes at"), help_text=_("Entries received from this second on are refused (Asia/Ho_Chi_Minh).")
    )
    min_words = models.PositiveIntegerField(_("minimum words"), null=True, blank=True)
    max_words = models.PositiveIntegerField(_("maximum words"), null=True, blank=True)
    accepts_docx = models.BooleanField(_("accepts DOCX files"), default=True)
    accepts_odt = models.BooleanField(_("accepts ODT files"), default=True)
    accepts_pdf = models.BooleanField(_("accepts PDF files"), default=True)
    entries_per_person = models.PositiveSmallIntegerField(
        _("entries per person"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("Counted by e-mail address."),
    )

    content_panels = NewsroomPage.content_panels + [
        FieldPanel("theme"),
        FieldPanel("lead_image"),
        FieldPanel("rules"),
        FieldPanel("eligibility"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("Entry period")),
        InlinePanel("categories", heading=_("Categories"), label=_("category"), min_num=1),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("min_words"), FieldPanel("max_words")]),
                FieldRowPanel(
                    [FieldPanel("accepts_docx"), FieldPanel("accepts_odt"), FieldPanel("accepts_pdf")]
                ),
                FieldPanel("entries_per_person"),
            ],
            _("Entries"),
        ),
        InlinePanel("prizes", heading=_("Prizes"), label=_("prize")),
        InlinePanel(
            "rubric_criteria",
            heading=_("Judging rubric"),
            label=_("criterion"),
            help_text=_("The weights add up to 100."),
        ),
    ]
    search_fields = NewsroomPage.search_fields + [index.SearchField("theme"), index.SearchField("rules")]

    # What the content API shows (newsroom.api): the contest's rules as its page states them (its rubric too),
    # never its entries, judges or scores. The related rows these read, for a page of results at once.
    api_fields = [
        APIField("theme"),
        APIField("phase", serializer=serializers.CharField()),
        APIField("opens_at"),
        APIField("closes_at"),
        APIField("eligibility"),
        APIField("min_words"),
        APIField("max_words"),
        APIField("accepted_file_kinds", serializer=serializers.ListField()),
        APIField("entries_per_person"),
        APIField("categories"),
        APIField("prizes"),
        APIField("rubric_criteria"),
        APIField("lead_image", serializer=picture()),
        APIField("thumbnail", serializer=picture(CARD_PICTURE, source="lead_image")),
        APIField("rules"),
    ]

    @classmethod
    def api_prefetch(cls):
        return [Prefetch("lead_image", queryset=api_pictures()), "categories", "prizes", "rubric_criteria"]

    base_form_class = ContestPageForm
    template = "contests/contest_page.html"
    parent_page_types = ["contests.ContestIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("writing contest")
        verbose_name_plural = _("writing contests")

    def phase(self, now=None):
        now = now or timezone.now()
        if now < self.opens_at:
            return Phase.UPCOMING
        if now < self.closes_at:
            return Phase.OPEN
        return Phase.CLOSED

    def accepts_entry_received_at(self, moment):
        return self.phase(moment) == Phase.OPEN

    @property
    def accepted_file_kinds(self):
        flags = {
            FileKind.DOCX: self.accepts_docx,
            FileKind.ODT: self.accepts_odt,
            FileKind.PDF: self.accepts_pdf,
        }
        return [kind for kind, accepted in flags.items() if accepted]

    def countdown_target(self, now=None):
        """The opening while upcoming, the deadline while open; None once closed."""
        return {Phase.UPCOMING: self.opens_at, Phase.OPEN: self.closes_at}.get(self.phase(now))

    @classmethod
    def get_subpage_urls(cls):
        return tuple(route for routes in hooks.get_hooks(CONTEST_ROUTES_HOOK) for route in routes())

    def published_judging(self):
        """The contest's judging once its results are published, else None (no query when `judging` was joined)."""
        # Without a Judging row, Django's reverse one-to-one raises RelatedObjectDoesNotExist, an AttributeError.
        judging = getattr(self, "judging", None)
        return judging if judging is not None and judging.results_published else None

    def results_are_published(self):
        return self.published_judging() is not None

    def rubric_is_scored(self):
        """Whether a judge has scored against the rubric: from then on its criteria and weights stay."""
        return RubricCriterion.objects.filter(contest=self, scores__isnull=False).exists()

    def saved_rubric_weights(self):
        """{criterion pk: weight} as saved, whatever an editor's unsaved form holds."""
        return dict(RubricCriterion.objects.filter(contest=self).values_list("pk", "weight"))

    def categories_with_entries(self):
        return ContestCategory.objects.filter(contest=self, entries__isnull=False).distinct()

    def awarded_prizes(self):
        """The prizes given at least once, each with how many times (`awarded`)."""
        return (
            ContestPrize.objects.filter(contest=self).annotate(awarded=Count("awards")).filter(awarded__gt=0)
        )


class ContestCategory(WrittenOrderable):
    """A category entries compete in: bút ký, phóng sự, tìm hiểu…"""

    contest = ParentalKey(ContestPage, related_name="categories", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("description")]
    api_fields = ["name", "description"]

    class Meta(WrittenOrderable.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return f"{self.contest.title} · {self.name}"


class ContestPrize(WrittenOrderable):
    contest = ParentalKey(ContestPage, related_name="prizes", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=120, help_text=_("For example: Giải Nhất"))
    count = models.PositiveSmallIntegerField(
        _("number of prizes"), default=1, validators=[MinValueValidator(1)]
    )
    reward = models.CharField(
        _("reward"), max_length=200, blank=True, help_text=_("For example: 10.000.000 đồng")
    )

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("count")]), FieldPanel("reward")]
    api_fields = ["name", "count", "reward"]

    class Meta(WrittenOrderable.Meta):
        verbose_name = _("prize")
        verbose_name_plural = _("prizes")

    def __str__(self):
        return self.name


class RubricCriterion(WrittenOrderable):
    """One criterion of the rubric; judges score it from 0 to MAX_SCORE, and its weight is a percentage."""

    MAX_SCORE = 10

    contest = ParentalKey(ContestPage, related_name="rubric_criteria", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    weight = models.PositiveSmallIntegerField(_("weight (%)"), validators=[MinValueValidator(1)])

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("weight")]), FieldPanel("description")]
    api_fields = ["name", "description", "weight"]

    class Meta(WrittenOrderable.Meta):
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")

    def __str__(self):
        return f"{self.name} ({self.weight}%)"
