"""The article listings of home, column and tag pages, each in a fixed number of queries however long.

A listing shows an article's title, standfirst, image and byline, never its body: the body is left unread
(deferred), so what a listing costs does not grow with the length of any article.
"""

from django.core.paginator import Paginator
from django.db.models import Count

from wagtail.models import Page

from newsroom.models import ArticlePage, ColumnPage, OutletHomePage, Tag
from newsroom.vietnamese import sort_key


def latest_articles(home, limit):
    return with_places(ArticlePage.objects.descendant_of(home).for_listing()[:limit])


def column_articles(column, tag_slug=""):
    articles = ArticlePage.objects.child_of(column).for_listing()
    if tag_slug:
        articles = articles.filter(tagged_items__tag__slug=tag_slug)
    return articles


def tagged_articles(tag):
    return ArticlePage.objects.for_listing().filter(tagged_items__tag=tag)


def popular_tags(limit=100):
    """The most used tags on live articles, in Vietnamese alphabetical order."""
    tags = (
        Tag.objects.filter(tagged_articles__content_object__live=True)
        .annotate(article_count=Count("tagged_articles"))
        .order_by("-article_count")[:limit]
    )
    return sorted(tags, key=lambda tag: sort_key(tag.name))


def with_places(articles):
    """Attach each article's column and outlet home (`.column`, `.outlet_home`) with two queries in all."""
    articles = list(articles)
    parent_paths = {article.path[: -Page.steplen] for article in articles}
    home_paths = {article.path[: 2 * Page.steplen] for article in articles}
    columns = {column.path: column for column in ColumnPage.objects.filter(path__in=parent_paths)}
    homes = {home.path: home for home in OutletHomePage.objects.filter(path__in=home_paths)}
    for article in articles:
        article.column = columns.get(article.path[: -Page.steplen])
        article.outlet_home = homes.get(article.path[: 2 * Page.steplen])
    return articles


def paginate_articles(articles, request, per_page):
    """One page of a listing (ArticlePage.objects.for_listing()), its articles carrying their places; a bad
    ?page= falls back to a valid page."""
    page = Paginator(articles, per_page).get_page(request.GET.get("page"))
    page.object_list = with_places(page.object_list)
    return page
