"""The demo's yearbook: made during the load, of every profile in the registry, and made once."""

import pytest

from django.urls import reverse

from demo.yearbook import TITLE
from exemplars.models import ExemplarPage
from tests.demo.test_load_demo import DEMO, load_demo
from yearbooks.models import Yearbook


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    DEMO.put()


def test_the_demo_makes_a_yearbook_of_its_profiles_once(demo, client):
    yearbook = Yearbook.objects.get()
    assert (yearbook.title, yearbook.status) == (TITLE, Yearbook.Status.DONE)
    profiles = ExemplarPage.objects.in_registry().count()
    assert profiles and yearbook.profiles_total == yearbook.profiles_done == profiles
    assert yearbook.requested_by.username == "thamdinh.snv"
    client.force_login(yearbook.requested_by)
    listing = client.get(reverse("yearbooks:index")).content.decode()
    assert TITLE in listing and f"{profiles}/{profiles}" in listing
    load_demo()
    assert Yearbook.objects.count() == 1
