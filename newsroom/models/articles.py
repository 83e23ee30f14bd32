import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import ItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from core.dates import LOCAL_TIME_ZONE
from core.view_restrictions import PublicPageQuerySet
from newsroom.blocks import ArticleBodyBlock
from newsroom.pictures import listing_images

from .api_fields import (
    CARD_PICTURE,
    LanguageCodeField,
    NamesField,
    TagNamesField,
    api_pictures,
    picture,
)
from .base import UNLISTED_PAGE_FIELDS, NewsroomPage
from .images import picture_field
from .languages import in_language, language_field
from .sections import ARTICLE_SECTIONS_HOOK, sections_for
from .tags import Tag

# The dates an article may carry. Nothing the province publishes is older than 1900, and a date more than a year
# ahead is a typo rather than a schedule (the year 3000 would lead every listing until then). The range also
# keeps dates clear of the ends of Python's datetime, where showing them on the province's clock overflows.
EARLIEST_PUBLICATION_DATE = datetime.datetime(1900, 1, 1, tzinfo=LOCAL_TIME_ZONE)
PUBLICATION_DATE_HORIZON = datetime.timedelta(days=365)


def publication_date_in_range(value):
    return EARLIEST_PUBLICATION_DATE <= value <= timezone.now() + PUBLICATION_DATE_HORIZON


def validate_publication_date(value):
    """The admin refuses the publication dates the archive import refuses (see publication_date_in_range)."""
    if timezone.is_naive(value):
        value = timezone.make_aware(value, LOCAL_TIME_ZONE)
    if not publication_date_in_range(value):
        raise ValidationError(
            _("The publication date must fall between 1 January 1900 and one year from today."),
            code="publication_date_out_of_range",
        )


class ArticleTag(ItemBase):
    tag = models.ForeignKey(Tag, related_name="tagged_articles", on_delete=models.CASCADE)
    content_object = ParentalKey(
        "newsroom.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ArticleQuerySet(PublicPageQuerySet):
    def in_outlet(self, outlet_home):
        return self.descendant_of(outlet_home)

    def in_column(self, column):
        return self.child_of(column)

    def tagged(self, tag_slug):
        return self.filter(tagged_items__tag__slug=tag_slug)

    def in_language(self, language):
        """The articles in `language`; an article with no language set is in Vietnamese."""
        return self.filter(in_language(language))

    def for_listing(self):
        """Live, public articles with what a listing shows, in a fixed number of queries; never their bodies,
        which a listing does not show and whose size no listing should pay for."""
        return self.listing_rows().prefetch_related(*listing_prefetches())

    def listing_rows(self):
        """The rows of for_listing without what it prefetches, for a listing that shows only some of the rows
        it reads and completes those it shows (the front page: newsroom.models.front_page)."""
        return (
            self.live()
            .public()
            .defer_streamfields()
            .defer(*UNLISTED_PAGE_FIELDS, "external_id")
            .order_by("-publication_date", "-pk")
        )

    def for_feed(self):
        """Live, public articles, newest first: an item is a title and a standfirst, the body is never read."""
        return self.live().public().defer_streamfields().order_by("-publication_date", "-pk")

    def each_story_once(self):
        """Without the aliases whose original is among these articles, live and public: a story republished in
        another outlet is listed once, where it was first published."""
        return self.exclude(alias_of__in=self.live().public())

    def with_places(self):
        """The articles as a list, each with its column and outlet home (see attach_places)."""
        articles = list(self)
        attach_places(articles)
        return articles

    def listing_page(self, number, per_page):
        """Page `number` of the articles (a bad number falls back to a valid page), each with its places."""
        page = Paginator(self, per_page).get_page(number)
        page.object_list = page.object_list.with_places()
        return page


class ArticlePage(NewsroomPage):
    """A feature in any outlet: an article, a photo story, a video or a radio item."""

    class Kind(models.TextChoices):
        ARTICLE = "article", _("Article")
        PHOTO = "photo", _("Photo story")
        VIDEO = "video", _("Video")
        AUDIO = "audio", _("Audio")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.ARTICLE)
    language = language_field(
        _("language"),
        help_text=_("Leave empty for Vietnamese; set it for items in Ê Đê, M'nông or another language."),
    )
    standfirst = models.TextField(_("standfirst"), blank=True, max_length=1000)
    lead_image = picture_field(_("lead image"))
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    authors = ParentalManyToManyField(
        "newsroom.Author", verbose_name=_("authors"), blank=True, related_name="articles"
    )
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("tags"))
    publication_date = models.DateTimeField(
        _("publication date"),
        default=timezone.now,
        db_index=True,
        validators=[validate_publication_date],
        help_text=_("The date readers see; it may differ from when the page was first published."),
    )
    external_id = models.CharField(
        _("archive id"),
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("The id of the article in the archive it was imported from."),
    )

    objects = PageManager.from_queryset(ArticleQuerySet)()

    content_panels = NewsroomPage.content_panels + [
        FieldPanel("kind"),
        FieldPanel("language"),
        FieldPanel("standfirst"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("authors"), FieldPanel("tags"), FieldPanel("publication_date")], _("Byline")
        ),
    ]

    search_fields = NewsroomPage.search_fields + [
        index.SearchField("standfirst"),
        index.SearchField("body_text"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("authors", [index.SearchField("name")]),
        index.FilterField("kind"),
        index.FilterField("language"),
        index.FilterField("publication_date"),
    ]

    # What the content API shows (newsroom.api); the related rows these read, for a page of results at once.
    api_fields = [
        APIField("kind"),
        APIField("language", serializer=LanguageCodeField()),
        APIField("standfirst"),
        APIField("publication_date"),
        APIField("authors", serializer=NamesField()),
        APIField("tags", serializer=TagNamesField()),
        APIField("lead_image", serializer=picture()),
        APIField("thumbnail", serializer=picture(CARD_PICTURE, source="lead_image")),
        APIField("body"),
    ]

    @classmethod
    def api_prefetch(cls):
        return [models.Prefetch("lead_image", queryset=api_pictures()), "language", "authors", "tags"]

    template = "pages/article_page.html"
    parent_page_types = ["newsroom.ColumnPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def save(self, *args, **kwargs):
        # An alias copies every field of its original, but the archive id belongs to the original alone.
        if self.alias_of_id:
            self.external_id = None
        self.__dict__.pop("body_text", None)
        return super().save(*args, **kwargs)

    @cached_property
    def body_text(self):
        """The body's searchable text, worked out once a page: Wagtail's PostgreSQL index reads every search
        field five times over, and the archive search reads the body too. Saving forgets it."""
        return self.body.stream_block.get_searchable_content(self.body)

    @property
    def shows_lead_picture(self):
        """A photo story opens on its gallery and a video story on its video, whose first photo or poster the
        lead picture usually repeats: the lead picture is for its cards then."""
        if not self.lead_image_id:
            return False
        opening_block = STORY_OPENINGS.get(self.kind)
        return not opening_block or not any(block.block_type == opening_block for block in self.body)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = sections_for(ARTICLE_SECTIONS_HOOK, self, request)
        # The byline and the structured data both name the authors: one query for the two.
        models.prefetch_related_objects([self], "authors")
        return context


# The block a story of a kind opens on, in place of its lead picture.
STORY_OPENINGS = {ArticlePage.Kind.PHOTO: "gallery", ArticlePage.Kind.VIDEO: "media"}


def listing_prefetches():
    """What a listing shows of an article besides its row: its picture as a card (no listing shows the
    authors)."""
    return [models.Prefetch("lead_image", queryset=listing_images("card"))]


def attach_places(articles):
    """Attach each article's column and outlet home page (`.column`, `.outlet_home`), in two queries in all, without
    the fields no listing shows."""
    attach_columns(articles)
    homes = (
        _home_type()
        .objects.defer(*UNLISTED_PAGE_FIELDS)
        .in_bulk({_home_path(article) for article in articles}, field_name="path")
    )
    for article in articles:
        article.outlet_home = homes.get(_home_path(article))


def attach_columns(articles):
    """Attach each article's column (`.column`), in one query: what the listings of one outlet need, whose cards
    name the column and not the outlet."""
    columns = (
        _column_type()
        .objects.defer(*UNLISTED_PAGE_FIELDS)
        .in_bulk({_column_path(article) for article in articles}, field_name="path")
    )
    for article in articles:
        article.column = columns.get(_column_path(article))


# The page types above an article are the ones the tree declares (`parent_page_types`), as the app registry
# resolves them: those pages list articles, so this module does not import them.
def _column_type():
    (column_type,) = ArticlePage.allowed_parent_page_models()
    return column_type


def _home_type():
    (home_type,) = _column_type().allowed_parent_page_models()
    return home_type


def _column_path(article):
    return article.path[: -Page.steplen]


def _home_path(article):
    return article.path[: 2 * Page.steplen]
