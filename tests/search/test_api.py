"""The JSON search API and autocomplete: results, facets, and a 400 (never a 500) for bad parameters."""

import pytest


@pytest.fixture
def api(client, devset):
    def get(path="/api/search/", **params):
        return client.get(path, params)

    return get


def test_results_carry_ids_urls_local_dates_and_facets(api):
    data = api(q="le van thanh").json()
    assert {result["external_id"] for result in data["results"][:2]} == {"d02", "d03"}
    first = data["results"][0]
    assert set(first) == {
        "id",
        "external_id",
        "title",
        "url",
        "snippet",
        "outlet",
        "kind",
        "language",
        "column",
        "exemplar_kind",
        "published_at",
        "score",
        "approximate",
        "image",
    }
    assert first["exemplar_kind"] is None
    assert first["language"] == "vi"
    assert first["image"] is None  # the dev set's articles have no picture
    assert first["external_id"] in {"d02", "d03"}
    assert first["published_at"].endswith("+07:00")
    assert first["url"].startswith("http")
    assert {"broadcast", "portal"} <= {item["value"] for item in data["facets"]["outlet"]}


def test_filters_narrow_the_results_but_not_their_own_facet(api):
    data = api(q="Lê Văn Thanh", outlet="portal").json()
    full = [result["external_id"] for result in data["results"] if not result["approximate"]]
    assert full == ["d03"]
    unfiltered = api(q="Lê Văn Thanh").json()
    assert data["facets"]["outlet"] == unfiltered["facets"]["outlet"]
    assert len(unfiltered["facets"]["outlet"]) > 1
    assert api(q="thi dua", year="2025").json()["count"] == 1


def test_pages(api):
    first = api(q="dien hinh tien tien", page_size=1).json()
    second = api(q="dien hinh tien tien", page_size=1, page=2).json()
    assert first["count"] == second["count"] > 1
    assert first["results"][0]["id"] != second["results"][0]["id"]


@pytest.mark.parametrize(
    "params",
    [
        {"q": "cà phê", "page": "abc"},
        {"q": "cà phê", "page": "0"},
        {"q": "cà phê", "page_size": "1000"},
        {"q": "cà phê", "page_size": "-5"},
        {"q": "cà phê", "year": "abc"},
        {"q": "cà phê", "outlet": "unknown"},
        {"q": "cà phê", "kind": "podcast"},
        {"q": "cà phê", "language": "fr"},
        {"q": "cà phê", "sort": "random"},
        {"q": "a" * 501},
        {"q": ""},
        {"q": "   "},
        {},
    ],
)
@pytest.mark.django_db
def test_bad_parameters_get_a_400_with_a_message(client, params):
    # Refused before any search: no data needed.
    response = client.get("/api/search/", params)
    assert response.status_code == 400
    assert response.json()["error"]


def test_a_page_past_the_end_is_empty(api):
    data = api(q="cà phê", page="50").json()
    assert data["results"] == [] and data["count"] >= 1


def test_autocomplete_completes_the_last_word_without_diacritics(api):
    data = api("/api/search/autocomplete/", q="buon ma th").json()
    assert [item["title"] for item in data["results"]] == ["Đường phố Buôn Ma Thuột rực rỡ cờ hoa"]
    assert data["results"][0]["url"].startswith("http")
    assert api("/api/search/autocomplete/", q="").json() == {"results": []}
