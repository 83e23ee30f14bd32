"""The commands that walk the whole archive (search_index rebuild, update and status, index_archive) hold a batch
at a time however large the archive: counted in model instances alive, keys read by one query and SQL kept by
Django's debug log, with batches of a few articles over archives of several batches."""

import json
import re
from io import StringIO

import pytest

from django.core.management import call_command
from django.db import connection

from newsroom.importer.run import import_archive, index_archive
from newsroom.models import ArticlePage
from search import indexing
from search.indexing import get_engine, rebuild, update
from search.models import SearchDocument
from tests.walks import watched

BATCH = 4


@pytest.fixture(autouse=True)
def small_batches(monkeypatch):
    monkeypatch.setattr(indexing, "BATCH_SIZE", BATCH)
    monkeypatch.setattr(indexing, "KEY_BATCH_SIZE", BATCH)


def archive_lines(first, count):
    """Archive lines of articles alike but for their external ids: every batch of them costs the same."""
    return [
        json.dumps(
            {
                "external_id": f"walk-{number:04d}",
                "outlet": "newspaper",
                "column": "Thời sự",
                "kind": "article",
                "title": "Hợp tác xã mắc ca ở Cư Kuin",
                "summary": "Bà con đồng bào Ê Đê trồng mắc ca.",
                "body": "<p>Hợp tác xã mắc ca giúp hàng chục hộ thoát nghèo bền vững.</p>",
                "published_at": "2024-03-10T09:30:00+07:00",
                "tags": ["mắc ca", "thi đua"],
                "author": "Phóng viên",
            },
            ensure_ascii=False,
        )
        for number in range(first, first + count)
    ]


def add_articles(count):
    """`count` more published articles, not yet indexed; their lines."""
    lines = archive_lines(ArticlePage.objects.count(), count)
    errors = []
    import_archive(lines, errors.append, index=False)
    assert not errors, errors
    return lines


def rebuild_watched():
    with watched(ArticlePage, SearchDocument) as watch:
        rebuild()
    return watch


def test_a_rebuild_over_a_full_index_holds_two_batches_at_most(db):
    add_articles(6 * BATCH)
    rebuild()

    watch = rebuild_watched()

    assert get_engine().count() == 6 * BATCH
    # The batch indexed, and the next one as it is read; a document and its replacement.
    assert 0 < watch.most_alive[ArticlePage] <= 2 * BATCH
    assert 0 < watch.most_alive[SearchDocument] <= 2 * BATCH


def test_the_sql_django_keeps_with_debug_on_does_not_grow_with_the_archive(db, settings):
    settings.DEBUG = True
    add_articles(3 * BATCH)
    rebuild()
    smaller = rebuild_watched().most_logged
    add_articles(3 * BATCH)
    rebuild()

    larger = rebuild_watched().most_logged

    assert get_engine().count() == 6 * BATCH
    assert 0 < larger <= smaller


def key_reads(statements):
    """The queries that read the embedded index's keys alone."""
    table, key = map(re.escape, map(connection.ops.quote_name, [SearchDocument._meta.db_table, "key"]))
    reading = re.compile(rf"SELECT {table}\.{key}( AS {key})? FROM {table}( |$)")
    return [sql for sql in statements if reading.match(sql)]


def test_update_and_status_read_the_index_a_batch_of_keys_at_a_time(db):
    add_articles(6 * BATCH)
    rebuild()
    gone = ArticlePage.objects.order_by("pk")[: BATCH + 1]
    ArticlePage.objects.filter(pk__in=[page.pk for page in gone]).update(live=False)

    with watched(ArticlePage, SearchDocument) as watch:
        count = update()
        status = StringIO()
        call_command("search_index", "status", stdout=status)

    assert count == get_engine().count() == 5 * BATCH - 1
    assert "newsroom.articlepage: 19 searchable in the database, 19 in the index" in status.getvalue()
    reads = key_reads(watch.statements)
    assert len(reads) > 2 and all(f"LIMIT {BATCH}" in sql for sql in reads)
    assert watch.most_alive[SearchDocument] <= 2 * BATCH


def test_index_archive_holds_a_batch_of_articles_at_a_time(db):
    lines = add_articles(6 * BATCH)

    with watched(ArticlePage) as watch:
        indexed = index_archive(lines, batch_size=BATCH)

    assert indexed == get_engine().count() == 6 * BATCH
    assert 0 < watch.most_alive[ArticlePage] <= 2 * BATCH


@pytest.mark.opensearch
def test_update_removes_what_is_no_longer_searchable_from_opensearch_a_batch_at_a_time(
    opensearch, monkeypatch, db
):
    add_articles(3 * BATCH)
    rebuild()
    gone = ArticlePage.objects.order_by("pk").first()
    ArticlePage.objects.filter(pk=gone.pk).update(live=False)
    read = []
    key_batches = opensearch.key_batches

    def recorded(*size):
        for keys in key_batches(*size):
            read.append(len(keys))
            yield keys

    monkeypatch.setattr(opensearch, "key_batches", recorded)
    update()

    assert read == [BATCH, BATCH, BATCH]
    assert opensearch.count() == get_engine().count() == 3 * BATCH - 1
    kept = opensearch.keys()
    assert kept == get_engine().keys()
    assert f"newsroom.articlepage:{gone.pk}" not in kept
