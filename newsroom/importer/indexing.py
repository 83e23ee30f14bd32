"""Search indexing of imported batches: beside the import on PostgreSQL, after each batch elsewhere.

Indexing a batch (Wagtail's index and the archive search) costs about as much as writing it, and half of each
is waiting for the database. On PostgreSQL a second thread, with its own connection, indexes batch n while the
import writes batch n+1: the waits of one overlap the work of the other. One batch at most waits to be
indexed, so memory stays bounded. SQLite takes one writer at a time, and an import inside an outer transaction
(a test, a caller's atomic block) has pages another connection cannot see: there batches are indexed in turn.
"""

from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from django.db import connection, connections, reset_queries

from wagtail.search.backends import get_search_backends_with_name

from newsroom.models import ArticlePage
from newsroom.signals import pages_bulk_published


class IndexingFailed(Exception):
    """Indexing a batch failed after its articles were saved: they exist but search does not find them."""


def index_for_search(pages):
    """Index the batch in every search backend that follows saves, as saving each page would have, and tell
    the archive search of the live ones: a scheduled article is found once `publish_scheduled` publishes it."""
    if not pages:
        return
    for _name, backend in get_search_backends_with_name(with_auto_update=True):
        backend.add_bulk(ArticlePage, pages)
    if live := [page for page in pages if page.live]:
        pages_bulk_published.send(sender=ArticlePage, pages=live)


@contextmanager
def batch_indexer(enabled=True):
    """A function that indexes a committed batch of pages; leaving the block waits for the last batch."""
    if not enabled:
        yield lambda pages: None
    elif connection.vendor == "postgresql" and not connection.in_atomic_block:
        with BackgroundIndexer() as indexer:
            yield indexer.index
    else:
        yield index_for_search


def index_and_forget_queries(pages):
    index_for_search(pages)
    # With DEBUG on, this thread's connection keeps the SQL it ran, whole bulk inserts among it.
    reset_queries()


class BackgroundIndexer:
    def __enter__(self):
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-indexer")
        self.pending = None
        return self

    def index(self, pages):
        self.wait()
        self.pending = self.executor.submit(index_and_forget_queries, pages)

    def wait(self):
        if self.pending is None:
            return
        try:
            self.pending.result()
        except Exception as error:
            raise IndexingFailed(str(error)) from error
        finally:
            self.pending = None

    def __exit__(self, *exc_info):
        try:
            self.wait()
        finally:
            # The thread's connection is its own: closed by the thread, before the thread ends.
            self.executor.submit(connections.close_all).result()
            self.executor.shutdown()
