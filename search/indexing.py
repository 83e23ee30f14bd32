"""Keeping the indexes in step with the site: index, remove, rebuild, and the queue that feeds OpenSearch.

The embedded engine is written at once, in the transaction of the change (publish, unpublish, move...).
OpenSearch, when configured, is written through a durable queue (search.models.PendingIndexChange): the key
of each changed object is queued in that same transaction, and the queue is applied after the commit by a
thread of its own, on every tick of the scheduler and by `search_index update`. So a slow or stopped
OpenSearch never slows or fails publishing, and a change waits in the database until OpenSearch is back.

What time alone makes searchable (an episode saved before its broadcast time) is indexed by the scheduler when
its time comes: each tick indexes what a source released since the previous one (`index_released`).
"""

import datetime
import logging
import threading
from collections import Counter
from dataclasses import dataclass

from opensearchpy.exceptions import TransportError

from django.apps import apps
from django.db import connections, reset_queries, transaction
from django.db.models import F
from django.utils import timezone

from wagtail.models import Page

from core.batching import batched
from core.page_cache import content_changed

from .documents import DEPENDENTS, SOURCES, dependents_of, document_key, source_for
from .engines.opensearch.writes import new_version
from .models import PendingIndexChange, ReleaseWatermark
from .service import breaker_for, get_engine, get_remote_engine

logger = logging.getLogger(__name__)

# Objects indexed at a time: a whole-index walk holds one batch's documents, analysed (a few times their text),
# and the database's and OpenSearch's writes of them.
BATCH_SIZE = 200
# Keys are short: whole-index counts read many at a time.
KEY_BATCH_SIZE = 5000
MAX_ERROR_LENGTH = 2000
# How far back each run of index_released looks again before the previous one: an object saved with a time
# just ahead, in a transaction that committed after a run had passed that time, is still found.
RELEASE_OVERLAP = datetime.timedelta(minutes=5)

UPSERT = PendingIndexChange.Action.UPSERT
REMOVE = PendingIndexChange.Action.REMOVE


def index_objects(objects):
    """Index the searchable ones among `objects` (of any models) and remove the others from the index."""
    for model, pks in _by_model(objects).items():
        source = source_for(model)
        searchable = list(source.searchable().filter(pk__in=pks))
        hidden = [document_key(model, pk) for pk in pks - {obj.pk for obj in searchable}]
        queue_changes(
            {document_key(model, obj.pk): UPSERT for obj in searchable} | dict.fromkeys(hidden, REMOVE)
        )
        safely(_index_embedded, source, searchable, hidden)


def index_with_dependents(objects):
    """Index `objects` and the objects whose documents show them (search.documents.DEPENDENTS)."""
    index_objects([*objects, *(dependent for obj in objects for dependent in dependents_of(obj))])


def index_dependents(obj):
    index_objects(dependents_of(obj))


def remove_objects(objects):
    keys = [document_key(_model_of(obj), obj.pk) for obj in objects if source_for(_model_of(obj))]
    queue_changes(dict.fromkeys(keys, REMOVE))
    safely(get_engine().remove, keys)


def reindex_subtree(page, inclusive=True):
    """Index again every searchable page at or under `page` (after a move, a slug or privacy change), and what
    the pages there show (a programme's episodes, whose addresses are its page's)."""
    for model in SOURCES:
        if issubclass(model, Page):
            descendants = model.objects.descendant_of(page, inclusive=inclusive)
            pks = descendants.values_list("pk", flat=True).iterator(chunk_size=BATCH_SIZE)
            for batch in batched(pks, BATCH_SIZE):
                index_objects([model(pk=pk) for pk in batch])
    for batch in batched(_dependents_under(page, inclusive), BATCH_SIZE):
        index_objects(batch)


def _dependents_under(page, inclusive):
    """The objects whose documents show a page at or under `page`."""
    for model in DEPENDENTS:
        if issubclass(model, Page):
            for shown in model.objects.descendant_of(page, inclusive=inclusive).iterator():
                yield from dependents_of(shown)


def index_released():
    """Index what became searchable by time alone since the previous run (a scheduler tick): the objects the
    sources released from a little before the watermark until now. The number of objects looked at."""
    now = timezone.now()
    with transaction.atomic():
        watermark, _created = ReleaseWatermark.objects.select_for_update().get_or_create(
            pk=1, defaults={"until": now}
        )
        since = watermark.until - RELEASE_OVERLAP
        released = [
            obj for source in SOURCES.values() if source.released for obj in source.released(since, now)
        ]
        index_with_dependents(released)
        if released:
            # What time made searchable also appeared on pages (an episode on its programme's, in the podcasts)
            # without being saved: the page cache is purged too, on each tick whose span holds it.
            content_changed()
        watermark.until = now
        watermark.save(update_fields=["until"])
    return len(released)


def safely(function, *args):
    """Run an indexing function for a signal: a search failure is logged and never blocks publishing."""
    try:
        with transaction.atomic():
            function(*args)
    except Exception:
        logger.exception("Search index update failed: %s%r", function.__name__, args)


def _index_embedded(source, searchable, hidden_keys):
    engine = get_engine()
    engine.index(source.build(searchable))
    engine.remove(hidden_keys)


# The queue for OpenSearch.


def queue_changes(changes):
    """Queue {document key: action} for OpenSearch in the current transaction; apply them after its commit."""
    if not changes or get_remote_engine() is None:
        return
    now = timezone.now()
    PendingIndexChange.objects.bulk_create(
        [
            PendingIndexChange(key=key, action=action, created_at=now, changed_at=now)
            for key, action in changes.items()
        ],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["action", "changed_at"],
        batch_size=BATCH_SIZE,
    )
    transaction.on_commit(background_drainer.kick)


@dataclass(frozen=True)
class DrainResult:
    applied: int
    waiting: int
    error: str = ""


def drain_queue():
    """Apply the queued changes to OpenSearch, oldest first, until none is left or OpenSearch fails."""
    engine = get_remote_engine()
    if engine is None:
        return DrainResult(applied=0, waiting=0)
    breaker = breaker_for(engine)
    # Changes queued from now on are left to the next drain (their commit starts one), so this one ends.
    due = PendingIndexChange.objects.filter(changed_at__lte=timezone.now())
    applied, error = 0, ""
    while breaker.allows():
        oldest = due.order_by("attempts", "changed_at", "pk")
        rows = list(oldest.values_list("pk", "key", "changed_at")[:BATCH_SIZE])
        if not rows:
            break
        try:
            apply_changes(engine, [key for _pk, key, _changed_at in rows])
        except Exception as failure:
            error = _failed(rows, failure, breaker)
            break
        breaker.succeeded()
        applied += _forget_applied(rows)
        # The queue may hold the whole archive (after an import): with DEBUG on, its SQL is not kept.
        reset_queries()
    return DrainResult(applied=applied, waiting=PendingIndexChange.objects.count(), error=error)


def apply_changes(engine, keys):
    """Send the objects behind the keys as they are now: indexed when searchable, else removed."""
    # Taken before reading the database: a copy read later, after a newer change, gets a higher version.
    version = new_version()
    documents, gone = _current_documents(keys)
    if documents:
        engine.index(documents, version=version)
    if gone:
        engine.remove(gone, version=version)


def _current_documents(keys):
    by_model, gone = _keys_by_model(keys)
    documents = []
    for model, pks in by_model.items():
        source = source_for(model)
        searchable = list(source.searchable().filter(pk__in=pks))
        documents += source.build(searchable)
        gone += [document_key(model, pk) for pk in pks - {obj.pk for obj in searchable}]
    return documents, gone


def _not_searchable(keys):
    """The keys among `keys` whose object is not searchable now (or whose model has no source any more)."""
    by_model, gone = _keys_by_model(keys)
    for model, pks in by_model.items():
        searchable = source_for(model).searchable().filter(pk__in=pks).prefetch_related(None).order_by()
        gone += [document_key(model, pk) for pk in pks - set(searchable.values_list("pk", flat=True))]
    return gone


def _keys_by_model(keys):
    """({model: its primary keys among `keys`}, [the keys no source has now])."""
    by_model, gone = {}, []
    for key in keys:
        model, pk = _parse_key(key)
        if model is None:
            gone.append(key)
        else:
            by_model.setdefault(model, set()).add(pk)
    return by_model, gone


def _parse_key(key):
    """The searchable model and primary key behind a document key; (None, None) when no source has it now."""
    label, _, pk = key.rpartition(":")
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None, None
    if not source_for(model):
        return None, None
    return model, model._meta.pk.to_python(pk)


def _failed(rows, failure, breaker):
    if isinstance(failure, TransportError):
        breaker.failed()
        logger.warning(
            "OpenSearch is unavailable; %s index changes wait in the queue: %s", len(rows), failure
        )
    else:
        logger.exception("Applying index changes failed")
    error = f"{type(failure).__name__}: {failure}"[:MAX_ERROR_LENGTH]
    PendingIndexChange.objects.filter(pk__in=[pk for pk, _key, _changed_at in rows]).update(
        attempts=F("attempts") + 1, last_error=error
    )
    return error


@transaction.atomic
def _forget_applied(rows):
    """Delete the applied rows, but not one changed again meanwhile: that change is still to be sent."""
    read = {pk: changed_at for pk, _key, changed_at in rows}
    current = PendingIndexChange.objects.select_for_update().filter(pk__in=read)
    unchanged = [pk for pk, changed_at in current.values_list("pk", "changed_at") if read[pk] == changed_at]
    PendingIndexChange.objects.filter(pk__in=unchanged).delete()
    return len(unchanged)


class BackgroundDrainer:
    """Applies the queue in a thread of its own, so the request that queued a change never waits for it.

    One thread per process at most: a kick while it runs makes it go round once more.
    """

    def __init__(self, drain):
        self._drain = drain
        self._lock = threading.Lock()
        self._thread = None
        self._again = False

    def kick(self):
        with self._lock:
            if self._thread is not None:
                self._again = True
                return
            self._thread = threading.Thread(target=self._run, name="search-index-queue", daemon=True)
            self._thread.start()

    def join(self, timeout=None):
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _run(self):
        try:
            while True:
                try:
                    self._drain()
                except Exception:
                    logger.exception("Applying the search index queue failed; the scheduler will retry")
                with self._lock:
                    if not self._again:
                        self._thread = None
                        return
                    self._again = False
        finally:
            # This thread's own database connection, which nothing else would close.
            connections.close_all()


background_drainer = BackgroundDrainer(drain_queue)


# Whole-index operations, for the search_index command.


def searchable_count():
    return sum(source.searchable().count() for source in SOURCES.values())


def rebuild(progress=None):
    """Index everything again from scratch; OpenSearch gets a new generation, searched only once complete."""
    started = timezone.now()
    get_engine().clear()
    count = _update_embedded()
    remote = get_remote_engine()
    if remote is not None:
        remote.drop_unpublished_generations()
        remote.publish(build_generation(remote, progress, documents=count))
        _forget_queued_before(started)
    return count


def build_generation(engine, progress=None, documents=0):
    """A new OpenSearch generation holding every searchable document (about `documents`), not yet searched."""
    version = new_version()
    generation = engine.new_generation(documents)
    engine.load(_document_batches(), version, progress, generation=generation)
    engine.compact(generation)
    return generation


class OutdatedMapping(Exception):
    """OpenSearch's searched index has the mapping of an older version: only a rebuild can change it."""


def update(progress=None):
    """Index every searchable object, remove every stale document, apply the queue; the number indexed."""
    started = timezone.now()
    count = _update_embedded()
    remote = get_remote_engine()
    if remote is not None:
        if not remote.mapping_is_current():
            # Updating it would fail on a new field, or leave a new filter finding nothing: say so instead.
            raise OutdatedMapping(
                f"The embedded index is up to date ({count} documents), but OpenSearch's index has the mapping "
                "of an older version: run 'search_index rebuild'."
            )
        _update_remote(remote, progress)
        _forget_queued_before(started)
        drain_queue()
    return count


def _update_embedded():
    engine = get_engine()
    count = 0
    for documents in _document_batches():
        engine.index(documents)
        count += len(documents)
    _remove_stale(engine, engine.remove)
    engine.refresh()
    return count


def _update_remote(engine, progress):
    version = new_version()
    engine.load(_document_batches(), version, progress)
    _remove_stale(engine, lambda keys: engine.remove_in_bulk(keys, version))
    engine.refresh()


def _remove_stale(engine, remove):
    """Remove from the engine, a batch of its keys at a time, the documents whose object is not searchable."""
    for keys in engine.key_batches(BATCH_SIZE):
        if stale := _not_searchable(keys):
            remove(stale)
        reset_queries()


def _forget_queued_before(moment):
    """Queued changes older than a complete pass over the database: that pass has sent them already."""
    PendingIndexChange.objects.filter(changed_at__lt=moment).delete()


@dataclass(frozen=True)
class ModelStatus:
    searchable: int
    indexed: int
    in_opensearch: int | None


def status(with_remote=True):
    """Per model: searchable objects in the database, documents in the embedded index and in OpenSearch."""
    indexed = _counts_by_model(get_engine())
    remote = get_remote_engine() if with_remote else None
    in_opensearch = _counts_by_model(remote) if remote is not None else None
    counts = {}
    for model, source in SOURCES.items():
        label = model._meta.label_lower
        counts[label] = ModelStatus(
            searchable=source.searchable().count(),
            indexed=indexed[label],
            in_opensearch=None if in_opensearch is None else in_opensearch[label],
        )
    return counts


def _counts_by_model(engine):
    """{model label: how many documents of the model the engine holds}, counted a batch of keys at a time."""
    counts = Counter()
    for keys in engine.key_batches(KEY_BATCH_SIZE):
        counts.update(key.rpartition(":")[0] for key in keys)
    return counts


def _document_batches():
    """Every searchable object's document, a batch at a time.

    Memory grows with BATCH_SIZE, not with the archive: the objects are read in chunks of BATCH_SIZE (with what
    their documents show, prefetched per chunk), and a batch is let go once the engines have it. With DEBUG on,
    Django keeps the SQL of the last 9,000 queries, each batch's inserts with its whole text among them: they
    are forgotten after each batch.
    """
    for source in SOURCES.values():
        for batch in batched(source.searchable().iterator(chunk_size=BATCH_SIZE), BATCH_SIZE):
            yield source.build(batch)
            reset_queries()


def _by_model(objects):
    by_model = {}
    for obj in objects:
        model = _model_of(obj)
        if source_for(model):
            by_model.setdefault(model, set()).add(obj.pk)
    return by_model


def _model_of(obj):
    if type(obj) in SOURCES or not isinstance(obj, Page):
        return type(obj)
    return obj.specific_class
