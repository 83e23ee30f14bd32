"""Writes in bulk, to every generation, with external versions.

Every write carries an external version (the time the document was read from the database), so a change
made during a rebuild reaches the new generation, and an older copy from the rebuild cannot overwrite it.
"""

import time

from opensearchpy.helpers import bulk

from .source import source

BULK_CHUNK = 500
# A bulk request's body is built whole before it is sent: at most this many bytes, so that a batch of long
# documents (their analysed terms make their source ten times their text) holds no more.
BULK_BYTES = 5 * 1024 * 1024
# A missing document is already removed; a newer version already there wins over an older copy.
IGNORED_WRITE_STATUSES = (404, 409)


def new_version():
    """An external version for documents about to be read from the database: later reads, higher versions."""
    return time.time_ns() // 1000


def index_actions(documents, generations, version):
    return (
        _index_action(generation, document, version) for document in documents for generation in generations
    )


def removal_actions(keys, generations, version):
    return (_removal_action(generation, key, version) for key in keys for generation in generations)


def write(client, actions):
    """Send actions in bulk chunks; any refused for another reason than IGNORED_WRITE_STATUSES raises."""
    bulk(
        client,
        actions,
        chunk_size=BULK_CHUNK,
        max_chunk_bytes=BULK_BYTES,
        ignore_status=IGNORED_WRITE_STATUSES,
        stats_only=True,
    )


def _index_action(generation, document, version):
    return {
        "_op_type": "index",
        "_index": generation,
        "_id": document.key,
        "version": version,
        "version_type": "external_gte",
        "_source": source(document),
    }


def _removal_action(generation, key, version):
    return {
        "_op_type": "delete",
        "_index": generation,
        "_id": key,
        "version": version,
        "version_type": "external_gte",
    }
