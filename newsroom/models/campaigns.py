"""Special anniversary columns (chuyên mục kỷ niệm): prepared in advance, live from the first day of their
window, announced on every outlet that marks the event while the window runs, kept as an archive after it."""

import datetime

from rest_framework import serializers

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, PageManager

from core.dates import LOCAL_TIME_ZONE, local_today
from core.view_restrictions import PublicPageQuerySet
from newsroom.anniversaries import anniversary_in
from newsroom.blocks import RICH_TEXT_FEATURES
from newsroom.feeds import ArticleFeed, FeedRoutesMixin, feed_path

from .api_fields import CARD_PICTURE, api_pictures, picture
from .articles import ArticlePage, ArticleTag
from .base import NewsroomPage
from .calendar import HistoricEvent
from .images import picture_field

FEATURES_PER_PAGE = 24


class CampaignSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=200)
    body = blocks.RichTextBlock(label=_("text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "title"
        label = _("Section")


class FeaturedArticlesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=200, required=False)
    articles = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="newsroom.ArticlePage", label=_("article")),
        label=_("articles"),
        min_num=1,
    )

    class Meta:
        icon = "list-ul"
        label = _("Featured articles")

    def get_api_representation(self, value, context=None):
        # The content API gives the articles a reader can open, as the column's page shows them: an article
        # unpublished (or put behind a restriction) since it was chosen is left out.
        chosen = [article.pk for article in value["articles"] if article is not None]
        public = set(ArticlePage.objects.live().public().filter(pk__in=chosen).values_list("pk", flat=True))
        return {"heading": value["heading"], "articles": [pk for pk in chosen if pk in public]}


class CampaignSectionsBlock(blocks.StreamBlock):
    section = CampaignSectionBlock()
    featured_articles = FeaturedArticlesBlock()


class CampaignArticle(Orderable):
    """A feature from any outlet linked to a campaign by hand (articles with the campaign's tag need no link)."""

    campaign = ParentalKey("newsroom.CampaignPage", related_name="linked_articles", on_delete=models.CASCADE)
    article = models.ForeignKey(
        ArticlePage, verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("linked article")
        verbose_name_plural = _("linked articles")


class CampaignQuerySet(PublicPageQuerySet):
    def running_for(self, home, today):
        """Live columns whose window includes today, from this outlet or from any outlet, for an event it marks."""
        for_this_outlet = Q(path__startswith=home.path) | Q(event__outlets=home)
        return (
            self.live()
            .public()
            .filter(for_this_outlet, window_start__lte=today, window_end__gte=today)
            .select_related("event")
            .distinct()
            .order_by("window_start", "path")
        )


class CampaignPage(FeedRoutesMixin, NewsroomPage):
    """A special column for one anniversary of a historic event, e.g. the 50th of Buôn Ma Thuột's victory, and
    the feed of its features."""

    event = models.ForeignKey(
        HistoricEvent, verbose_name=_("historic event"), on_delete=models.PROTECT, related_name="campaigns"
    )
    anniversary_year = models.PositiveSmallIntegerField(
        _("year of the anniversary"),
        help_text=_("The anniversary number is computed from it: 2025 for the 50th of an event of 1975."),
    )
    window_start = models.DateField(
        _("first day"),
        help_text=_("The column goes live at 00:00 on this day unless you set another go-live time."),
    )
    window_end = models.DateField(
        _("last day"),
        help_text=_("The home pages announce the column until this day; it stays online after."),
    )
    hero_image = picture_field(_("hero image"))
    introduction = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    sections = StreamField(CampaignSectionsBlock(), verbose_name=_("sections"), blank=True)
    tag = models.ForeignKey(
        "newsroom.Tag",
        verbose_name=_("tag"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Live articles of every outlet with this tag are listed in the column."),
    )

    objects = PageManager.from_queryset(CampaignQuerySet)()

    content_panels = NewsroomPage.content_panels + [
        MultiFieldPanel([FieldPanel("event"), FieldPanel("anniversary_year")], _("Anniversary")),
        FieldRowPanel([FieldPanel("window_start"), FieldPanel("window_end")], heading=_("Run")),
        FieldPanel("hero_image"),
        FieldPanel("introduction"),
        FieldPanel("sections"),
        FieldPanel("tag"),
        InlinePanel("linked_articles", heading=_("Linked articles"), label=_("article")),
    ]

    # What the content API shows (newsroom.api); the related rows these read, for a page of results at once.
    api_fields = [
        APIField("event", serializer=serializers.CharField(source="event.name")),
        APIField("anniversary_year"),
        APIField("anniversary_number", serializer=serializers.IntegerField()),
        APIField("window_start"),
        APIField("window_end"),
        APIField("tag", serializer=serializers.CharField(source="tag.name", allow_null=True)),
        APIField("hero_image", serializer=picture()),
        APIField("thumbnail", serializer=picture(CARD_PICTURE, source="hero_image")),
        APIField("introduction"),
        APIField("sections"),
    ]

    @classmethod
    def api_prefetch(cls):
        return [models.Prefetch("hero_image", queryset=api_pictures()), "event", "tag"]

    template = "pages/campaign_page.html"
    parent_page_types = ["newsroom.OutletHomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("special anniversary column")
        verbose_name_plural = _("special anniversary columns")

    @property
    def anniversary_number(self):
        return self.anniversary_year - self.event.year

    @cached_property
    def anniversary(self):
        return anniversary_in(self.event, self.anniversary_year, local_today())

    def clean(self):
        super().clean()
        if self.window_start and self.window_end and self.window_start > self.window_end:
            raise ValidationError({"window_end": _("The last day comes before the first day.")})
        if self.event_id and self.anniversary_year and self.anniversary_year <= self.event.year:
            raise ValidationError(
                {"anniversary_year": _("The anniversary comes after the year of the event.")}
            )
        self._schedule_for_window_start()

    def _schedule_for_window_start(self):
        """A column prepared in advance goes live by itself at 00:00 (province time) on its first day."""
        if self.first_published_at or self.go_live_at or not self.window_start:
            return
        start = datetime.datetime.combine(self.window_start, datetime.time.min, tzinfo=LOCAL_TIME_ZONE)
        if start > timezone.now():
            self.go_live_at = start

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = local_today()
        context.update(
            anniversary=self.anniversary,
            is_over=today > self.window_end,
            sections=campaign_sections(self),
            features=campaign_articles(self).listing_page(request.GET.get("page"), FEATURES_PER_PAGE),
        )
        return context

    @feed_path()
    def feed(self, request):
        # The column gathers stories of every outlet, where an alias repeats its original.
        articles = ArticlePage.objects.filter(featured_in(self)).each_story_once()
        description = f"Bài viết trong chuyên mục {self.title}"
        return ArticleFeed(self, articles, description)(request)


def campaign_articles(campaign):
    """The live features linked to the campaign or tagged with its tag, each once, newest first."""
    return ArticlePage.objects.for_listing().filter(featured_in(campaign))


def featured_in(campaign):
    """The condition on articles of being linked to the campaign or tagged with its tag."""
    linked = Q(pk__in=[link.article_id for link in campaign.linked_articles.all()])
    if campaign.tag_id:
        linked |= Q(pk__in=ArticleTag.objects.filter(tag_id=campaign.tag_id).values("content_object_id"))
    return linked


def campaign_sections(campaign):
    """The sections as (block, live articles it features, ready for listing cards) in a fixed number of queries."""
    chosen = [_chosen_articles(block) for block in campaign.sections]
    ids = {article.pk for articles in chosen for article in articles}
    featured = ArticlePage.objects.for_listing().filter(pk__in=ids).with_places()
    listed = {article.pk: article for article in featured}
    return [
        (block, [listed[article.pk] for article in articles if article.pk in listed])
        for block, articles in zip(campaign.sections, chosen, strict=True)
    ]


def _chosen_articles(block):
    if block.block_type != "featured_articles":
        return []
    # A chosen article deleted since is None.
    return [article for article in block.value["articles"] if article is not None]
