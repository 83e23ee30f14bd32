"""What OpenSearch's answers say: hits, facets, the known words near a query's, and the corrected query."""

import datetime

from search.engines.base import Completion, FacetValue, Hit
from search.schema import DATE, FACET_FIELDS, SHOWN

from .queries import ENOUGH_QUERY_NAME, FILTERED_FACETS, UNFILTERED_COUNT, fuzzy_query_name


def hit(found, approximate=False):
    stored = found["_source"]
    shown = {field.name: _shown(field, stored) for field in SHOWN}
    return Hit(**shown, score=round(found["_score"] or 0.0, 4), approximate=approximate)


def approximate(found):
    """Whether a hit of a page's search with the approximate matches in (queries.ranked_query with
    requirements) lacks the required words."""
    return ENOUGH_QUERY_NAME not in found.get("matched_queries", [])


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
    counted = _facet_aggregations(aggregations)
    return {
        name: [
            FacetValue(value=bucket["key"], count=bucket["doc_count"])
            for bucket in counted[name]["buckets"]
            if bucket["key"] != ""
        ]
        for name in FACET_FIELDS
    }


def _facet_aggregations(aggregations):
    """{facet: its terms aggregation}, at the top or inside the filter aggregation it shares with others."""
    found = {name: aggregations[name] for name in FACET_FIELDS if name in aggregations}
    for name, aggregation in aggregations.items():
        if name.startswith(FILTERED_FACETS):
            found.update({facet: aggregation[facet] for facet in FACET_FIELDS if facet in aggregation})
    return found


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
