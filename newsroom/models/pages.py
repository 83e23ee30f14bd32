from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField

from core.vietnamese import sort_key
from newsroom.blocks import ArticleBodyBlock
from newsroom.feeds import ArticleFeed, FeedRoutesMixin, feed_path, in_outlet

from .articles import ArticlePage
from .base import NewsroomPage
from .tags import Tag

TAG_CLOUD_SIZE = 100
TAGGED_PER_PAGE = 20


class PlainPage(NewsroomPage):
    """About us, contacts, terms: a page with a body and nothing else."""

    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = NewsroomPage.content_panels + [FieldPanel("body")]
    template = "pages/plain_page.html"
    parent_page_types = ["newsroom.OutletHomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("plain page")


class TagIndexPage(FeedRoutesMixin, NewsroomPage):
    """/tags/ and /tags/<slug>/: articles with a tag across all three outlets, and their feed at
    /tags/<slug>/rss/."""

    max_count_per_parent = 1
    template = "pages/tag_index_page.html"
    parent_page_types = ["newsroom.OutletHomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("tag index")

    @path("")
    def tag_cloud(self, request):
        """The most used tags on live articles, in Vietnamese alphabetical order."""
        tags = sorted(Tag.objects.most_used(TAG_CLOUD_SIZE), key=lambda tag: sort_key(tag.name))
        return self.render(request, context_overrides={"tags": tags})

    @path("<str:tag_slug>/")
    def tagged_articles(self, request, tag_slug):
        tag = get_object_or_404(Tag, slug=tag_slug)
        articles = ArticlePage.objects.for_listing().tagged(tag_slug)
        page = articles.listing_page(request.GET.get("page"), TAGGED_PER_PAGE)
        return self.render(
            request,
            context_overrides={"tag": tag, "articles": page},
            template="pages/tag_articles_page.html",
        )

    @feed_path("<str:tag_slug>/rss/")
    def tag_feed(self, request, tag_slug):
        """The tagged stories of every outlet, each once (an alias repeats its original)."""
        tag = get_object_or_404(Tag, slug=tag_slug)
        articles = ArticlePage.objects.tagged(tag_slug).each_story_once()
        title = in_outlet(f"Thẻ: {tag.name}", request)
        link = self.get_full_url(request) + self.reverse_subpage("tagged_articles", args=(tag_slug,))
        description = f"Bài viết của cả ba cơ quan báo chí mang thẻ {tag.name}"
        return ArticleFeed(self, articles, description, title=title, link=link)(request)
