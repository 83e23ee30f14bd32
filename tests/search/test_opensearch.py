"""OpenSearch: the project's own index (explicit mapping, nothing private), the service's choice of engine, and
rebuilds that swap an alias so searches go on meanwhile. The dev set and the ranking cases run on both engines
in test_devset.py and test_ranking_cases.py."""

import datetime
from dataclasses import replace
from io import StringIO

import pytest

from django.core.management import call_command

from wagtail.models import PageViewRestriction

from newsroom.models import ArticlePage
from search import service
from search.documents import SOURCES, article_documents
from search.engines.base import Document, SearchQuery
from search.engines.opensearch import generations
from search.engines.opensearch.generations import DOCUMENTS_PER_SHARD
from search.engines.opensearch.mapping import ANALYSED_FIELDS
from search.engines.opensearch.source import analysed_fields
from search.engines.opensearch.writes import new_version
from search.indexing import build_generation, drain_queue, rebuild
from search.models import PendingIndexChange
from search.schema import IN_OPENSEARCH, names

pytestmark = pytest.mark.opensearch


@pytest.fixture
def columns(opensearch, outlets, make_column):
    return {
        "newspaper": make_column(outlets["newspaper"], "Thời sự"),
        "portal": make_column(outlets["portal"], "Tin tỉnh"),
    }


def titles(engine, text, **filters):
    """The titles of the documents with the query's words; approximate matches (some of them) are left out."""
    hits = engine.search(SearchQuery(text=text, filters=filters)).hits
    return [hit.title for hit in hits if not hit.approximate]


def stored_documents(engine):
    engine.refresh()
    response = engine.clients.bulk.search(index=engine.alias, body={"size": 100, "query": {"match_all": {}}})
    return {hit["_id"]: hit["_source"] for hit in response["hits"]["hits"]}


def test_the_index_has_an_explicit_mapping_and_documents_only_its_fields(opensearch, columns, make_article):
    make_article(columns["newspaper"], "Bài công khai về cà phê", standfirst="Cà phê Buôn Ma Thuột.")
    make_article(columns["newspaper"], "Bản nháp về cà phê", live=False)
    private_column = columns["portal"]
    make_article(private_column, "Tin nội bộ về cà phê")
    PageViewRestriction.objects.create(page=private_column, restriction_type="login")
    rebuild()

    mapping = opensearch.clients.bulk.indices.get_mapping(index=opensearch.alias)
    (properties,) = [index["mappings"] for index in mapping.values()]
    assert properties["dynamic"] == "strict"
    assert set(properties["properties"]) == set(names(IN_OPENSEARCH))
    assert properties["properties"]["folded"]["analyzer"] == "neuguong_terms"
    documents = stored_documents(opensearch)
    assert [source["title"] for source in documents.values()] == ["Bài công khai về cà phê"]
    for source in documents.values():
        # What a hit shows and filters on; the analysed terms are indexed but left out of the stored source.
        assert set(source) <= set(names(IN_OPENSEARCH)) - set(names(ANALYSED_FIELDS))
    # Only registered, public sources: nominations, contest entries and the like have no source at all.
    registered = {model._meta.label_lower for model in SOURCES}
    assert {key.partition(":")[0] for key in documents} <= registered
    assert set(documents) == service.get_engine().keys()


def test_a_field_outside_the_mapping_is_refused(opensearch, columns, make_article):
    make_article(columns["newspaper"], "Bài bất kỳ")
    rebuild()
    with pytest.raises(Exception, match="strict_dynamic_mapping_exception"):
        opensearch.clients.bulk.index(index=opensearch.alias, id="x", body={"nominee_phone": "0900000000"})


def test_filters_facets_pages_dates_and_autocomplete(opensearch, columns, make_article):
    for number in range(3):
        make_article(columns["newspaper"], f"Hồ tiêu hữu cơ mùa {number}")
    make_article(columns["portal"], "Hồ tiêu sạch ở Cư Kuin")
    rebuild()

    results = opensearch.search(SearchQuery(text="ho tieu", filters={"outlet": "portal"}))
    assert [hit.title for hit in results.hits] == ["Hồ tiêu sạch ở Cư Kuin"]
    assert results.count == 1
    outlets = {facet.value: facet.count for facet in results.facets["outlet"]}
    assert outlets == {"newspaper": 3, "portal": 1}, "a filter narrows the results, not its own facet"
    assert {facet.value for facet in results.facets["column"]} == {"Tin tỉnh"}
    first, second = (
        opensearch.search(SearchQuery(text="ho tieu", page=page, page_size=2, sort="date")) for page in (1, 2)
    )
    assert first.count == second.count == 4
    newest_first = [hit.published_at for hit in first.hits + second.hits]
    assert newest_first == sorted(newest_first, reverse=True)
    assert [item.title for item in opensearch.autocomplete("ho tieu s")] == ["Hồ tiêu sạch ở Cư Kuin"]


def requests_of(engine, monkeypatch):
    """The names of the requests the engine's searches send to OpenSearch, in order."""
    sent = []
    for name in ("search", "msearch"):
        method = getattr(engine.clients.search, name)

        def recorded(*args, name=name, method=method, **kwargs):
            sent.append(name)
            return method(*args, **kwargs)

        monkeypatch.setattr(engine.clients.search, name, recorded)
    return sent


def test_a_search_of_words_the_index_knows_is_one_request(opensearch, columns, make_article, monkeypatch):
    # Enough matches that the search does not widen to approximate ones (FEW_MATCHES).
    for title in ("Hồ tiêu hữu cơ ở Krông Năng", "Hồ tiêu sạch ở Krông Năng", "Hồ tiêu Krông Năng"):
        make_article(columns["newspaper"], title)
    rebuild()
    sent = requests_of(opensearch, monkeypatch)

    # "krong" is long enough to be looked up for words one edit away, and the index knows it.
    known = opensearch.search(SearchQuery(text="tiêu krông"))
    assert known.count == 3 and sent == ["msearch"]

    sent.clear()
    misspelt = opensearch.search(SearchQuery(text="tiêu krôngg"))
    assert misspelt.corrected == "tieu krong" and misspelt.count == 3
    # The page and the count asked again with the word the misspelt one is near.
    assert sent == ["msearch", "msearch"]


def test_the_api_says_which_engine_answered_and_both_mark_snippets_alike(
    client, settings, opensearch, columns, make_article
):
    make_article(columns["newspaper"], "Nông dân trồng sầu riêng", standfirst="Sầu riêng Cư Kuin xuất khẩu.")
    rebuild()
    from_opensearch = client.get("/api/search/", {"q": "sau rieng"}).json()
    settings.OPENSEARCH_URL = None
    from_database = client.get("/api/search/", {"q": "sau rieng"}).json()

    assert (from_opensearch["engine"], from_database["engine"]) == ("opensearch", "database")
    (found,) = from_opensearch["results"]
    assert found["snippet"] == "<mark>Sầu</mark> <mark>riêng</mark> Cư Kuin xuất khẩu"
    assert {key: value for key, value in found.items() if key != "score"} == {
        key: value for key, value in from_database["results"][0].items() if key != "score"
    }


def test_searches_answer_from_the_old_index_until_the_new_one_is_complete(opensearch, columns, make_article):
    old = make_article(columns["newspaper"], "Bài cũ về cà phê")
    rebuild()
    old_generation = opensearch.live_generation()
    old.unpublish()
    make_article(columns["newspaper"], "Bài mới về cà phê")

    new_generation = build_generation(opensearch)
    # Between the bulk load and the swap: the alias still points at the old index, whole.
    assert opensearch.live_generation() == old_generation
    assert titles(opensearch, "ca phe") == ["Bài cũ về cà phê"]

    opensearch.publish(new_generation)
    assert titles(opensearch, "ca phe") == ["Bài mới về cà phê"]
    assert opensearch.generations() == [new_generation], "the old index is dropped after the swap"


def test_a_change_during_a_rebuild_reaches_the_new_index_and_is_not_overwritten(
    opensearch, columns, make_article
):
    article = make_article(columns["newspaper"], "Tiêu đề cũ")
    rebuild()
    rebuild_version = new_version()
    new_generation = build_generation(opensearch)
    article.title = "Tiêu đề mới về hồ tiêu"
    article.save_revision().publish()
    assert drain_queue().applied == 1, "the queue writes to the old and the new index alike"

    # The rebuild's older copy of the article arriving late is refused: the newer version stays.
    late_copy = article_document(article, title="Tiêu đề cũ")
    opensearch.load([[late_copy]], rebuild_version, generation=new_generation)
    opensearch.publish(new_generation)
    assert titles(opensearch, "ho tieu") == ["Tiêu đề mới về hồ tiêu"]
    assert titles(opensearch, "tieu de cu") == []


def article_document(article, **changes):
    (document,) = article_documents([ArticlePage.objects.get(pk=article.pk)])
    return replace(document, **changes)


def test_the_command_rebuilds_updates_and_reports_both_engines(opensearch, columns, make_article):
    make_article(columns["newspaper"], "Bài thứ nhất")
    output = StringIO()
    call_command("search_index", "rebuild", stdout=output)
    assert "opensearch: 1/1 documents" in output.getvalue()
    assert "rebuild: 1 documents indexed" in output.getvalue()

    make_article(columns["portal"], "Bài thứ hai")
    assert PendingIndexChange.objects.count() == 1
    call_command("search_index", "status", stdout=output)
    assert "newsroom.articlepage: 2 searchable in the database, 2 in the index, 1 in OpenSearch" in (
        output.getvalue()
    )
    assert "queue: 1 changes wait for OpenSearch" in output.getvalue()

    call_command("search_index", "update", stdout=output)
    assert PendingIndexChange.objects.count() == 0
    assert opensearch.count() == 2
    status = StringIO()
    call_command("search_index", "status", stdout=status)
    assert "2 in the index, 2 in OpenSearch" in status.getvalue()
    assert f"alias {opensearch.alias} -> {opensearch.live_generation()}, 2 documents" in status.getvalue()


def test_a_words_rarer_forms_are_indexed_apart_and_word_pairs_stay_within_a_part(
    opensearch, columns, make_article
):
    """Scoring reads one big postings list per word (folded): concatenations and the misspelling keys that
    differ from their word have fields of their own, and the phrase boosts read pairs of adjacent words."""
    article = make_article(columns["newspaper"], "Buôn Đôn", standfirst="Cà phê Đắc Lắc.")
    (document,) = article_documents(ArticlePage.objects.filter(pk=article.pk))
    fields = analysed_fields(document)

    assert set(fields) == set(names(ANALYSED_FIELDS))
    title, text, _extra = fields["concatenations"]
    assert (title, text) == ("buondon", "caphe phedac daclac caphedac phedaclac")
    assert fields["respelled"][:2] == ["", "ka dak lak"], "buôn, đôn and phê are their own keys"
    assert fields["pairs"][:2] == ["buon_don", "ca_phe phe_dac dac_lac"]
    assert fields["exact_pairs"][:2] == ["buôn_đôn", "cà_phê phê_đắc đắc_lắc"]
    assert fields["title_pairs"] == "buon_don"

    rebuild()
    found = opensearch.search(SearchQuery(text="phedac"))
    assert [hit.title for hit in found.hits] == ["Buôn Đôn"], "a concatenation is searched, not stored"


def test_the_page_and_the_count_find_every_form_of_a_word(opensearch, columns, make_article):
    make_article(columns["newspaper"], "Cà phê Đắk Lắk")
    make_article(columns["newspaper"], "Mùa mưa ở Đắc Lắc")
    make_article(columns["portal"], "Lễ hội của người Êđê")
    make_article(columns["portal"], "Dân ca Ê Đê")
    rebuild()

    for query, expected in [
        ("Đắc Lắc", {"Cà phê Đắk Lắk", "Mùa mưa ở Đắc Lắc"}),
        ("dak lak", {"Cà phê Đắk Lắk", "Mùa mưa ở Đắc Lắc"}),
        ("Ê Đê", {"Lễ hội của người Êđê", "Dân ca Ê Đê"}),
        ("Ede", {"Lễ hội của người Êđê", "Dân ca Ê Đê"}),
    ]:
        results = opensearch.search(SearchQuery(text=query))
        assert {hit.title for hit in results.hits} == expected, query
        assert results.count == len(expected), query


def test_a_quoted_phrase_counts_only_the_documents_with_its_words_adjacent(opensearch, columns, make_article):
    make_article(columns["newspaper"], "Công tác xã hội", standfirst="Ở buôn.")
    make_article(columns["portal"], "Công tác xã hội ở xã", standfirst="Hội phụ nữ.")
    make_article(columns["portal"], "Hội phụ nữ xã Ea Kar")
    rebuild()

    results = opensearch.search(SearchQuery(text='"xã hội"'))
    assert results.count == 2
    assert {facet.value: facet.count for facet in results.facets["outlet"]} == {"newspaper": 1, "portal": 1}
    assert opensearch.search(SearchQuery(text='"xã hội"', filters={"outlet": "portal"})).count == 1
    assert opensearch.search(SearchQuery(text="xã hội")).count == 3


def test_adjacent_words_rank_above_the_same_words_apart(opensearch, columns, make_article):
    make_article(columns["newspaper"], "Bản tin một", standfirst="Công tác xã hội ở buôn.")
    # Newer, with the same words as often: without the phrase boost it would win the tie.
    make_article(columns["newspaper"], "Bản tin hai", standfirst="Hội phụ nữ xã Ea Kar.")
    rebuild()
    assert titles(opensearch, "xã hội") == ["Bản tin một", "Bản tin hai"]


def test_a_large_archive_gets_a_shard_per_core_of_a_search_and_a_small_one_a_single_shard(opensearch):
    """One search runs one thread per shard: a large archive is split so one search uses several cores; a
    small one stays whole, where per-shard term statistics would skew its ranking."""
    processors = min(
        node["os"]["allocated_processors"]
        for node in opensearch.clients.bulk.nodes.info(metric="os")["nodes"].values()
    )
    large = opensearch.new_generation(documents=3 * DOCUMENTS_PER_SHARD)
    small = opensearch.new_generation(documents=DOCUMENTS_PER_SHARD)

    assert shards(opensearch, large) == min(3, processors)
    assert shards(opensearch, small) == 1


def test_a_generation_keeps_its_documents_newest_first(opensearch):
    """The order of a page by date: a search by date stops at the page's last match."""
    generation = opensearch.new_generation()
    settings = opensearch.clients.bulk.indices.get_settings(index=generation)[generation]["settings"]
    assert settings["index"]["sort"] == {"field": ["published_at", "key"], "order": ["desc", "desc"]}


def shards(engine, generation):
    settings = engine.clients.bulk.indices.get_settings(index=generation)[generation]["settings"]
    return int(settings["index"]["number_of_shards"])


def test_a_rebuilt_generation_is_merged_into_one_segment_per_shard(opensearch, columns, make_article):
    generation = opensearch.new_generation()
    for number in range(3):
        article = make_article(columns["newspaper"], f"Bài số {number}")
        opensearch.load(
            [article_documents(ArticlePage.objects.filter(pk=article.pk))],
            new_version(),
            generation=generation,
        )
        opensearch.clients.bulk.indices.refresh(index=generation)
    assert segments(opensearch, generation) == 3

    opensearch.compact(generation)
    assert segments(opensearch, generation) == 1
    opensearch.publish(generation)
    assert titles(opensearch, "bài số") == ["Bài số 2", "Bài số 1", "Bài số 0"]


def segments(engine, generation):
    shards = engine.clients.bulk.indices.segments(index=generation)["indices"][generation]["shards"]
    return sum(len(copy["segments"]) for copies in shards.values() for copy in copies)


def test_documents_alike_score_alike_in_any_shard_and_the_newest_wins_the_tie(opensearch, monkeypatch, db):
    """A large archive has several shards, each with its own term statistics: the page is scored with the
    whole index's, so documents alike tie wherever they fell, and the tie goes to the newest."""
    monkeypatch.setattr(generations, "shards_for", lambda client, documents: 2)
    generation = opensearch.new_generation()
    alike = [bench_document(f"alike:{number}", "Hồ tiêu sạch", day=number) for number in range(6)]
    # Other documents with the word make its frequency differ from one shard to the other.
    others = [bench_document(f"other:{number}", f"Hồ tiêu mùa {number}", day=10) for number in range(5)]
    opensearch.load([alike + others], new_version(), generation=generation)
    opensearch.publish(generation)

    results = opensearch.search(SearchQuery(text="tiêu sạch", page_size=6))
    assert {hit.score for hit in results.hits} == {results.hits[0].score}
    assert [hit.key for hit in results.hits] == [f"alike:{number}" for number in reversed(range(6))]


def bench_document(key, title, day):
    return Document(
        key=key,
        content_type_id=1,
        object_id=1,
        url=f"https://example.org/{key}/",
        title=title,
        text="Nông dân Cư Kuin trồng hồ tiêu.",
        extra_text="",
        outlet="newspaper",
        kind="article",
        column="",
        published_at=datetime.datetime(2024, 1, 1 + day, tzinfo=datetime.UTC),
        language="vi",
    )
