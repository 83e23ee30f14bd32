"""What a search asks OpenSearch, and how it ranks.

Ranking follows the embedded engine's (search.engines.ranking). First, each word typed with marks that a
document has as typed adds a tier of score above all that the other clauses can give together
(_score_bound), so the count of such words decides before anything else. Then BM25 per field: the folded
field, the title above it, the exact field too when the query has diacritics, joined and misspelling-key
matches below, a known word one edit away lowest; the query's adjacent words found adjacent add more, each
pair of them (so a phrase scores whole or in part); ties go to the newest.

Speed at scale comes from short postings lists and from letting Lucene skip matches that cannot reach the
page: each query word reads one big list (folded; exact too with diacritics; the title's are shorter), the
rarer forms live in fields of their own (concatenations, misspelling keys that differ from their word), the
phrase boosts are term queries on indexed word pairs instead of positional matches, and the page's query is
one scoring bool with a minimum of words to match, whose block-max scores let Lucene pass over blocks of
matches that cannot reach the page (track_total_hits off). Common words still cost a score per match: where
most matches score alike, few blocks can be skipped; a very large archive's shards share that work
(search.engines.opensearch.generations). A page by date reads the matches in the index's order, newest first,
and stops at the page's last; a widened page by relevance asks for its approximate matches apart from the full
ones (approximate_page_search), so that those too can be skipped. The count and facets read every match,
unscored, with no filter aggregation where no filter applies and one per set of other filters; the stored
source holds only what a hit shows, so fetching a page decompresses little.
"""

import math
from typing import NamedTuple

from opensearchpy import A, Q, Search

from search.analysis import FUZZY_MIN_LENGTH
from search.engines.ranking import (
    EXACT_WEIGHT,
    FUZZY_WEIGHT,
    JOINED_WEIGHT,
    KEY_WEIGHT,
    PHRASE_WEIGHT,
    TITLE_PHRASE_WEIGHT,
    TITLE_WEIGHT,
    synonym_weight,
)
from search.schema import FACET_FIELDS, SHOWN, names

from .source import word_pairs

FACET_SIZE = 200
# The filter aggregations around the facets that other filters apply to (_add_facets): their names begin so.
FILTERED_FACETS = "filtered by"
FUZZY_ALTERNATIVES = 3
FUZZY_QUERY_NAME = "fuzzy"
ENOUGH_QUERY_NAME = "enough"
# The count search's aggregation of how many documents match, whatever the filters.
UNFILTERED_COUNT = "unfiltered"
# The page is scored with the term statistics of the whole index, not each shard's own (one shard needs no
# such round: OpenSearch then skips it): otherwise documents alike score unalike by the shard they fell in, and
# ties no longer go to the newest. The count scores nothing.
SCORED = {"search_type": "dfs_query_then_fetch"}
UNSCORED = {}
# The order of a page by date, and of equal scores: the newest first. The index keeps its documents in it
# (search.engines.opensearch.generations).
NEWEST_FIRST = (("published_at", "desc"), ("key", "desc"))
# What the page's search reads of each hit's stored source.
SHOWN_FIELDS = list(names(SHOWN))
# BM25 scores a term at most its boost times its idf (Lucene's tf part stays below 1), and the idf is highest,
# ln(1 + (N - 0.5) / 1.5), for a term in one document of N. An archive of a province stays far below this N.
MAX_DOCUMENTS = 10**9
MAX_IDF = math.log(1 + (MAX_DOCUMENTS - 0.5) / 1.5)


class SearchRequest(NamedTuple):
    """One search of a multi-search request: its header line and its body."""

    header: dict
    body: dict


def page_search(query, plan, suggestions, requirements=None):
    """The page of hits: the matches that pass the filters, ranked; not counted (track_total_hits off), so
    OpenSearch may pass over matches whose best possible score cannot reach the page. With `requirements`
    (QueryPlan.approximate_requirements), approximate matches are in too: the page by date mixes both kinds
    (by relevance, approximate_page_search asks for the approximate ones alone)."""
    start = (query.page - 1) * query.page_size
    search = (
        Search()
        .query(ranked_query(plan, suggestions, query.filters, requirements))
        .sort(*_order(query.sort))
        .source(SHOWN_FIELDS)
        .extra(track_total_hits=False, **{"from": start, "size": query.page_size})
    )
    return SearchRequest(header=SCORED, body=search.to_dict())


def approximate_page_search(query, plan, suggestions, requirements, full_count, full_hits):
    """The approximate matches of a widened page ranked by relevance, which follow every full match: the
    page's `full_hits` full matches come from its first search (page_search without requirements), of
    `full_count` in all; these fill the rest of the page.

    Asked apart from the full matches, the approximate ones are ranked with no tier above them, so Lucene
    may pass over those that cannot reach the page, as it does for the full matches: a tier in the same
    query as they are would be a score no block of them could be skipped under. Their order is the one the
    tier would give (ranked_query with requirements).
    """
    start = max(0, (query.page - 1) * query.page_size - full_count)
    approximate = Q(
        "bool",
        must=[Q("bool", should=_scored_words(plan, suggestions))],
        filter=[
            *_filter_terms(query.filters),
            Q("bool", should=_approximate(plan, suggestions, requirements)),
        ],
        must_not=[_enough_words(plan, suggestions)],
    )
    search = (
        Search()
        .query(approximate)
        .sort(*_order(query.sort))
        .source(SHOWN_FIELDS)
        .extra(track_total_hits=False, **{"from": start, "size": query.page_size - full_hits})
    )
    return SearchRequest(header=SCORED, body=search.to_dict())


def count_search(filters, plan, suggestions, requirements=None):
    """How many matches pass the filters (post_filter: the facets see every match), and the facets, over
    every match without scoring any; approximate matches too with `requirements`."""
    matching = matching_query(plan, suggestions, requirements)
    search = Search().query(Q("constant_score", filter=matching)).extra(size=0, track_total_hits=True)
    if filters:
        search = search.post_filter(_all_of(filters))
        # Every document has a date: its values count the matches before the filters.
        search.aggs.metric(UNFILTERED_COUNT, "value_count", field="published_at")
    _add_facets(search, filters)
    return SearchRequest(header=UNSCORED, body=search.to_dict())


def frequencies_searches(plan, suggestions):
    """How many documents there are, then how many have each of the query's words (unique_tokens, in order):
    a count each, which reads the postings of its own word's forms only, where a filters aggregation would test
    every word on every document of the archive."""
    counted = Search().extra(size=0, track_total_hits=True)
    return [
        SearchRequest(header=UNSCORED, body=counted.to_dict()),
        *(
            SearchRequest(header=UNSCORED, body=counted.query(word_query(token, suggestions)).to_dict())
            for token in plan.unique_tokens
        ),
    ]


def known_words_searches(words):
    """Whether some document has each of the folded words: a search each, which ends at its first match."""
    found = Search().extra(size=0, terminate_after=1, track_total_hits=True)
    return [
        SearchRequest(header=UNSCORED, body=found.query(Q("term", joined=word)).to_dict()) for word in words
    ]


def suggestions_search(words):
    """For each word, known words one edit away, the most frequent first: in the answer's suggest entry named
    after the word's position."""
    body = {"size": 0, "suggest": {str(number): _suggester(word) for number, word in enumerate(words)}}
    return SearchRequest(header=UNSCORED, body=body)


def autocomplete_search(plan, limit):
    """Titles whose words start with the query's words, the last one a prefix; diacritics ignored."""
    *whole, last = plan.tokens
    words = [Q("term", title_folded=token.folded) for token in whole]
    search = (
        Search()
        .filter(Q("bool", filter=[*words, Q("prefix", title_folded=last.folded)]))
        .sort({"published_at": "desc"}, {"key": "desc"})
        .source(["title", "url"])
        .extra(size=limit)
    )
    return search.to_dict()


def fuzzy_query_name(word, suggestion):
    """The name of the query that finds `word` as `suggestion`, one edit away: the hits it matched say so."""
    return f"{FUZZY_QUERY_NAME} {word} {suggestion}"


def matching_query(plan, suggestions, requirements=None):
    """Which documents match, unscored: enough of the query's words (plan.required_matches), each in any of
    its forms, and the whole query as adjacent words when it was quoted; or, with `requirements`, also every
    document with all the words of one of them (approximate matches).
    """
    if plan.phrase:
        # The quoted words adjacent in folded are each there in their folded form: the phrase alone decides.
        return Q("bool", filter=_quoted(plan))
    matching = _enough_words(plan, suggestions)
    if requirements is not None:
        matching = Q("bool", should=[matching, *_approximate(plan, suggestions, requirements)])
    return Q("bool", filter=[matching])


def word_query(token, suggestions):
    """Whether a document has the word in any of its forms, unscored.

    A word's forms meet in few fields: joined holds every folded word (its exact, folded and title forms
    fold to one), its concatenations and the known words one edit away; the query's concatenations of it
    with its neighbours are folded words; its misspelling key is a folded word or a respelled key; its
    thesaurus's forms are folded words, or adjacent ones.
    """
    return Q(
        "bool",
        should=[
            Q("terms", joined=[token.folded, *suggestions.get(token.folded, []), *_single_word_forms(token)]),
            *[_term("folded", term) for term in _query_concatenations(token)],
            *_key_queries(token),
            *[_form_query(form) for form in _phrase_forms(token)],
        ],
    )


def _enough_words(plan, suggestions, name=None):
    words = [word_query(token, suggestions) for token in plan.unique_tokens]
    options = {"_name": name} if name else {}
    return Q("bool", should=words, minimum_should_match=plan.required_matches(), **options)


def _approximate(plan, suggestions, requirements):
    """For each requirement, a document with all its words."""
    tokens = plan.unique_tokens
    return [
        Q("bool", filter=[word_query(tokens[position], suggestions) for position in sorted(requirement)])
        for requirement in requirements
    ]


def _single_word_forms(token):
    return [form[0] for form in token.synonyms if len(form) == 1]


def _phrase_forms(token):
    """The forms of a word written as several adjacent words: its thesaurus's phrases."""
    return [form for form in token.synonyms if len(form) > 1]


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


def ranked_query(plan, suggestions, filters, requirements=None):
    """The matches that pass the filters, scored: the same documents as matching_query, in one scoring bool
    whose minimum of words to match lets Lucene skip blocks of documents that cannot reach the page.

    Each word's clause also holds the phrase boosts of the word pairs it begins (a pair implies its first
    word, so what matches is unchanged, and the score is the same sum). Apart, in a clause of their own beside
    the words, the boosts would be read on every match: their word pairs are nearly as common as the words,
    and a high-scoring optional clause leaves Lucene nothing to skip.

    A word typed with marks also holds its tier (_as_typed): above every score the other clauses can give
    together, so that a document with more of those words as typed ranks first, whatever its other signals.
    Found as typed, the word is found (its folded form is in folded), so what matches is unchanged.

    With `requirements`, approximate matches join (matching_query decides which), and a document with the
    required words scores a tier above them all (its clause named ENOUGH_QUERY_NAME, so a hit says whether it
    has them): they come first. The skipping is lost: the page by relevance asks for the approximate matches
    apart (approximate_page_search); the page by date, which scores nothing, asks for both kinds here.
    """
    words = _scored_words(plan, suggestions)
    filters = [*_quoted(plan), *_filter_terms(filters)]
    if requirements is None:
        return Q(
            "bool",
            must=[Q("bool", should=words, minimum_should_match=plan.required_matches())],
            filter=filters,
        )
    enough = Q(
        "constant_score",
        filter=_enough_words(plan, suggestions, name=ENOUGH_QUERY_NAME),
        boost=sum(_score_bound(word) for word in words) + 1.0,
    )
    return Q(
        "bool",
        must=[Q("bool", should=words)],
        should=[enough],
        filter=[*filters, matching_query(plan, suggestions, requirements)],
    )


def _scored_words(plan, suggestions):
    """A scoring clause per word of the query (ranked_query)."""
    boosts = _phrase_boosts(plan)
    tokens = plan.unique_tokens
    scored = [
        [_word_query(plan, token, suggestions.get(token.folded, [])), *boosts.get(token.folded, [])]
        for token in tokens
    ]
    tier = sum(_score_bound(clause) for clauses in scored for clause in clauses)
    return [
        _word_clause([*clauses, *_as_typed(plan, token, tier)])
        for token, clauses in zip(tokens, scored, strict=True)
    ]


def _word_clause(clauses):
    return Q("bool", should=clauses) if len(clauses) > 1 else clauses[0]


def _as_typed(plan, token, tier):
    """Each spelling of the word typed with marks, found as typed in any part of the document, or in the
    thesaurus's form of a window of words that holds it (THCS for "trung học cơ sở"): `tier` each."""
    forms = [
        form
        for window in plan.synonym_windows
        if token.folded in plan.window_words(window)
        for form in window.forms
    ]
    return [
        Q(
            "constant_score",
            filter=Q("bool", should=[Q("term", exact=marked.exact), *map(_form_query, forms)]),
            boost=tier,
        )
        for marked in plan.marked_tokens
        if marked.folded == token.folded
    ]


# Where a form of several words is looked up: as each pair of its adjacent words.
PAIRS_FIELDS = {"folded": "pairs", "title_folded": "title_pairs"}


def _form_query(form, boost=1.0, field="folded"):
    """A thesaurus's form in a field: a word, or several as each pair of adjacent words (BMT; Ban Mê Thuột as
    ban_me and me_thuot). Indexed pairs are single terms: looking them up costs no positions, where a phrase
    of common words (ban, me) would read them for every document with both; the pairs of a form of three or
    more words could in theory stand apart, which no real text does with a name."""
    if len(form) == 1:
        return _term(field, form[0], boost)
    pairs = word_pairs(list(form))
    return Q("bool", must=[_term(PAIRS_FIELDS[field], pair, boost / len(pairs)) for pair in pairs])


def _score_bound(query):
    """The highest score a query can give a document: a term's boost times MAX_IDF, a bool's scoring clauses
    added up, a dis_max's best (and its tie breaker's share of the others), a constant_score's boost."""
    return _bound(query.to_dict())


def _bound(query):
    ((kind, body),) = query.items()
    if kind == "term":
        ((_field, options),) = body.items()
        boost = options.get("boost", 1.0) if isinstance(options, dict) else 1.0
        return boost * MAX_IDF
    if kind == "bool":
        return sum(_bound(clause) for clause in [*body.get("must", []), *body.get("should", [])])
    if kind == "dis_max":
        bounds = [_bound(clause) for clause in body["queries"]]
        return max(bounds) + body.get("tie_breaker", 0.0) * (sum(bounds) - max(bounds))
    if kind == "constant_score":
        return body.get("boost", 1.0)
    raise ValueError(f"no score bound for a {kind} query")


def _word_query(plan, token, suggestions):
    """The best of the word's forms: as typed (folded, title, exact), by the thesaurus, joined, by its key,
    one edit away."""
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
        _term("joined", suggestion, FUZZY_WEIGHT, name=fuzzy_query_name(token.folded, suggestion))
        for suggestion in suggestions
    ]
    synonyms = [_synonym_query(plan, form) for form in token.synonyms]
    return Q(
        "dis_max",
        queries=[Q("bool", should=direct), *synonyms, *joined, *_key_queries(token, KEY_WEIGHT), *near],
    )


def _synonym_query(plan, form):
    """A thesaurus's form of the word, scored as the word would be, as typed (search.engines.ranking)."""
    boost = synonym_weight(plan.has_diacritics)
    return Q(
        "bool",
        should=[_form_query(form, boost), _form_query(form, boost * TITLE_WEIGHT, field="title_folded")],
    )


def _phrase_boosts(plan):
    """{folded word: the boosts it begins}: the query's adjacent words found adjacent, each pair adding once,
    most in the title; a window of words found as one of the thesaurus's forms."""
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
    # A window of words found as one of the thesaurus's forms scores as a phrase too (THCS for "trung học cơ
    # sở"); the form implies each word of the window, its first one among them.
    for window in plan.synonym_windows:
        forms = [_form_query(form, PHRASE_WEIGHT) for form in window.forms]
        boosts.setdefault(plan.tokens[window.start].folded, []).append(Q("dis_max", queries=forms))
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


def _order(sort):
    newest = [{name: order} for name, order in NEWEST_FIRST]
    return newest if sort == "date" else [{"_score": "desc"}, *newest]


def _add_facets(search, filters):
    """Each facet counts the matches with every filter applied but its own. A facet no other filter applies to
    has no filter aggregation around it: one over every match would cost as much as the facet itself. The
    facets with the same other filters share one filter aggregation (named FILTERED_FACETS and the filters'
    names), so each set of filters is tested once per match: with one filter, the other facets all share it."""
    shared = {}
    for name in FACET_FIELDS:
        values = A("terms", field=name, size=FACET_SIZE)
        others = tuple(key for key in filters if key != name)
        if others:
            if others not in shared:
                group = f"{FILTERED_FACETS} {' '.join(others)}"
                shared[others] = search.aggs.bucket(
                    group, A("filter", filter=_all_of(_only(filters, others)))
                )
            shared[others].bucket(name, values)
        else:
            search.aggs.bucket(name, values)


def _only(filters, names):
    return {name: filters[name] for name in names}
