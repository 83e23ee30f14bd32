"""Wagtail's own index written in bulk (search.wagtail_backend) holds what the stock backend writes."""

import pytest

from django.db import connection
from django.test import override_settings

from modelsearch.backends.database.postgres.postgres import IndexEntry, PostgresSearchBackend
from wagtail.search.backends import get_search_backend

from newsroom.models import ArticlePage, Author
from search.wagtail_backend import BulkPostgresSearchBackend

ENTRY_FIELDS = ["title", "autocomplete", "body", "title_text", "body_text"]
BODY = [
    ("paragraph", "<p>Chị H’Linh Mlô vận động <b>46 hộ</b> đồng bào Ê Đê làm cà phê đặc sản.</p>"),
    ("quote", {"text": "Muốn dân tin thì mình phải ở cùng dân", "attribution": "Thiếu tá Đỗ Văn Dũng"}),
]


@pytest.fixture
def articles(outlets, make_column, make_article):
    column = make_column(outlets["newspaper"], "Điển hình tiên tiến")
    author = Author.objects.create(name="Phan Thị Hòa")
    first = make_article(column, "Cà phê đặc sản ở buôn Kom Leh", standfirst="Từ 3 ha cà phê", body=BODY)
    first.authors.add(author)
    first.tags.add("cà phê", "phụ nữ")
    first.save()
    second = make_article(column, "Một bài không có thân bài")
    return list(ArticlePage.objects.filter(pk__in=[first.pk, second.pk]).prefetch_related("authors", "tags"))


def entries_as_text(pages):
    """The index entries of the pages, every column as text (the tsvectors with their lexemes and weights)."""
    columns = ", ".join(f"{name}::text" for name in ENTRY_FIELDS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT object_id, {columns} FROM {IndexEntry._meta.db_table} WHERE object_id = ANY(%s)",
            [[str(page.pk) for page in pages]],
        )
        return {row[0]: row[1:] for row in cursor.fetchall()}


@pytest.mark.postgres
def test_the_bulk_backend_writes_the_entries_the_stock_backend_writes(articles):
    PostgresSearchBackend({}).add_bulk(ArticlePage, articles)
    stock = entries_as_text(articles)
    IndexEntry.objects.all().delete()

    BulkPostgresSearchBackend({}).add_bulk(ArticlePage, articles)

    assert entries_as_text(articles) == stock
    title, _autocomplete, body, *_texts = stock[str(articles[0].pk)]
    # What was compared holds the title, and the body with the tags and the author.
    assert "'kom'" in title
    assert all(f"'{word}'" in body for word in ("46", "đặc", "phụ", "hòa"))


@pytest.mark.postgres
@override_settings(WAGTAILSEARCH_BACKENDS={"default": {"BACKEND": "search.wagtail_backend"}})
def test_the_admin_search_finds_an_article_the_bulk_backend_indexed(articles):
    get_search_backend().add_bulk(ArticlePage, articles)

    assert list(ArticlePage.objects.search("Kom Leh")) == [articles[0]]
    assert list(ArticlePage.objects.search("Hòa")) == [articles[0]]


def test_other_databases_get_the_stock_backend(db):
    backend = get_search_backend()

    assert isinstance(backend, BulkPostgresSearchBackend) == (connection.vendor == "postgresql")
