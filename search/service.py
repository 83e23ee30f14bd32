"""One search service, two engines: OpenSearch when it is configured and answering, else the embedded engine.

The embedded engine lives in the site's database and is always kept up to date, so it can answer any search
the moment OpenSearch cannot. A circuit breaker remembers that OpenSearch failed: while it is open, searches
go straight to the embedded engine instead of waiting for a timeout each time, and the index queue waits
(search.indexing). Every answer says which engine gave it.
"""

import dataclasses
import logging
import threading
import time
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from .engines.opensearch.engine import OpenSearchEngine

logger = logging.getLogger(__name__)

DEFAULT_ENGINE = "search.engines.database.DatabaseEngine"
DATABASE = "database"
OPENSEARCH = "opensearch"


class CircuitBreaker:
    """Open after `failures_to_open` failures in a row; after `open_seconds`, let calls try again."""

    def __init__(self, failures_to_open=2, open_seconds=30.0, clock=time.monotonic):
        self.failures_to_open = failures_to_open
        self.open_seconds = open_seconds
        self.clock = clock
        self._failures = 0
        self._opened_at = None
        self._lock = threading.Lock()

    @property
    def is_open(self):
        with self._lock:
            return self._opened_at is not None and self.clock() - self._opened_at < self.open_seconds

    def allows(self):
        return not self.is_open

    def succeeded(self):
        with self._lock:
            self._failures = 0
            self._opened_at = None

    def failed(self):
        with self._lock:
            self._failures += 1
            if self._failures >= self.failures_to_open:
                # Opened again after a failed retry, so the next retry waits a whole period too.
                self._opened_at = self.clock()


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
    return CircuitBreaker()


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
