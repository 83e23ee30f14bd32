"""Exemplar profiles (điển hình tiên tiến): who, where, what they achieved, and the features about them."""

from rest_framework import serializers

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import ItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import PageManager
from wagtail.search import index

from core.models import WrittenOrderable
from core.view_restrictions import PublicPageQuerySet
from newsroom.blocks import RICH_TEXT_FEATURES, CaptionedImageBlock, GalleryBlock, MediaBlock, QuoteBlock
from newsroom.feeds import ArticleFeed, FeedRoutesMixin, feed_path
from newsroom.models import ArticlePage, Tag
from newsroom.models.api_fields import (
    CARD_PICTURE,
    NamesField,
    PageTitlesField,
    TagNamesField,
    api_pictures,
    picture,
)
from newsroom.models.base import UNLISTED_PAGE_FIELDS
from newsroom.models.images import picture_field
from newsroom.pictures import listing_images

from .movements import MovementPage
from .shared import FEATURES_PER_PAGE, CanonicalChildPage
from .sorting import VietnameseSortedModel

# The latest year's profiles first and, within a year, new factors and sudden deeds first: the plan asks for
# them to be praised promptly. Then the latest published, then by name.
NEWEST_FIRST = ("-year", "-is_new_factor", "-is_sudden_deed", "-first_published_at", "sort_name", "pk")


class AchievementsBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Paragraph"))
    image = CaptionedImageBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
    media = MediaBlock()


class ExemplarQuerySet(PublicPageQuerySet):
    def in_registry(self):
        """Every live, public profile once (never an alias), in Vietnamese alphabetical order."""
        return self.live().public().filter(alias_of__isnull=True).order_by("sort_name", "pk")

    def newest_first(self):
        return self.order_by(*NEWEST_FIRST)

    def for_cards(self):
        """With what a card shows: unit, locality, fields and a listing-size lead image; without the page's
        fields no card shows."""
        images = listing_images("card")
        return (
            self.defer(*UNLISTED_PAGE_FIELDS)
            .select_related("unit__locality", "unit__cluster")
            .prefetch_related(models.Prefetch("lead_image", queryset=images), "achievement_fields")
        )


class ExemplarTag(ItemBase):
    tag = models.ForeignKey(Tag, related_name="tagged_exemplars", on_delete=models.CASCADE)
    content_object = ParentalKey(
        "exemplars.ExemplarPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ExemplarPage(FeedRoutesMixin, VietnameseSortedModel, CanonicalChildPage):
    """The profile of an individual, a collective or a household: who, where, what they achieved; and the feed
    of the features about them."""

    sort_source = "title"

    class SubjectKind(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual")
        COLLECTIVE = "collective", _("Collective")
        HOUSEHOLD = "household", _("Household")

    SUBJECT_KIND_NAMES = {"individual": "Cá nhân", "collective": "Tập thể", "household": "Hộ gia đình"}

    subject_kind = models.CharField(_("subject"), max_length=12, choices=SubjectKind.choices)
    position = models.CharField(
        _("position"), max_length=200, blank=True, help_text=_("For an individual: the post held.")
    )
    unit = models.ForeignKey(
        "exemplars.Unit",
        verbose_name=_("unit"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="exemplars",
        help_text=_("Where the individual works, the collective itself, or the household's commune."),
    )
    summary = models.TextField(
        _("summary"), max_length=600, blank=True, help_text=_("One or two sentences for listings.")
    )
    lead_image = picture_field(
        _("lead image"), _("A portrait of the person, or a photo of the collective or household at work.")
    )
    achievement_fields = ParentalManyToManyField(
        "exemplars.AchievementField", verbose_name=_("fields of achievement"), related_name="exemplars"
    )
    achievements = StreamField(AchievementsBlock(), verbose_name=_("achievements"), blank=True)
    is_new_factor = models.BooleanField(_("new factor"), default=False)
    is_sudden_deed = models.BooleanField(_("sudden outstanding deed"), default=False)
    year = models.PositiveSmallIntegerField(
        _("year recognised"), validators=[MinValueValidator(1945), MaxValueValidator(2100)], db_index=True
    )
    movements = ParentalManyToManyField(
        "exemplars.MovementPage", verbose_name=_("movements"), blank=True, related_name="exemplars"
    )
    tags = ClusterTaggableManager(through=ExemplarTag, blank=True, verbose_name=_("tags"))

    objects = PageManager.from_queryset(ExemplarQuerySet)()

    content_panels = CanonicalChildPage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("subject_kind"), FieldPanel("position"), FieldPanel("unit")], _("Who and where")
        ),
        FieldPanel("summary"),
        FieldPanel("lead_image"),
        FieldPanel("achievement_fields", widget=forms.CheckboxSelectMultiple),
        FieldPanel("achievements"),
        InlinePanel("awards", heading=_("Titles and awards received"), label=_("award")),
        FieldRowPanel(
            [FieldPanel("year"), FieldPanel("is_new_factor"), FieldPanel("is_sudden_deed")], _("Recognition")
        ),
        FieldPanel("movements", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
    ]
    search_fields = CanonicalChildPage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("position"),
        index.SearchField("achievements"),
        index.RelatedFields("unit", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("subject_kind"),
        index.FilterField("year"),
    ]

    # What the content API shows (newsroom.api): the profile's public fields, never its nomination, which holds
    # the unit's contact person, phone, ID number and address. The related rows these read, for a page of results.
    api_fields = [
        APIField("subject_kind"),
        APIField("position"),
        APIField("unit", serializer=serializers.CharField(source="unit.name", allow_null=True)),
        APIField("locality", serializer=serializers.CharField(source="unit.locality.name", allow_null=True)),
        APIField("cluster", serializer=serializers.CharField(source="unit.cluster.name", allow_null=True)),
        APIField("summary"),
        APIField("achievement_fields", serializer=NamesField()),
        APIField("year"),
        APIField("is_new_factor"),
        APIField("is_sudden_deed"),
        APIField("awards"),
        APIField("movements", serializer=PageTitlesField()),
        APIField("tags", serializer=TagNamesField()),
        APIField("lead_image", serializer=picture()),
        APIField("thumbnail", serializer=picture(CARD_PICTURE, source="lead_image")),
        APIField("achievements"),
    ]

    @classmethod
    def api_prefetch(cls):
        return [
            models.Prefetch("lead_image", queryset=api_pictures()),
            "unit__locality",
            "unit__cluster",
            "achievement_fields",
            "awards",
            models.Prefetch("movements", queryset=MovementPage.objects.live().public().newest_first()),
            "tags",
        ]

    # A profile's picture is shown in the home pages' spotlight too (exemplars.spotlight).
    lead_picture_uses = ("card", "lead", "portrait")

    template = "exemplars/exemplar_page.html"
    parent_page_types = ["exemplars.ExemplarIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("exemplar profile")
        verbose_name_plural = _("exemplar profiles")

    @property
    def subject_kind_name(self):
        return self.SUBJECT_KIND_NAMES[self.subject_kind]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The page and its structured data both list the awards: one reading for the two.
        models.prefetch_related_objects([self], "awards")
        context.update(
            awards=self.awards.all(),
            movements=self.movements.live().public().newest_first(),
            features=self.features().listing_page(request.GET.get("page"), FEATURES_PER_PAGE),
        )
        return context

    def features(self):
        """Every live feature about this exemplar, in any outlet, newest first."""
        return self.articles_about().for_listing()

    def articles_about(self):
        """The features linked to this exemplar; aliases stand for nothing new (they carry copies of the links)."""
        return ArticlePage.objects.filter(exemplar_links__exemplar=self, alias_of__isnull=True)

    @feed_path()
    def feed(self, request):
        subject = self.subject_kind_name.lower()
        description = f"Bài viết về {self.title}, {subject} điển hình tiên tiến"
        return ArticleFeed(self, self.articles_about(), description)(request)


class Award(WrittenOrderable):
    """A title or an award the exemplar received, as recorded by its decision."""

    page = ParentalKey(ExemplarPage, related_name="awards", on_delete=models.CASCADE)
    title = models.CharField(
        _("title or award"), max_length=255, help_text=_("For example: Chiến sĩ thi đua cấp tỉnh, Bằng khen")
    )
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    issuing_authority = models.CharField(_("issuing authority"), max_length=200, blank=True)
    date = models.DateField(_("date"), null=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("decision_number"), FieldPanel("date")]),
        FieldPanel("issuing_authority"),
    ]
    # As the profile shows each award (newsroom.api).
    api_fields = ["title", "decision_number", "issuing_authority", "date"]

    class Meta(WrittenOrderable.Meta):
        verbose_name = _("award")
        verbose_name_plural = _("awards")
