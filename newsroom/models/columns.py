from urllib.parse import urlencode

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField

from newsroom.feeds import ArticleFeed, FeedRoutesMixin, feed_path

from .articles import ArticlePage
from .base import NewsroomPage
from .languages import LANGUAGE_PARAMETER, Language, chosen_language
from .sections import COLUMN_SECTIONS_HOOK, sections_for


class ColumnPage(FeedRoutesMixin, NewsroomPage):
    """A column (chuyên mục): the articles under it, newest first, filterable by tag and language, and its RSS
    feed."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    per_page = models.PositiveSmallIntegerField(_("articles per page"), default=12)

    content_panels = NewsroomPage.content_panels + [FieldPanel("intro")]
    promote_panels = NewsroomPage.promote_panels + [FieldPanel("per_page")]

    template = "pages/column_page.html"
    parent_page_types = ["newsroom.OutletHomePage"]
    subpage_types = ["newsroom.ArticlePage"]

    class Meta:
        verbose_name = _("column")
        verbose_name_plural = _("columns")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        tag_slug = request.GET.get("tag", "").strip()
        articles = ArticlePage.objects.in_column(self).for_listing()
        # The languages the column's articles are in (the station's are in Vietnamese, Ê Đê and M'nông).
        languages = Language.objects.used_by(articles).in_vietnamese_order()
        language = chosen_language(request, languages)
        tag_filter = {"tag": tag_slug} if tag_slug else {}
        language_filter = {LANGUAGE_PARAMETER: language.code} if language else {}
        if tag_slug:
            articles = articles.tagged(tag_slug)
        if language:
            articles = articles.in_language(language)
        page = articles.listing_page(request.GET.get("page"), self.per_page)
        # The sections belong to the column's front: a reader paging or filtering the articles wants articles.
        on_front = page.number == 1 and not tag_filter and not language_filter
        context.update(
            articles=page,
            current_tag=tag_slug,
            languages=languages,
            current_language=language,
            # What the language filter's links keep, and what the pages of the listing keep.
            tag_query=urlencode(tag_filter),
            listing_query=urlencode(tag_filter | language_filter),
            sections=sections_for(COLUMN_SECTIONS_HOOK, self, request) if on_front else [],
        )
        return context

    @path("")
    def listing(self, request):
        return self.render(request)

    @feed_path()
    def feed(self, request):
        description = f"Bài mới trong chuyên mục {self.title}"
        return ArticleFeed(self, ArticlePage.objects.in_column(self), description)(request)
