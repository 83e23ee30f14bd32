"""What a search costs does not grow with the size of one document: snippets and highlights come from the
first SNIPPET_SOURCE_LENGTH characters of a text, and the embedded engine ranks the first MAX_RANKED_TOKENS
words of each part (issue 12, case 3: a 50 MB imported body made every search matching it take 25-31 s and
1.1 GB)."""

import pytest

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from wagtail.rich_text import RichText

from newsroom.models import ArticlePage
from search.engines.base import SNIPPET_SOURCE_LENGTH, Document, SearchQuery
from search.engines.terms import MAX_RANKED_TOKENS
from search.highlight import highlight, snippet
from search.indexing import rebuild
from search.models import SearchDocument
from search.service import get_engine
from tests.conftest import peak_memory

PARAGRAPH = (
    "<p>Gương điển hình tiên tiến ở Đắk Lắk: già làng Y Khu giữ rừng, nữ công an xã Ea Tiêu, "
    "phong trào thi đua yêu nước năm 2025.</p>"
)
SMALL_BODY = 5_000
LARGE_BODY = 5_000_000
# What a search may hold more for a 5 MB body than for a 5 KB one: far less than the body itself.
MEMORY_SLACK = 2_000_000


def body_of(size):
    """A body of one paragraph block of about `size` bytes of HTML, as a long archive import makes."""
    return [("paragraph", RichText(PARAGRAPH * (size // len(PARAGRAPH.encode()) + 1)))]


@pytest.fixture(params=["database", pytest.param("opensearch", marks=pytest.mark.opensearch)])
def engine_name(request):
    """Which engine answers the reader: the embedded one, or OpenSearch through the search service."""
    if request.param == "opensearch":
        request.getfixturevalue("opensearch")
    return request.param


@pytest.fixture
def long_read(client, engine_name, outlets, make_column, make_article):
    """An indexed article whose body can be made long; lengthen() indexes it again."""
    column = make_column(outlets["newspaper"], "Điển hình tiên tiến")
    article = make_article(column, "Già làng Y Khu giữ rừng", body=body_of(SMALL_BODY))
    rebuild()
    assert client.get("/api/search/", {"q": "điển hình"}).json()["engine"] == engine_name

    def lengthen():
        article.body = body_of(LARGE_BODY)
        article.save(update_fields=["body"])
        rebuild()

    return lengthen


@pytest.mark.parametrize("address", ["/api/search/", "/tim-kiem/"])
def test_a_search_costs_the_same_memory_for_a_5_mb_body_as_for_a_5_kb_one(
    client, engine_name, long_read, address
):
    def read():
        response = client.get(address, {"q": "điển hình"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Già làng Y Khu giữ rừng" in html and "<mark>điển</mark>" in html

    read()  # Templates compiled, caches filled: what is measured is the request alone.
    with_short_body = peak_memory(read)
    long_read()
    read()
    with_long_body = peak_memory(read)
    assert with_long_body - with_short_body < MEMORY_SLACK, (with_short_body, with_long_body)


def test_a_snippet_reads_only_the_start_of_a_long_text():
    text = "Đắk Lắk " * (SNIPPET_SOURCE_LENGTH // 8) + "cà phê hữu cơ"
    assert "<mark>" not in str(snippet(text, "cà phê"))
    assert str(snippet(text, "đắk lắk")).startswith("<mark>Đắk</mark> <mark>Lắk</mark>")


def test_a_highlight_marks_only_the_start_of_a_long_text_and_keeps_the_rest():
    text = "Đắk Lắk " * (SNIPPET_SOURCE_LENGTH // 8) + "cà phê <b>"
    marked = str(highlight(text, "cà phê lắk"))
    assert marked.startswith("Đắk <mark>Lắk</mark>")
    assert marked.endswith("cà phê &lt;b&gt;")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_keeps_every_word_counted_and_cuts_long_snippet_texts(every_migration_applied_again):
    """Documents indexed before the bounds keep finding their vocabulary (for the term counts) and lose the
    text no snippet reads, without waiting for the next `search_index update`."""
    before, after = (
        ("search", "0003_posting_document_without_constraint"),
        ("search", "0004_searchdocument_vocabulary_and_bounded_text"),
    )
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old_document = executor.loader.project_state([before]).apps.get_model("search", "SearchDocument")
    # Transactional tests flush the content types: the cached id may belong to an earlier test's database.
    ContentType.objects.clear_cache()
    common = {"content_type_id": ContentType.objects.get_for_model(ArticlePage).pk, "outlet": "newspaper"}
    common |= {
        "kind": "article",
        "published_at": timezone.now(),
        "year": 2025,
        "length": 3,
        "url": "/",
        "title": "t",
    }
    old_document.objects.create(
        key="a",
        object_id=1,
        folded=" hoa | dak lak | " + "x" * 101 + " ",
        text="Đắk " * SNIPPET_SOURCE_LENGTH,
        **common,
    )
    old_document.objects.create(key="b", object_id=2, folded=" ca phe ", text="Cà phê", **common)
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([after])
        new_document = executor.loader.project_state([after]).apps.get_model("search", "SearchDocument")
        documents = {document.key: document for document in new_document.objects.all()}
    finally:
        every_migration_applied_again()
    assert documents["a"].vocabulary == " dak hoa lak "
    assert documents["a"].text == ("Đắk " * SNIPPET_SOURCE_LENGTH)[:SNIPPET_SOURCE_LENGTH]
    assert documents["b"].vocabulary == " ca phe " and documents["b"].text == "Cà phê"


def test_a_word_past_the_bounded_parts_still_finds_the_document(each_engine, db):
    text = "Đắk Lắk " * MAX_RANKED_TOKENS + "cồng chiêng"
    each_engine.index([a_document(text)])
    each_engine.refresh()
    (hit,) = each_engine.search(SearchQuery(text="cồng chiêng")).hits
    assert hit.text == text[:SNIPPET_SOURCE_LENGTH]


def test_the_embedded_index_stores_bounded_parts_and_every_word(db):
    text = "Đắk Lắk " * MAX_RANKED_TOKENS + "cồng chiêng"
    get_engine().index([a_document(text)])
    stored = SearchDocument.objects.get()
    assert len(stored.text) == SNIPPET_SOURCE_LENGTH
    assert stored.length == 2 + MAX_RANKED_TOKENS  # the title's two words and the text's first ones
    assert " chieng " not in stored.folded and " chieng " in stored.vocabulary


def a_document(text):
    return Document(
        key="newsroom.articlepage:1",
        content_type_id=ContentType.objects.get_for_model(ArticlePage).pk,
        object_id=1,
        url="/",
        title="Lễ hội",
        text=text,
        extra_text="",
        outlet="newspaper",
        kind="article",
        column="",
        published_at=timezone.now(),
        language="vi",
    )
