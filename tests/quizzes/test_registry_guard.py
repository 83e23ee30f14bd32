"""A unit or commune that entrants belong to is not deleted from the registry: the admin says why."""

import pytest

from django.urls import reverse

from exemplars.models import Locality, Unit
from quizzes.taking import start_attempt

from .conftest import DURING, details

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(client, make_user):
    client.force_login(make_user("quantri", is_superuser=True, admin_language="en"))
    return client


def test_a_unit_with_entrants_is_kept_with_a_message(administrator, make_round, unit):
    start_attempt(make_round(), details(unit=unit), DURING)
    delete_url = reverse(Unit.snippet_viewset.get_url_name("delete"), args=[unit.pk])
    for response in (administrator.get(delete_url), administrator.post(delete_url)):
        assert response.status_code == 302
        assert response["Location"] == reverse(Unit.snippet_viewset.get_url_name("list"))
    page = administrator.get(reverse(Unit.snippet_viewset.get_url_name("list"))).content.decode()
    assert "people took part in a knowledge contest as its members" in page
    assert Unit.objects.filter(pk=unit.pk).exists()


def test_a_commune_with_entrants_is_kept_even_in_a_bulk_delete(administrator, make_round, locality):
    start_attempt(make_round(), details(locality=locality), DURING)
    bulk_url = reverse("wagtail_bulk_action", args=["exemplars", "locality", "delete"])
    response = administrator.post(f"{bulk_url}?id={locality.pk}")
    assert response.status_code == 302
    assert Locality.objects.filter(pk=locality.pk).exists()


def test_a_unit_without_entrants_is_deleted_as_before(administrator, make_round, unit):
    make_round()
    delete_url = reverse(Unit.snippet_viewset.get_url_name("delete"), args=[unit.pk])
    administrator.post(delete_url)
    assert not Unit.objects.filter(pk=unit.pk).exists()
