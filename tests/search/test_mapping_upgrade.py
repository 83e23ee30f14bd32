"""After a deploy that changes OpenSearch's mapping, `search_index update` says a rebuild is needed instead of
failing on the new field or leaving a new filter finding nothing; `rebuild` brings the new mapping."""

from io import StringIO

import pytest
from opensearchpy import Index

from django.core.management import CommandError, call_command

from search.engines.base import SearchQuery
from search.engines.opensearch import mapping
from search.engines.opensearch.mapping import index_mapping
from search.schema import IN_OPENSEARCH, KEYWORD, Field

pytestmark = pytest.mark.opensearch


@pytest.fixture
def index_of_an_older_version(opensearch):
    """The searched generation as a version without the exemplar kind in its mapping had built it."""
    name = f"{opensearch.alias}-20240101000000000000"
    index = Index(name)
    index.mapping(index_mapping())
    body = index.to_dict()
    del body["mappings"]["properties"]["exemplar_kind"]
    opensearch.clients.bulk.indices.create(index=name, body=body)
    opensearch.publish(name)
    return name


def command(*args):
    output = StringIO()
    call_command("search_index", *args, stdout=output)
    return output.getvalue()


def test_update_asks_for_a_rebuild_and_rebuild_brings_the_new_mapping(
    opensearch, index_of_an_older_version, make_exemplar
):
    make_exemplar("Hộ ông Y Điêng", subject_kind="household", summary="Trồng sầu riêng hữu cơ.")
    assert not opensearch.mapping_is_current()
    assert "run 'search_index rebuild'" in command("status")

    with pytest.raises(CommandError, match="older version: run 'search_index rebuild'"):
        command("update")

    command("rebuild")
    assert opensearch.mapping_is_current()
    assert opensearch.live_generation() != index_of_an_older_version
    assert "older version" not in command("status")
    assert "update: 1 documents indexed" in command("update")
    results = opensearch.search(SearchQuery(text="sau rieng", filters={"exemplar_kind": "household"}))
    assert [hit.title for hit in results.hits] == ["Hộ ông Y Điêng"]


def test_a_current_mapping_updates_as_ever(opensearch, make_exemplar):
    make_exemplar("Chị H'Ngơm", summary="Dạy hát dân ca Ê Đê.")
    command("rebuild")
    assert opensearch.mapping_is_current()
    assert "update: 1 documents indexed" in command("update")


def test_a_field_added_to_the_schema_outdates_the_searched_generation_until_a_rebuild(
    db, opensearch, monkeypatch
):
    command("rebuild")
    assert opensearch.mapping_is_current()

    monkeypatch.setattr(mapping, "IN_OPENSEARCH", (*IN_OPENSEARCH, Field("region", KEYWORD, facet=True)))
    assert not opensearch.mapping_is_current()
    command("rebuild")
    assert opensearch.mapping_is_current()
    live = opensearch.live_generation()
    properties = opensearch.clients.bulk.indices.get_mapping(index=live)[live]["mappings"]["properties"]
    assert properties["region"] == {"type": "keyword"}
