"""A cache emptied at once by starting a new generation: entries are kept under the generation current when they
were made, and a new generation leaves the older entries to expire unread. One key write purges every entry, in
every process that shares the cache (the page cache, core.page_cache; the content API's, newsroom.api_cache)."""

import uuid


def current_generation(cache, key):
    generation = cache.get(key)
    if generation is None:
        # The first use, or the cache emptied: every process adopts whichever generation was added first.
        cache.add(key, uuid.uuid4().hex, timeout=None)
        generation = cache.get(key)
    return generation


def new_generation(cache, key):
    cache.set(key, uuid.uuid4().hex, timeout=None)
