"""The search query parser, the JSON API, autocomplete and the search page under generated input: any Unicode
(NUL, lone surrogates, quotes, operators, combining marks, very long strings), any parameters (unknown,
repeated, of the wrong type, huge or negative numbers), any query string (malformed escapes, invalid UTF-8).
The answer is a result or a 400 with a Vietnamese message, never a 500 or an exception; a NUL anywhere is
refused by the parser itself."""

import itertools
from urllib.parse import quote

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from django.http import QueryDict

from search.analysis import query_terms
from search.engines.terms import query_plan
from search.highlight import highlight, snippet
from search.indexing import rebuild
from search.params import (
    MAX_PAGE,
    MAX_PAGE_SIZE,
    MAX_PREFIX_LENGTH,
    MAX_QUERY_LENGTH,
    MAX_QUERY_WORDS,
    InvalidParameter,
    read_prefix,
    read_query,
)
from search.schema import FACET_FIELDS

pytestmark = pytest.mark.fuzz

PARAMETER_NAMES = ["q", "outlet", "kind", "exemplar_kind", "column", "year", "sort", "page", "page_size"]
ADDRESSES = ["/api/search/", "/api/search/autocomplete/", "/tim-kiem/"]
UNSTORABLE_INPUT_MIDDLEWARE = "core.unstorable_input.UnstorableInputMiddleware"
COMBINING_MARKS = "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"
OPERATORS = "\"“”«»'*?:()[]{}+-~^!&|\\/<>=,.;…_%#@"

any_text = st.text(st.characters(exclude_categories=()))
numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.tuples(st.sampled_from(["", "-", "+"]), st.text("0123456789", min_size=20, max_size=6000)).map(
        "".join
    ),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
chosen_values = st.sampled_from(
    [
        "",
        " ",
        "0",
        "00001",
        "-1",
        "1e3",
        "0x10",
        "²",
        "٣",
        "１",
        "\x00",
        "1\x00",
        "\ud800",
        "newspaper",
        "article",
        "individual",
        "date",
        "Điển hình tiên tiến",
        "2/9/2025",
        '"điển hình"',
        "AND OR NOT",
        "*:*",
        "q=1&page=2",
    ]
)
vietnamese_and_operators = st.text(
    st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĐ0123456789 ") + list(COMBINING_MARKS + OPERATORS))
)
long_text = st.text(
    st.characters(max_codepoint=0x2FF), min_size=MAX_QUERY_LENGTH - 20, max_size=3 * MAX_QUERY_LENGTH
)
values = st.one_of(any_text, numbers, chosen_values, vietnamese_and_operators, long_text)
names = st.one_of(st.sampled_from(PARAMETER_NAMES), any_text)
parameters = st.lists(st.tuples(names, values), max_size=12)


def query_dict(pairs):
    params = QueryDict(mutable=True)
    for name, value in pairs:
        params.appendlist(name, value)
    return params


def holds_a_nul(pairs):
    return any("\x00" in name or "\x00" in value for name, value in pairs)


@given(parameters)
@example([("q", "cà phê"), ("page", "²")])
@example([("q", "cà phê"), ("year", "9" * 5000)])
@example([("q", "cà\x00 phê")])
@example([("q", "cà phê"), ("x\x00", "")])
@example([("q", "\ud800")])
@example([("q", " ".join(f"từ{number}" for number in range(MAX_QUERY_WORDS + 1)))])
def test_the_parser_gives_a_valid_query_or_a_message(pairs):
    params = query_dict(pairs)
    try:
        query = read_query(params)
    except InvalidParameter as refusal:
        assert str(refusal)
        return
    assert not holds_a_nul(pairs)
    assert 0 < len(query.text) <= MAX_QUERY_LENGTH
    assert len(query_terms(query.text).folded) <= MAX_QUERY_WORDS
    assert 1 <= query.page <= MAX_PAGE and 1 <= query.page_size <= MAX_PAGE_SIZE
    assert query.sort in ("relevance", "date")
    assert set(query.filters) <= set(FACET_FIELDS)
    assert all(value != "" for value in query.filters.values())


@given(parameters)
def test_autocomplete_reads_a_bounded_prefix_or_gives_a_message(pairs):
    try:
        prefix = read_prefix(query_dict(pairs))
    except InvalidParameter as refusal:
        assert str(refusal)
        return
    assert not holds_a_nul(pairs)
    assert len(prefix) <= MAX_PREFIX_LENGTH


@given(
    st.one_of(any_text, vietnamese_and_operators), st.one_of(any_text, vietnamese_and_operators, long_text)
)
def test_analysing_and_marking_any_text_never_fails(query, text):
    query_plan(query)
    assert "<" not in str(snippet(text, query)).replace("<mark>", "").replace("</mark>", "")
    assert "<" not in str(highlight(text, query)).replace("<mark>", "").replace("</mark>", "")


# The public addresses, over a small corpus built once per test.


def encoded(text):
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


well_formed_query_strings = parameters.map(
    lambda pairs: "&".join(f"{encoded(name)}={encoded(value)}" for name, value in pairs)
)
# Raw, as a client may send it: stray % escapes, bare separators, bytes of invalid UTF-8.
raw_query_strings = st.text(st.characters(max_codepoint=0xFF))
query_strings = st.one_of(well_formed_query_strings, raw_query_strings)


@pytest.fixture
def without_edge_checks(settings):
    """The site without the middleware that refuses a NUL in any request: the parser must refuse it itself."""
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != UNSTORABLE_INPUT_MIDDLEWARE]


@pytest.fixture
def corpus(outlets, make_column, make_article):
    column = make_column(outlets["newspaper"], "Điển hình tiên tiến")
    for title, standfirst in [
        ("Già làng Y Khu giữ rừng", "Ba mươi năm giữ rừng ở Đắk Lắk."),
        ("Nữ công an xã Ea Tiêu", "Điển hình tiên tiến trong phong trào thi đua ngày 2/9/2025."),
        ("Cà phê hữu cơ Buôn Ma Thuột", "Hợp tác xã Ê Đê làm cà phê sạch."),
    ]:
        make_article(column, title, standfirst=standfirst)
    rebuild()


@given(st.sampled_from(ADDRESSES), query_strings)
@example("/api/search/", "q=%00")
@example("/tim-kiem/", "q=c%C3%A0+ph%C3%AA&page=%C2%B2")
@example("/api/search/autocomplete/", "q=%ED%A0%80%00")
@example("/api/search/", "q=%")
def test_the_public_search_answers_a_result_or_a_400_never_a_500(
    client, without_edge_checks, corpus, address, query_string
):
    response = client.get(address, QUERY_STRING=query_string)
    assert response.status_code in (200, 400)
    received = response.wsgi_request.GET
    if any("\x00" in text for name, values in received.lists() for text in (name, *values)):
        assert response.status_code == 400
    if address.startswith("/api/"):
        answer = response.json()
        assert answer["error"] if response.status_code == 400 else "results" in answer
    else:
        refused = 'class="search-error"' in response.content.decode()
        assert refused == (response.status_code == 400)


# OpenSearch refuses a query of more than 1,024 clauses: the longest query the parser accepts stays under it.


def longest_query():
    """MAX_QUERY_WORDS distinct words with diacritics, each long enough to be corrected: the most clauses."""
    words = ("".join(letters) for letters in itertools.product("bcdđghklmnpstvx", "ắêôơư", ("ngoà", "nhoà")))
    return " ".join(itertools.islice(words, MAX_QUERY_WORDS))


@pytest.mark.opensearch
def test_the_longest_query_the_parser_accepts_is_answered_by_opensearch(client, opensearch, corpus):
    text = longest_query()
    assert len(query_terms(text).folded) == MAX_QUERY_WORDS
    answer = client.get("/api/search/", {"q": text}).json()
    assert answer["engine"] == "opensearch"
    refused = client.get("/api/search/", {"q": f"{text} thêm"})
    assert refused.status_code == 400 and str(MAX_QUERY_WORDS) in refused.json()["error"]
