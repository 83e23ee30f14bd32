"""A hit shows its page's picture (issue 15): every page type with a picture gives its document the picture's id,
both engines hold it and give it back, the results page shows it beside the hit and the API gives its card
rendition, in a fixed number of queries; an image deleted since the page was indexed just shows no picture."""

import re
from urllib.parse import urlsplit

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.engines.base import SearchQuery
from search.indexing import rebuild
from search.models import SearchDocument
from search.views import API_PICTURE_FILTER, HIT_PICTURE_SIZES

# Small pictures: each is made in two widths and three formats.
PICTURE_SIZE = (640, 360)
HIT = re.compile(r'<li class="search-hit[^"]*">.*?</li>', re.DOTALL)


@pytest.fixture
def picture(make_image):
    def make(what):
        return make_image(what, size=PICTURE_SIZE, description=f"Ảnh {what}")

    return make


@pytest.fixture
def column(outlets, make_column):
    return make_column(outlets["newspaper"], "Nông nghiệp")


@pytest.fixture
def pages_with_pictures(
    column, picture, make_article, make_exemplar, make_movement, make_contest, make_campaign
):
    """[(page, its picture or None)]: a page of every type that has a picture, and an article without one."""
    article, exemplar, movement, contest, campaign = map(
        picture, ["vườn cà phê", "ông Y Điêng", "lễ phát động", "lễ trao giải", "tượng đài"]
    )
    pages = [
        (make_article(column, "Cà phê sạch ở Cư Kuin", lead_image=article), article),
        (make_article(column, "Cà phê và mùa mưa"), None),
        (make_exemplar("Hộ ông Y Điêng trồng cà phê", lead_image=exemplar), exemplar),
        (make_movement("Phong trào trồng cà phê bền vững", lead_image=movement), movement),
        (make_contest("Cuộc thi viết về cà phê", lead_image=contest), contest),
        (make_campaign("Cà phê và Chiến thắng Buôn Ma Thuột", hero_image=campaign), campaign),
    ]
    rebuild()
    return pages


def hits_by_url(html):
    """{the hit's address: the hit's <li>} of a results page."""
    return {re.search(r'class="card__title"><a href="([^"]+)"', hit)[1]: hit for hit in HIT.findall(html)}


def test_each_engine_gives_back_the_picture_of_every_page_type(each_engine, pages_with_pictures):
    hits = each_engine.search(SearchQuery(text="cà phê", page_size=20)).hits

    assert {hit.url: hit.image_id for hit in hits} == {
        page.get_full_url(): image.pk if image else None for page, image in pages_with_pictures
    }


def test_the_results_page_shows_a_hits_picture_with_its_alt_text_and_no_frame_without(
    client, pages_with_pictures
):
    html = client.get("/tim-kiem/", {"q": "cà phê"}).content.decode()

    assert "search/hits.css" in html
    hits = hits_by_url(html)
    assert len(hits) == len(pages_with_pictures)
    for page, image in pages_with_pictures:
        hit = hits[page.get_full_url()]
        if image is None:
            assert "<picture" not in hit and "<img" not in hit
            assert hit.startswith('<li class="search-hit">')
            continue
        assert hit.startswith('<li class="search-hit search-hit--picture">')
        assert hit.count("<picture>") == 1
        assert f'alt="{image.description}"' in hit
        assert f'sizes="{HIT_PICTURE_SIZES}"' in hit
        assert 'loading="lazy"' in hit and 'width="' in hit and 'height="' in hit


def test_the_api_gives_a_hits_card_picture_as_an_absolute_jpeg_address_with_its_alt_text(
    client, pages_with_pictures
):
    results = client.get("/api/search/", {"q": "cà phê", "page_size": 20}).json()["results"]

    given = {result["url"]: result["image"] for result in results}
    for page, image in pages_with_pictures:
        if image is None:
            assert given[page.get_full_url()] is None
            continue
        rendition = image.renditions.get(filter_spec=API_PICTURE_FILTER)
        assert given[page.get_full_url()] == {
            "url": f"http://testserver{rendition.url}",
            "width": rendition.width,
            "height": rendition.height,
            "alt": image.description,
        }
        assert urlsplit(rendition.url).path.endswith(".jpg")


@pytest.fixture
def pictured_articles(column, picture, make_article):
    """Eight indexed articles about pepper, each with a picture of its own."""
    for number in range(8):
        make_article(
            column, f"Hồ tiêu hữu cơ, vụ {number + 1}", lead_image=picture(f"vườn tiêu {number + 1}")
        )
    rebuild()


def pictures_shown(address, response):
    if address == "/api/search/":
        return sum(result["image"] is not None for result in response.json()["results"])
    return response.content.decode().count("<picture>")


@pytest.mark.parametrize("address", ["/tim-kiem/", "/api/search/"])
def test_a_page_of_hits_costs_the_same_queries_however_many_of_them_have_a_picture(
    client, pictured_articles, address
):
    def queries(page_size):
        params = {"q": "hồ tiêu", "page_size": page_size}
        client.get(
            address, params
        )  # Renditions made and caches filled: what is counted is a reader's request.
        with CaptureQueriesContext(connection) as captured:
            response = client.get(address, params)
        assert response.status_code == 200
        assert pictures_shown(address, response) == page_size
        return len(captured)

    assert queries(1) == queries(8)


def test_an_image_deleted_since_its_page_was_indexed_just_shows_no_picture(
    client, column, picture, make_article
):
    image = picture("vườn cà phê")
    make_article(column, "Cà phê sạch ở Cư Kuin", lead_image=image)
    rebuild()
    image_id = image.pk
    image.delete()
    assert SearchDocument.objects.get().image_id == image_id

    page = client.get("/tim-kiem/", {"q": "cà phê"})
    assert page.status_code == 200
    [hit] = HIT.findall(page.content.decode())
    assert "sạch ở Cư Kuin" in hit and "<picture" not in hit
    api = client.get("/api/search/", {"q": "cà phê"})
    assert api.status_code == 200
    assert [result["image"] for result in api.json()["results"]] == [None]
