"""An import run: an archive's lines read into batches of articles, each batch written and indexed for search,
every line counted; and the search indexing, afterwards, of an archive imported without it."""

from dataclasses import dataclass

from django.db import reset_queries

from core.batching import batched
from newsroom.models import ArticlePage
from newsroom.outlets import remove_stock_welcome_site

from .fields import external_id, parse_line
from .indexing import batch_indexer, index_for_search
from .lines import InvalidLine, LineError, json_object, line_text
from .writer import ArchiveWriter

BATCH_SIZE = 500
# Articles indexed at a time by index_archive: it holds one batch, the search documents of which are analysed
# whole (a few times their text), so its memory grows with this, not with the archive.
INDEX_BATCH_SIZE = 200


@dataclass
class ImportStats:
    """Every line read is blank, or counted once: created, updated, unchanged, failed, or superseded by a later
    line of its batch with the same external_id."""

    lines: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    superseded: int = 0


def import_archive(lines, on_error, on_batch=None, batch_size=BATCH_SIZE, index=True):
    """Import every valid line; call on_error(LineError) for the others and on_batch(stats) after each batch.

    `lines` are bytes or text, one line each; read a file through lines.archive_lines(), which keeps an
    over-long line out of memory.

    With index=False the articles are not indexed for search: search indexing is about half the work of an
    import on PostgreSQL, and a large archive comes in faster when `index_archive` indexes it afterwards.
    """
    stats = ImportStats()
    remove_stock_welcome_site()
    writer = ArchiveWriter()
    with batch_indexer(enabled=index) as index_batch:
        for batch in batched(parse_lines(lines, on_error, stats), batch_size):
            index_batch(writer.write(batch, stats, on_error))
            # With DEBUG on, Django keeps the SQL of the last 9,000 queries, bulk inserts with whole bodies
            # among them: hundreds of megabytes that would grow with the file.
            reset_queries()
            if on_batch:
                on_batch(stats)
    return stats


def parse_lines(lines, on_error, stats):
    """The valid articles of an iterable of byte or text lines; the others reported as they are found."""
    for line_number, raw in enumerate(lines, start=1):
        stats.lines = line_number
        try:
            text = line_text(raw)
            article = parse_line(line_number, text) if text else None
        except InvalidLine as error:
            stats.failed += 1
            on_error(LineError(line_number, str(error)))
            continue
        if article:
            yield article


def index_archive(lines, on_batch=None, batch_size=INDEX_BATCH_SIZE):
    """Index for search the articles an archive file imported (after `import_archive(..., index=False)`).

    Reads only the external ids of the lines; lines that are not JSON objects with a valid external_id, and
    ids that match no article, are passed over: importing reported them already. Returns the number of
    articles indexed. As for import_archive, read a file through lines.archive_lines().
    """
    indexed = 0
    for external_ids in batched(archive_external_ids(lines), batch_size):
        pages = list(
            # What Wagtail's index reads (tags, authors) and what the archive search reads (tagged_items).
            ArticlePage.objects.filter(external_id__in=external_ids, alias_of__isnull=True).prefetch_related(
                "tags", "tagged_items__tag", "authors"
            )
        )
        index_for_search(pages)
        reset_queries()
        indexed += len(pages)
        if on_batch:
            on_batch(indexed)
    return indexed


def archive_external_ids(lines):
    for raw in lines:
        try:
            text = line_text(raw)
            if text:
                yield external_id(json_object(text))
        except InvalidLine:
            continue
