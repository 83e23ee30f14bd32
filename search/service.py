"""One search service, two engines: OpenSearch when it is configured and answering, else the embedded engine.

The embedded engine lives in the site's database and is always kept up to date, so it can answer any search
the moment OpenSearch cannot. A circuit breaker remembers that OpenSearch failed: while it is open, searches
go straight to the embedded engine instead of waiting for a timeout each time, and the index queue waits
(search.indexing). Every answer says which engine gave it.
"""

import dataclasses
import hashlib
import logging
import threading
import time
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from core import shared_cache

from .engines.opensearch.engine import OpenSearchEngine

logger = logging.getLogger(__name__)

DEFAULT_ENGINE = "search.engines.database.DatabaseEngine"
DATABASE = "database"
OPENSEARCH = "opensearch"


class CircuitBreaker:
    """Open after `failures_to_open` failures in a row; after `open_seconds`, let calls try again.

    The failures and the time it opened are kept in the shared cache (core.shared_cache) under `name`, so that
    every server process and the scheduler open and close together: one worker finding OpenSearch down spares the
    others their timeouts. Times are the wall clock's, which the processes share. While the shared cache is down,
    each process counts on its own, as if it were alone.
    """

    def __init__(self, name="opensearch", failures_to_open=2, open_seconds=30.0, clock=time.time):
        self.failures_to_open = failures_to_open
        self.open_seconds = open_seconds
        self.clock = clock
        self._key = f"search-breaker:{name}"
        self._own = _ProcessState()

    def allows(self):
        opened_at = self._on_state(lambda state: state.opened_at())
        return opened_at is None or self.clock() - opened_at >= self.open_seconds

    def succeeded(self):
        self._on_state(lambda state: state.reset())

    def failed(self):
        def count(state):
            if state.add_failure() >= self.failures_to_open:
                # Opened again after a failed retry, so the next retry waits a whole period too.
                state.open(self.clock())

        self._on_state(count)

    def _on_state(self, operation):
        try:
            return shared_cache.use(lambda cache: operation(_SharedState(cache, self._key)))
        except (shared_cache.SharedCacheUnavailable, ValueError):
            # ValueError: the failures' counter vanished between its add and its incr (evicted).
            return operation(self._own)


class _SharedState:
    def __init__(self, cache, key):
        self.cache = cache
        self.failures_key = f"{key}:failures"
        self.opened_at_key = f"{key}:opened-at"

    def opened_at(self):
        return self.cache.get(self.opened_at_key)

    def reset(self):
        # Read first: a search that succeeds (nearly all of them) writes nothing.
        if self.cache.get(self.failures_key) is not None:
            self.cache.delete_many([self.failures_key, self.opened_at_key])

    def add_failure(self):
        self.cache.add(self.failures_key, 0, timeout=None)
        return self.cache.incr(self.failures_key)

    def open(self, now):
        self.cache.set(self.opened_at_key, now, timeout=None)


class _ProcessState:
    def __init__(self):
        self._failures = 0
        self._opened_at = None
        self._lock = threading.Lock()

    def opened_at(self):
        return self._opened_at

    def reset(self):
        with self._lock:
            self._failures = 0
            self._opened_at = None

    def add_failure(self):
        with self._lock:
            self._failures += 1
            return self._failures

    def open(self, now):
        self._opened_at = now


@cache
def get_engine():
    """The embedded engine: always written, and the answer whenever OpenSearch cannot give one."""
    return import_string(getattr(settings, "SEARCH_ENGINE", DEFAULT_ENGINE))()


def get_remote_engine():
    """The OpenSearch engine when settings.OPENSEARCH_URL is set, else None."""
    url = getattr(settings, "OPENSEARCH_URL", None)
    if not url:
        return None
    return _remote_engine(url, settings.OPENSEARCH_INDEX, settings.OPENSEARCH_REPLICAS)


@cache
def _remote_engine(url, alias, replicas):
    return OpenSearchEngine(url, alias, replicas)


@cache
def breaker_for(engine):
    # Named by the alias and a digest of the address (which may hold a password): one breaker per cluster.
    address = hashlib.sha256(engine.url.encode()).hexdigest()[:16]
    return CircuitBreaker(name=f"{engine.alias}:{address}")


def search(query):
    """SearchResults for a SearchQuery, with `engine` naming the engine that answered."""
    results, engine = _answer(lambda engine: engine.search(query))
    return dataclasses.replace(results, engine=engine)


def autocomplete(prefix, limit):
    completions, _engine = _answer(lambda engine: engine.autocomplete(prefix, limit))
    return completions


def _answer(ask):
    remote = get_remote_engine()
    if remote is not None and breaker_for(remote).allows():
        try:
            answer = ask(remote)
        except Exception:
            logger.warning("OpenSearch did not answer; the embedded engine answers instead", exc_info=True)
            breaker_for(remote).failed()
        else:
            breaker_for(remote).succeeded()
            return answer, OPENSEARCH
    return ask(get_engine()), DATABASE
