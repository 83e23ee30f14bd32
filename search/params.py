"""Reading a search request's parameters, shared by the search page and the JSON API."""

from newsroom.models import Outlet

from .engines.base import SearchQuery
from .kinds import EXEMPLAR_KIND_LABELS, EXEMPLAR_KINDS, KIND_LABELS, KINDS

MAX_QUERY_LENGTH = 500
DEFAULT_PAGE_SIZE = 10
MAX_PAGE_SIZE = 100
MAX_PAGE = 1000
SORTS = ("relevance", "date")
YEARS = (1900, 2100)


class InvalidParameter(ValueError):
    """A search parameter the API answers with a 400 and this message."""


def read_query(params, require_text=True):
    """A SearchQuery from GET parameters; InvalidParameter (with a Vietnamese message) when one is bad."""
    text = params.get("q", "").strip()
    if require_text and not text:
        raise InvalidParameter("Hãy nhập từ khóa tìm kiếm (tham số q).")
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidParameter(f"Từ khóa tìm kiếm dài quá {MAX_QUERY_LENGTH} ký tự.")
    return SearchQuery(
        text=text,
        filters=read_filters(params),
        sort=_choice(params, "sort", SORTS, "relevance"),
        page=_number(params, "page", 1, (1, MAX_PAGE)),
        page_size=_number(params, "page_size", DEFAULT_PAGE_SIZE, (1, MAX_PAGE_SIZE)),
    )


def read_filters(params):
    filters = {}
    outlet = params.get("outlet", "").strip()
    if outlet:
        filters["outlet"] = _choice(params, "outlet", Outlet.values, None)
    kind = params.get("kind", "").strip()
    if kind:
        filters["kind"] = _choice(params, "kind", KINDS, None)
    exemplar_kind = params.get("exemplar_kind", "").strip()
    if exemplar_kind:
        filters["exemplar_kind"] = _choice(params, "exemplar_kind", EXEMPLAR_KINDS, None)
    column = params.get("column", "").strip()
    if column:
        filters["column"] = column
    if params.get("year", "").strip():
        filters["year"] = _number(params, "year", None, YEARS)
    return filters


def _choice(params, name, allowed, default):
    value = params.get(name, "").strip()
    if not value:
        return default
    if value not in allowed:
        raise InvalidParameter(f"Giá trị không hợp lệ cho {name}: hãy dùng một trong {', '.join(allowed)}.")
    return value


def _number(params, name, default, bounds):
    value = params.get(name, "").strip()
    if not value:
        return default
    low, high = bounds
    if not value.isdigit() or not low <= int(value) <= high:
        raise InvalidParameter(f"{name} phải là số nguyên từ {low} đến {high}.")
    return int(value)


def describe_outlet(value):
    return Outlet(value).label if value in Outlet.values else value


def describe_kind(value):
    return KIND_LABELS.get(value, value)


def describe_exemplar_kind(value):
    return EXEMPLAR_KIND_LABELS.get(value, value)
