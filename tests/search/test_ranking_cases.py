"""More cases of the dev set's kinds, on other names and words: the search handles kinds, not strings, on each
engine (the embedded one and OpenSearch)."""

import unicodedata

import pytest

from .conftest import external_ids, searched_on_each_engine


def article(
    external_id, title, body="", summary="", column="Điển hình tiên tiến", outlet="newspaper", **fields
):
    return {
        "external_id": external_id,
        "outlet": outlet,
        "column": column,
        "kind": fields.pop("kind", "article"),
        "title": title,
        "summary": summary,
        "body": f"<p>{body}</p>",
        "published_at": fields.pop("published_at", "2024-05-01T08:00:00+07:00"),
        "tags": fields.pop("tags", []),
        "author": "Phóng viên",
    }


ARTICLES = [
    article("t01", "Chị Nguyễn Thị Thủy nuôi ong lấy mật", "Chị Nguyễn Thị Thủy ở Ea Kar nuôi 200 đàn ong."),
    article(
        "t02",
        "Cô giáo Nguyễn Thị Thúy và lớp học tình thương",
        "Cô Nguyễn Thị Thúy dạy miễn phí.",
        published_at="2023-05-01T08:00:00+07:00",
    ),
    article(
        "t03",
        unicodedata.normalize("NFD", "Nghệ nhân Y Moan giữ hồn cồng chiêng"),
        unicodedata.normalize("NFD", "Nghệ nhân dạy đánh chiêng ở buôn Kô Siêr."),
    ),
    article("t04", "Mùa hoà bình trên cao nguyên", "Khoẻ mạnh, hoà thuận, thuỷ chung."),
    article("t05", "Đồng bào M'nông giữ rừng", "Người M’nông ở Lắk giữ 500 ha rừng."),
    article("t06", "Lễ hội của người Ê-đê", "Buôn làng Ê-đê mở hội cúng bến nước."),
    article("t07", "Kỹ sư trẻ với máy gặt", "Kỹ sư Trần Minh chế tạo máy gặt lúa."),
    article("t08", "Chào mừng ngày Giải phóng miền Nam", "Lễ mít tinh ngày 30 tháng 4 năm 2025 tại tỉnh."),
    article(
        "t09",
        "Tin vắn về giao thông",
        "Đường liên xã được nâng cấp.",
        published_at="2022-01-01T08:00:00+07:00",
    ),
    article(
        "t10",
        "Tin vắn về giao thông",
        "Đường liên xã được nâng cấp.",
        published_at="2025-01-01T08:00:00+07:00",
    ),
    article("t11", "Vườn sầu riêng ở Krông Pắc", "Sầu riêng Krông Pắc đạt chuẩn xuất khẩu."),
]

CASES = [
    ("Nguyễn Thị Thủy", ["t01", "t02"], "t01"),
    ("Nguyễn Thị Thúy", ["t01", "t02"], "t02"),
    ("nguyen thi thuy", ["t01", "t02"], None),
    ("nghệ nhân cồng chiêng", ["t03"], "t03"),
    (unicodedata.normalize("NFD", "giữ hồn cồng chiêng"), ["t03"], "t03"),
    ("hòa bình", ["t04"], "t04"),
    ("khỏe mạnh thủy chung", ["t04"], "t04"),
    ("Mnông", ["t05"], "t05"),
    ("M nông", ["t05"], "t05"),
    ("m'nông giữ rừng", ["t05"], "t05"),
    ("Êđê", ["t06"], "t06"),
    ("ede", ["t06"], "t06"),
    ("kĩ sư máy gặt", ["t07"], "t07"),
    ("30/4/2025", ["t08"], "t08"),
    ("30/4", ["t08"], "t08"),
    ("tin van giao thong", ["t09", "t10"], "t10"),
    ("KRÔNG PẮC SẦU RIÊNG", ["t11"], "t11"),
    ("Krong Pac", ["t11"], "t11"),
    ("Krông Pắk", ["t11"], "t11"),
    ("sầu riênh", ["t11"], "t11"),
]


search_engine, articles, _archive = searched_on_each_engine(ARTICLES)


@pytest.mark.parametrize(("query", "relevant", "first"), CASES, ids=[case[0] for case in CASES])
def test_query_finds_its_articles(articles, search, query, relevant, first):
    found = external_ids(search(query))
    assert set(relevant) <= set(found), found
    if first:
        assert found[0] == first, found


def test_a_quoted_phrase_needs_its_words_adjacent(articles, search):
    assert external_ids(search('"thị thủy"'))[0] == "t01"
    assert external_ids(search('"thủy thị"')) == []


def test_a_typo_is_corrected_from_the_vocabulary(articles, search):
    results = search("sầu riênh")
    assert results.corrected == "sau rieng"
