"""The personal data a nomination holds never reaches a public page, a feed or the search index."""

import datetime

import pytest

from exemplars.appraisal import take_step
from exemplars.models import ArticleExemplarLink
from exemplars.setup import ensure_unit_column
from search.indexing import rebuild

from .conftest import PORTAL, PRIVATE_DATA

DECISION = {"decision_number": "125/QĐ-UBND", "decision_date": datetime.date(2025, 4, 2)}


@pytest.fixture
def published_exemplar(officer_a, reviewer, make_nomination, advance, registry):
    nomination = advance(
        make_nomination(officer_a, awards_received="Giấy khen năm 2023"),
        ("submit", officer_a),
        ("start_appraisal", reviewer),
        ("propose", reviewer),
    )
    take_step(nomination.pk, "approve", reviewer, **DECISION)
    nomination.refresh_from_db()
    exemplar = nomination.exemplar
    exemplar.get_latest_revision().publish()
    exemplar.refresh_from_db()
    return exemplar


@pytest.fixture
def column_feature(published_exemplar, unit_a, make_article):
    column = ensure_unit_column(unit_a)
    article = make_article(column, "Người điều dưỡng của buôn làng", live=False)
    article.exemplar_links.add(ArticleExemplarLink(exemplar=published_exemplar))
    article.save_revision().publish()
    return column


def assert_no_private_data(content):
    for value in PRIVATE_DATA.values():
        assert value not in content


def test_the_profile_and_the_registry_show_none_of_it(client, published_exemplar, registry):
    profile = client.get(published_exemplar.url, HTTP_HOST=PORTAL)
    listing = client.get(registry.url, HTTP_HOST=PORTAL)

    assert profile.status_code == listing.status_code == 200
    assert "Trần Thị Mai" in profile.content.decode()
    assert "Giấy khen năm 2023" in profile.content.decode()
    assert_no_private_data(profile.content.decode())
    assert_no_private_data(listing.content.decode())


def test_the_columns_feed_shows_none_of_it(client, column_feature):
    feed = client.get(f"{column_feature.url}rss/", HTTP_HOST=PORTAL)

    assert feed.status_code == 200
    assert "Người điều dưỡng của buôn làng" in feed.content.decode()
    assert_no_private_data(feed.content.decode())


def test_searching_for_the_phone_or_the_id_number_finds_nothing(client, column_feature):
    rebuild()

    found = client.get("/api/search/", {"q": "điều dưỡng buôn làng"}).json()
    assert found["count"] >= 1  # the index works and holds the column's feature
    for value in (PRIVATE_DATA["contact_phone"], PRIVATE_DATA["id_number"], "Bí Mật"):
        response = client.get("/api/search/", {"q": value})
        assert response.json()["count"] == 0
        assert_no_private_data(response.content.decode())
