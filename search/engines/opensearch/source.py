"""What the index holds of a Document: the schema's stored fields, and its analysed terms (search.analysis)."""

from operator import attrgetter

from search.analysis import index_terms
from search.schema import DATE

from .mapping import ANALYSED_FIELDS, STORED_FIELDS


def source(document):
    stored = {field.name: _stored(field, document) for field in STORED_FIELDS}
    return {**stored, **analysed_fields(document)}


def _stored(field, document):
    value = field.stored_value(document)
    # JSON has no dates: the mapping's date fields read ISO 8601.
    return value.isoformat() if field.type is DATE else value


def analysed_fields(document):
    """Each analysed field's terms, joined by spaces: one value per part of the document (title, text, extra
    text), or the title's alone (search.schema)."""
    parts = [index_terms(text) for text in (document.title, document.text, document.extra_text)]
    return {field.name: _analysed(field, parts) for field in ANALYSED_FIELDS}


def _analysed(field, parts):
    terms = PART_TERMS[field.name]
    if field.parts:
        return [" ".join(terms(part)) for part in parts]
    title = parts[0]
    return " ".join(terms(title))


def word_pairs(words):
    """Each word with the next as one term: "a_b" (no token holds "_", search.analysis.TOKEN)."""
    return [f"{first}_{second}" for first, second in zip(words, words[1:], strict=False)]


def _concatenations(part):
    # index_terms lists a part's joined terms as its folded words, then their concatenations.
    return part.joined[len(part.folded) :]


def _respelled_keys(part):
    return [key for key, word in zip(part.keys, part.folded, strict=True) if key != word]


def _folded_pairs(part):
    return word_pairs(part.folded)


def _exact_pairs(part):
    return word_pairs(part.exact)


# What each analysed field holds of a part of the document (search.analysis.FieldTerms).
PART_TERMS = {
    "title_exact": attrgetter("exact"),
    "title_folded": attrgetter("folded"),
    "exact": attrgetter("exact"),
    "folded": attrgetter("folded"),
    "joined": attrgetter("joined"),
    "concatenations": _concatenations,
    "respelled": _respelled_keys,
    "pairs": _folded_pairs,
    "exact_pairs": _exact_pairs,
    "title_pairs": _folded_pairs,
}
