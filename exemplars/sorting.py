"""A stored key that puts names in Vietnamese alphabetical order when a database sorts it as plain text.

`core.vietnamese.sort_key` orders names in Python. To sort and paginate in SQL, that key is encoded
as a string of hexadecimal tokens, two characters each, whose plain order (code point, "C" or any locale:
only 0-9 and a-f occur) is the order of the key:
a word is its letters, a marker, its tones and an end marker; markers sort below every letter and tone,
so "Thanh" < "Thanh Bình" < "Thành", "An" < "Ánh" < "Ăn" < "Ân", "D…" < "Đ…".
"""

from core.vietnamese import sort_key

MAX_LENGTH = 1024

WORD_END = "00"
TONES_START = "01"
NUMBER = "02"
TONE_BASE = 0x10
LETTER_BASE = 0x20


def sortable_name(text):
    """The sort key of `text` as a string that sorts correctly by code point."""
    return "".join(_encode_word(word) for word in sort_key(text))[:MAX_LENGTH]


def _encode_word(word):
    elements, tones = word
    letters = "".join(_encode_element(element) for element in elements)
    tone_marks = "".join(_token(TONE_BASE + tone) for tone in tones)
    return letters + TONES_START + tone_marks + WORD_END


def _encode_element(element):
    if element[0] == 0:
        digits = str(element[1])
        return NUMBER + _token(min(len(digits), 0xFF)) + digits
    _, rank, foreign = element
    if not foreign:
        return _token(LETTER_BASE + 2 * rank)
    # A foreign letter sorts right after its base letter, foreign letters among themselves by code point.
    return _token(LETTER_BASE + 2 * rank + 1) + f"{foreign:06x}"


def _token(value):
    return f"{value:02x}"
