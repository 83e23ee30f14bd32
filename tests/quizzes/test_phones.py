"""Phone numbers in every way Vietnamese people write them, and the masked form results show."""

import pytest

from quizzes.forms import read_prediction
from quizzes.phones import NotAPhoneNumber, masked, phone_key


@pytest.mark.parametrize(
    "written",
    [
        "0912345678",
        "0912 345 678",
        "0912.345.678",
        "0912-345-678",
        "+84 912 345 678",
        "+84912345678",
        "84912345678",
        "0084 912 345 678",
        "(+84) 912-345-678",
        " 0912 345 678 ",
    ],
)
def test_one_mobile_number_however_written(written):
    assert phone_key(written) == "0912345678"


def test_a_landline_keeps_its_eleven_digits():
    assert phone_key("(0262) 3852 123") == "02623852123"
    assert phone_key("+84 262 3852 123") == "02623852123"


@pytest.mark.parametrize(
    "written",
    [
        "",
        "12345",
        "0912 345 67",
        "091234567890",
        "0112345678",
        "abc0912345678",
        "09１２345678",
        "0912345678\x00",
        "０９１２３４５６７８",
        "+1 912 345 678",
        "84 12",
    ],
)
def test_what_is_no_vietnamese_number_is_refused_with_an_example(written):
    with pytest.raises(NotAPhoneNumber, match="ví dụ: 0912 345 678"):
        phone_key(written)


def test_results_show_the_first_four_and_last_three_digits():
    assert masked("0912345678") == "0912***678"
    assert masked("02623852123") == "0262***123"


@pytest.mark.parametrize(
    ("written", "count"),
    [("1250", 1250), ("1.250", 1250), ("1 250", 1250), ("1,250", 1250), ("", None), ("  ", None)],
)
def test_a_prediction_is_read_as_people_write_counts(written, count):
    assert read_prediction(written) == count


@pytest.mark.parametrize("written", ["nhiều", "-5", "1e9", "12,5a", "١٢", "9" * 13])
def test_a_prediction_that_is_no_count_is_refused(written):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        read_prediction(written)
