"""Vietnamese text utilities: folding, slugs, alphabetical order, one spelling per word.

Vietnamese text reaches us composed (NFC) or decomposed (NFD), with either tone-mark placement in
oa/oe/uy ("hoà"/"hòa"), with curly or straight apostrophes in ethnic names (M'nông, M’nông). Everything
that compares, stores or indexes text goes through these functions so the variants meet.
"""

import hashlib
import re
import unicodedata
from functools import lru_cache

# The five tone marks, as combining characters, in dictionary order: ngang (no mark) sorts first, then
# huyền, hỏi, ngã, sắc, nặng. This is the order of Vietnamese dictionaries (Hoàng Phê: a à ả ã á ạ) and of
# the CLDR/ICU "vi" collation; the other order sometimes taught (sắc before huyền) is not used for sorting.
TONE_MARKS = "\u0300\u0309\u0303\u0301\u0323"
TONE_RANK = {mark: rank for rank, mark in enumerate(TONE_MARKS, start=1)}

# The Vietnamese alphabet, with f j w z (foreign words and ethnic names) at their Latin places.
# Digraphs (ch, kh, ng, nh, ph, th, tr) sort letter by letter, as in CLDR's standard "vi" collation.
ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
LETTER_RANK = {letter: rank for rank, letter in enumerate(ALPHABET)}

VOWELS = frozenset("aăâeêioôơuưy")

APOSTROPHES = re.compile("[\u2019\u2018\u02bc`\u00b4\u2032]")

# Letters that Unicode does not decompose into a base letter plus marks. Ð (Icelandic eth) stands in for Đ in
# text converted from old Vietnamese encodings; the two look the same.
UNDECOMPOSABLE = str.maketrans({"đ": "d", "Đ": "D", "Ð": "D", "ð": "d"})
# Latin letters of foreign names that are not decomposable either; only slugs need them spelled in ASCII.
ASCII_SPELLINGS = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "þ": "th", "ı": "i"})

# A word in NFD: letters, each possibly followed by combining marks.
NFD_WORD = re.compile(r"(?:[^\W\d_][\u0300-\u036f]*)+")
NFD_WORD_WITH_DIGITS = re.compile(r"(?:[^\W_][\u0300-\u036f]*)+")


def fold(text):
    """Remove diacritics, spelling đ as d; keep case ("Đắk Lắk" -> "Dak Lak")."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", bare.translate(UNDECOMPOSABLE))


def slugify(text, max_length=255):
    """ASCII slug: "Buôn Ma Thuột" -> "buon-ma-thuot", "H'Bia Ênuôl" -> "hbia-enuol"."""
    # Apostrophes sit inside ethnic names (H'Bia, M'nông): drop them rather than split the name.
    without_apostrophes = APOSTROPHES.sub("'", text).replace("'", "")
    ascii_text = fold(without_apostrophes).lower().translate(ASCII_SPELLINGS)
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if not slug and any(char.isalnum() for char in text):
        # Letters with no ASCII spelling (a title in Chinese, say) still need a stable, non-empty slug.
        slug = hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:12]
    return _truncate_slug(slug, max_length)


def _truncate_slug(slug, max_length):
    if len(slug) <= max_length:
        return slug
    cut = slug[:max_length]
    # Prefer ending on a whole word; only a single over-long word gets cut inside.
    if slug[max_length] != "-" and "-" in cut:
        cut = cut.rsplit("-", 1)[0]
    return cut.strip("-")


def sort_key(text):
    """Key for Vietnamese alphabetical order, case-insensitive, for NFC or NFD input.

    Words compare one after another, as in a dictionary: within a word the letters decide first (a < ă < â,
    d < đ), then the tone (ngang < huyền < hỏi < ngã < sắc < nặng). So "Thanh" < "Thanh Bình" < "Thành".
    Runs of digits compare by value, so "Phường 2" < "Phường 10".
    """
    words = NFD_WORD_WITH_DIGITS.findall(_nfd(normalize(text)))
    return tuple(_word_sort_key(word) for word in words)


def _word_sort_key(word):
    tones = tuple(TONE_RANK[char] for char in word if char in TONE_RANK)
    toneless = unicodedata.normalize("NFC", "".join(char for char in word if char not in TONE_RANK))
    elements = []
    for digits, other in re.findall(r"(\d+)|(\D)", toneless.lower()):
        elements.append((0, int(digits)) if digits else (1, *_letter_rank(other)))
    return tuple(elements), tones


def _letter_rank(letter):
    if letter in LETTER_RANK:
        return LETTER_RANK[letter], 0
    # A foreign letter (ö, ñ) sorts right after its base letter; anything else after the alphabet.
    base = fold(letter)
    if base in LETTER_RANK:
        return LETTER_RANK[base], ord(letter)
    return len(ALPHABET), ord(letter)


def canonical_tone_placement(text):
    """NFC text with one placement of tone marks in oa, oe and uy: "hoà" -> "hòa", "thuỷ" -> "thủy".

    Two conventions exist for syllables ending in oa, oe, uy: the mark on the first vowel (hòa, khỏe, thủy,
    the more common one and the default of Vietnamese keyboards) or on the second (hoà, khoẻ, thuỷ). Sources
    disagree on which to call "old" and which "new", so both are named here by example. The first is
    canonical here. When a consonant follows (hoàng, hoạch, huỳnh) both conventions put the mark on the second
    vowel, so a mark typed on the first ("hòang") moves there too. The u of qu and the i of gi are part of the
    consonant, so "qúy" -> "quý" and "gìa" -> "già". Other syllables keep their mark where it is.
    """
    placed = NFD_WORD.sub(lambda match: _place_tone(match.group()), _nfd(text))
    return unicodedata.normalize("NFC", placed)


@lru_cache(maxsize=100_000)
def _place_tone(word):
    # Cached: an archive repeats the same few thousand syllables millions of times.
    letters = re.findall(r"[^\u0300-\u036f][\u0300-\u036f]*", word)
    tone_marks = [char for char in word if char in TONE_RANK]
    if len(tone_marks) != 1:
        return word
    tone = tone_marks[0]
    bare_letters = [letter.replace(tone, "") for letter in letters]
    target = _tone_target(bare_letters)
    if target is None:
        return word
    bare_letters[target] += tone
    return "".join(bare_letters)


def _tone_target(bare_letters):
    """Index of the letter that should carry the tone, or None where the syllable is left as written."""
    plain = [unicodedata.normalize("NFC", letter).lower() for letter in bare_letters]
    vowel_positions = [index for index, letter in enumerate(plain) if letter in VOWELS]
    # The u of qu and the i of gi belong to the consonant when a vowel follows (quý, già).
    if plain[:2] in (["q", "u"], ["g", "i"]) and len(vowel_positions) > 1:
        vowel_positions.remove(1)
    if len(vowel_positions) == 1:
        return vowel_positions[0]
    if len(vowel_positions) != 2 or vowel_positions[1] != vowel_positions[0] + 1:
        return None
    first, second = vowel_positions
    if plain[first] + plain[second] not in ("oa", "oe", "uy"):
        return None
    is_open_syllable = second == len(plain) - 1
    return first if is_open_syllable else second


def normalize(text):
    """One spelling for equal text: NFC, one tone placement, one apostrophe, Đ for Ð. Case is kept."""
    return canonical_tone_placement(APOSTROPHES.sub("'", text).replace("Ð", "Đ"))


def _nfd(text):
    return unicodedata.normalize("NFD", text)
