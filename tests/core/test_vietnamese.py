import unicodedata

import pytest

from core.vietnamese import canonical_tone_placement, fold, normalize, slugify, sort_key


def nfd(text):
    return unicodedata.normalize("NFD", text)


def test_fold_removes_diacritics_spells_d_and_keeps_case():
    assert fold("Đắk Lắk") == "Dak Lak"
    assert fold("Buôn Ma Thuột") == "Buon Ma Thuot"
    assert fold("ĐƯỜNG") == "DUONG"
    assert fold(nfd("Nguyễn Thị Ánh")) == "Nguyen Thi Anh"


def test_fold_reads_the_eth_look_alike_as_d():
    assert fold("Ðắk Lắk") == "Dak Lak"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Buôn Ma Thuột", "buon-ma-thuot"),
        ("Đắk Lắk", "dak-lak"),
        ("H'Bia Ênuôl", "hbia-enuol"),
        ("M’nông và Ê-đê!", "mnong-va-e-de"),
        (nfd("Thầy giáo Lê Văn Thành"), "thay-giao-le-van-thanh"),
        ("  Kỷ niệm 50 năm — 10/3/1975  ", "ky-niem-50-nam-10-3-1975"),
        ("Straße", "strasse"),
    ],
)
def test_slugify(text, slug):
    assert slugify(text) == slug


def test_slugify_is_never_empty_for_letters_without_an_ascii_spelling():
    slug = slugify("北京")
    assert slug
    assert slug == slugify("北京")
    assert slug.isascii()


def test_slugify_is_empty_without_letters_or_digits():
    assert slugify(" — ") == ""


def test_slugify_cuts_at_a_word_boundary_within_max_length():
    assert slugify("Đường phố Buôn Ma Thuột rực rỡ cờ hoa", max_length=20) == "duong-pho-buon-ma"
    assert slugify("Sêrêpốk", max_length=4) == "sere"
    assert len(slugify("Nguyễn Văn A " * 40)) <= 255


def test_sort_key_orders_the_vietnamese_alphabet():
    names = ["Đào", "Dung", "Ánh", "Ân", "Bình", "An", "Ăn"]
    assert sorted(names, key=sort_key) == ["An", "Ánh", "Ăn", "Ân", "Bình", "Dung", "Đào"]


def test_sort_key_orders_vowel_letters_after_their_base():
    words = ["ư", "ơ", "ô", "o", "ê", "e", "u", "đ", "d"]
    assert sorted(words, key=sort_key) == ["d", "đ", "e", "ê", "o", "ô", "ơ", "u", "ư"]


def test_sort_key_orders_tones_as_dictionaries_do():
    assert sorted(["bạ", "bá", "bã", "bả", "bà", "ba"], key=sort_key) == ["ba", "bà", "bả", "bã", "bá", "bạ"]


def test_sort_key_compares_letters_before_tones_and_words_one_by_one():
    assert sorted(["Thành", "Thanh Bình", "Thanh", "Thánh"], key=sort_key) == [
        "Thanh",
        "Thanh Bình",
        "Thành",
        "Thánh",
    ]
    assert sorted(["Lê Văn Thành", "Lê Thị Mai"], key=sort_key) == ["Lê Thị Mai", "Lê Văn Thành"]


def test_sort_key_ignores_case_and_normal_form():
    assert sort_key("ĐẮK LẮK") == sort_key("đắk lắk") == sort_key(nfd("Đắk Lắk"))
    assert sort_key("Văn hoá") == sort_key("văn hóa")


def test_sort_key_compares_numbers_by_value():
    assert sorted(["Phường 10", "Phường 2", "Phường 1"], key=sort_key) == [
        "Phường 1",
        "Phường 2",
        "Phường 10",
    ]


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("hoà", "hòa"),
        ("thuỷ", "thủy"),
        ("Khoá", "Khóa"),
        ("Thoả", "Thỏa"),
        ("hoá", "hóa"),
        ("khoẻ", "khỏe"),
        ("Uỷ ban", "Ủy ban"),
        ("HOÀ BÌNH", "HÒA BÌNH"),
        ("đời sống văn hoá", "đời sống văn hóa"),
    ],
)
def test_canonical_tone_placement_puts_the_mark_on_the_first_vowel_of_open_oa_oe_uy(written, canonical):
    assert canonical_tone_placement(written) == canonical
    assert canonical_tone_placement(canonical) == canonical


@pytest.mark.parametrize(
    "word",
    [
        "quý",
        "quỳnh",
        "quốc",
        "hoàng",
        "hoạch",
        "thuyền",
        "khuya",
        "gì",
        "già",
        "ngoài",
        "khuỷu",
        "Sêrêpốk",
        "Ênuôl",
    ],
)
def test_canonical_tone_placement_leaves_other_syllables_alone(word):
    assert canonical_tone_placement(word) == word


@pytest.mark.parametrize(("typed", "meant"), [("hòang", "hoàng"), ("qúy", "quý"), ("gìa", "già")])
def test_canonical_tone_placement_moves_marks_typed_on_the_wrong_vowel(typed, meant):
    assert canonical_tone_placement(typed) == meant


def test_canonical_tone_placement_accepts_nfd_and_returns_nfc():
    result = canonical_tone_placement(nfd("Thuỷ lợi Hoà Bình"))
    assert result == "Thủy lợi Hòa Bình"
    assert unicodedata.is_normalized("NFC", result)


def test_normalize_unifies_forms_placements_and_apostrophes():
    assert normalize(nfd("Văn hoá")) == "Văn hóa"
    for spelling in ["M’nông", "M‘nông", "Mʼnông", "M`nông", "M´nông", "M'nông"]:
        assert normalize(spelling) == "M'nông"
    assert normalize("ÐẮK LẮK") == "ĐẮK LẮK"


def test_normalize_keeps_case_and_spacing():
    assert normalize("  Hòa Bình ") == "  Hòa Bình "
