import unicodedata

import pytest

from search.analysis import (
    folded_tokens,
    index_terms,
    misspelling_key,
    query_terms,
    tokens,
    within_one_edit,
)


def shared(query, document, field):
    """The query's terms for `field` that the document has in the same field."""
    return set(getattr(query_terms(query), field)) & set(getattr(index_terms(document), field))


def covers(query, document, field):
    """Every term the query needs from `field` is in the document's field."""
    return set(getattr(query_terms(query), field)) <= set(getattr(index_terms(document), field))


def test_tokens_are_normalised_lower_case_with_diacritics():
    assert tokens("Thầy giáo LÊ VĂN THÀNH, văn hoá.") == ["thầy", "giáo", "lê", "văn", "thành", "văn", "hóa"]


def test_folded_tokens_have_no_diacritics():
    assert folded_tokens("Đắk Lắk chung sức") == ["dak", "lak", "chung", "suc"]


def test_exact_and_folded_tokens_keep_the_same_positions():
    terms = index_terms("Ngày 10 tháng 3 năm 1975, Buôn Ma Thuột được giải phóng")
    assert len(terms.exact) == len(terms.folded)


def test_query_without_diacritics_matches_folded_field():
    assert covers("mac ca hop tac xa", "Hợp tác xã mắc ca", "folded")
    assert covers("buon ma thuot co hoa", "Đường phố Buôn Ma Thuột rực rỡ cờ hoa", "folded")


def test_d_typed_for_đ_matches_folded_field():
    assert covers("dak lak", "Đắk Lắk chung sức", "folded")


def test_nfc_query_matches_nfd_document_exactly():
    document = unicodedata.normalize("NFD", "cứu sống ba em nhỏ bị đuối nước")
    assert shared("cứu người đuối nước", document, "exact") == {"cứu", "đuối", "nước"}
    assert covers(unicodedata.normalize("NFD", "đuối nước"), "đuối nước", "exact")


@pytest.mark.parametrize(
    ("query", "document"),
    [
        ("đời sống văn hóa", "đời sống văn hoá"),
        ("Hồ Thị Thỏa", "bà Hồ Thị Thoả"),
        ("thuỷ lợi", "kênh mương thủy lợi"),
        ("Uỷ ban nhân dân", "Ủy ban nhân dân tỉnh"),
    ],
)
def test_either_tone_placement_matches_exact_field(query, document):
    assert covers(query, document, "exact")


def test_upper_case_query_matches_exact_field():
    assert covers("GƯƠNG SÁNG QUANH TA", "Cuộc thi viết Gương sáng quanh ta", "exact")


@pytest.mark.parametrize("query", ["M'nông", "M’nông", "Mʼnông", "Mnông", "mnong", "M nông", "M-nông"])
@pytest.mark.parametrize(
    "document", ["học sinh người M'nông", "học sinh người M’nông", "học sinh người Mnông"]
)
def test_apostrophe_and_joined_variants_of_a_name_match_joined_field(query, document):
    assert "mnong" in shared(query, document, "joined")


@pytest.mark.parametrize("query", ["Ê Đê", "Êđê", "Ê-đê", "Ede", "e de"])
@pytest.mark.parametrize("document", ["người Ê Đê", "tiếng Êđê", "dân tộc Ê-đê", "người Ede"])
def test_spaced_hyphenated_and_joined_ethnic_names_match_joined_field(query, document):
    assert "ede" in shared(query, document, "joined")


def test_names_of_three_syllables_match_joined_field():
    assert "serepok" in shared("Sê Rê Pốk", "sông Sêrêpốk", "joined")
    assert "serepok" in shared("serepok", "sông Sê Rê Pốk", "joined")


def test_words_are_not_joined_across_punctuation():
    assert "nangla" not in index_terms("huyện Krông Năng, là điển hình").joined
    assert "krongnang" in index_terms("huyện Krông Năng, là điển hình").joined


def test_numbers_are_not_joined():
    assert "nam2025" not in index_terms("năm 2025").joined


@pytest.mark.parametrize(
    "query", ["2/9", "02/9", "2/09", "02-09", "2-9", "2.9", "02.09", "2 tháng 9", "mùng 2/9", "ngày 2-9"]
)
def test_day_month_date_matches_in_any_spelling(query):
    assert query_terms(query).exact == ["2/9"]
    assert covers(query, "chào mừng Quốc khánh 2/9", "exact")
    assert covers(query, "khánh thành trước ngày 2/9/2025.", "exact")
    assert covers(query, "chào mừng Quốc khánh 2.9", "exact")
    assert covers(query, "kỷ niệm 2 tháng 9 ở buôn", "exact")


def test_a_quoted_date_keeps_its_words_for_the_phrase():
    assert query_terms('"mùng 2 tháng 9"').exact == ["mùng", "2", "tháng", "9", "2/9"]


@pytest.mark.parametrize("written", ["2,5 tỷ", "100.000 đồng", "tháng 13", "35 tháng 12", "công nghiệp 4.0"])
def test_numbers_with_a_dot_that_cannot_be_a_day_and_month_stay_numbers(written):
    assert not any("/" in token for token in tokens(written))


def test_full_date_matches_full_and_written_out_dates():
    assert covers("10/3/1975", "Chiến thắng Buôn Ma Thuột 10-3-1975", "exact")
    assert covers("10.3.1975", "Chiến thắng Buôn Ma Thuột 10/3/1975", "exact")
    assert covers("10/3/1975", "Ngày 10 tháng 3 năm 1975, quân ta tiến công", "exact")
    assert covers("10/3", "ngày 10 tháng 3 năm 2025", "folded")
    assert covers("2/9", "mùng 2 tháng 9", "folded")


def test_month_year_matches_full_dates_and_written_out_months():
    assert covers("3/2025", "trong tháng 3/2025", "exact")
    assert covers("3/2025", "ngày 10/3/2025", "exact")
    assert covers("3/2025", "tháng 3 năm 2025", "exact")


def test_numbers_that_are_no_dates_stay_numbers():
    assert tokens("100.000 đồng, tăng 1,5 lần, 45/50 xã") == [
        "100",
        "000",
        "đồng",
        "tăng",
        "1",
        "5",
        "lần",
        "45",
        "50",
        "xã",
    ]


def test_c_k_misspelling_matches_keys_field():
    assert covers("Đắc Lắc", "Đắk Lắk chung sức", "keys")
    assert covers("Cư Cuin", "huyện Cư Kuin", "keys")
    assert not shared("Đắc Lắc", "Đắk Lắk chung sức", "folded")


def test_y_and_i_spellings_match_keys_field():
    assert covers("kĩ sư", "Kỹ sư Lê Văn Thanh", "keys")
    assert covers("lí do", "lý do", "keys")
    assert covers("quí", "quý", "keys")


def test_misspelling_key_keeps_distinct_words_apart():
    assert misspelling_key("chi") != misspelling_key("khi")
    assert misspelling_key("tay") != misspelling_key("tai")
    assert misspelling_key("thuy") != misspelling_key("thui")
    assert misspelling_key("quoc") != misspelling_key("cuoc")


def test_query_with_diacritics_is_flagged_for_exact_ranking():
    with_marks = query_terms("Lê Văn Thanh")
    assert with_marks.has_diacritics
    assert "thanh" in with_marks.exact
    assert covers("Lê Văn Thanh", "Kỹ sư Lê Văn Thanh", "exact")
    assert not covers("Lê Văn Thanh", "Thầy giáo Lê Văn Thành", "exact")
    assert covers("Lê Văn Thanh", "Thầy giáo Lê Văn Thành", "folded")
    assert query_terms("Đak Lak").has_diacritics


def test_query_without_diacritics_is_not_flagged():
    assert not query_terms("le van thanh").has_diacritics
    assert not query_terms("QUOC KHANH 2/9").has_diacritics


def test_quoted_query_is_a_phrase():
    assert query_terms('"Gương sáng quanh ta"').phrase
    assert query_terms("“Gương sáng quanh ta”").phrase
    assert not query_terms("Gương sáng quanh ta").phrase
    assert query_terms('"Gương sáng quanh ta"').exact == ["gương", "sáng", "quanh", "ta"]


def test_fuzzy_terms_are_the_longer_words():
    assert query_terms("sông Srêpốk 2/9").fuzzy == ["srepok"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("serepok", "srepok"),
        ("srepok", "serepok"),
        ("thanh", "thnah"),
        ("thanh", "thang"),
        ("hoa", "hoa"),
        ("", "a"),
    ],
)
def test_within_one_edit(first, second):
    assert within_one_edit(first, second)


@pytest.mark.parametrize(
    ("first", "second"), [("thanh", "than_h_"), ("abcd", "badc"), ("abc", "xbcd"), ("thanh", "")]
)
def test_not_within_one_edit(first, second):
    assert not within_one_edit(first, second)
