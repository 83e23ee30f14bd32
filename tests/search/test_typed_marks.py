"""Search respects the marks a reader typed, on each engine: a word typed with diacritics ranks the documents
that carry it with those marks (tone placement aside: hòa = hoà) above those whose word differs only by its
marks, whatever the fields; a word typed without marks finds every spelling alike."""

import unicodedata

import pytest

from search.engines import database
from search.engines.base import SearchQuery
from search.indexing import get_engine

from .conftest import ImportedArticles, external_ids
from .test_ranking_cases import article

ARTICLES = [
    # One word: Hòa in the body only, against Hoa and Hóa in titles.
    article("hoa-body", "Người thầy của buôn làng", "Thầy giáo Nguyễn Văn Hòa dạy chữ cho trẻ em ở Ea Kar."),
    article(
        "hoa-title", "Ông Hoa giữ rừng đầu nguồn", "Ông Hoa cùng con cháu giữ 50 ha rừng. Hoa kể chuyện."
    ),
    article(
        "hoa-sac-title", "Đoàn Thanh Hóa thăm tỉnh", "Đoàn công tác tỉnh Thanh Hóa trao đổi kinh nghiệm."
    ),
    # Two words, as typed, in the other tone placement, and with one of them differing by its marks.
    article("hoa-binh-body", "Xóm nhỏ bên sông", "Xóm Hoà Bình ở Krông Ana có 40 hộ trồng lúa nước."),
    # The same with Binh, and older.
    article(
        "hoa-binh-body-older",
        "Xóm nhỏ bên suối",
        "Xóm Hòa Binh ở Krông Ana có 40 hộ trồng lúa nước.",
        published_at="2023-05-01T08:00:00+07:00",
    ),
    article("hoa-binh-title", "Chị Hoa Bình nuôi ong", "Chị Hoa Bình nuôi 120 đàn ong lấy mật."),
    article("hoa-binh-unmarked", "Anh Hòa Binh nuôi cá", "Anh Hòa Binh nuôi cá lồng trên hồ Lắk."),
    article("hoa-binh-bare", "Hoa Binh chia sẻ", "Hoa Binh chia sẻ kinh nghiệm làm vườn."),
    # A word with đ: as typed, without any mark, and with đ but another tone.
    article("da-body", "Chuyến đi về miền núi", "Đoàn xuôi dòng sông Đà ngắm cảnh."),
    article("da-title", "Làng nghề thuộc da", "Da bò được thuộc bằng tay. Da thuộc bền đẹp."),
    article("da-ngang-title", "Đa dạng cây trồng", "Đa dạng cây trồng trên đất dốc."),
]

# The documents with Hòa as typed (or as hoà), and those with its folded twins only.
HOA = {"hoa-body", "hoa-binh-body", "hoa-binh-body-older", "hoa-binh-unmarked"}
HOA_FOLDED_ONLY = {"hoa-title", "hoa-sac-title", "hoa-binh-title", "hoa-binh-bare"}
HOA_IN_BODY_ONLY = {"hoa-body", "hoa-binh-body", "hoa-binh-body-older"}


@pytest.fixture
def search_engine(each_engine):
    return each_engine


MARKED = ImportedArticles(ARTICLES)


@pytest.fixture
def articles(outlets, search_engine):
    MARKED.put()


def found(search, query):
    return external_ids(search(query, page_size=20))


def nfd(text):
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize("query", ["Hòa", "hoà", "HÒA", nfd("Hòa"), nfd("hoà"), "hoa Hòa"])
def test_a_word_typed_with_marks_ranks_it_as_typed_above_its_folded_twins(articles, search, query):
    results = found(search, query)
    assert results.index("hoa-body") < results.index("hoa-title"), results
    assert set(results[: len(HOA)]) == HOA, results
    assert set(results[len(HOA) :]) == HOA_FOLDED_ONLY, results
    # Among the documents with Hòa as typed, the other signals keep their order: the title first.
    assert results[0] == "hoa-binh-unmarked", results


def test_scores_read_in_the_order_of_the_results(articles, search):
    scores = [hit.score for hit in search("Hòa Bình", page_size=20).hits]
    assert scores == sorted(scores, reverse=True)


def test_the_embedded_engine_ranks_words_as_typed_first_beyond_the_candidates_it_scores(outlets, monkeypatch):
    """Of many matches only the best by a cheap order are scored: words found as typed lead that order too."""
    MARKED.put()
    monkeypatch.setattr(database, "RANKED_CANDIDATES", 1)
    results = external_ids(get_engine().search(SearchQuery(text="Hòa", page_size=20)))
    assert set(results[: len(HOA)]) == HOA, results
    assert set(results[len(HOA) :]) == HOA_FOLDED_ONLY, results


def test_a_word_typed_without_marks_finds_every_spelling_alike(articles, search):
    results = found(search, "hoa")
    assert set(results) == set(HOA) | HOA_FOLDED_ONLY, results
    # No spelling is preferred: the titles come first, as for any word.
    assert set(results[-len(HOA_IN_BODY_ONLY) :]) == HOA_IN_BODY_ONLY, results


def test_two_words_rank_by_how_many_match_as_typed_first(articles, search):
    results = found(search, "Hòa Bình")
    assert results[0] == "hoa-binh-body", results
    assert set(results[1:3]) == {"hoa-binh-title", "hoa-binh-unmarked"}, results
    assert results[3:] == ["hoa-binh-body-older", "hoa-binh-bare"], results


def test_two_words_typed_without_marks_find_every_spelling(articles, search):
    assert set(found(search, "hoa binh")) == {
        "hoa-binh-body",
        "hoa-binh-body-older",
        "hoa-binh-title",
        "hoa-binh-unmarked",
        "hoa-binh-bare",
    }


def test_only_the_words_typed_with_marks_count_before_the_score(articles, search):
    """In "Hòa Binh" Hòa counts, Binh does not: Bình and Binh both follow Hòa before any Hoa. Then the usual
    score reads the query as typed, the level tone of Binh too (as "Lê Văn Thanh" prefers Thanh)."""
    results = found(search, "Hòa Binh")
    assert results[0] == "hoa-binh-unmarked", results
    assert results[1:3] == ["hoa-binh-body-older", "hoa-binh-body"], results
    assert set(results[3:]) == {"hoa-binh-title", "hoa-binh-bare"}, results


@pytest.mark.parametrize("query", ["Đà", "đà", nfd("Đà")])
def test_a_word_with_d_stroke_ranks_it_as_typed(articles, search, query):
    results = found(search, query)
    assert results[0] == "da-body", results
    assert set(results[1:]) == {"da-title", "da-ngang-title"}, results


def test_a_word_without_d_stroke_finds_every_spelling(articles, search):
    assert set(found(search, "Da")) == {"da-body", "da-title", "da-ngang-title"}
