"""The connections to OpenSearch: one client per kind of request, each with the timeouts its callers can bear.

A reader's search and a queued write must fail fast when the node hangs: the service then answers from the
embedded engine, and the queue keeps the write for later. A rebuild may wait for a busy node.
"""

from dataclasses import dataclass

import urllib3
from opensearchpy import OpenSearch

SEARCH_TIMEOUT = urllib3.Timeout(connect=0.5, read=2.0)
WRITE_TIMEOUT = urllib3.Timeout(connect=0.5, read=1.0)
BULK_TIMEOUT = urllib3.Timeout(connect=5.0, read=120.0)
BULK_RETRIES = 2


@dataclass(frozen=True)
class Clients:
    # A reader's searches and counts.
    search: OpenSearch
    # The queue's writes: small batches.
    write: OpenSearch
    # Rebuilds and whole-index work: bulk loads, generations, every key.
    bulk: OpenSearch


def connect(url):
    return Clients(
        search=_client(url, SEARCH_TIMEOUT),
        write=_client(url, WRITE_TIMEOUT),
        bulk=_client(url, BULK_TIMEOUT, retries=BULK_RETRIES),
    )


def _client(url, timeout, retries=0):
    return OpenSearch(hosts=[url], timeout=timeout, max_retries=retries, retry_on_timeout=retries > 0)
