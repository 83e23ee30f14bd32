from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField

from newsroom.blocks import ArticleBodyBlock

from .base import NewsroomPage


class PlainPage(NewsroomPage):
    """About us, contacts, terms: a page with a body and nothing else."""

    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = NewsroomPage.content_panels + [FieldPanel("body")]
    template = "pages/plain_page.html"
    parent_page_types = ["newsroom.OutletHomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("plain page")


class TagIndexPage(RoutablePageMixin, NewsroomPage):
    """/tags/ and /tags/<slug>/: articles with a tag across all three outlets."""

    max_count_per_parent = 1
    template = "pages/tag_index_page.html"
    parent_page_types = ["newsroom.OutletHomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("tag index")

    @path("")
    def tag_cloud(self, request):
        from newsroom.listings import popular_tags

        return self.render(request, context_overrides={"tags": popular_tags()})

    @path("<str:tag_slug>/")
    def tagged_articles(self, request, tag_slug):
        from newsroom.listings import paginate_articles, tagged_articles
        from newsroom.models import Tag

        tag = get_object_or_404(Tag, slug=tag_slug)
        page = paginate_articles(tagged_articles(tag), request, 20)
        return self.render(
            request,
            context_overrides={"tag": tag, "articles": page},
            template="pages/tag_articles_page.html",
        )
