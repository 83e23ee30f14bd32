"""The search document's schema: every field a search document has, declared once.

A document's builder (search.documents) describes an item with the described fields (`Document`, made from
them in search.engines.base). Each engine keeps the fields it holds, their values worked out from the
document by `Field.stored_value`: the embedded engine in SearchDocument's columns of the same names, beside
its own analysed terms (search.engines.terms.DocumentTerms); OpenSearch in an index whose mapping is made
from these fields, its analysed terms included (search.engines.opensearch.mapping). A hit (`Hit`) shows the
shown fields; the facets are the filters a query may carry, and are counted over its matches.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from operator import attrgetter


class FieldType(Enum):
    # One exact value: an id, a filter, a facet, a sort.
    KEYWORD = "keyword"
    INTEGER = "integer"
    DATE = "date"
    # Plain text, as a hit shows it; it is found through its analysed terms, never matched as such.
    TEXT = "text"
    # Analysed terms (search.analysis), joined by spaces into one string per part of the document: OpenSearch
    # only splits them again, so both engines match the same Vietnamese terms.
    TERMS = "terms"


KEYWORD = FieldType.KEYWORD
INTEGER = FieldType.INTEGER
DATE = FieldType.DATE
TEXT = FieldType.TEXT
TERMS = FieldType.TERMS
PYTHON_TYPES = {KEYWORD: str, INTEGER: int, DATE: datetime.datetime, TEXT: str, TERMS: str}


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    # None when an item has none; the API then says null.
    optional: bool = False
    # Given by the document's builder; otherwise each engine works it out with `value`.
    described: bool = True
    # What an engine holds of the document for this field, when not the described value itself.
    value: Callable | None = None
    in_database: bool = True
    in_opensearch: bool = True
    # Matched, filtered or sorted on in OpenSearch; otherwise only held for a hit to show.
    indexed: bool = True
    shown: bool = False
    facet: bool = False
    # TERMS: whether positions are kept (phrases); whether the field holds every part of the document (title,
    # text, extra text), a value per part kept apart so that no phrase spans two, or the title's alone.
    positions: bool = False
    parts: bool = False

    @property
    def annotation(self):
        python_type = PYTHON_TYPES[self.type]
        return python_type | None if self.optional else python_type

    def stored_value(self, document):
        return self.value(document) if self.value else getattr(document, self.name)


def _year(document):
    return document.published_at.year


def _terms(name, positions=False, parts=False):
    """A field of OpenSearch's analysed terms, worked out by its engine (search.engines.opensearch.source):
    indexed, never read back."""
    return Field(name, TERMS, described=False, in_database=False, positions=positions, parts=parts)


FIELDS = (
    Field("key", KEYWORD, shown=True),
    # The object behind the document: the embedded index holds one document per object.
    Field("content_type_id", INTEGER, in_opensearch=False),
    Field("object_id", INTEGER, in_opensearch=False),
    Field("url", KEYWORD, indexed=False, shown=True),
    Field("title", TEXT, indexed=False, shown=True),
    # The plain text that snippets are cut from (search.highlight, in Python, for both engines): its first
    # SNIPPET_SOURCE_LENGTH characters, so a hit reads the same however long the document is.
    Field("text", TEXT, indexed=False, shown=True, value=attrgetter("snippet_source")),
    # Tags, column, authors, a profile's fields...: found, never shown, so only their terms are held.
    Field("extra_text", TEXT, in_database=False, in_opensearch=False),
    Field("outlet", KEYWORD, shown=True, facet=True),
    Field("kind", KEYWORD, shown=True, facet=True),
    # The language an item is written or broadcast in, as its ISO 639 code (newsroom.models.languages): "vi"
    # for every item that names none.
    Field("language", KEYWORD, shown=True, facet=True),
    Field("column", KEYWORD, shown=True, facet=True),
    Field("year", INTEGER, described=False, value=_year, facet=True),
    Field("published_at", DATE, shown=True),
    Field("external_id", KEYWORD, optional=True, shown=True),
    Field("exemplar_kind", KEYWORD, optional=True, shown=True, facet=True),
    # The id of the picture a card of the item shows (newsroom.pictures), if any: held for a hit to show, never
    # searched or counted. No foreign key: an image deleted since the item was indexed just shows no picture.
    Field("image_id", INTEGER, optional=True, indexed=False, shown=True),
    # OpenSearch's analysed terms: the title's, with positions.
    _terms("title_exact", positions=True),
    _terms("title_folded", positions=True),
    # Every part's, with positions.
    _terms("exact", positions=True, parts=True),
    _terms("folded", positions=True, parts=True),
    # Every folded word and its concatenations with its neighbours: what the term suggester and the count read.
    _terms("joined", parts=True),
    # What a word's scoring reads beside folded, with short postings lists: the concatenations alone ("ede"
    # for Ê Đê), and only the misspelling keys that differ from their word (dak for Đắc; a key equal to its
    # word is in folded already).
    _terms("concatenations", parts=True),
    _terms("respelled", parts=True),
    # Adjacent folded (and exact) words as one term "first_second", for the phrase boosts.
    _terms("pairs", parts=True),
    _terms("exact_pairs", parts=True),
    _terms("title_pairs"),
)

DESCRIBED = tuple(field for field in FIELDS if field.described)
SHOWN = tuple(field for field in FIELDS if field.shown)
IN_DATABASE = tuple(field for field in FIELDS if field.in_database)
IN_OPENSEARCH = tuple(field for field in FIELDS if field.in_opensearch)
# The filters a query may carry, which are also the facets counted over its matches.
FACET_FIELDS = tuple(field.name for field in FIELDS if field.facet)


def names(fields):
    return tuple(field.name for field in fields)


def stored_values(document, fields):
    """{name: value} of the fields an engine holds, worked out from a Document."""
    return {field.name: field.stored_value(document) for field in fields}
