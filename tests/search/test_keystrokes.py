"""Words typed with the input method off (search.keystrokes): Telex and VNI read back as the syllable meant;
what is a word as typed, a name of the province's peoples or a foreign word left as it is."""

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from core.vietnamese import VOWELS, fold, normalize
from search.analysis import tokens
from search.keystrokes import ONSETS, RHYMES, TONES, decode, is_syllable

DATA_FILES = [
    Path(__file__).parents[2] / "demo" / "data" / "archive.jsonl",
    Path(__file__).parents[2] / "tests" / "data" / "articles-dev.jsonl",
]

# (as typed, as meant: written the way people write it, which the analyser turns into its one spelling).
TELEX = [
    ("truwowngf", "trường"),
    ("hocj", "học"),
    ("hojc", "học"),
    ("nguyeenx", "nguyễn"),
    ("ddawsk", "đắk"),
    ("lawsk", "lắk"),
    ("buoon", "buôn"),
    ("thuootj", "thuột"),
    ("khuyeens", "khuyến"),
    ("thuowngr", "thưởng"),
    ("giuwax", "giữa"),
    ("giwx", "giữ"),
    ("tieengs", "tiếng"),
    ("vieetj", "việt"),
    ("hoaf", "hoà"),
    ("thuyr", "thuỷ"),
    ("khoer", "khoẻ"),
    ("hoangf", "hoàng"),
    ("huynhf", "huỳnh"),
    ("quyeets", "quyết"),
    ("quoocs", "quốc"),
    ("nguwowif", "người"),
    ("nguowif", "người"),
    ("dduwowcj", "được"),
    ("tw", "tư"),
    ("nhwng", "nhưng"),
    ("khoong", "không"),
    ("soong", "sông"),
    ("ddoongf", "đồng"),
    ("thaafy", "thầy"),
    ("gawpj", "gặp"),
    ("hoawcj", "hoặc"),
    ("thuowr", "thuở"),
    ("rwowuj", "rượu"),
    ("khuyur", "khuỷu"),
    ("tuaanf", "tuần"),
    ("ngoeoj", "ngoẹo"),
    ("kyx", "kỹ"),
    ("nghieeng", "nghiêng"),
    # The mark keys after the final, as input methods take them: w, and a tone key anywhere after the vowel.
    ("muaw", "mưa"),
    ("truongw", "trương"),
    ("truwowfng", "trường"),
    # ưo is completed to ươ, as input methods do on screen.
    ("truwong", "trương"),
    # A later mark replaces an earlier one on the same vowel: aa makes â, then w makes it ă.
    ("ddaawsk", "đắk"),
    # z takes the tone off.
    ("hoasz", "hoa"),
]
VNI = [
    ("tru7o7ng2", "trường"),
    ("truo7ng2", "trường"),
    ("truong72", "trường"),
    ("ho5c", "học"),
    ("hoc5", "học"),
    ("d9a81k", "đắk"),
    ("la81k", "lắk"),
    ("dak98", "đăk"),
    ("buo6n", "buôn"),
    ("thuo65t", "thuột"),
    ("nguye64n", "nguyễn"),
    ("nguyen64", "nguyễn"),
    ("vie65t", "việt"),
    ("hoa2", "hoà"),
    ("d9u7o7c5", "được"),
    ("duoc975", "được"),
    ("ngu7o7i2", "người"),
    ("khuye6n1", "khuyến"),
    ("thu7o7ng3", "thưởng"),
    ("giu7a4", "giữa"),
    ("kho6ng", "không"),
    ("d9o6ng2", "đồng"),
    ("quo6c1", "quốc"),
    ("na8m", "năm"),
    ("ma8t5", "mặt"),
    ("tie6ng1", "tiếng"),
    ("mua7", "mưa"),
    ("thuo73", "thuở"),
]

# Words that stay as they are.
AS_TYPED = [
    # Syllables as typed, with or without their marks.
    *("tran", "hoa", "thanh", "khoa", "buon", "nguyen", "truong", "duoc", "nguoi", "dak", "lak", "quy"),
    *("gi", "trường", "đắk", "hòa", "siu", "nay"),
    # Loanwords with the long oo, though Telex reads oo as ô.
    *("xoong", "boong"),
    # Names of the Ê Đê, M'nông and Gia Rai peoples, as the analyser gives them (no apostrophes), and folded.
    *("ea", "ksor", "nie", "niê", "hbia", "enuol", "mlo", "adrong", "adrơng", "ayun", "mnong", "hwing"),
    *("rcom", "mah", "rahlan", "puih", "kpa", "eban", "serepok", "daklak", "kar", "dray", "hleo", "krong"),
    # A doubled vowel marks only the vowel right before it: after a consonant, a is a letter.
    *("ama", "ana"),
    # Foreign words.
    *("video", "website", "online", "email", "game", "tour", "wifi", "covid", "internet", "marketing"),
    *("show", "facebook", "youtube", "zalo", "photo", "startup", "audio", "camera"),
    # A second tone key is no keystroke.
    *("u23", "hoasj"),
    # Numbers, dates and codes; a word mixing Telex and VNI keys.
    *("2025", "2/9", "h5n1", "4c", "10a1", "d01", "covid19", "tru7owngf", "hoc5j", "m²"),
    # Keys that spell no syllable: ă takes a final, so does ươ; k follows only ă.
    *("aw", "ddaask", "uwow"),
]

# Words of the archive that read as Telex: names (Ea Bar, Ea Sar, Ea Tar, Dray Nur), a unit (MW). The rule lets
# them decode (no syllable as typed, one as read); the search keeps them as typed as the index knows them.
TELEX_READABLE = {"bar": "bả", "sar": "sả", "tar": "tả", "nur": "nủ", "mw": "mư"}

# Words with marks in the archive that are no Vietnamese syllables: names of the Ê Đê, M'nông and Gia Rai
# peoples and of their places (Krông Búk, M'Đrắk, Sêrêpốk, Ea Pốk, Kô Siêr), and abbreviations in capitals.
ARCHIVE_NOT_SYLLABLES = {
    *("adrơng", "bhốk", "bliêm", "brơm", "byă", "búk", "bđăp", "dhông", "drăh", "hngăm", "hnhiên", "hxíu"),
    *("hyâo", "hyên", "knuếc", "krông", "kô", "mlô", "mnông", "mđrắk", "niê", "pơng", "pốk", "rvê", "siêr"),
    *("sêrêpốk", "tóh", "yông", "yơn", "êban", "ênuôl", "êđê", "hđnd", "lđlđ"),
}

SYLLABLES = [
    *("khuỷu", "ngoẹo", "quýt", "quí", "giặt", "gìn", "gì", "ghế", "nghiêng", "khuya", "thuở", "huơ", "uống"),
    *("ỉa", "yêu", "yểm", "ươn", "ưu", "ngoằn", "ngoèo", "xoáy", "khuấy", "quẩy", "tuếch", "huỳnh", "uỵch"),
    *("moóc", "rượu", "hươu", "giếng", "kìa", "kĩ", "kỹ", "lý", "oái", "toét", "hoạch", "uyển", "quyển"),
    *("chuyện", "khoai", "góa", "loà", "oà", "ăn", "đắk", "lắk", "pắc", "ca", "ke", "ghe", "nghe", "qua"),
    *("quy", "tiên", "yên", "hát", "học", "mía", "mùa", "mưa", "người", "được", "buýt"),
    # Without their marks: the folded form of a syllable is one.
    *("hoc", "truong", "nguyen", "dak", "kho", "quoc", "tien", "khuyu"),
]
NOT_SYLLABLE = [
    # c k, g gh, ng ngh: k gh ngh before e ê i, the others elsewhere; c with a medial is written qu.
    *("ce", "ka", "gha", "ge", "nge", "ngha", "coa", "cuy", "qa"),
    # iê after an onset, yê without one (or after the medial u).
    *("tyên", "iên", "niê"),
    # Stop finals take sắc or nặng only; one tone mark.
    *("hàt", "hảt", "hòc", "hoàá"),
    # ă and â take a final; ươ too; k follows only ă; the long oo only in its loanwords.
    *("ă", "â", "ươ", "đấk", "khoong", "soong", "quôn"),
    # A word with a shape mark is read as written.
    *("truơng", "ưong"),
    # Not Vietnamese.
    *("ea", "ksor", "website", "aa", "ww", ""),
]


def archive_words():
    words = set()
    for path in DATA_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            for text in _texts(json.loads(line)):
                words.update(word for word in tokens(text) if word.isalpha())
    return words


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


@pytest.mark.parametrize(("typed", "meant"), TELEX + VNI)
def test_keystrokes_decode_to_the_word_as_the_analyser_writes_it(typed, meant):
    assert decode(typed) == tokens(meant)[0]


@pytest.mark.parametrize("word", AS_TYPED)
def test_words_that_are_no_keystrokes_stay_as_typed(word):
    assert decode(word) is None


@pytest.mark.parametrize("word", SYLLABLES)
def test_syllables(word):
    assert is_syllable(word)


@pytest.mark.parametrize("word", NOT_SYLLABLE)
def test_not_syllables(word):
    assert not is_syllable(word)


def test_every_vietnamese_word_of_the_archive_is_a_syllable_with_and_without_marks():
    vietnamese = {word for word in archive_words() if not word.isascii()} - ARCHIVE_NOT_SYLLABLES
    assert sorted(word for word in vietnamese if not is_syllable(word)) == []
    assert sorted(word for word in vietnamese if not is_syllable(fold(word))) == []


@pytest.mark.parametrize("word", sorted(ARCHIVE_NOT_SYLLABLES))
def test_the_archive_words_listed_as_no_syllables_are_none(word):
    assert not is_syllable(word)


def test_no_word_of_the_archive_is_decoded_but_those_that_read_as_telex():
    decoded = {word: meant for word in archive_words() if (meant := decode(word))}
    assert decoded.items() <= TELEX_READABLE.items()


# Hypothesis: syllables from the grammar's tables, typed in Telex and in VNI, decode back to themselves.

TELEX_LETTERS = {"â": "aa", "ă": "aw", "ê": "ee", "ô": "oo", "ơ": "ow", "ư": "uw", "đ": "dd"}
TELEX_TONE_KEYS = dict(zip(TONES, "sfrxj", strict=True))
VNI_LETTERS = {"â": "a6", "ă": "a8", "ê": "e6", "ô": "o6", "ơ": "o7", "ư": "u7", "đ": "d9"}
VNI_TONE_KEYS = dict(zip(TONES, "12345", strict=True))
SHAPED = "ăâêôơư"


@st.composite
def syllables(draw):
    """(toneless syllable, tone mark or "") from the grammar's onsets and rhymes (qu's u is the medial)."""
    onset = draw(st.sampled_from(ONSETS))
    rhyme = draw(st.sampled_from(RHYMES))
    toneless = onset + (rhyme.nucleus + rhyme.final if onset == "qu" else rhyme.spelling)
    tone = draw(st.sampled_from(("", *TONES)))
    assume(is_syllable(toneless, as_written=True) and is_syllable(toneless + tone, as_written=True))
    # Without any mark, a syllable is typed as it is, and is no keystroke.
    assume(toneless != fold(toneless) or tone)
    return toneless, tone


def correctly_typed(toneless, tone):
    """The syllable with its tone where the usual rule puts it, as the analyser writes it: on the vowel with a
    shape mark (the second of ươ), else on the last vowel before a final consonant, else on the middle one of
    three vowels or the first of two. The u of qu and the i of gi followed by a vowel are no vowels here."""
    vowels = [index for index, letter in enumerate(toneless) if letter in VOWELS]
    if toneless[:2] in ("qu", "gi") and len(vowels) > 1:
        vowels.remove(1)
    shaped = [index for index in vowels if toneless[index] in SHAPED]
    if shaped:
        toned = shaped[-1]
    elif vowels[-1] < len(toneless) - 1:
        toned = vowels[-1]
    else:
        toned = vowels[1] if len(vowels) == 3 else vowels[0]
    with_tone = toneless[: toned + 1] + tone + toneless[toned + 1 :]
    return normalize(unicodedata.normalize("NFC", with_tone))


def with_tone_key(draw, keys, tone_key):
    """The tone key typed anywhere after the first vowel's key."""
    if not tone_key:
        return keys
    first_vowel = next(index for index, key in enumerate(keys) if key in "aeiouyw")
    at = draw(st.integers(min_value=first_vowel + 1, max_value=len(keys)))
    return keys[:at] + tone_key + keys[at:]


@st.composite
def telex(draw, toneless, tone):
    keys = "".join(TELEX_LETTERS.get(letter, letter) for letter in toneless)
    if draw(st.booleans()):
        keys = keys.replace("uwow", "uow")
    if draw(st.booleans()):
        keys = keys.replace("uw", "w")
    return with_tone_key(draw, keys, TELEX_TONE_KEYS.get(tone, ""))


@st.composite
def vni(draw, toneless, tone):
    if draw(st.booleans()):
        # Each mark after its letter, ươ as u7o7 or uo7.
        keys = "".join(VNI_LETTERS.get(letter, letter) for letter in toneless)
        if draw(st.booleans()):
            keys = keys.replace("u7o7", "uo7")
    else:
        # The marks at the end of the word, ươ's as one 7: "truong7".
        marks = "".join(
            VNI_LETTERS[letter][1] for letter in toneless.replace("ươ", "ơ") if letter in VNI_LETTERS
        )
        keys = fold(toneless) + marks
    return with_tone_key(draw, keys, VNI_TONE_KEYS.get(tone, ""))


@pytest.mark.fuzz
@given(st.data())
def test_a_syllable_typed_in_telex_decodes_to_it(data):
    toneless, tone = data.draw(syllables())
    # Telex has no keys for the long oo of loanwords (boong, moóc): oo is ô.
    assume("oo" not in toneless)
    typed = data.draw(telex(toneless, tone))
    # Keys that spell a word as typed are that word (xoong): they are never decoded.
    assume(not is_syllable(typed))
    assert decode(typed) == correctly_typed(toneless, tone)


@pytest.mark.fuzz
@given(st.data())
def test_a_syllable_typed_in_vni_decodes_to_it(data):
    toneless, tone = data.draw(syllables())
    typed = data.draw(vni(toneless, tone))
    assert decode(typed) == correctly_typed(toneless, tone)
