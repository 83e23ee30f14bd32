"""Words typed with the input method off: Telex and VNI keystrokes read back as the Vietnamese syllable meant.

With the keyboard's input method switched off, a reader who means "trường học" types the keys themselves:
Telex ("truwowngf hocj": aa ee oo for â ê ô, w for the horn and the breve, dd for đ, s f r x j for the tones)
or VNI ("tru7o7ng2 ho5c": digits). `decode` reads such a word back. What a Vietnamese syllable can be
(`is_syllable`) decides both ways: a word that is one as typed (tran, thanh, buon) is never decoded, and a
reading that is none (ksor, website, serepok) is no reading.

The syllable grammar: an onset (or none) and a rhyme; the rhyme is an optional medial (o, u), a nucleus (one
vowel, or the diphthongs ia/iê/ya/yê, ua/uô, ưa/ươ) and an optional final. Tables say which finals each
nucleus takes; `_spelling_allows` holds the spelling rules (k gh ngh before e ê i, qu for c with a medial, iê
after an onset and yê without one); stop finals take only the sắc or nặng tone, or none.
"""

import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from core.vietnamese import VOWELS, fold, normalize

CACHED_WORDS = 100_000
# The longest syllables: seven letters (nghiêng, nghiệp); three vowels (khuỷu, người, nguyễn), four where the
# i of gi comes first (gi + ươi). A reading of keys with more can become no syllable, so it is dropped as soon
# as it has them: the readings of a word stay few, however long the word.
MAX_LETTERS = 7
MAX_VOWELS = 4
# Keys that add no letter (marks, tones) are a few per syllable: a longer word is no typed syllable.
MAX_KEYS = 2 * MAX_LETTERS

ACUTE, GRAVE, HOOK, TILDE, DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
TONES = (ACUTE, GRAVE, HOOK, TILDE, DOT)

ONSETS = (
    *("b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh"),
    *("p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x", ""),
)
# Longest first, so that "nghĩ" is read ngh + ĩ and "giữa" gi + ưa.
ONSETS_LONGEST_FIRST = sorted(ONSETS, key=len, reverse=True)

STOP_FINALS = frozenset({"c", "ch", "k", "p", "t"})
# The shape marks: a word with one of these is spelled in full, so its vowels are read as written.
SHAPED_VOWELS = frozenset("ăâêôơư")

# The finals each nucleus takes without a medial; "-" is no final. y stands alone or after a consonant (ý, kỹ,
# lý); with a final it follows the medial u (huỳnh). ă takes k in the Central Highlands' place names (Đắk Lắk,
# Đắk Nông), the official spelling of the province's own name. oo is the long o of a few loanwords (boong,
# xoong, moóc): LOANED_OO says with which onsets.
NUCLEUS_FINALS = {
    "a": "- c ch i m n ng nh o p t u y",
    "ă": "c k m n ng p t",
    "â": "c m n ng p t u y",
    "e": "- c m n ng o p t",
    "ê": "- ch m n nh p t u",
    "i": "- ch m n nh p t u",
    "y": "-",
    "o": "- c i m n ng p t",
    "oo": "c ng",
    "ô": "- c i m n ng p t",
    "ơ": "- i m n p t",
    "u": "- c i m n ng p t",
    "ư": "- c i ng t u",
    "ia": "-",
    "iê": "c m n ng p t u",
    "yê": "c m n ng p t u",
    "ua": "-",
    "uô": "c i m n ng t",
    "ưa": "-",
    "ươ": "c i m n ng p t u",
}
# The medial is written o before a, ă, e and u before â, ê, y, ơ (hoa, hoặc, khoe; tuần, thuế, thủy, thuở).
MEDIAL_NUCLEUS_FINALS = {
    ("o", "a"): "- c ch i m n ng nh o p t y",
    ("o", "ă"): "c m n ng t",
    ("o", "e"): "- n o t",
    ("u", "â"): "n ng t y",
    ("u", "ê"): "- ch nh",
    ("u", "y"): "- ch nh t u",
    ("u", "yê"): "n t",
    ("u", "ya"): "-",
    ("u", "ơ"): "-",
}
# After qu, whose u is the medial: the medial rhymes without their medial letter (qua, quyết, quờ), and the
# two spellings qu keeps from older usage (quí beside quý, quít) and quốc.
QU_ONLY_NUCLEUS_FINALS = {"i": "- t", "ô": "c"}
# The onsets each final of the loanwords' long oo follows: boong, goòng, xoong; moóc, phoóc, soóc. No other,
# so that "khoong", "soong" (không, sông in Telex) are no words as typed.
LOANED_OO = {"ng": frozenset({"b", "g", "x"}), "c": frozenset({"m", "ph", "s"})}
# Onsets spelled before the front vowels e ê i y only, and onsets never spelled there.
FRONT_VOWELS = "eêiy"
ONSETS_BEFORE_FRONT_VOWELS = {"k": FRONT_VOWELS, "gh": "eêi", "ngh": "eêi"}
ONSETS_NOT_BEFORE_FRONT_VOWELS = frozenset({"c", "g", "ng"})


@dataclass(frozen=True)
class Rhyme:
    medial: str
    nucleus: str
    final: str

    @property
    def spelling(self):
        return self.medial + self.nucleus + self.final


def _finals(listed):
    return ["" if final == "-" else final for final in listed.split()]


RHYMES = (
    *(Rhyme("", nucleus, final) for nucleus, finals in NUCLEUS_FINALS.items() for final in _finals(finals)),
    *(
        Rhyme(medial, nucleus, final)
        for (medial, nucleus), finals in MEDIAL_NUCLEUS_FINALS.items()
        for final in _finals(finals)
    ),
)
QU_RHYMES = (
    *(Rhyme("u", rhyme.nucleus, rhyme.final) for rhyme in RHYMES if rhyme.medial),
    *(
        Rhyme("u", nucleus, final)
        for nucleus, finals in QU_ONLY_NUCLEUS_FINALS.items()
        for final in _finals(finals)
    ),
)


def _by_spelling(rhymes, spell):
    table = {}
    for rhyme in rhymes:
        table.setdefault(spell(rhyme), []).append(rhyme)
    return table


# Rhymes by how they are written after an onset other than qu, and after qu; each as spelled and folded.
RHYMES_BY_SPELLING = _by_spelling(RHYMES, lambda rhyme: rhyme.spelling)
FOLDED_RHYMES_BY_SPELLING = _by_spelling(RHYMES, lambda rhyme: fold(rhyme.spelling))
QU_RHYMES_BY_SPELLING = _by_spelling(QU_RHYMES, lambda rhyme: rhyme.nucleus + rhyme.final)
FOLDED_QU_RHYMES_BY_SPELLING = _by_spelling(QU_RHYMES, lambda rhyme: fold(rhyme.nucleus + rhyme.final))

# Telex: the tone keys (z takes the tone off), w's marks, and the circumflex of a doubled a, e or o.
TELEX_TONES = {"s": ACUTE, "f": GRAVE, "r": HOOK, "x": TILDE, "j": DOT, "z": ""}
CIRCUMFLEX = {"a": "â", "ă": "â", "e": "ê", "o": "ô", "ơ": "ô"}
HORN = {"o": "ơ", "ô": "ơ", "u": "ư"}
BREVE = {"a": "ă", "â": "ă"}
# VNI: 1-5 the tones (0 takes the tone off), 6 7 8 the marks, 9 đ.
VNI_TONES = {"1": ACUTE, "2": GRAVE, "3": HOOK, "4": TILDE, "5": DOT, "0": ""}
VNI_MARKS = {"6": CIRCUMFLEX, "7": HORN, "8": BREVE}


@lru_cache(maxsize=CACHED_WORDS)
def is_syllable(word, as_written=False):
    """Whether a lower-case word, with or without its diacritics, can be a Vietnamese syllable.

    A word with no shape mark (ă â ê ô ơ ư) may stand for any word it is the folded form of: "truong" is one,
    as "trường" is; unless `as_written`. A word with one is read as written: "truơng" is none.
    """
    toneless, tones = _without_tones(word)
    if len(tones) > 1:
        return False
    folded = not as_written and SHAPED_VOWELS.isdisjoint(toneless)
    parsed = _parse(fold(toneless) if folded else toneless, folded=folded)
    return parsed is not None and _tone_fits(tones, parsed[1].final)


@lru_cache(maxsize=CACHED_WORDS)
def decode(word):
    """The syllable a word spells in Telex or VNI keys, as the analyser writes it typed correctly; or None.

    None when the word is a syllable as typed, when no reading of its keys is one, and for anything but ASCII
    letters and digits. A word with digits is read as VNI (its letters as letters), one without as Telex.
    """
    if len(word) > MAX_KEYS or not (word.isascii() and word.isalnum()) or is_syllable(word):
        return None
    return _read(word, _telex_step if word.isalpha() else _vni_step)


def _without_tones(word):
    decomposed = unicodedata.normalize("NFD", word)
    tones = [char for char in decomposed if char in TONES]
    toneless = "".join(char for char in decomposed if char not in TONES)
    return unicodedata.normalize("NFC", toneless), tones


def _tone_fits(tones, final):
    return final not in STOP_FINALS or tones in ([], [ACUTE], [DOT])


def _parse(toneless, folded=False):
    """(onset, Rhyme) of a toneless syllable or None; if `folded`, a vowel may stand for its marked forms."""
    for onset in ONSETS_LONGEST_FIRST:
        if not toneless.startswith(onset):
            continue
        if onset == "qu":
            table = FOLDED_QU_RHYMES_BY_SPELLING if folded else QU_RHYMES_BY_SPELLING
        else:
            table = FOLDED_RHYMES_BY_SPELLING if folded else RHYMES_BY_SPELLING
        for rhyme in table.get(toneless[len(onset) :], ()):
            if _spelling_allows(onset, rhyme):
                return onset, rhyme
    return None


def _spelling_allows(onset, rhyme):
    if onset == "qu":
        return True
    first = rhyme.spelling[0]
    if onset in ONSETS_BEFORE_FRONT_VOWELS and first not in ONSETS_BEFORE_FRONT_VOWELS[onset]:
        return False
    # g before i is the onset gi whose i is the vowel as well (gì, gìn).
    if onset in ONSETS_NOT_BEFORE_FRONT_VOWELS and first in FRONT_VOWELS and (onset, first) != ("g", "i"):
        return False
    if onset == "gi" and (first in "iy" or rhyme.medial):
        return False
    # c with a medial is written qu.
    if onset == "c" and rhyme.medial:
        return False
    if rhyme.nucleus == "iê":
        return onset != ""
    if rhyme.nucleus == "yê" and not rhyme.medial:
        return onset == ""
    if rhyme.nucleus == "oo":
        return onset in LOANED_OO[rhyme.final]
    return True


@dataclass(frozen=True)
class _Typed:
    """What the keys typed so far spell: letters (NFC, one character each), a tone mark, its tone keys."""

    letters: str = ""
    tone: str = ""
    tone_keys: int = 0

    def add(self, letter):
        return replace(self, letters=self.letters + letter)

    def toned(self, tone):
        # A word takes one tone key, or a tone key that z (0) then takes off: a second one is a typo, or no
        # keystroke at all (U23).
        if not tone:
            return [replace(self, tone="", tone_keys=0)]
        return [replace(self, tone=tone, tone_keys=1)] if self.tone_keys == 0 else []

    @property
    def has_vowel(self):
        return not VOWELS.isdisjoint(self.letters)

    @property
    def may_be_syllable(self):
        vowels = sum(letter in VOWELS for letter in self.letters)
        return len(self.letters) <= MAX_LETTERS and vowels <= MAX_VOWELS


def _read(word, step):
    """The first reading of the word's keys, in the order `step` prefers, that is a syllable."""
    readings = [_Typed()]
    for key in word:
        following = (after for typed in readings for after in step(typed, key))
        readings = list(dict.fromkeys(after for after in following if after.may_be_syllable))
        if not readings:
            return None
    for typed in readings:
        # No syllable has ưo: input methods complete it to ươ, so that one horn key (uow, uo7) or a horn on
        # the u alone (truwong) gives ươ, as on screen.
        spelled = _spelled(typed.letters.replace("ưo", "ươ"), typed.tone)
        if spelled is not None:
            return spelled
    return None


def _telex_step(typed, key):
    """The readings after one more Telex key: the key's use as a mark first, then as the letter itself."""
    if not typed.has_vowel:
        if key == "w":
            return [typed.add("ư")]
        if key == "d" and typed.letters == "d":
            return [_Typed("đ")]
        return [typed.add(key)]
    if key in TELEX_TONES:
        return typed.toned(TELEX_TONES[key])
    if key == "w":
        return [*_marked(typed, HORN | BREVE), typed.add("ư")]
    if key in "aeo":
        # A doubled vowel marks a vowel just before it (aa, uoo): after a consonant a, e, o are letters, as in
        # the names Ama, Ana, so that these stay as they are.
        circumflex = {letter: marked for letter, marked in CIRCUMFLEX.items() if fold(letter) == key}
        return [*_marked(typed, circumflex, start=_trailing_vowels_start(typed.letters)), typed.add(key)]
    return [typed.add(key)]


def _vni_step(typed, key):
    """The readings after one more VNI key: a digit marks what comes before it, a letter is itself."""
    if key in VNI_TONES:
        return typed.toned(VNI_TONES[key]) if typed.has_vowel else []
    if key in VNI_MARKS:
        return _marked(typed, VNI_MARKS[key])
    if key == "9":
        return [replace(typed, letters="đ" + typed.letters[1:])] if typed.letters.startswith("d") else []
    return [typed.add(key)]


def _marked(typed, marks, start=0):
    """Each way a mark key marks the letters typed so far, from `start`: on each letter it applies to, the
    nearest first (a mark key follows its letter, right away or at the end of the word)."""
    letters = typed.letters
    return [
        replace(typed, letters=letters[:index] + marks[letters[index]] + letters[index + 1 :])
        for index in reversed(range(start, len(letters)))
        if letters[index] in marks
    ]


def _trailing_vowels_start(letters):
    return len(letters.rstrip("".join(VOWELS)))


def _spelled(letters, tone):
    """The syllable with its tone where a correctly typed word has it, as the analyser writes it; or None."""
    parsed = _parse(letters)
    if parsed is None or not _tone_fits([tone] if tone else [], parsed[1].final):
        return None
    if not tone:
        return letters
    rhyme = parsed[1]
    # The tone sits on the nucleus: on the second letter of a diphthong before a final (tiếng, trường), on the
    # first of an open one (mía, mùa, mưa). normalize then moves it in oa, oe, uy as the analyser does.
    toned = len(letters) - len(rhyme.final) - len(rhyme.nucleus)
    if len(rhyme.nucleus) == 2 and rhyme.final:
        toned += 1
    return normalize(unicodedata.normalize("NFC", letters[: toned + 1] + tone + letters[toned + 1 :]))
