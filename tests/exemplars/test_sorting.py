"""The stored sort key orders names as Vietnamese dictionaries do, when the database sorts it as text."""

import random
import unicodedata

import pytest

from core.vietnamese import sort_key
from exemplars.sorting import sortable_name

NAMES = [
    "An",
    "Ánh",
    "Ăn",
    "Ân",
    "Bình",
    "Dung",
    "Đào",
    "Thanh",
    "Thanh Bình",
    "Thành",
    "Phường 2",
    "Phường 10",
    "Müller",
    "Mai",
    "Hoà",
    "hòa bình",
    "a",
    "à",
    "ả",
    "ã",
    "á",
    "ạ",
    "Đỗ Văn Dụng",
    "Dương",
    "Ê Đê",
    "Ơ",
    "U",
    "Ư",
    "H'Linh Mlô",
    "Y Khoa Niê",
    "Xã 1",
    "Xã 1 Bắc",
    "Xã 10",
    "Zoë",
    "",
]


def test_the_order_of_the_plan_names():
    names = ["Đào", "Ân", "Bình", "Ăn", "Dung", "Ánh", "An"]
    assert sorted(names, key=sortable_name) == ["An", "Ánh", "Ăn", "Ân", "Bình", "Dung", "Đào"]


@pytest.mark.parametrize("seed", range(20))
def test_the_stored_key_sorts_as_the_python_key(seed):
    names = NAMES[:]
    random.Random(seed).shuffle(names)
    assert sorted(names, key=sortable_name) == sorted(names, key=sort_key)


def test_the_key_is_plain_lowercase_hex_so_any_collation_agrees():
    assert all(set(sortable_name(name)) <= set("0123456789abcdef") for name in NAMES)


def test_composed_and_decomposed_spellings_share_a_key():
    assert sortable_name("Đắk Lắk") == sortable_name(unicodedata.normalize("NFD", "Đắk Lắk"))
