"""The Vietnamese analyser: one definition of terms for both search engines, at index and at query time.

Plain text in, plain lists of strings out, so the embedded database engine and OpenSearch index the same terms
(OpenSearch can take them pre-analysed: the terms joined by spaces into fields with a whitespace tokenizer).

Each indexed text (title, summary, body, tags) gets four fields; a query is analysed by the same functions and
its terms for a field are matched against the same field:

- exact:  normalised tokens in lower case, diacritics kept ("hòa", "thành", "2/9"). Positional.
- folded: the exact tokens without diacritics, đ as d ("hoa", "thanh", "2/9"). Same positions as exact, so
  phrases work on either. This is the base match: "le van thanh", "dak lak", "GƯƠNG SÁNG".
- joined: the folded tokens plus every concatenation of 2-3 adjacent words ("ê đê" -> e, de, ede). Names
  written in syllables, hyphenated or joined (Ê Đê, Ê-đê, Êđê, Ede; M'nông, Mnông, M nông) meet in either
  direction: a joined spelling matches a concatenation, a spaced one produces it.
- keys:   misspelling keys of the folded tokens: c and k merged (Đắc Lắc ~ Đắk Lắk), y after a consonant as i
  (kỹ sư ~ kĩ sư). Low weight.

Ranking: score folded, joined and keys matches (most to least weight). When `QueryTerms.has_diacritics`, also
score the exact field above all of them: a reader who typed "Thành" prefers Thành to its folded twin Thanh; a
reader who typed no marks gets both alike. Before any score, the words typed with marks that a document has as
typed (their exact terms) rank it first, whatever its fields (search.engines.ranking). `QueryTerms.fuzzy`
lists the folded terms worth retrying within one edit (OpenSearch fuzziness 1; the database engine: index
terms for which `within_one_edit` holds), best only for terms with no match of their own. `QueryTerms.phrase`
is set when the reader quoted the query: then the folded tokens must be adjacent.

Dates are tokens: "2/9", "02/9", "2-9", "2.9" -> "2/9"; "2/9/2025", "2-9-2025", "2.9.2025" -> "2/9", "2025",
"9/2025", so a day-month query finds full dates; "ngày 10 tháng 3 năm 2025" and "2 tháng 9" also yield the
numeric tokens.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from core.vietnamese import fold, normalize

MAX_JOINED_WORDS = 3
FUZZY_MIN_LENGTH = 5

# Groups of digits with separators (dates, 100.000, 1,5), words (apostrophes inside: m'nông), and punctuation
# that ends a phrase: words are joined only within a phrase.
TOKEN = re.compile(
    r"(?P<numbers>\d+(?:[/.,-]\d+)+)"
    r"|(?P<word>[^\W_]+(?:'[^\W_]+)*)"
    r"|(?P<phrase_end>[.,;:!?()\[\]{}\"“”«»…\n])"
)
# "ngày 10 tháng 3 năm 2025", "mùng 2 tháng 9", "tháng 3 năm 2025", with or without diacritics.
# The day may stand without "ngày": "2 tháng 9".
LONG_DATE = re.compile(
    r"\b(?:(?:(?:ng[aà]y|m[uù]ng|m[oồ]ng)\s+)?(\d{1,2})\s+)?th[aá]ng\s+(\d{1,2})\b(?:\s+n[aă]m\s+(\d{4})\b)?"
)
# "ngày 2/9", "mùng 2-9": in a query, the day's word adds nothing to the date after it.
DAY_WORD_BEFORE_DATE = re.compile(r"\b(?:ng[aà]y|m[uù]ng|m[oồ]ng)\s+(?=\d{1,2}[/.-]\d{1,2}\b)")
QUOTES = '"“”'

# An open syllable of a consonant and y alone, whose y is often written i (kỹ/kĩ, lý/lí, quý/quí).
# Syllables where y follows another vowel (tay, thủy, khuya) are left alone: there y and i differ.
OPEN_Y_SYLLABLE = re.compile(r"^(b|c|ch|d|g|h|k|kh|l|m|n|ng|nh|p|ph|qu|r|s|t|th|tr|v|x)y$")
C_NOT_IN_CH = re.compile("c(?!h)")
DIGITS = re.compile(r"\d+")
DATE_SEPARATOR = re.compile(r"[/.,-]")
# Normalising and lower-casing treat text between white space on its own (no mark or letter composes with white
# space), so each run of text is worked out once and remembered: words repeat, within a text and across texts.
WHITESPACE = re.compile(r"(\s+)")
CACHED_WORDS = 100_000


@dataclass(frozen=True)
class FieldTerms:
    exact: list[str]
    folded: list[str]
    joined: list[str]
    keys: list[str]


@dataclass(frozen=True)
class QueryTerms(FieldTerms):
    has_diacritics: bool
    fuzzy: list[str]
    phrase: bool


@dataclass(frozen=True)
class IndexTokens:
    """The positional fields of a text, without joined: for an engine that joins at query time only."""

    exact: list[str]
    folded: list[str]
    keys: list[str]


@dataclass(frozen=True)
class _Analysed:
    """A text's tokens as parallel lists: exact, folded, and the number of the phrase each one is in."""

    exact: list[str]
    folded: list[str]
    phrase_numbers: list[int]


def index_terms(text):
    """The terms of a text for each field (see the module's docstring)."""
    analysed = _analyse(text)
    return FieldTerms(
        exact=analysed.exact,
        folded=analysed.folded,
        joined=_joined(analysed),
        keys=list(map(misspelling_key, analysed.folded)),
    )


def index_tokens(text):
    """index_terms without joined (the costliest field): the exact and folded tokens, the misspelling keys."""
    analysed = _analyse(text)
    return IndexTokens(
        exact=analysed.exact, folded=analysed.folded, keys=list(map(misspelling_key, analysed.folded))
    )


def query_terms(query):
    """What a query needs from each field, plus how to rank and whether it is a quoted phrase.

    A written-out date in a query stands for its numeric form alone ("2 tháng 9" -> "2/9"), which every
    document with the date has in any of its forms; a quoted query keeps the words, which its phrase needs.
    """
    stripped = query.strip()
    phrase = len(stripped) > 1 and stripped[0] in QUOTES and stripped[-1] in QUOTES
    analysed = _analyse(stripped, date_words=phrase)
    terms = FieldTerms(
        exact=analysed.exact,
        folded=analysed.folded,
        joined=_joined(analysed),
        keys=list(map(misspelling_key, analysed.folded)),
    )
    return QueryTerms(
        **vars(terms),
        has_diacritics=terms.exact != terms.folded,
        fuzzy=[term for term in terms.folded if len(term) >= FUZZY_MIN_LENGTH and term.isalpha()],
        phrase=phrase,
    )


def respelled(text, spellings):
    """The text in lower case with each word that `spellings` maps (as a token: apostrophes removed) written
    as it says: respelled("Truwowngf họcj", {"truwowngf": "trường"}) -> "trường họcj"."""

    def respell(match):
        word = match.group("word")
        return spellings.get(word.replace("'", ""), word) if word else match.group()

    return TOKEN.sub(respell, _normalized_lower(text))


def tokens(text):
    """Exact tokens: normalised, lower case, diacritics kept."""
    return _analyse(text).exact


def folded_tokens(text):
    """Tokens without diacritics."""
    return _analyse(text).folded


@lru_cache(maxsize=CACHED_WORDS)
def misspelling_key(folded_token):
    """One key for common misspellings of a folded token."""
    key = OPEN_Y_SYLLABLE.sub(r"\1i", folded_token)
    # Orthography keeps c and k apart (k before e, ê, i, y; c elsewhere; no native word ends in k), so merging
    # them never joins two Vietnamese words, only a place name with its misspelling: Đắc Lắc, Cư Cuin.
    return C_NOT_IN_CH.sub("k", key)


def within_one_edit(first, second):
    """True when one insertion, deletion, substitution or swap of neighbours turns a string into the other."""
    if abs(len(first) - len(second)) > 1:
        return False
    shorter, longer = sorted((first, second), key=len)
    differs_at = _common_prefix_length(shorter, longer)
    if differs_at == len(shorter):
        return True
    if len(shorter) < len(longer):
        return shorter[differs_at:] == longer[differs_at + 1 :]
    after_one, after_two = differs_at + 1, differs_at + 2
    substituted = shorter[after_one:] == longer[after_one:]
    swapped = shorter[differs_at:after_two] == longer[differs_at:after_two][::-1]
    return substituted or (swapped and shorter[after_two:] == longer[after_two:])


def _common_prefix_length(first, second):
    length = 0
    while length < len(first) and first[length] == second[length]:
        length += 1
    return length


def _analyse(text, date_words=True):
    exact, folded, phrase_numbers = [], [], []
    phrase_number = 0
    for numbers, word, _phrase_end in TOKEN.findall(_with_numeric_dates(_normalized_lower(text), date_words)):
        if word:
            values = _word_tokens(word)
        elif numbers:
            values = _number_tokens(numbers)
        else:
            phrase_number += 1
            continue
        for exact_token, folded_token in values:
            exact.append(exact_token)
            folded.append(folded_token)
            phrase_numbers.append(phrase_number)
    return _Analysed(exact=exact, folded=folded, phrase_numbers=phrase_numbers)


def _normalized_lower(text):
    """normalize(text).lower(), one run between white space at a time."""
    return "".join(map(_normalized_lower_run, WHITESPACE.split(text)))


@lru_cache(maxsize=CACHED_WORDS)
def _normalized_lower_run(run):
    return normalize(run).lower()


@lru_cache(maxsize=CACHED_WORDS)
def _word_tokens(word):
    """The (exact, folded) token of a word matched by TOKEN."""
    exact = word.replace("'", "")
    return ((exact, fold(exact)),)


@lru_cache(maxsize=CACHED_WORDS)
def _number_tokens(numbers):
    """The (exact, folded) tokens of a group of numbers matched by TOKEN: a date's, or each number's."""
    return tuple((value, fold(value)) for value in _date_tokens(numbers) or DIGITS.findall(numbers))


def _with_numeric_dates(text, keep_words=True):
    """Follows each written-out date with its numeric form: "ngày 10 tháng 3" -> "ngày 10 tháng 3 10/3"; or,
    without keep_words, puts the numeric form in its place ("ngày 10 tháng 3" -> "10/3") and drops the day's
    word before a numeric date ("mùng 2/9" -> "2/9")."""

    def add_numeric(match):
        day, month, year = match.groups()
        if (day is None and year is None) or not _is_day_month(int(day or 1), int(month)):
            return match.group()
        numeric = "/".join(part for part in (day, month, year) if part is not None)
        return f"{match.group()} {numeric}" if keep_words else numeric

    with_numeric = LONG_DATE.sub(add_numeric, text)
    return with_numeric if keep_words else DAY_WORD_BEFORE_DATE.sub("", with_numeric)


def _date_tokens(numbers):
    """Date tokens for "2/9", "02-09", "2/9/2025", "9/2025"; None when the numbers are no date."""
    parts = DATE_SEPARATOR.split(numbers)
    separators = set(DATE_SEPARATOR.findall(numbers))
    if "," in separators:
        return None
    values = [int(part) for part in parts]
    if len(parts) == 3 and len(parts[2]) == 4 and _is_day_month(values[0], values[1]):
        day, month, year = values
        return [f"{day}/{month}", str(year), f"{month}/{year}"]
    if len(parts) != 2:
        return None
    # Vietnamese writes decimals with a comma (1,5) and groups thousands with a dot (100.000), so two numbers
    # with a dot and one or two digits after it are a date written with dots: 2.9, 10.3.
    is_month_year = len(parts[1]) == 4 and 1 <= values[0] <= 12 and "." not in separators
    is_day_month = len(parts[1]) <= 2 and _is_day_month(*values)
    return [f"{values[0]}/{values[1]}"] if is_month_year or is_day_month else None


def _is_day_month(day, month):
    return 1 <= day <= 31 and 1 <= month <= 12


def _joined(analysed):
    folded, phrase_numbers = analysed.folded, analysed.phrase_numbers
    is_word = [token.isalpha() for token in folded]
    # links[i]: tokens i and i + 1 are words of one phrase, so a window of words joins when all its links hold.
    links = [
        first and second and first_phrase == second_phrase
        for first, second, first_phrase, second_phrase in zip(
            is_word, is_word[1:], phrase_numbers, phrase_numbers[1:], strict=False
        )
    ]
    joined = list(folded)
    for size in range(2, MAX_JOINED_WORDS + 1):
        joined += [
            "".join(folded[start : start + size])
            for start in range(len(folded) - size + 1)
            if all(links[start : start + size - 1])
        ]
    return joined
