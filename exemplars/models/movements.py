"""Emulation movements (phong trào thi đua): launched, run for a period, and gathering exemplars and features."""

from rest_framework import serializers

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Prefetch, Window
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import PageManager
from wagtail.search import index

from core.dates import local_today
from core.view_restrictions import PublicPageQuerySet
from newsroom.blocks import RICH_TEXT_FEATURES
from newsroom.feeds import ArticleFeed, FeedRoutesMixin, feed_path
from newsroom.models import ArticlePage
from newsroom.models.api_fields import CARD_PICTURE, api_pictures, picture
from newsroom.models.images import picture_field
from newsroom.pictures import listing_images

from .shared import FEATURES_PER_PAGE, CanonicalChildPage, SharedIndexPage
from .sorting import VietnameseSortedModel

# How many of a movement's exemplars its page shows; the registry, filtered by the movement, lists them all.
MOVEMENT_EXEMPLAR_LIMIT = 24


class MovementQuerySet(PublicPageQuerySet):
    def current(self, today):
        """Running on `today`: no end date, or one not yet passed."""
        return self.filter(models.Q(end_date__isnull=True) | models.Q(end_date__gte=today))

    def past(self, today):
        return self.filter(end_date__lt=today)

    def newest_first(self):
        return self.order_by("-start_date", "sort_name")


class MovementIndexPage(SharedIndexPage):
    """The emulation movements, current ones first, then past ones."""

    template = "exemplars/movement_index_page.html"
    subpage_types = ["exemplars.MovementPage"]

    class Meta:
        verbose_name = _("movement index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = local_today()
        movements = (
            MovementPage.objects.live()
            .public()
            .filter(alias_of__isnull=True)
            .prefetch_related(Prefetch("lead_image", queryset=listing_images("card")))
        )
        context.update(
            current_movements=movements.current(today).newest_first(),
            past_movements=movements.past(today).order_by("-end_date", "sort_name"),
        )
        return context


class MovementPage(FeedRoutesMixin, VietnameseSortedModel, CanonicalChildPage):
    """A movement: who launched it and when, its goals and criteria, results, exemplars and features, and the
    feed of its features."""

    sort_source = "title"

    class LaunchLevel(models.TextChoices):
        CENTRAL = "central", _("Central level")
        PROVINCE = "province", _("Province")
        UNIT = "unit", _("Unit")

    LAUNCH_LEVEL_NAMES = {"central": "Trung ương", "province": "Tỉnh", "unit": "Cơ quan, đơn vị"}

    launch_level = models.CharField(_("launched at level"), max_length=10, choices=LaunchLevel.choices)
    launched_by = models.CharField(
        _("launched by"),
        max_length=200,
        blank=True,
        help_text=_("The launching body, for example: Thủ tướng Chính phủ, UBND tỉnh."),
    )
    launching_unit = models.ForeignKey(
        "exemplars.Unit",
        verbose_name=_("launching unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="launched_movements",
        help_text=_("When a unit of the province launched it."),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True, help_text=_("Empty while it runs."))
    goals = RichTextField(_("goals"), blank=True, features=RICH_TEXT_FEATURES)
    criteria = RichTextField(_("criteria"), blank=True, features=RICH_TEXT_FEATURES)
    results = RichTextField(_("results and impact"), blank=True, features=RICH_TEXT_FEATURES)
    lead_image = picture_field(
        _("lead image"), _("A moment of the movement: people at work, a ceremony, a result.")
    )

    objects = PageManager.from_queryset(MovementQuerySet)()

    content_panels = CanonicalChildPage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("launch_level"), FieldPanel("launched_by"), FieldPanel("launching_unit")],
            _("Launch"),
        ),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], _("Period")),
        FieldPanel("lead_image"),
        FieldPanel("goals"),
        FieldPanel("criteria"),
        FieldPanel("results"),
    ]
    search_fields = CanonicalChildPage.search_fields + [
        index.SearchField("goals"),
        index.SearchField("criteria"),
        index.SearchField("results"),
        index.FilterField("start_date"),
        index.FilterField("end_date"),
    ]

    # What the content API shows (newsroom.api); the related rows these read, for a page of results at once.
    api_fields = [
        APIField("launch_level"),
        APIField("launched_by", serializer=serializers.CharField(source="launcher_name")),
        APIField("start_date"),
        APIField("end_date"),
        APIField("lead_image", serializer=picture()),
        APIField("thumbnail", serializer=picture(CARD_PICTURE, source="lead_image")),
        APIField("goals"),
        APIField("criteria"),
        APIField("results"),
    ]

    @classmethod
    def api_prefetch(cls):
        return [Prefetch("lead_image", queryset=api_pictures()), "launching_unit"]

    template = "exemplars/movement_page.html"
    parent_page_types = ["exemplars.MovementIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("emulation movement")
        verbose_name_plural = _("emulation movements")

    def clean(self):
        super().clean()
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot come before the start date.")})
        if not self.launched_by and not self.launching_unit_id:
            raise ValidationError({"launched_by": _("Name the launching body or choose the launching unit.")})

    @property
    def launch_level_name(self):
        return self.LAUNCH_LEVEL_NAMES[self.launch_level]

    @property
    def launcher_name(self):
        return self.launching_unit.name if self.launching_unit_id else self.launched_by

    def is_current(self, today=None):
        today = today or local_today()
        return self.end_date is None or self.end_date >= today

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        exemplars = self.exemplars_shown()
        context.update(
            exemplars=exemplars,
            # Each row read carries the count of all: the page shows the first ones and how many there are.
            exemplar_count=exemplars[0].exemplars_in_all if exemplars else 0,
            features=self.features().listing_page(request.GET.get("page"), FEATURES_PER_PAGE),
        )
        return context

    def exemplars_shown(self):
        """The first MOVEMENT_EXEMPLAR_LIMIT exemplars of the movement, each with the count of all of them
        (`exemplars_in_all`), in one query."""
        exemplars = self.exemplars.live().public().order_by("-year", "sort_name").for_cards()
        return list(exemplars.annotate(exemplars_in_all=Window(Count("pk")))[:MOVEMENT_EXEMPLAR_LIMIT])

    def features(self):
        return self.articles_about().for_listing()

    def articles_about(self):
        # An article republished as an alias carries copies of its links; the original stands for both.
        return ArticlePage.objects.filter(movement_links__movement=self, alias_of__isnull=True)

    @feed_path()
    def feed(self, request):
        description = f"Bài viết về phong trào thi đua “{self.title}”"
        return ArticleFeed(self, self.articles_about(), description)(request)
