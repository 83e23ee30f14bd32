"""What is searchable: a registry of document sources keyed by model.

A source says which objects of its model are searchable (live, public, originals rather than aliases) and
turns one into a `Document`. Exemplars, movements, contests and campaigns register their own sources; what
must never be found (drafts, private pages, nominations, contest entries) simply has no source.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.html import strip_tags

from newsroom.listings import with_places
from newsroom.models import ArticlePage
from newsroom.vietnamese import normalize

from .engines.base import Document


@dataclass(frozen=True)
class Source:
    model: type
    # The searchable objects, with what `build` reads prefetched.
    searchable: Callable
    # Documents for a list of searchable objects (a list, so a source can fetch what they share at once).
    build: Callable


SOURCES = {}


def register(model, searchable, build):
    SOURCES[model] = Source(model=model, searchable=searchable, build=build)


def source_for(model):
    return SOURCES.get(model)


def document_key(model, pk):
    return f"{model._meta.label_lower}:{pk}"


def searchable_articles():
    return (
        ArticlePage.objects.live()
        .public()
        .filter(alias_of__isnull=True)
        .prefetch_related("tagged_items__tag", "authors")
        .order_by("pk")
    )


def article_documents(articles):
    content_type = ContentType.objects.get_for_model(ArticlePage)
    return [_article_document(article, content_type) for article in with_places(articles)]


def _article_document(article, content_type):
    column = article.column.title if article.column else ""
    body = article.body.stream_block.get_searchable_content(article.body)
    tags = [item.tag.name for item in article.tagged_items.all()]
    authors = [author.name for author in article.authors.all()]
    return Document(
        key=document_key(ArticlePage, article.pk),
        content_type_id=content_type.pk,
        object_id=article.pk,
        url=article.get_full_url() or article.url_path,
        title=normalize(article.title),
        text=normalize("\n".join([article.standfirst, *(strip_tags(text) for text in body)]).strip()),
        extra_text=normalize("\n".join([", ".join(tags), column, ", ".join(authors)])),
        outlet=article.outlet_home.outlet if article.outlet_home else "",
        kind=article.kind,
        column=column,
        published_at=article.publication_date,
        external_id=article.external_id,
    )


register(ArticlePage, searchable_articles, article_documents)
