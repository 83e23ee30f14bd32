"""An import on PostgreSQL indexes each batch in a thread of its own while it writes the next one.

The thread has its own connection, which sees only committed rows: these tests commit for real
(transaction=True). Elsewhere, and inside an outer transaction, batches are indexed in turn (the other
import tests).
"""

import threading

import pytest

from django.core.management import CommandError

from newsroom.importer import indexing
from newsroom.models import ArticlePage

from .test_import_archive import article, found_by_admin_search, import_file, in_archive_index, write_archive

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def archive_of(tmp_path, count):
    lines = [
        article(external_id=f"n{number}", title=f"Hợp tác xã mắc ca số {number}") for number in range(count)
    ]
    return write_archive(tmp_path, *lines), {f"n{number}" for number in range(count)}


@pytest.mark.usefixtures("wagtail_search_index")
def test_every_batch_is_indexed_by_the_indexing_thread(tmp_path, monkeypatch):
    indexed_by = []
    index_for_search = indexing.index_for_search

    def recording(pages):
        indexed_by.append((threading.current_thread().name, len(pages)))
        index_for_search(pages)

    monkeypatch.setattr(indexing, "index_for_search", recording)
    path, wanted = archive_of(tmp_path, 7)

    import_file(path, "--batch-size", "3")

    assert [count for _thread, count in indexed_by] == [3, 3, 1]
    assert all(thread.startswith("import-indexer") for thread, _count in indexed_by)
    assert found_by_admin_search("mắc ca") == wanted
    assert in_archive_index(wanted) == wanted


def test_a_failed_indexing_stops_the_import_with_what_to_run(tmp_path, monkeypatch):
    def failing(pages):
        raise RuntimeError("the search tables are locked")

    monkeypatch.setattr(indexing, "index_for_search", failing)
    path, wanted = archive_of(tmp_path, 4)

    with pytest.raises(CommandError) as refusal:
        import_file(path, "--batch-size", "2")

    message = str(refusal.value)
    assert "the search tables are locked" in message
    assert f"index_archive {path}" in message
    # What was written stays written: the first batch, and the one written while the first was being indexed.
    assert set(ArticlePage.objects.values_list("external_id", flat=True)) == wanted
