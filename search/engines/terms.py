"""The analysed terms of documents and queries (search.analysis), shaped for the engines to match and rank."""

from dataclasses import dataclass, field
from functools import cached_property
from itertools import combinations

from core.vietnamese import fold
from search.analysis import (
    MAX_JOINED_WORDS,
    IndexTokens,
    index_tokens,
    misspelling_key,
    query_terms,
    respelled,
)
from search.keystrokes import decode

from .ranking import rarity

# Keeps a phrase from spanning two parts of a document (the end of the title and the start of the body).
PART_BREAK = "|"
# Below this many matches with the words a query requires, approximate matches (with its rarer words, not all
# the required ones) follow them. The query decides, not the filters: a filter toggled on or off keeps the set
# its facets counted.
FEW_MATCHES = 3
# Approximate matches weigh the rarest few of a query's words (QueryPlan.approximate_requirements): their
# smallest sets stay few, and a long query's common words add little.
MAX_WEIGHED_WORDS = 6
# Names written joined are short (Êđê, Mnông, Buônmathuột); longer words are not cut into pieces.
MAX_SPLIT_LENGTH = 14
# The words of each part of a document (title, text, extra text) that ranking and phrases read: more than a
# long article has. A longer text is found by every word it has (its vocabulary), and ranked by its start, so
# what a search reads of a candidate stays the same however long the candidate is.
MAX_RANKED_TOKENS = 5_000


def spaced(terms):
    """Terms as a string with a space at each end, so that " term " finds only whole terms."""
    return f" {' '.join(terms)} "


@dataclass(frozen=True)
class DocumentTerms:
    """What ranking reads (exact, folded, keys, the title's, length: of each part's first MAX_RANKED_TOKENS
    words), and what finds the document (vocabulary and postings: of every word).

    Postings hold the folded words, the misspelling keys that differ from them, and the words written with
    marks as they are written (hòa, đà): those say which documents have a word as a reader typed it. A word
    with marks never equals a folded word or key, which have none.
    """

    exact: str
    folded: str
    keys: str
    title_exact: str
    title_folded: str
    length: int
    # The distinct folded words; those with the distinct keys and words with marks: what postings are made of.
    vocabulary: frozenset
    postings: frozenset
    # The title's postings.
    title_words: frozenset


def document_terms(title, *parts):
    """Analyse a document: its title and its other texts (body, tags, column, authors)."""
    analysed = [index_tokens(text) for text in (title, *parts)]
    ranked = [_first_tokens(item) for item in analysed]
    vocabulary = frozenset(term for item in analysed for term in item.folded)
    keys = {term for item in analysed for term in item.keys} - vocabulary
    marked = {term for item in analysed for term in _marked_words(item)}
    ranked_vocabulary = {term for item in ranked for term in item.folded}
    return DocumentTerms(
        exact=spaced(_across_parts(item.exact for item in ranked)),
        folded=spaced(_across_parts(item.folded for item in ranked)),
        keys=spaced(sorted({term for item in ranked for term in item.keys} - ranked_vocabulary)),
        title_exact=spaced(ranked[0].exact),
        title_folded=spaced(ranked[0].folded),
        length=sum(len(item.folded) for item in ranked),
        vocabulary=vocabulary,
        postings=vocabulary | keys | marked,
        title_words=frozenset(ranked[0].folded) | _marked_words(ranked[0]),
    )


def _marked_words(tokens):
    """The words written with marks (or đ), as written: those whose folded form differs."""
    return {exact for exact, folded in zip(tokens.exact, tokens.folded, strict=True) if exact != folded}


def _first_tokens(tokens):
    first = slice(MAX_RANKED_TOKENS)
    return IndexTokens(exact=tokens.exact[first], folded=tokens.folded[first], keys=tokens.keys[first])


def _across_parts(token_lists):
    tokens = []
    for token_list in token_lists:
        if tokens:
            tokens.append(PART_BREAK)
        tokens.extend(token_list)
    return tokens


@dataclass
class QueryToken:
    """One word of a query and every term that counts as finding it."""

    folded: str
    exact: str
    key: str
    # Concatenations of this word with its neighbours (Ê Đê -> ede), which a document may write joined.
    joined: list[str] = field(default_factory=list)
    # The word cut into known words (ede -> e de), which a document may write spaced.
    splits: list[tuple] = field(default_factory=list)
    # Vocabulary words one edit away, for a word the index does not know.
    fuzzy: list[str] = field(default_factory=list)
    # Other ways to write the word with its neighbours (search.synonyms): HĐND for the four words of "Hội đồng
    # nhân dân", and the reverse; each form a tuple of folded words, found as adjacent words.
    synonyms: list[tuple] = field(default_factory=list)

    @property
    def marked(self):
        """Typed with marks (or đ): then documents with the word as typed rank first (search.engines.ranking)."""
        return self.exact != self.folded


@dataclass(frozen=True)
class QueryPlan:
    tokens: list[QueryToken]
    has_diacritics: bool
    phrase: bool
    fuzzy_candidates: list[str]
    # The query with its words typed with the input method off written as meant ("" when none was).
    respelled: str = ""
    # The windows of two or more of the query's words that the thesaurus has other forms of (search.synonyms
    # Match: start, end, forms): a document with one of those forms has the window's words as one unit.
    synonym_windows: list = field(default_factory=list)

    @property
    def folded_phrase(self):
        return spaced(token.folded for token in self.tokens)

    def window_words(self, window):
        return [token.folded for token in self.tokens[window.start : window.end]]

    @property
    def exact_phrase(self):
        return spaced(token.exact for token in self.tokens)

    def required_matches(self):
        """How many words a document must have: all of up to three, then one in four may be missing."""
        count = len(self.unique_tokens)
        return count if count <= 3 else count - count // 4

    @property
    def can_widen(self):
        """Whether documents with fewer words than required may follow: not for a quoted phrase."""
        return not self.phrase and len(self.unique_tokens) > 1

    def approximate_requirements(self, frequencies, document_count):
        """The sets of the query's words (positions in unique_tokens), any one of which a document must have
        all of to be an approximate match: the smallest that weigh more than half of what the words the index
        has weigh, each word weighing its rarity (frequencies[i]: in how many documents word i is found).

        So rare words decide: for "huyện Lắk", Lắk alone is enough, huyện alone is not; of two words alike,
        neither alone. A word no document has weighs nothing: a reader's word the archive lacks does not keep
        its other words from finding. Only the MAX_WEIGHED_WORDS rarest known words make up the sets.
        """
        known = [position for position, frequency in enumerate(frequencies) if frequency]
        weights = {position: rarity(document_count, frequencies[position]) for position in known}
        weighed = sorted(known, key=weights.get, reverse=True)[:MAX_WEIGHED_WORDS]
        half = sum(weights[position] for position in weighed) / 2
        heavy_enough = [
            frozenset(subset)
            for size in range(1, len(weighed) + 1)
            for subset in combinations(weighed, size)
            if sum(weights[position] for position in subset) > half
        ]
        return [subset for subset in heavy_enough if not any(other < subset for other in heavy_enough)]

    @cached_property
    def unique_tokens(self):
        seen = {}
        for token in self.tokens:
            seen.setdefault(token.folded, token)
        return list(seen.values())

    @cached_property
    def marked_tokens(self):
        """The distinct words typed with marks (hòa and hóa are two): how many of them a document has as typed
        ranks it first."""
        seen = {}
        for token in self.tokens:
            if token.marked:
                seen.setdefault(token.exact, token)
        return list(seen.values())


def splits(word):
    """Every way to cut a word into two or three pieces: "ede" -> ("e", "de"), ("ed", "e"), ("e", "d", "e")."""
    if not word.isalpha() or len(word) > MAX_SPLIT_LENGTH:
        return []
    in_two = _in_two(word)
    return in_two + [(head, *tail) for head, rest in in_two for tail in _in_two(rest)]


def _in_two(word):
    return [(word[:cut], word[cut:]) for cut in range(1, len(word))]


def query_plan(text, thesaurus=None, known_words=None):
    """The query's words and every form that finds each.

    Words typed with the input method off (Telex, VNI: search.keystrokes) are read as meant when they are no
    Vietnamese word as typed and `known_words(folded words)`, the ones the index has, leaves them out. The
    thesaurus's forms (search.synonyms) are added to the words they stand for, except in a quoted phrase.
    """
    terms = query_terms(text)
    spellings = _keystroke_spellings(terms.exact, known_words)
    if spellings:
        terms = query_terms(respelled(text, spellings))
    tokens = [
        QueryToken(folded=folded, exact=exact, key=misspelling_key(folded))
        for exact, folded in zip(terms.exact, terms.folded, strict=True)
    ]
    concatenations = set(terms.joined)
    for size in range(2, MAX_JOINED_WORDS + 1):
        for start in range(len(tokens) - size + 1):
            window = tokens[start : start + size]
            joined = "".join(token.folded for token in window)
            if joined in concatenations:
                for token in window:
                    token.joined.append(joined)
    matches = thesaurus.alternatives(terms.folded) if thesaurus is not None and not terms.phrase else []
    for match in matches:
        for token in tokens[match.start : match.end]:
            token.synonyms.extend(form for form in match.forms if form not in token.synonyms)
    return QueryPlan(
        tokens=tokens,
        has_diacritics=terms.has_diacritics,
        phrase=terms.phrase,
        fuzzy_candidates=terms.fuzzy,
        respelled=" ".join(terms.exact) if spellings else "",
        synonym_windows=[match for match in matches if match.end - match.start > 1],
    )


def _keystroke_spellings(words, known_words):
    """{word as typed: as meant} for the words typed with the input method off that the index does not know."""
    decoded = {word: meant for word in words if (meant := decode(word))}
    if decoded and known_words is not None:
        known = known_words({fold(word) for word in decoded})
        decoded = {word: meant for word, meant in decoded.items() if fold(word) not in known}
    return decoded
