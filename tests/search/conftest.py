"""Search fixtures: the dev set imported and indexed, a quick way to index hand-made articles, and OpenSearch.

OpenSearch tests ask for the `opensearch` fixture: it needs a node at $OPENSEARCH_URL (CI starts one; locally
`search/opensearch_node/run.sh --background`) and gives each test an alias of its own, named after this run,
so runs on SQLite and PostgreSQL, reruns and tests never share an index; the test's indices are deleted after.
"""

import itertools
import json
import os
import urllib.request
import uuid
from pathlib import Path

import pytest

from newsroom.importer import import_archive
from search.indexing import get_engine, rebuild
from search.service import get_remote_engine
from tests.conftest import require_service

DATA = Path(__file__).resolve().parent.parent / "data"
RUN_PREFIX = f"neuguong-test-{uuid.uuid4().hex[:12]}"
_aliases = itertools.count(1)


def read_jsonl(name):
    with open(DATA / name, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def opensearch_url():
    return os.environ.get("OPENSEARCH_URL", "").strip()


def node_answers(url):
    try:
        with urllib.request.urlopen(f"{url.rstrip('/')}/_cluster/health", timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture
def opensearch(settings):
    """The OpenSearch engine, on an alias of this test's own; the embedded engine stays written as ever."""
    url = opensearch_url()
    require_service(url and node_answers(url), f"OpenSearch at {url or '$OPENSEARCH_URL'}")
    settings.OPENSEARCH_URL = url
    settings.OPENSEARCH_INDEX = f"{RUN_PREFIX}-{next(_aliases)}"
    engine = get_remote_engine()
    yield engine
    engine.delete_all()


@pytest.fixture
def search_engine():
    """The engine the `search` fixture asks: the embedded one, unless a module overrides this fixture."""
    return get_engine()


@pytest.fixture(params=["database", pytest.param("opensearch", marks=pytest.mark.opensearch)])
def each_engine(request):
    """Each engine in turn, asked directly (no fallback): for modules whose queries must pass on both."""
    if request.param == "opensearch":
        return request.getfixturevalue("opensearch")
    return get_engine()


@pytest.fixture
def import_articles(outlets, search_engine):
    """Import archive-format dicts as published articles, then rebuild the index."""

    def load(articles):
        errors = []
        import_archive((json.dumps(article, ensure_ascii=False) for article in articles), errors.append)
        assert not errors, errors
        rebuild()

    return load


@pytest.fixture
def devset(import_articles):
    import_articles(read_jsonl("articles-dev.jsonl"))


@pytest.fixture
def search(search_engine):
    """Run a query on the engine: search("q", outlet=...) -> SearchResults."""
    from search.engines.base import SearchQuery

    def run(text, sort="relevance", page=1, page_size=10, **filters):
        return search_engine.search(
            SearchQuery(text=text, filters=filters, sort=sort, page=page, page_size=page_size)
        )

    return run


def external_ids(results):
    return [hit.external_id for hit in results.hits]
