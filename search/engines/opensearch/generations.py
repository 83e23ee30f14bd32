"""The generations behind the alias that searches read (settings.OPENSEARCH_INDEX).

A rebuild fills a new generation `<alias>-<timestamp>`, merges it, and then swaps the alias to it in one step,
so searches answer from the old generation meanwhile; the old one is dropped after the swap.

A node searches a shard on one thread: a very large archive is split into shards, each searched on a core of
its own (and scored with the whole index's term statistics, search.engines.opensearch.queries), and a rebuilt
generation is merged into one segment per shard before it is searched. Its documents are kept newest first, the
order of a page by date, which then ends at the page's last match.
"""

import datetime
import math
import re

from opensearchpy import Index

from search.params import MAX_PAGE, MAX_PAGE_SIZE

from .mapping import index_mapping, is_current
from .queries import NEWEST_FIRST

# Seconds a rebuild waits for the merge of a new generation: about a minute per 100,000 documents here.
COMPACT_TIMEOUT = 3600
# Below this many documents per shard one shard answers fast, and per-shard term statistics (BM25's document
# frequencies are a shard's own) would skew the ranking of a small archive. A second shard costs each search a
# round for the term statistics and a share of work per shard: at 100,000 articles one shard took a quarter
# less of the node's processor time per search than two, on a node whose cores the site shares.
DOCUMENTS_PER_SHARD = 200_000
# The order of a page by date: a search by date reads the matches in it, and stops once the page is full.
DOCUMENT_ORDER = {
    "sort.field": [name for name, _order in NEWEST_FIRST],
    "sort.order": [order for _name, order in NEWEST_FIRST],
}


def generation_names(client, alias):
    """Every generation of the alias, published or being built."""
    found = client.indices.get(index=f"{alias}-*", expand_wildcards="open")
    pattern = re.compile(rf"{re.escape(alias)}-\d{{20}}")
    return sorted(name for name in found if pattern.fullmatch(name))


def live_generation(client, alias):
    """The generation the alias points at, or None."""
    if not client.indices.exists_alias(name=alias):
        return None
    return next(iter(client.indices.get_alias(name=alias)))


def create_generation(client, alias, documents=0, replicas=0):
    """A new, empty generation with the schema's mapping, for about `documents` documents."""
    name = f"{alias}-{datetime.datetime.now(datetime.UTC):%Y%m%d%H%M%S%f}"
    index = Index(name)
    index.mapping(index_mapping())
    index.settings(
        number_of_shards=shards_for(client, documents),
        number_of_replicas=replicas,
        # The API's deepest page (search.params) must stay reachable.
        max_result_window=MAX_PAGE * MAX_PAGE_SIZE,
        **DOCUMENT_ORDER,
    )
    index.create(using=client)
    return name


def shards_for(client, documents):
    """One shard per DOCUMENTS_PER_SHARD documents, at most one per processor of the smallest node."""
    wanted = math.ceil(documents / DOCUMENTS_PER_SHARD)
    if wanted <= 1:
        return 1
    nodes = client.nodes.info(metric="os")["nodes"].values()
    return min(wanted, *(node["os"]["allocated_processors"] for node in nodes))


def has_current_mapping(client, generation):
    return is_current(client.indices.get_mapping(index=generation)[generation]["mappings"])


def compact(client, generation):
    """Merge a freshly loaded generation into one segment per shard before it is searched: a bulk load
    leaves a score of small segments, each searched apart, and the merges that would follow them run
    beside the first searches. Later writes add segments that OpenSearch merges as ever."""
    client.indices.forcemerge(index=generation, max_num_segments=1, request_timeout=COMPACT_TIMEOUT)
    # Searches see the merged segment from the next refresh; the ones it replaced are freed then.
    client.indices.refresh(index=generation)


def publish(client, alias, generation):
    """Point the alias at a generation in one atomic step, then drop the ones before it."""
    client.indices.refresh(index=generation)
    live = live_generation(client, alias)
    actions = [{"remove": {"index": live, "alias": alias}}] if live and live != generation else []
    actions.append({"add": {"index": generation, "alias": alias}})
    client.indices.update_aliases(body={"actions": actions})
    delete(client, [name for name in generation_names(client, alias) if name != generation])


def delete(client, names):
    if names:
        client.indices.delete(index=",".join(names), ignore_unavailable=True)
