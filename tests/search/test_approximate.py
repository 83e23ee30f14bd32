"""Approximate matches: when too few documents have the words a query requires, those with its rarer words
follow them, marked, on each engine (the embedded one and OpenSearch)."""

from .conftest import external_ids, searched_on_each_engine
from .test_ranking_cases import article

ARTICLES = [
    article("a01", "Nghệ nhân Y Moan giữ hồn cồng chiêng", "Ông dạy đánh chiêng cho thanh niên trong buôn."),
    article("a02", "Lớp dạy đánh chiêng ở buôn Kô Siêr", "Mười hai thanh niên theo học nghệ nhân Y Moan."),
    article("a03", "Huyện Krông Bông làm đường liên xã", "Huyện huy động người dân hiến đất làm đường."),
    article("a04", "Huyện Ea Kar trồng rừng", "Huyện trồng mới 300 ha rừng phòng hộ."),
    article(
        "a05", "Huyện Cư Kuin giữ bình yên buôn làng", "Huyện phát động phong trào toàn dân bảo vệ an ninh."
    ),
    article("a06", "Bà con Lắk vào vụ lúa", "Nông dân Lắk gieo sạ đúng lịch."),
    article("a07", "Cà phê Cư Kuin đạt chuẩn", "Hợp tác xã cà phê Cư Kuin có 60 thành viên."),
    article("a08", "Cà phê Ea Kar xuất khẩu", "Cà phê Ea Kar theo chuẩn 4C."),
    article("a09", "Cà phê Krông Bông vào mùa", "Nông dân Krông Bông thu hoạch cà phê."),
    article("a10", "Cà phê Buôn Hồ lên sàn", "Cà phê Buôn Hồ có mã vùng trồng.", outlet="portal"),
    article("a11", "Nông dân Buôn Hồ trồng sầu riêng", "Nông dân góp vốn làm vườn.", outlet="portal"),
    article(
        "a12", "Trạm khuyến nông Buôn Hồ tập huấn", "Cán bộ khuyến nông chỉ cách bón phân.", outlet="portal"
    ),
]
search_engine, articles, ARCHIVE = searched_on_each_engine(ARTICLES)


def test_a_word_no_document_has_leaves_the_others_to_find_approximately(articles, search):
    results = search("Y Moan Kpơng")
    assert results.count == results.approximate_count == 2
    assert set(external_ids(results)) == {"a01", "a02"}
    assert all(hit.approximate for hit in results.hits)


def test_the_rare_words_decide_what_is_approximate(articles, search):
    """Lắk is in one document, huyện in three: Lắk alone finds, huyện alone does not."""
    results = search("huyện Lắk")
    assert external_ids(results) == ["a06"]
    assert results.approximate_count == 1


def test_approximate_matches_follow_the_few_full_ones(articles, search):
    results = search("cà phê Cư Kuin Krông")
    full = [hit.external_id for hit in results.hits if not hit.approximate]
    approximate = [hit.external_id for hit in results.hits if hit.approximate]
    assert full == ["a07"]
    # Cà phê Krông weigh more than half the query; Cư Kuin (a05), cà phê (a08) or Krông (a03) alone do not.
    assert approximate == ["a09"]
    assert results.count - results.approximate_count == 1
    assert results.approximate_count == len(approximate)


def test_pages_of_a_widened_search_follow_one_another(articles, search):
    """A page at a time, the full match and then the approximate one, each once, as on one page."""
    pages = [search("cà phê Cư Kuin Krông", page=page, page_size=1) for page in (1, 2, 3)]
    assert [[(hit.external_id, hit.approximate) for hit in page.hits] for page in pages] == [
        [("a07", False)],
        [("a09", True)],
        [],
    ]
    assert {page.count for page in pages} == {2}


def test_enough_full_matches_need_no_approximate_ones(articles, search):
    results = search("cà phê")
    assert sorted(external_ids(results)) == ["a07", "a08", "a09", "a10"]
    assert results.approximate_count == 0


def test_the_query_not_its_filters_decides_whether_approximate_matches_come(articles, search):
    """Filtered down to one match, "nông dân" still has three: the portal's article with nông alone (the rarer
    word) does not join, and the facets stay those of the unfiltered query."""
    filtered = search("nông dân", outlet="portal")
    assert external_ids(filtered) == ["a11"]
    assert filtered.approximate_count == 0
    assert filtered.facets["outlet"] == search("nông dân").facets["outlet"]
    assert external_ids(search("nông dân tuyệt", outlet="portal")) == ["a11", "a12"]


def test_facets_count_the_approximate_matches_too(articles, search):
    results = search("cà phê Cư Kuin Krông")
    (newspaper,) = results.facets["outlet"]
    assert newspaper.count == results.count


def test_a_quoted_phrase_never_widens(articles, search):
    results = search('"đánh chiêng Kpơng"')
    assert results.count == 0


def test_a_filter_applies_to_approximate_matches(articles, search):
    assert search("huyện Lắk", year=2023).count == 0
