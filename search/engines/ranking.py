"""Relevance in Python, over candidates the database has narrowed: BM25 per field and term, with boosts.

The words a reader typed with marks decide first: a document with more of them as typed (hòa, hoà and HÒA
alike; search.engines.terms) ranks above one with fewer, whatever its other signals, for a reader who typed
Hòa is looking for Hòa, not Hoa. The embedded engine counts those words from its postings and orders by that
count, then by the score worked out here; OpenSearch does the same with a tier of score per word
(search.engines.opensearch.queries). A word typed without marks counts in no tier: a query without marks
finds every spelling alike.

The score, per query word: BM25 on the folded body and the title; when the reader typed diacritics, the
same on the exact fields, so more of a word as typed counts, and "Lê Văn Thanh" prefers Thanh (a tone too,
the level one) to Thành among documents with Lê Văn; a word found only through the thesaurus (HĐND for its
words), joined, by its misspelling key or one edit away scores less, in that order. The whole query as a phrase (adjacent words) adds more, most in the title. Ties go to
the more recent item.
"""

import math
from dataclasses import dataclass

K1 = 1.2
B = 0.75
TITLE_WEIGHT = 2.0
EXACT_WEIGHT = 1.0
# A thesaurus's form (HĐND for "Hội đồng nhân dân") names the same thing as the words typed.
SYNONYM_WEIGHT = 0.9
JOINED_WEIGHT = 0.7
KEY_WEIGHT = 0.5
FUZZY_WEIGHT = 0.3
PHRASE_WEIGHT = 1.5
TITLE_PHRASE_WEIGHT = 3.0
# Every extra word a document has makes its score count more than the BM25 of that word alone.
COVERAGE_WEIGHT = 0.5


@dataclass(frozen=True)
class Candidate:
    """The analysed fields of one candidate document (see search.models.SearchDocument)."""

    exact: str
    folded: str
    keys: str
    title_exact: str
    title_folded: str
    length: int


@dataclass(frozen=True)
class Statistics:
    document_count: int
    average_length: float
    document_frequency: dict


def idf(statistics, term):
    return rarity(statistics.document_count, statistics.document_frequency.get(term, 1))


def rarity(document_count, frequency):
    """BM25's idf of a term in `frequency` documents of `document_count`: the rarer, the higher."""
    count = max(document_count, frequency)
    return math.log(1 + (count - frequency + 0.5) / (frequency + 0.5))


def saturated(term_frequency, length, average_length):
    if not term_frequency:
        return 0.0
    norm = K1 * (1 - B + B * length / max(average_length, 1.0))
    return term_frequency * (K1 + 1) / (term_frequency + norm)


def score(plan, candidate, statistics):
    """The candidate's relevance to the query plan, and the words it matched only one edit away."""
    total, covered, fuzzy_matches = 0.0, 0, {}
    for token in plan.unique_tokens:
        weight = idf(statistics, token.folded)
        word_score = max(
            _word_score(plan, token, candidate, statistics.average_length),
            _synonym_score(plan, token, candidate, statistics.average_length),
        )
        if not word_score:
            word_score = _variant_score(token, candidate)
        if not word_score:
            matched = next((term for term in token.fuzzy if f" {term} " in candidate.folded), None)
            word_score = FUZZY_WEIGHT if matched else 0.0
            if matched:
                fuzzy_matches[token.folded] = matched
        covered += word_score > 0
        total += weight * word_score
    total *= 1 + COVERAGE_WEIGHT * (covered - 1) if covered else 0
    return total + _phrase_score(plan, candidate, statistics), fuzzy_matches


def _word_score(plan, token, candidate, average_length):
    needle = f" {token.folded} "
    folded = saturated(candidate.folded.count(needle), candidate.length, average_length)
    title = TITLE_WEIGHT * (needle in candidate.title_folded)
    word_score = folded + title
    if plan.has_diacritics and word_score:
        exact_needle = f" {token.exact} "
        exact = saturated(candidate.exact.count(exact_needle), candidate.length, average_length)
        word_score += EXACT_WEIGHT * (exact + TITLE_WEIGHT * (exact_needle in candidate.title_exact))
    return word_score


def _synonym_score(plan, token, candidate, average_length):
    """The word found through the best of the thesaurus's forms: beside its own score, not below it, since a
    folded twin of the word (có for cơ) may be there too."""
    scores = [_form_score(form, candidate, average_length) for form in token.synonyms]
    return synonym_weight(plan.has_diacritics) * max(scores, default=0.0)


def synonym_weight(has_diacritics):
    """A thesaurus's form counts as the words it stands for found as typed: with the exact fields' share when
    the reader typed diacritics, as a word found as typed has."""
    return SYNONYM_WEIGHT * (1 + EXACT_WEIGHT) if has_diacritics else SYNONYM_WEIGHT


def _variant_score(token, candidate):
    variants = [*token.joined, *(" ".join(cut) for cut in token.splits)]
    if any(f" {variant} " in candidate.folded for variant in variants):
        return JOINED_WEIGHT
    key = f" {token.key} "
    return KEY_WEIGHT if key in candidate.keys or key in candidate.folded else 0.0


def _form_score(form, candidate, average_length):
    """A form of several words (or one) scored as one word: BM25 on the folded text, and the title's share."""
    needle = f" {' '.join(form)} "
    frequency = candidate.folded.count(needle)
    return saturated(frequency, candidate.length, average_length) + TITLE_WEIGHT * (
        needle in candidate.title_folded
    )


def _phrase_score(plan, candidate, statistics):
    if len(plan.tokens) < 2:
        return 0.0
    weight = sum(idf(statistics, token.folded) for token in plan.unique_tokens)
    folded_phrase = plan.folded_phrase
    boost = PHRASE_WEIGHT * (folded_phrase in candidate.folded)
    boost += TITLE_PHRASE_WEIGHT * (folded_phrase in candidate.title_folded)
    if plan.has_diacritics:
        boost += EXACT_WEIGHT * PHRASE_WEIGHT * (plan.exact_phrase in candidate.exact)
    return weight * boost + _windows_score(plan, candidate, statistics)


def _windows_score(plan, candidate, statistics):
    """Each window of the query's words that the document has as one of the thesaurus's forms scores as the
    words found adjacent would (THCS for "trung học cơ sở"), above the same words scattered."""
    total = 0.0
    for window in plan.synonym_windows:
        if any(f" {' '.join(form)} " in candidate.folded for form in window.forms):
            total += PHRASE_WEIGHT * sum(idf(statistics, word) for word in plan.window_words(window))
    return total


def marks_tier(scores):
    """A step above every one of the scores: added once per word a document has as typed, it keeps the scores
    in the order of the results."""
    return math.floor(max(scores, default=0.0)) + 1.0
