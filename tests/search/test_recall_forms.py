"""The forms a reader writes a word in find what the archive wrote, on each engine (the embedded one and
OpenSearch): press abbreviations both ways and the editors' own, keystrokes typed with the input method off,
dates in any of the usual forms."""

import pytest

from search.models import SynonymGroup

from .conftest import external_ids, searched_on_each_engine
from .test_ranking_cases import article

ARTICLES = [
    article(
        "f01", "Hội đồng nhân dân tỉnh họp kỳ thứ mười", "Các đại biểu Hội đồng nhân dân tỉnh thảo luận."
    ),
    article("f02", "UBND xã Ea Tu ra mắt mô hình dân vận khéo", "UBND xã phối hợp với MTTQ xã."),
    article("f03", "Học sinh trường THCS Lê Lợi giúp bạn nghèo", "Trường THCS Lê Lợi có 900 học sinh."),
    article("f04", "Trường học vùng khó đón năm học mới", "Các trường học ở Krông Bông sửa sang phòng học."),
    article("f05", "Giải bóng đá Max Cup cho thiếu nhi", "Giải Max Cup quy tụ 16 đội bóng thiếu nhi."),
    article("f06", "Mã số vùng trồng sầu riêng", "Tỉnh cấp thêm mã số vùng trồng cho nông dân."),
    article("f07", "Chào mừng Quốc khánh 2.9", "Các xã treo cờ chào mừng Quốc khánh 2.9."),
    article("f08", "Lễ kỷ niệm ngày 2 tháng 9 ở Buôn Đôn", "Người dân vui Tết Độc lập."),
    article("f09", "Ký ức ngày 10-3-1975", "Cựu chiến binh kể lại trận đánh giải phóng thị xã."),
    article("f10", "Nhà văn hóa cộng đồng ở Krông Pắc", "Bà con góp công xây nhà sinh hoạt cộng đồng."),
]
search_engine, articles, ARCHIVE = searched_on_each_engine(ARTICLES)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("HĐND tỉnh", "f01"),
        ("hdnd", "f01"),
        ("Ủy ban nhân dân xã Ea Tu", "f02"),
        ("uy ban nhan dan", "f02"),
        ("Mặt trận Tổ quốc", "f02"),
        ("trung học cơ sở Lê Lợi", "f03"),
    ],
)
def test_an_abbreviation_and_its_words_find_each_other(articles, search, query, expected):
    results = search(query)
    assert external_ids(results)[:1] == [expected]
    assert not results.hits[0].approximate


def test_an_editors_group_finds_at_the_next_search_and_stops_when_deleted(articles, search):
    assert "f10" not in external_ids(search("NVH"))
    group = SynonymGroup.objects.create(forms="NVH\nnhà văn hóa")
    assert external_ids(search("NVH"))[:1] == ["f10"]
    group.delete()
    assert "f10" not in external_ids(search("NVH"))


@pytest.mark.parametrize(
    ("query", "meant"), [("truwowngf hocj", "trường học"), ("tru7o7ng2 ho5c", "trường học")]
)
def test_keystrokes_typed_with_the_input_method_off_are_read_as_meant(articles, search, query, meant):
    results = search(query)
    assert external_ids(results)[:1] == ["f04"]
    assert results.corrected == meant


def test_a_word_real_as_typed_is_not_read_as_keystrokes(articles, search):
    """Max is a word of the archive: it stays Max, not the "mã" its Telex keys would make."""
    results = search("max")
    assert external_ids(results) == ["f05"]
    assert results.corrected == ""


@pytest.mark.parametrize("query", ["2/9", "2-9", "2.9", "2 tháng 9", "ngày 2 tháng 9", "mùng 2/9"])
def test_a_day_and_month_find_the_stories_in_any_form(articles, search, query):
    assert sorted(external_ids(search(query))) == ["f07", "f08"]


@pytest.mark.parametrize("query", ["10/3/1975", "10-3-1975", "10.3.1975", "ngày 10 tháng 3 năm 1975"])
def test_a_full_date_finds_the_story_in_any_form(articles, search, query):
    assert external_ids(search(query)) == ["f09"]
