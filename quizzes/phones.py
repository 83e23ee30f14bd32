"""Vietnamese phone numbers as people write them: one key per number, and the masked form results show."""

import re

# What people put between digits: 0912 345 678, 0912.345.678, 0912-345-678, (0262) 3852 123.
SEPARATORS = re.compile(r"[\s.\-()]")
COUNTRY_PREFIXES = ("+84", "0084", "84")
# Mobile numbers have 10 digits (03x, 05x, 07x, 08x, 09x), landlines 11 (02xx and 8 digits).
NATIONAL_NUMBER = re.compile(r"^0(?:[35789][0-9]{8}|2[0-9]{9})$")


class NotAPhoneNumber(ValueError):
    """The text is no Vietnamese phone number; the message says what one looks like, in Vietnamese."""


def phone_key(text):
    """The number in its national form, digits only ("0912345678"), whichever way it was written."""
    digits = SEPARATORS.sub("", text or "")
    for prefix in COUNTRY_PREFIXES:
        # "84..." without a plus is only a country code when what follows has a national number's length.
        if digits.startswith(prefix) and len(digits) - len(prefix) in (9, 10):
            digits = "0" + digits[len(prefix) :]
            break
    if not NATIONAL_NUMBER.match(digits):
        raise NotAPhoneNumber("Số điện thoại chưa đúng, ví dụ: 0912 345 678 hoặc +84 912 345 678.")
    return digits


def masked(key):
    """The number as published results show it: its first four and last three digits ("0912***678")."""
    return f"{key[:4]}***{key[-3:]}"
