"""Reading a search request's parameters, shared by the search page, the JSON API and autocomplete.

Every parameter is read here and nowhere else, so whatever a request carries is either a valid query or an
InvalidParameter with a Vietnamese message (a 400): a NUL or a lone surrogate in any parameter, a query longer
than MAX_QUERY_LENGTH characters or of more than MAX_QUERY_WORDS words (refused, never truncated: the reader
sees what was searched), a number outside its bounds or written with anything but ASCII digits. Unknown
parameters are ignored; a repeated one counts by its last value.
"""

from newsroom.models import Language, Outlet
from newsroom.models.languages import STANDARD_LANGUAGES, VIETNAMESE_CODE

from .analysis import query_terms
from .engines.base import SearchQuery
from .kinds import EXEMPLAR_KIND_LABELS, EXEMPLAR_KINDS, KIND_LABELS, KINDS

MAX_QUERY_LENGTH = 500
# Each word of a query makes ten or more clauses of OpenSearch's query, which refuses more than 1,024 in all
# (from 80 to 100 words): a longer query would fail there, and each failure counts towards sending every
# reader to the embedded engine (search.service's circuit breaker).
MAX_QUERY_WORDS = 32
# Autocomplete completes what is being typed: only its start counts (cut, not refused).
MAX_PREFIX_LENGTH = 100
# A column is a page's title (wagtailcore's Page.title).
MAX_COLUMN_LENGTH = 255
DEFAULT_PAGE_SIZE = 10
MAX_PAGE_SIZE = 100
MAX_PAGE = 1000
SORTS = ("relevance", "date")
YEARS = (1900, 2100)


class InvalidParameter(ValueError):
    """A search parameter the API answers with a 400 and this message."""


def read_query(params, require_text=True):
    """A SearchQuery from GET parameters (a QueryDict); InvalidParameter (with a Vietnamese message) when one
    is bad."""
    _refuse_invalid_characters(params)
    text = _value(params, "q")
    if require_text and not text:
        raise InvalidParameter("Hãy nhập từ khóa tìm kiếm (tham số q).")
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidParameter(f"Từ khóa tìm kiếm dài quá {MAX_QUERY_LENGTH} ký tự.")
    if len(query_terms(text).folded) > MAX_QUERY_WORDS:
        raise InvalidParameter(f"Từ khóa tìm kiếm có quá {MAX_QUERY_WORDS} từ: hãy bớt từ.")
    return SearchQuery(
        text=text,
        filters=read_filters(params),
        sort=_choice(params, "sort", SORTS, "relevance"),
        page=_number(params, "page", 1, (1, MAX_PAGE)),
        page_size=_number(params, "page_size", DEFAULT_PAGE_SIZE, (1, MAX_PAGE_SIZE)),
    )


def read_prefix(params):
    """What autocomplete completes: the start of the q parameter ("" for none)."""
    _refuse_invalid_characters(params)
    return _value(params, "q")[:MAX_PREFIX_LENGTH].strip()


def read_filters(params):
    filters = {}
    if _value(params, "outlet"):
        filters["outlet"] = _choice(params, "outlet", Outlet.values, None)
    if _value(params, "kind"):
        filters["kind"] = _choice(params, "kind", KINDS, None)
    if _value(params, "exemplar_kind"):
        filters["exemplar_kind"] = _choice(params, "exemplar_kind", EXEMPLAR_KINDS, None)
    if _value(params, "language"):
        filters["language"] = _choice(params, "language", sorted(language_names()), None)
    column = _value(params, "column")
    if len(column) > MAX_COLUMN_LENGTH:
        raise InvalidParameter(f"Tên chuyên mục dài quá {MAX_COLUMN_LENGTH} ký tự.")
    if column:
        filters["column"] = column
    if _value(params, "year"):
        filters["year"] = _number(params, "year", None, YEARS)
    return filters


def _refuse_invalid_characters(params):
    """Refuse a NUL or a lone surrogate anywhere in the parameters, names included: no text holds one (and
    PostgreSQL refuses a NUL), and no page or JSON answer could carry a lone surrogate."""
    for name, values in params.lists():
        for text in (name, *values):
            if "\x00" in text or not _is_encodable(text):
                raise InvalidParameter("Tham số tìm kiếm chứa ký tự không hợp lệ (như ký tự NUL).")


def _is_encodable(text):
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def _value(params, name):
    return params.get(name, "").strip()


def _choice(params, name, allowed, default):
    value = _value(params, name)
    if not value:
        return default
    if value not in allowed:
        raise InvalidParameter(f"Giá trị không hợp lệ cho {name}: hãy dùng một trong {', '.join(allowed)}.")
    return value


def _number(params, name, default, bounds):
    value = _value(params, name)
    if not value:
        return default
    low, high = bounds
    number = _ascii_integer(value, len(str(high)))
    if number is None or not low <= number <= high:
        raise InvalidParameter(f"{name} phải là số nguyên từ {low} đến {high}.")
    return number


def _ascii_integer(value, max_digits):
    """The integer written in ASCII digits, or None: int() would take digits of other scripts ("٣"), fail on
    other characters that str.isdigit() calls digits ("²"), and refuse a few thousand digits."""
    digits = value.lstrip("0") or "0"
    if not (value.isascii() and value.isdigit()) or len(digits) > max_digits:
        return None
    return int(digits)


def describe_outlet(value):
    return Outlet(value).label if value in Outlet.values else value


def describe_kind(value):
    return KIND_LABELS.get(value, value)


def describe_exemplar_kind(value):
    return EXEMPLAR_KIND_LABELS.get(value, value)


def language_names():
    """{code: Vietnamese name} of the languages items may be in: the site's, and Vietnamese, which every item
    that names no language is in."""
    return {
        VIETNAMESE_CODE: STANDARD_LANGUAGES[VIETNAMESE_CODE],
        **dict(Language.objects.values_list("code", "name")),
    }
