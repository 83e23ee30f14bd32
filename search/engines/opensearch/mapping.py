"""The index's mapping, made from the search document's schema (search.schema), and whether a generation has it.

Nothing the schema does not declare can be indexed (dynamic "strict"). The analysed terms are indexed, never
read back: they are kept out of the stored source, which a hit's fetch decompresses whole. They are nine
tenths of a document's source; documents are rebuilt from the database, never from the index.
"""

from typing import NamedTuple

from opensearchpy import Date, Integer, Keyword, Mapping, Text
from opensearchpy import analyzer as define_analyzer

from search.schema import DATE, IN_OPENSEARCH, INTEGER, KEYWORD, TERMS, TEXT, names

# The terms arrive analysed: the whitespace tokenizer only splits them again.
TERMS_ANALYZER = define_analyzer("neuguong_terms", tokenizer="whitespace")
# Well apart, so a phrase never spans the end of one part of a document and the start of the next.
PART_GAP = 100
ANALYSED_FIELDS = tuple(field for field in IN_OPENSEARCH if field.type is TERMS)
# Everything else is kept in the stored source too.
STORED_FIELDS = tuple(field for field in IN_OPENSEARCH if field.type is not TERMS)
FIELD_CLASSES = {KEYWORD: Keyword, INTEGER: Integer, DATE: Date, TEXT: Text}


class FieldShape(NamedTuple):
    type: str | None
    analyzer: str | None


class MappingShape(NamedTuple):
    """What a change of the mapping changes, unlike the defaults OpenSearch echoes."""

    fields: dict[str, FieldShape]
    source_excludes: list[str]


def index_mapping():
    mapping = Mapping()
    for field in IN_OPENSEARCH:
        mapping.field(field.name, _mapped(field))
    mapping.meta("dynamic", "strict")
    mapping.meta("_source", excludes=list(names(ANALYSED_FIELDS)))
    return mapping


def _mapped(field):
    if field.type is TERMS:
        return _terms_field(field)
    field_class = FIELD_CLASSES[field.type]
    if field.indexed:
        return field_class()
    # Kept for a hit to show: neither searched nor sorted on.
    return field_class(index=False) if field.type is TEXT else field_class(index=False, doc_values=False)


def _terms_field(field):
    if not field.positions:
        return Text(analyzer=TERMS_ANALYZER, index_options="freqs")
    gap = {"position_increment_gap": PART_GAP} if field.parts else {}
    return Text(analyzer=TERMS_ANALYZER, index_options="positions", **gap)


def is_current(mapping):
    """Whether a generation's mapping, as OpenSearch gives it, is the one made from the schema: if not, only a
    rebuild brings it."""
    return _shape(mapping) == _shape(index_mapping().to_dict())


def _shape(mapping):
    fields = {
        name: FieldShape(type=field.get("type"), analyzer=field.get("analyzer"))
        for name, field in mapping.get("properties", {}).items()
    }
    return MappingShape(fields=fields, source_excludes=sorted(mapping.get("_source", {}).get("excludes", [])))
