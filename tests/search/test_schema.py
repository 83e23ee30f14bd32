"""The search document's schema (search.schema) is declared once: every builder's document has its fields,
each engine holds and gives back its fields, and OpenSearch's mapping, and the check of a generation's
mapping, are made from it."""

import dataclasses

import pytest

from django.db import connection

from search.documents import SOURCES
from search.engines.base import Document, SearchQuery
from search.engines.database import CANDIDATE_FIELDS, LIGHT_FIELDS
from search.engines.opensearch import mapping
from search.engines.opensearch.mapping import index_mapping, is_current
from search.engines.opensearch.source import source
from search.indexing import rebuild
from search.models import SearchDocument
from search.schema import (
    DATE,
    DESCRIBED,
    IN_DATABASE,
    IN_OPENSEARCH,
    INTEGER,
    KEYWORD,
    PYTHON_TYPES,
    SHOWN,
    TERMS,
    TEXT,
    Field,
    names,
    stored_values,
)

MAPPED_TYPES = {KEYWORD: "keyword", INTEGER: "integer", DATE: "date", TEXT: "text", TERMS: "text"}


@pytest.fixture
def one_of_each_kind(
    outlets,
    make_column,
    make_article,
    make_exemplar,
    make_movement,
    make_contest,
    make_campaign,
    make_programme,
    make_episode,
):
    """An object of every searchable kind, with an archive id, an exemplar kind and a language among them."""
    column = make_column(outlets["newspaper"], "Thời sự")
    make_article(column, "Cà phê sạch ở Cư Kuin", standfirst="Nông dân trồng cà phê.", external_id="d42")
    movement = make_movement("Phong trào trồng cà phê bền vững")
    make_exemplar("Hộ ông Y Điêng trồng cà phê", subject_kind="household", movements=[movement])
    make_contest("Cuộc thi viết về cà phê")
    make_campaign("Cà phê và Chiến thắng Buôn Ma Thuột")
    programme = make_programme("Phát thanh tiếng Ê Đê", language="rad")
    make_episode("Bản tin cà phê", programme, language="rad", transcript="Giá cà phê hôm nay.")


def built_documents():
    """{key: document} of every searchable object, as its source builds it."""
    return {
        document.key: document
        for registered in SOURCES.values()
        for document in registered.build(list(registered.searchable()))
    }


def test_every_builder_gives_a_document_of_the_schemas_described_fields_and_types(one_of_each_kind):
    documents = built_documents()

    assert {key.partition(":")[0] for key in documents} == {model._meta.label_lower for model in SOURCES}
    for document in documents.values():
        assert type(document) is Document
        values = {name: getattr(document, name) for name in names(DESCRIBED)}
        assert {field.name for field in dataclasses.fields(document)} == set(values)
        for field in DESCRIBED:
            value = values[field.name]
            assert isinstance(value, PYTHON_TYPES[field.type]) or (field.optional and value is None), (
                document.key,
                field.name,
            )
    assert {document.external_id for document in documents.values()} == {"d42", None}
    assert {document.exemplar_kind for document in documents.values()} == {"household", None}
    assert {document.language for document in documents.values()} == {"vi", "rad"}


def test_opensearch_is_sent_exactly_the_fields_its_mapping_declares(one_of_each_kind):
    for document in built_documents().values():
        assert (
            set(source(document)) == set(names(IN_OPENSEARCH)) == set(index_mapping().to_dict()["properties"])
        )


def test_the_embedded_engine_holds_the_schemas_values_in_columns_of_their_names(one_of_each_kind):
    rebuild()
    documents = built_documents()

    columns = {column.attname for column in SearchDocument._meta.concrete_fields}
    assert columns == {"id", *names(IN_DATABASE), *CANDIDATE_FIELDS, "vocabulary"}
    rows = SearchDocument.objects.values(*names(IN_DATABASE))
    assert {row["key"]: row for row in rows} == {
        key: stored_values(document, IN_DATABASE) for key, document in documents.items()
    }


# What the embedded engine reads of every document for every search (search.engines.database._read_light_index),
# and the long texts.
LIGHT_COLUMNS = {*LIGHT_FIELDS, "length", "title_folded"}
LONG_COLUMNS = {"keys", "title_exact", "exact", "folded", "text", "vocabulary"}


@pytest.mark.django_db
def test_what_every_search_reads_of_every_document_is_not_stored_after_the_long_texts():
    """SQLite keeps a row's columns in order and reaches a column past long texts through their overflow pages:
    the light columns, those added since the table was made included (the language), come first there.
    PostgreSQL keeps long values out of the row (TOAST), whatever the order."""
    table = SearchDocument._meta.db_table
    with connection.cursor() as cursor:
        columns = [column.name for column in connection.introspection.get_table_description(cursor, table)]
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT attname, attstorage FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0",
                [table],
            )
            storage = dict(cursor.fetchall())
    assert set(columns) >= LIGHT_COLUMNS | LONG_COLUMNS
    if connection.vendor == "postgresql":
        assert {storage[name] for name in LONG_COLUMNS} == {"x"}  # compressed, and moved out when long
    else:
        assert max(map(columns.index, LIGHT_COLUMNS)) < min(map(columns.index, LONG_COLUMNS)), columns


def test_each_engine_gives_back_the_schemas_shown_values(each_engine, one_of_each_kind):
    rebuild()
    documents = built_documents()

    hits = each_engine.search(SearchQuery(text="cà phê", page_size=100)).hits
    assert {hit.key for hit in hits} == set(documents)
    for hit in hits:
        assert {field.name for field in dataclasses.fields(hit)} == {*names(SHOWN), "score", "approximate"}
        shown = {name: getattr(hit, name) for name in names(SHOWN)}
        assert shown == stored_values(documents[hit.key], SHOWN)


def test_the_mapping_declares_every_field_of_the_schema_as_its_type_says():
    made = index_mapping().to_dict()

    assert made["dynamic"] == "strict"
    assert made["_source"] == {"excludes": [field.name for field in IN_OPENSEARCH if field.type is TERMS]}
    assert {name: declared["type"] for name, declared in made["properties"].items()} == {
        field.name: MAPPED_TYPES[field.type] for field in IN_OPENSEARCH
    }
    for field in IN_OPENSEARCH:
        declared = made["properties"][field.name]
        assert declared.get("index", True) is field.indexed, field.name
        if field.type is TERMS:
            assert declared["analyzer"] == "neuguong_terms"
            assert declared["index_options"] == ("positions" if field.positions else "freqs")
            assert ("position_increment_gap" in declared) is (field.positions and field.parts)


def test_the_mapping_check_compares_a_generation_with_the_mapping_made_from_the_schema(monkeypatch):
    """What OpenSearch gives back of a generation's mapping echoes defaults; what changes the schema makes
    (a field, an analyzer, what the stored source leaves out) outdate it."""
    generation = index_mapping().to_dict()
    echoed = {
        **generation,
        "properties": {**generation["properties"], "key": {"type": "keyword", "store": False}},
    }
    assert is_current(echoed)

    other_analyzer = {**generation["properties"], "folded": {"type": "text", "analyzer": "standard"}}
    assert not is_current({**generation, "properties": other_analyzer})
    assert not is_current({**generation, "_source": {"excludes": ["folded"]}})

    region = Field("region", KEYWORD, facet=True)
    monkeypatch.setattr(mapping, "IN_OPENSEARCH", (*IN_OPENSEARCH, region))
    assert not is_current(generation), "a field added to the schema outdates the generations built before"
    assert is_current(index_mapping().to_dict())
