from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from newsroom.feeds import ColumnFeed

from .articles import ArticlePage
from .base import NewsroomPage

# Other apps put sections on a column's front page through this hook, so the newsroom needs to know none of
# them: each function takes (column, request) and returns a ColumnSection, or None when it has nothing to show.
COLUMN_SECTIONS_HOOK = "newsroom_column_sections"


@dataclass
class ColumnSection:
    """A block shown above a column's articles: `template` is rendered with `section` set to `context`."""

    template: str
    context: dict = field(default_factory=dict)


class ColumnPage(RoutablePageMixin, NewsroomPage):
    """A column (chuyên mục): the articles under it, newest first, filterable by tag, and its RSS feed."""

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
        if tag_slug:
            articles = articles.tagged(tag_slug)
        page = articles.listing_page(request.GET.get("page"), self.per_page)
        # The sections belong to the column's front: a reader paging or filtering the articles wants articles.
        on_front = page.number == 1 and not tag_slug
        context.update(
            articles=page, current_tag=tag_slug, sections=self.sections(request) if on_front else []
        )
        return context

    def sections(self, request):
        """What other apps show on this column's front page (see COLUMN_SECTIONS_HOOK), in hook order."""
        found = (section_for(self, request) for section_for in hooks.get_hooks(COLUMN_SECTIONS_HOOK))
        return [section for section in found if section is not None]

    @path("")
    def listing(self, request):
        return self.render(request)

    @path("rss/")
    def feed(self, request):
        return ColumnFeed(self, ArticlePage.objects.in_column(self).for_feed())(request)
