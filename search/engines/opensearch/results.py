"""What OpenSearch's answers say: hits, facets, the known words near a query's, and the corrected query."""

import datetime

from search.engines.base import Completion, FacetValue, Hit
from search.schema import DATE, FACET_FIELDS, SHOWN

from .queries import ENOUGH_QUERY_NAME, FACET_VALUES, UNFILTERED_COUNT, fuzzy_query_name


def hit(found, widened=False):
    """A hit of the page's search; of a widened one (approximate matches in), approximate unless it has the
    required words."""
    stored = found["_source"]
    shown = {field.name: _shown(field, stored) for field in SHOWN}
    approximate = widened and ENOUGH_QUERY_NAME not in found.get("matched_queries", [])
    return Hit(**shown, score=round(found["_score"] or 0.0, 4), approximate=approximate)


def total(response):
    return response["hits"]["total"]["value"]


def unfiltered_total(response):
    """How many documents match before the filters (queries.count_search)."""
    counted = response.get("aggregations", {}).get(UNFILTERED_COUNT)
    return total(response) if counted is None else counted["value"]


def _shown(field, stored):
    value = stored.get(field.name) if field.optional else stored[field.name]
    return datetime.datetime.fromisoformat(value) if field.type is DATE else value


def facets(aggregations):
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


def suggested_words(words, response):
    """{word: the known words one edit away} for the words that have some (queries.suggestions_search)."""
    return {
        word: options
        for number, word in enumerate(words)
        if (
            options := [
                option["text"] for entry in response["suggest"][str(number)] for option in entry["options"]
            ]
        )
    }


def corrected(plan, suggestions, hits):
    """The query with each word the best result matched only one edit away replaced by that word, or ""."""
    if not hits:
        return ""
    matched = set(hits[0].get("matched_queries", []))
    corrections = {}
    for word, options in suggestions.items():
        used = [option for option in options if fuzzy_query_name(word, option) in matched]
        if used:
            corrections[word] = used[0]
    if not corrections:
        return ""
    return " ".join(corrections.get(token.folded, token.folded) for token in plan.tokens)


def completions(response):
    return [Completion(**found["_source"]) for found in response["hits"]["hits"]]
