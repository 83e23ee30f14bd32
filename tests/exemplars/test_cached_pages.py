"""Profiles in the page cache (core.page_cache): the records a profile shows beside its own revision (its unit,
the unit's locality) change it at once when they change."""

from urllib.parse import urlsplit

import pytest

from .conftest import PORTAL


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60


def reader_view(client, page):
    return client.get(urlsplit(page.full_url).path, HTTP_HOST=PORTAL).content.decode()


def test_a_unit_renamed_shows_at_once_on_its_profiles(
    client, registry, make_exemplar, make_unit, django_capture_on_commit_callbacks
):
    unit = make_unit("Trường Tiểu học Yang Mao")
    profile = make_exemplar("Lê Quang Vinh", unit=unit)
    assert "Trường Tiểu học Yang Mao" in reader_view(client, profile)

    with django_capture_on_commit_callbacks(execute=True):
        unit.name = "Trường Tiểu học và THCS Yang Mao"
        unit.save()

    assert "Trường Tiểu học và THCS Yang Mao" in reader_view(client, profile)
