"""OpenSearch, the engine for scale: the project's own archive index, fed the shared analyser's terms.

The index has an explicit mapping (`ArchiveDocument`, dynamic "strict"): the term fields of search.analysis,
already analysed and joined by spaces into text fields with a whitespace analyzer, so that OpenSearch and the
embedded engine match the same Vietnamese terms; and stored fields for display and facets. Ranking follows
the analyser's docstring with BM25 per field: the folded field, the title above it, the exact field too when
the query has diacritics, joined and misspelling-key matches below, a known word one edit away lowest; the
query's adjacent words found adjacent add more, each pair of them (so a phrase scores whole or in part);
ties go to the newest.

Speed at scale comes from short postings lists and from letting Lucene skip matches that cannot reach the
page: each query word reads one big list (folded; exact too with diacritics; the title's are shorter), the
rarer forms live in fields of their own (concatenations, misspelling keys that differ from their word), the
phrase boosts are term queries on indexed word pairs instead of positional matches, and the page's query is
one scoring bool with a minimum of words to match, whose block-max scores let Lucene pass over blocks of
matches that cannot reach the page (track_total_hits off). Common words still cost a score per match: where
most matches score alike, few blocks can be skipped. So a large archive is split into shards, each searched on
a core of its own (and scored with the whole index's term statistics), and a rebuilt generation is merged into
one segment per shard before it is searched. The count and facets read every match, unscored, with no filter
aggregation where no filter applies; the stored source holds only what a hit shows, so fetching a page
decompresses little.

Searches read an alias (settings.OPENSEARCH_INDEX). A rebuild fills a new generation `<alias>-<timestamp>` and
then swaps the alias to it in one step, so searches answer from the old generation meanwhile. Writes go to
every generation with an external version (the time the document was read from the database), so a change
made during a rebuild reaches the new generation, and an older copy from the rebuild cannot overwrite it.
"""

import datetime
import math
import re
import time

import urllib3
from opensearchpy import A, Date, Document, Index, Integer, Keyword, MetaField, OpenSearch, Q, Search, Text
from opensearchpy import analyzer as define_analyzer
from opensearchpy.exceptions import NotFoundError
from opensearchpy.helpers import bulk, scan

from search.analysis import FUZZY_MIN_LENGTH, index_terms
from search.params import MAX_PAGE, MAX_PAGE_SIZE

from .base import FACET_FIELDS, Completion, FacetValue, Hit, SearchResults
from .ranking import (
    EXACT_WEIGHT,
    FUZZY_WEIGHT,
    JOINED_WEIGHT,
    KEY_WEIGHT,
    PHRASE_WEIGHT,
    TITLE_PHRASE_WEIGHT,
    TITLE_WEIGHT,
)
from .terms import query_plan

# A reader's search and a queued write must fail fast when the node hangs: the service then answers from the
# embedded engine, and the queue keeps the write for later. A rebuild may wait for a busy node.
SEARCH_TIMEOUT = urllib3.Timeout(connect=0.5, read=2.0)
WRITE_TIMEOUT = urllib3.Timeout(connect=0.5, read=1.0)
BULK_TIMEOUT = urllib3.Timeout(connect=5.0, read=120.0)
BULK_RETRIES = 2
# Seconds a rebuild waits for the merge of a new generation: about a minute per 100,000 documents here.
COMPACT_TIMEOUT = 3600
BULK_CHUNK = 500
# A node searches a shard on one thread: a large archive in several shards uses several cores for one search.
# Below this many documents per shard one shard answers fast, and per-shard term statistics (BM25's document
# frequencies are a shard's own) would skew the ranking of a small archive.
DOCUMENTS_PER_SHARD = 50_000
# Well apart, so a phrase never spans the end of one part of a document and the start of the next.
PART_GAP = 100
FACET_SIZE = 200
# The terms aggregation inside a facet's filter aggregation.
FACET_VALUES = "values"
FUZZY_ALTERNATIVES = 3
FUZZY_QUERY_NAME = "fuzzy"
DISPLAY_FIELDS = ["key", "url", "title", "text", "outlet", "kind", "column", "published_at"]
DISPLAY_FIELDS += ["external_id", "exemplar_kind"]
# The page is scored with the term statistics of the whole index, not each shard's own (one shard needs no
# such round: OpenSearch then skips it): otherwise documents alike score unalike by the shard they fell in, and
# ties no longer go to the newest. The count scores nothing.
SCORED = {"search_type": "dfs_query_then_fetch"}
UNSCORED = {}
# A missing document is already removed; a newer version already there wins over an older copy.
IGNORED_WRITE_STATUSES = (404, 409)

# The terms arrive analysed: the whitespace tokenizer only splits them again.
TERMS = define_analyzer("neuguong_terms", tokenizer="whitespace")
# Indexed, never read back: kept out of the stored source, which a hit's fetch decompresses whole. They are
# nine tenths of a document's source; documents are rebuilt from the database, never from the index.
ANALYSED_FIELDS = [
    "title_exact",
    "title_folded",
    "exact",
    "folded",
    "joined",
    "concatenations",
    "respelled",
    "pairs",
    "exact_pairs",
    "title_pairs",
]


class ArchiveDocument(Document):
    """Everything the index holds for one searchable item: nothing that is not declared here."""

    key = Keyword()
    url = Keyword(index=False, doc_values=False)
    title = Text(index=False)
    # The plain text that snippets are cut from (search.highlight, in Python, as for the embedded engine): its
    # first SNIPPET_SOURCE_LENGTH characters, so a hit's fetch reads the same however long the document is.
    text = Text(index=False)
    outlet = Keyword()
    kind = Keyword()
    column = Keyword()
    year = Integer()
    published_at = Date()
    external_id = Keyword()
    exemplar_kind = Keyword()
    title_exact = Text(analyzer=TERMS, index_options="positions")
    title_folded = Text(analyzer=TERMS, index_options="positions")
    # One value per part of the document (title, text, extra text), kept apart by PART_GAP positions.
    exact = Text(analyzer=TERMS, index_options="positions", position_increment_gap=PART_GAP)
    folded = Text(analyzer=TERMS, index_options="positions", position_increment_gap=PART_GAP)
    # Every folded word and its concatenations with its neighbours: what the term suggester and the count read.
    joined = Text(analyzer=TERMS, index_options="freqs")
    # What a word's scoring reads beside folded, with short postings lists: the concatenations alone ("ede"
    # for Ê Đê), and only the misspelling keys that differ from their word (dak for Đắc; a key equal to its
    # word is in folded already).
    concatenations = Text(analyzer=TERMS, index_options="freqs")
    respelled = Text(analyzer=TERMS, index_options="freqs")
    # Adjacent folded (and exact) words as one term "first_second", for the phrase boosts.
    pairs = Text(analyzer=TERMS, index_options="freqs")
    exact_pairs = Text(analyzer=TERMS, index_options="freqs")
    title_pairs = Text(analyzer=TERMS, index_options="freqs")

    class Meta:
        dynamic = MetaField("strict")
        source = MetaField(excludes=ANALYSED_FIELDS)


def document_fields():
    return set(_properties(ArchiveDocument._doc_type.mapping.to_dict()))


def mapping_shape(mapping):
    """What a change of the mapping changes, unlike echoed defaults: {field: (type, analyzer)} and what the
    stored source leaves out."""
    fields = {
        name: (field.get("type"), field.get("analyzer")) for name, field in _properties(mapping).items()
    }
    return fields, sorted(mapping.get("_source", {}).get("excludes", []))


def _properties(mapping):
    return mapping.get("properties", {})


def new_version():
    """An external version for documents about to be read from the database: later reads, higher versions."""
    return time.time_ns() // 1000


class SearchFailed(Exception):
    """OpenSearch answered a search with an error: the service then asks the embedded engine."""


class OpenSearchEngine:
    def __init__(self, url, alias, replicas=0):
        self.url = url
        self.alias = alias
        self.replicas = replicas
        self._search_client = self._client(SEARCH_TIMEOUT)
        self._write_client = self._client(WRITE_TIMEOUT)
        self._bulk_client = self._client(BULK_TIMEOUT, retries=BULK_RETRIES)

    def _client(self, timeout, retries=0):
        return OpenSearch(
            hosts=[self.url], timeout=timeout, max_retries=retries, retry_on_timeout=retries > 0
        )

    # Writing, for the queue: small batches, short timeouts, to every generation.

    def index(self, documents, version=None):
        version = version or new_version()
        targets = self._targets(self._write_client)
        actions = (_index_action(target, document, version) for document in documents for target in targets)
        self._write(self._write_client, actions)

    def remove(self, keys, version=None):
        version = version or new_version()
        self._write(self._write_client, _removals(self._targets(self._write_client), keys, version))

    def clear(self, documents=0):
        """Drop every generation for an empty one, sized for about `documents` documents."""
        self._delete(self.generations())
        self.publish(self.new_generation(documents))

    def refresh(self):
        self._bulk_client.indices.refresh(index=self.alias)

    def count(self):
        try:
            return self._search_client.count(index=self.alias)["count"]
        except NotFoundError:
            return 0

    def keys(self):
        hits = scan(self._bulk_client, index=self.alias, query={"_source": False}, ignore_unavailable=True)
        return {hit["_id"] for hit in hits}

    # Generations: the alias points at one; a rebuild fills the next, then publishes it.

    def generations(self, client=None):
        """Every generation of this alias, published or being built."""
        found = (client or self._bulk_client).indices.get(index=f"{self.alias}-*", expand_wildcards="open")
        pattern = re.compile(rf"{re.escape(self.alias)}-\d{{20}}")
        return sorted(name for name in found if pattern.fullmatch(name))

    def live_generation(self):
        if not self._bulk_client.indices.exists_alias(name=self.alias):
            return None
        return next(iter(self._bulk_client.indices.get_alias(name=self.alias)))

    def new_generation(self, documents=0):
        """A new, empty generation for about `documents` documents."""
        name = f"{self.alias}-{datetime.datetime.now(datetime.UTC):%Y%m%d%H%M%S%f}"
        index = Index(name)
        index.document(ArchiveDocument)
        index.settings(
            number_of_shards=self._shards_for(documents),
            number_of_replicas=self.replicas,
            # The API's deepest page (search.params) must stay reachable.
            max_result_window=MAX_PAGE * MAX_PAGE_SIZE,
        )
        index.create(using=self._bulk_client)
        return name

    def _shards_for(self, documents):
        """One shard per DOCUMENTS_PER_SHARD documents, at most one per processor of the smallest node."""
        wanted = math.ceil(documents / DOCUMENTS_PER_SHARD)
        if wanted <= 1:
            return 1
        nodes = self._bulk_client.nodes.info(metric="os")["nodes"].values()
        return min(wanted, *(node["os"]["allocated_processors"] for node in nodes))

    def mapping_is_current(self):
        """Whether the searched generation has this code's mapping; if not, only a rebuild brings it."""
        live = self.live_generation()
        if live is None:
            return True
        mapping = self._bulk_client.indices.get_mapping(index=live)[live]["mappings"]
        return mapping_shape(mapping) == mapping_shape(ArchiveDocument._doc_type.mapping.to_dict())

    def drop_unpublished_generations(self):
        """Generations left by a rebuild that never finished: they would take every write for nothing."""
        live = self.live_generation()
        self._delete([name for name in self.generations() if name != live])

    def load(self, batches, version, progress=None, generation=None):
        """Index batches of documents in bulk into one generation, or every one; `progress(count)` after each."""
        targets = [generation] if generation else self._targets(self._bulk_client)
        loaded = 0
        for documents in batches:
            actions = (
                _index_action(target, document, version) for document in documents for target in targets
            )
            self._write(self._bulk_client, actions)
            loaded += len(documents)
            if progress:
                progress(loaded)
        return loaded

    def compact(self, generation):
        """Merge a freshly loaded generation into one segment per shard before it is searched: a bulk load
        leaves a score of small segments, each searched apart, and the merges that would follow them run
        beside the first searches. Later writes add segments that OpenSearch merges as ever."""
        self._bulk_client.indices.forcemerge(
            index=generation, max_num_segments=1, request_timeout=COMPACT_TIMEOUT
        )
        # Searches see the merged segment from the next refresh; the ones it replaced are freed then.
        self._bulk_client.indices.refresh(index=generation)

    def remove_in_bulk(self, keys, version):
        self._write(self._bulk_client, _removals(self._targets(self._bulk_client), keys, version))

    def publish(self, generation):
        """Point the alias at a generation in one atomic step, then drop the ones before it."""
        self._bulk_client.indices.refresh(index=generation)
        live = self.live_generation()
        actions = [{"remove": {"index": live, "alias": self.alias}}] if live and live != generation else []
        actions.append({"add": {"index": generation, "alias": self.alias}})
        self._bulk_client.indices.update_aliases(body={"actions": actions})
        self._delete([name for name in self.generations() if name != generation])

    def delete_all(self):
        self._delete(self.generations())

    def _targets(self, client):
        """Where writes go: every generation; a first one, published, when there is none yet."""
        generations = self.generations(client)
        if generations:
            return generations
        generation = self.new_generation()
        self.publish(generation)
        return [generation]

    def _delete(self, names):
        if names:
            self._bulk_client.indices.delete(index=",".join(names), ignore_unavailable=True)

    def _write(self, client, actions):
        """Send actions in bulk chunks; any refused for another reason than IGNORED_WRITE_STATUSES raises."""
        bulk(client, actions, chunk_size=BULK_CHUNK, ignore_status=IGNORED_WRITE_STATUSES, stats_only=True)

    # Searching.

    def search(self, query):
        """Two searches in one request: the page of hits, scored, and the count with the facets, unscored.

        Apart, each is cheap: the page's search need not count every match, so OpenSearch skips the matches
        that cannot reach the page; the count only tests which documents match, and scores none.
        """
        plan = query_plan(query.text)
        if not plan.tokens:
            return SearchResults(count=0, hits=[], facets={})
        suggestions = self._suggestions(plan)
        page, counts = self._search_together(
            (SCORED, _page_search(query, plan, suggestions)),
            (UNSCORED, _count_search(query.filters, matching_query(plan, suggestions))),
        )
        hits = page["hits"]["hits"]
        aggregations = counts["aggregations"]
        return SearchResults(
            count=counts["hits"]["total"]["value"],
            hits=[_hit(hit) for hit in hits],
            facets=_facets(aggregations),
            corrected=_corrected(plan, suggestions, hits) if query.page == 1 else "",
        )

    def _search_together(self, *searches):
        """Searches given as (header, body), in one msearch request; their responses in order."""
        lines = [line for header, body in searches for line in (header, body)]
        responses = self._search_client.msearch(index=self.alias, body=lines)["responses"]
        failed = [response["error"] for response in responses if "error" in response]
        if failed:
            raise SearchFailed(failed[0])
        return responses

    def autocomplete(self, prefix, limit=8):
        """Titles whose words start with the query's words, the last one a prefix; diacritics ignored."""
        plan = query_plan(prefix)
        if not plan.tokens:
            return []
        *whole, last = plan.tokens
        words = [Q("term", title_folded=token.folded) for token in whole]
        search = (
            Search(index=self.alias)
            .filter(Q("bool", filter=[*words, Q("prefix", title_folded=last.folded)]))
            .sort({"published_at": "desc"}, {"key": "desc"})
            .source(["title", "url"])
            .extra(size=limit)
        )
        response = self._search_client.search(index=self.alias, body=search.to_dict())
        return [Completion(**hit["_source"]) for hit in response["hits"]["hits"]]

    def _suggestions(self, plan):
        """For each query word the index does not know: known words one edit away, the most frequent first."""
        words = list(dict.fromkeys(plan.fuzzy_candidates))
        if not words:
            return {}
        body = {"size": 0, "suggest": {str(number): _suggester(word) for number, word in enumerate(words)}}
        response = self._search_client.search(index=self.alias, body=body)
        return {
            word: options
            for number, word in enumerate(words)
            if (
                options := [
                    option["text"]
                    for entry in response["suggest"][str(number)]
                    for option in entry["options"]
                ]
            )
        }


def analysed_fields(document):
    parts = [index_terms(text) for text in (document.title, document.text, document.extra_text)]
    title = parts[0]
    return {
        "title_exact": " ".join(title.exact),
        "title_folded": " ".join(title.folded),
        "exact": [" ".join(part.exact) for part in parts],
        "folded": [" ".join(part.folded) for part in parts],
        "joined": [" ".join(part.joined) for part in parts],
        # index_terms lists a part's joined terms as its folded words, then their concatenations.
        "concatenations": [" ".join(part.joined[len(part.folded) :]) for part in parts],
        "respelled": [" ".join(_respelled_keys(part)) for part in parts],
        "pairs": [" ".join(word_pairs(part.folded)) for part in parts],
        "exact_pairs": [" ".join(word_pairs(part.exact)) for part in parts],
        "title_pairs": " ".join(word_pairs(title.folded)),
    }


def word_pairs(words):
    """Each word with the next as one term: "a_b" (no token holds "_", search.analysis.TOKEN)."""
    return [f"{first}_{second}" for first, second in zip(words, words[1:], strict=False)]


def _respelled_keys(part):
    return [key for key, word in zip(part.keys, part.folded, strict=True) if key != word]


def source(document):
    return {
        "key": document.key,
        "url": document.url,
        "title": document.title,
        "text": document.snippet_source,
        "outlet": document.outlet,
        "kind": document.kind,
        "column": document.column,
        "year": document.published_at.year,
        "published_at": document.published_at.isoformat(),
        "external_id": document.external_id,
        "exemplar_kind": document.exemplar_kind,
        **analysed_fields(document),
    }


def _index_action(generation, document, version):
    return {
        "_op_type": "index",
        "_index": generation,
        "_id": document.key,
        "version": version,
        "version_type": "external_gte",
        "_source": source(document),
    }


def _removals(targets, keys, version):
    return (_remove_action(target, key, version) for key in keys for target in targets)


def _remove_action(generation, key, version):
    return {
        "_op_type": "delete",
        "_index": generation,
        "_id": key,
        "version": version,
        "version_type": "external_gte",
    }


def matching_query(plan, suggestions):
    """Which documents match, unscored: enough of the query's words (plan.required_matches), each in any of
    its forms, and the whole query as adjacent words when it was quoted.

    A word's forms meet in few fields: joined holds every folded word (its exact, folded and title forms
    fold to one), its concatenations and the known words one edit away; the query's concatenations of it
    with its neighbours are folded words; its misspelling key is a folded word or a respelled key.
    """
    if plan.phrase:
        # The quoted words adjacent in folded are each there in their folded form: the phrase alone decides.
        return Q("bool", filter=_quoted(plan))
    words = [
        Q(
            "bool",
            should=[
                Q("terms", joined=[token.folded, *suggestions.get(token.folded, [])]),
                *[_term("folded", term) for term in _query_concatenations(token)],
                *_key_queries(token),
            ],
        )
        for token in plan.unique_tokens
    ]
    return Q("bool", filter=[Q("bool", should=words, minimum_should_match=plan.required_matches())])


def _quoted(plan):
    """A quoted query's words must be adjacent."""
    return [Q("match_phrase", folded=" ".join(token.folded for token in plan.tokens))] if plan.phrase else []


def _query_concatenations(token):
    return [term for term in dict.fromkeys(token.joined) if term != token.folded]


def _key_queries(token, boost=1.0):
    """A word by its misspelling key: in a document's respelled keys, or as a word when the key is one."""
    queries = [_term("respelled", token.key, boost)]
    if token.key != token.folded:
        queries.append(_term("folded", token.key, boost))
    return queries


def ranked_query(plan, suggestions, filters):
    """The matches that pass the filters, scored: the same documents as matching_query, in one scoring bool
    whose minimum of words to match lets Lucene skip blocks of documents that cannot reach the page.

    Each word's clause also holds the phrase boosts of the word pairs it begins (a pair implies its first
    word, so what matches is unchanged, and the score is the same sum). Apart, in a clause of their own beside
    the words, the boosts would be read on every match: their word pairs are nearly as common as the words,
    and a high-scoring optional clause leaves Lucene nothing to skip.
    """
    boosts = _phrase_boosts(plan)
    words = [
        _word_clause(_word_query(plan, token, suggestions.get(token.folded, [])), boosts.get(token.folded))
        for token in plan.unique_tokens
    ]
    return Q(
        "bool",
        must=[Q("bool", should=words, minimum_should_match=plan.required_matches())],
        filter=[*_quoted(plan), *_filter_terms(filters)],
    )


def _word_clause(word, boosts):
    return Q("bool", should=[word, *boosts]) if boosts else word


def _word_query(plan, token, suggestions):
    """The best of the word's forms: as typed (folded, title, exact), joined, by its key, one edit away."""
    direct = [_term("folded", token.folded), _term("title_folded", token.folded, TITLE_WEIGHT)]
    if plan.has_diacritics:
        direct += [
            _term("exact", token.exact, EXACT_WEIGHT),
            _term("title_exact", token.exact, EXACT_WEIGHT * TITLE_WEIGHT),
        ]
    # The query's concatenation written as one word in the document (ede for Ê Đê), or the word written spaced
    # there (Mnông -> M nông: the document's concatenation). As in the embedded engine, a query's concatenation
    # is not looked up among the document's concatenations: those documents have the query's words already.
    joined = [_term("folded", term, JOINED_WEIGHT) for term in _query_concatenations(token)]
    joined.append(_term("concatenations", token.folded, JOINED_WEIGHT))
    near = [
        _term("joined", suggestion, FUZZY_WEIGHT, name=f"{FUZZY_QUERY_NAME} {token.folded} {suggestion}")
        for suggestion in suggestions
    ]
    return Q("dis_max", queries=[Q("bool", should=direct), *joined, *_key_queries(token, KEY_WEIGHT), *near])


def _phrase_boosts(plan):
    """{folded word: the boosts of the pairs it begins}: the query's adjacent words found adjacent, each pair
    adding once, most in the title."""
    folded = word_pairs([token.folded for token in plan.tokens])
    exact = word_pairs([token.exact for token in plan.tokens]) if plan.has_diacritics else []
    first_words = {}
    for field, pairs, boost in [
        ("pairs", folded, PHRASE_WEIGHT),
        ("title_pairs", folded, TITLE_PHRASE_WEIGHT),
        ("exact_pairs", exact, EXACT_WEIGHT * PHRASE_WEIGHT),
    ]:
        # The pair at position i begins with the query's word i.
        for token, pair in zip(plan.tokens, pairs, strict=False):
            first_words.setdefault((field, pair, boost), token.folded)
    boosts = {}
    for (field, pair, boost), word in first_words.items():
        boosts.setdefault(word, []).append(_term(field, pair, boost))
    return boosts


def _term(field, value, boost=1.0, name=None):
    options = {"value": value, "boost": boost}
    if name:
        options["_name"] = name
    return Q("term", **{field: options})


def _suggester(word):
    return {
        "text": word,
        "term": {
            "field": "joined",
            "suggest_mode": "missing",
            "max_edits": 1,
            "prefix_length": 0,
            "min_word_length": FUZZY_MIN_LENGTH,
            "size": FUZZY_ALTERNATIVES,
            "sort": "frequency",
        },
    }


def _all_of(filters):
    return Q("bool", filter=_filter_terms(filters))


def _filter_terms(filters):
    return [Q("term", **{name: value}) for name, value in filters.items()]


def _page_search(query, plan, suggestions):
    """The page of hits: the matches that pass the filters, ranked; not counted (track_total_hits off), so
    OpenSearch may pass over matches whose best possible score cannot reach the page."""
    start = (query.page - 1) * query.page_size
    search = (
        Search()
        .query(ranked_query(plan, suggestions, query.filters))
        .sort(*_order(query.sort))
        .source(DISPLAY_FIELDS)
        .extra(track_total_hits=False, **{"from": start, "size": query.page_size})
    )
    return search.to_dict()


def _count_search(filters, matching):
    """How many matches pass the filters (post_filter: the facets see every match), and the facets, over
    every match without scoring any."""
    search = Search().query(Q("constant_score", filter=matching)).extra(size=0, track_total_hits=True)
    if filters:
        search = search.post_filter(_all_of(filters))
    _add_facets(search, filters)
    return search.to_dict()


def _order(sort):
    newest = [{"published_at": "desc"}, {"key": "desc"}]
    return newest if sort == "date" else [{"_score": "desc"}, *newest]


def _add_facets(search, filters):
    """Each facet counts the matches with every filter applied but its own. A facet no other filter applies to
    has no filter aggregation around it: one over every match would cost as much as the facet itself."""
    for name in FACET_FIELDS:
        values = A("terms", field=name, size=FACET_SIZE)
        others = {key: value for key, value in filters.items() if key != name}
        if others:
            search.aggs.bucket(name, A("filter", filter=_all_of(others))).bucket(FACET_VALUES, values)
        else:
            search.aggs.bucket(name, values)


def _facets(aggregations):
    return {
        name: [
            FacetValue(value=bucket["key"], count=bucket["doc_count"])
            for bucket in _buckets(aggregations[name])
            if bucket["key"] != ""
        ]
        for name in FACET_FIELDS
    }


def _buckets(facet):
    return facet.get(FACET_VALUES, facet)["buckets"]


def _hit(hit):
    fields = hit["_source"]
    return Hit(
        key=fields["key"],
        url=fields["url"],
        title=fields["title"],
        text=fields["text"],
        outlet=fields["outlet"],
        kind=fields["kind"],
        column=fields["column"],
        published_at=datetime.datetime.fromisoformat(fields["published_at"]),
        external_id=fields.get("external_id"),
        exemplar_kind=fields.get("exemplar_kind"),
        score=round(hit["_score"] or 0.0, 4),
    )


def _corrected(plan, suggestions, hits):
    """The query with each word the best result matched only one edit away replaced by that word, or ""."""
    if not hits:
        return ""
    matched = set(hits[0].get("matched_queries", []))
    corrections = {}
    for word, options in suggestions.items():
        used = [option for option in options if f"{FUZZY_QUERY_NAME} {word} {option}" in matched]
        if used:
            corrections[word] = used[0]
    if not corrections:
        return ""
    return " ".join(corrections.get(token.folded, token.folded) for token in plan.tokens)
