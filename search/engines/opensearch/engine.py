"""The OpenSearch engine: search.engines.base.Engine on an alias, and the generations a rebuild fills behind it."""

from itertools import chain

from opensearchpy.exceptions import NotFoundError
from opensearchpy.helpers import scan

from core.batching import batched
from search.engines.base import SearchResults
from search.engines.terms import FEW_MATCHES, query_plan
from search.synonyms import thesaurus

from . import generations, queries, results
from .clients import connect
from .writes import index_actions, new_version, removal_actions, write

# Keys read a scroll page at a time.
KEY_BATCH = 5000


class SearchFailed(Exception):
    """OpenSearch answered a search with an error: the service then asks the embedded engine."""


class OpenSearchEngine:
    def __init__(self, url, alias, replicas=0):
        self.url = url
        self.alias = alias
        self.replicas = replicas
        self.clients = connect(url)

    # Writing, for the queue: small batches, short timeouts, to every generation.

    def index(self, documents, version=None):
        version = version or new_version()
        write(self.clients.write, index_actions(documents, self._targets(self.clients.write), version))

    def remove(self, keys, version=None):
        version = version or new_version()
        write(self.clients.write, removal_actions(keys, self._targets(self.clients.write), version))

    def clear(self, documents=0):
        """Drop every generation for an empty one, sized for about `documents` documents."""
        self.delete_all()
        self.publish(self.new_generation(documents))

    def refresh(self):
        self.clients.bulk.indices.refresh(index=self.alias)

    def count(self):
        try:
            return self.clients.search.count(index=self.alias)["count"]
        except NotFoundError:
            return 0

    def keys(self):
        return set(chain.from_iterable(self.key_batches()))

    def key_batches(self, size=KEY_BATCH):
        """Every document's key, in lists of at most `size`, read through a scroll: a view of the index as it
        was when the first was read, so documents may be removed between batches."""
        hits = scan(
            self.clients.bulk, index=self.alias, query={"_source": False}, size=size, ignore_unavailable=True
        )
        return batched((hit["_id"] for hit in hits), size)

    # Generations: the alias points at one; a rebuild fills the next, then publishes it.

    def generations(self, client=None):
        """Every generation of this alias, published or being built."""
        return generations.generation_names(client or self.clients.bulk, self.alias)

    def live_generation(self):
        return generations.live_generation(self.clients.bulk, self.alias)

    def new_generation(self, documents=0):
        """A new, empty generation for about `documents` documents."""
        return generations.create_generation(self.clients.bulk, self.alias, documents, self.replicas)

    def mapping_is_current(self):
        """Whether the searched generation has this code's mapping; if not, only a rebuild brings it."""
        live = self.live_generation()
        return live is None or generations.has_current_mapping(self.clients.bulk, live)

    def drop_unpublished_generations(self):
        """Generations left by a rebuild that never finished: they would take every write for nothing."""
        live = self.live_generation()
        generations.delete(self.clients.bulk, [name for name in self.generations() if name != live])

    def load(self, batches, version, progress=None, generation=None):
        """Index batches of documents in bulk into one generation, or every one; `progress(count)` after each."""
        targets = [generation] if generation else self._targets(self.clients.bulk)
        loaded = 0
        for documents in batches:
            write(self.clients.bulk, index_actions(documents, targets, version))
            loaded += len(documents)
            if progress:
                progress(loaded)
        return loaded

    def compact(self, generation):
        generations.compact(self.clients.bulk, generation)

    def remove_in_bulk(self, keys, version):
        write(self.clients.bulk, removal_actions(keys, self._targets(self.clients.bulk), version))

    def publish(self, generation):
        generations.publish(self.clients.bulk, self.alias, generation)

    def delete_all(self):
        generations.delete(self.clients.bulk, self.generations())

    def _targets(self, client):
        """Where writes go: every generation; a first one, published, when there is none yet."""
        names = self.generations(client)
        if names:
            return names
        generation = self.new_generation()
        self.publish(generation)
        return [generation]

    # Searching.

    def search(self, query):
        """Two searches in one request: the page of hits, scored, and the count with the facets, unscored.

        Apart, each is cheap: the page's search need not count every match, so OpenSearch skips the matches
        that cannot reach the page; the count only tests which documents match, and scores none.
        """
        plan = query_plan(query.text, thesaurus(), self._known_words)
        if not plan.tokens:
            return SearchResults(count=0, hits=[], facets={})
        suggestions, page, counts = self._first_round(query, plan)
        count = full_count = results.total(counts)
        # Each hit as OpenSearch gives it, and whether it is an approximate match.
        found = [(hit, False) for hit in page["hits"]["hits"]]
        if results.unfiltered_total(counts) < FEW_MATCHES and plan.can_widen:
            requirements = plan.approximate_requirements(*self._frequencies(plan, suggestions))
            found, counts = self._widen(query, plan, suggestions, requirements, full_count, found)
            count = results.total(counts)
        hits = [hit for hit, _approximate in found]
        return SearchResults(
            count=count,
            hits=[results.hit(hit, approximate) for hit, approximate in found],
            facets=results.facets(counts["aggregations"]),
            corrected=plan.respelled
            or (results.corrected(plan, suggestions, hits) if query.page == 1 else ""),
            approximate_count=count - full_count,
        )

    def _widen(self, query, plan, suggestions, requirements, full_count, full_hits):
        """The page's hits with the approximate matches in, each with whether it is one, and their count with
        the facets. By relevance, the page's full matches (`full_hits`, already found) come first, and only the
        approximate ones that follow are asked (queries.approximate_page_search); by date, both kinds are asked
        together, interleaved."""
        count = queries.count_search(query.filters, plan, suggestions, requirements)
        if query.sort == "date":
            page, counts = self._search_together(
                queries.page_search(query, plan, suggestions, requirements), count
            )
            return [(hit, results.approximate(hit)) for hit in page["hits"]["hits"]], counts
        page, counts = self._search_together(
            queries.approximate_page_search(
                query, plan, suggestions, requirements, full_count, len(full_hits)
            ),
            count,
        )
        return [*full_hits, *((hit, True) for hit in page["hits"]["hits"])], counts

    def _frequencies(self, plan, suggestions):
        """How many documents have each of the query's words, and how many there are."""
        everything, *words = self._search_together(*queries.frequencies_searches(plan, suggestions))
        return [results.total(response) for response in words], results.total(everything)

    def _known_words(self, words):
        """Which of the folded words the index has (search.engines.terms.query_plan)."""
        words = sorted(words)
        responses = self._search_together(*queries.known_words_searches(words))
        return {word for word, response in zip(words, responses, strict=True) if results.total(response)}

    def _search_together(self, *searches):
        """SearchRequests in one msearch request: their responses in order."""
        lines = [line for search in searches for line in (search.header, search.body)]
        responses = self.clients.search.msearch(index=self.alias, body=lines)["responses"]
        failed = [response["error"] for response in responses if "error" in response]
        if failed:
            raise SearchFailed(failed[0])
        return responses

    def autocomplete(self, prefix, limit=8):
        """Titles whose words start with the query's words, the last one a prefix; diacritics ignored."""
        plan = query_plan(prefix)
        if not plan.tokens:
            return []
        body = queries.autocomplete_search(plan, limit)
        response = self.clients.search.search(index=self.alias, body=body)
        return results.completions(response)

    def _first_round(self, query, plan):
        """The suggestions for the query's words the index does not know (known words one edit away, the most
        frequent first), the page and the count, asked in one request: when the index knows every word, as it
        does for most searches, that request answers; else the page and the count are asked again with them."""
        searches = [queries.page_search(query, plan, {}), queries.count_search(query.filters, plan, {})]
        words = list(dict.fromkeys(plan.fuzzy_candidates))
        if not words:
            return {}, *self._search_together(*searches)
        suggested, page, counts = self._search_together(queries.suggestions_search(words), *searches)
        suggestions = results.suggested_words(words, suggested)
        if suggestions:
            page, counts = self._search_together(
                queries.page_search(query, plan, suggestions),
                queries.count_search(query.filters, plan, suggestions),
            )
        return suggestions, page, counts
