from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from .base import NewsroomPage


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
        from newsroom.listings import column_articles, paginate_articles

        context = super().get_context(request, *args, **kwargs)
        tag_slug = request.GET.get("tag", "").strip()
        articles = column_articles(self, tag_slug=tag_slug)
        page = paginate_articles(articles, request, self.per_page)
        context.update(articles=page, current_tag=tag_slug)
        return context

    @path("")
    def listing(self, request):
        return self.render(request)

    @path("rss/")
    def feed(self, request):
        from newsroom.feeds import ColumnFeed

        return ColumnFeed(self)(request)
