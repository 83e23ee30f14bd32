"""What `manage.py setup` does for search: OpenSearch's index, built from what is already published when there is
none yet (a new site, or OpenSearch configured on a running one), and left alone once it is in place."""

from io import StringIO

import pytest

from django.core.management import call_command

from search.documents import document_key

pytestmark = pytest.mark.opensearch


def set_up():
    output = StringIO()
    call_command("setup", stdout=output)
    return output.getvalue()


def test_setup_builds_the_index_from_what_is_published(request, make_exemplar):
    exemplar = make_exemplar("Y Khoa Niê")  # published before OpenSearch is configured: nothing is queued
    opensearch = request.getfixturevalue("opensearch")
    assert opensearch.live_generation() is None

    output = set_up()

    assert opensearch.live_generation() is not None
    assert opensearch.keys() == {document_key(type(exemplar), exemplar.pk)}
    assert "OpenSearch's index built, 1 documents." in output


def test_a_second_setup_leaves_the_index_in_place(opensearch, outlets):
    set_up()
    built = opensearch.live_generation()
    assert built is not None

    output = set_up()

    assert opensearch.live_generation() == built
    assert f"OpenSearch's index {built} is in place." in output
