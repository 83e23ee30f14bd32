"""The exemplar kind through the JSON API and the search page: counts, the filter, labels, bad values."""

import pytest

from search.indexing import rebuild


@pytest.fixture(params=["database", pytest.param("opensearch", marks=pytest.mark.opensearch)])
def engine_name(request):
    """The engine the service answers from: OpenSearch once configured, else the embedded engine."""
    if request.param == "opensearch":
        request.getfixturevalue("opensearch")
    return request.param


@pytest.fixture
def profiles(make_exemplar, make_movement):
    make_exemplar("Ông Y Blô Êban", subject_kind="individual", summary="Gương sáng giữ gìn cồng chiêng.")
    make_exemplar("Đội cồng chiêng buôn Akô Dhông", subject_kind="collective", summary="Giữ gìn cồng chiêng.")
    make_exemplar("Hộ bà H'Bia", subject_kind="household", summary="Gia đình giữ gìn cồng chiêng ba đời.")
    make_movement("Phong trào giữ gìn cồng chiêng", goals="<p>Giữ gìn cồng chiêng Tây Nguyên.</p>")
    rebuild()


def api(client, **params):
    return client.get("/api/search/", params)


def facet(data, name):
    return {item["value"]: item["count"] for item in data["facets"][name]}


def test_the_api_counts_and_filters_exemplar_kinds(client, engine_name, profiles):
    data = api(client, q="giu gin cong chieng").json()
    assert data["engine"] == engine_name
    assert data["count"] == 4
    assert facet(data, "exemplar_kind") == {"individual": 1, "collective": 1, "household": 1}
    assert facet(data, "kind") == {"exemplar": 3, "movement": 1}

    collectives = api(client, q="giữ gìn cồng chiêng", exemplar_kind="collective").json()
    assert [(item["title"], item["kind"], item["exemplar_kind"]) for item in collectives["results"]] == [
        ("Đội cồng chiêng buôn Akô Dhông", "exemplar", "collective")
    ]
    assert collectives["results"][0]["outlet"] == "portal"
    assert facet(collectives, "exemplar_kind") == facet(data, "exemplar_kind")
    movement = api(client, q="giu gin cong chieng", kind="movement").json()["results"]
    assert [item["exemplar_kind"] for item in movement] == [None]


@pytest.mark.parametrize("value", ["family", "Cá nhân", "INDIVIDUAL", "1"])
def test_a_bad_exemplar_kind_is_a_400_with_a_message(client, db, value):
    response = api(client, q="cồng chiêng", exemplar_kind=value)
    assert response.status_code == 400
    assert response.json()["error"] == (
        "Giá trị không hợp lệ cho exemplar_kind: hãy dùng một trong collective, household, individual."
    )


def test_a_bad_kind_lists_the_new_kinds_too(client, db):
    error = api(client, q="cồng chiêng", kind="podcast").json()["error"]
    assert all(kind in error for kind in ("exemplar", "movement", "contest", "campaign", "article"))


def test_the_page_shows_the_facet_in_vietnamese_and_keeps_it_in_every_link(client, profiles):
    html = client.get("/tim-kiem/", {"q": "cong chieng"}).content.decode()
    assert "<h2>Loại điển hình</h2>" in html
    assert (
        'href="?q=cong+chieng&amp;exemplar_kind=household">Hộ gia đình</a> <span class="count">(1)</span>'
        in html
    )
    assert "Tập thể</a>" in html and "Cá nhân</a>" in html
    assert 'Điển hình tiên tiến</a> <span class="count">(3)</span>' in html
    assert 'Phong trào thi đua</a> <span class="count">(1)</span>' in html

    filtered = client.get("/tim-kiem/", {"q": "cong chieng", "exemplar_kind": "household"}).content.decode()
    assert "Tìm thấy <strong>1</strong> kết quả" in filtered
    assert "Loại điển hình: Hộ gia đình" in filtered
    assert "Điển hình tiên tiến · Hộ gia đình" in filtered
    # Choosing an outlet keeps the exemplar kind; the chosen kind's own link removes it.
    assert 'href="?q=cong+chieng&amp;outlet=portal&amp;exemplar_kind=household"' in filtered
    assert 'href="?q=cong+chieng" aria-current="true"' in filtered


def test_a_bad_exemplar_kind_on_the_page_is_a_message_not_an_error(client, db, outlets):
    response = client.get("/tim-kiem/", {"q": "cồng chiêng", "exemplar_kind": "<b>x</b>"})
    assert response.status_code == 400
    assert "Giá trị không hợp lệ cho exemplar_kind" in response.content.decode()
