"""A tip form that received tips, and a unit tips were passed to, are not deleted: the admin says why."""

import pytest

from django.urls import reverse

from exemplars.models import Unit
from tips.models import Tip, TipPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(client, make_user):
    client.force_login(make_user("quantri", is_superuser=True, admin_language="en"))
    return client


def test_a_tip_form_with_tips_is_kept_with_a_message(administrator, make_tip, tip_page):
    make_tip()
    response = administrator.post(reverse("wagtailadmin_pages:delete", args=[tip_page.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[tip_page.pk])
    assert TipPage.objects.filter(pk=tip_page.pk).exists()
    page = administrator.get(response["Location"]).content.decode()
    assert "it has received tips" in page


def test_a_tip_form_without_tips_is_deleted_as_before(administrator, tip_page):
    administrator.post(reverse("wagtailadmin_pages:delete", args=[tip_page.pk]))
    assert not TipPage.objects.filter(pk=tip_page.pk).exists()


def test_a_unit_passed_tips_is_kept_with_a_message(administrator, make_tip, unit):
    make_tip(status=Tip.Status.PASSED, unit=unit)
    delete_url = reverse(Unit.snippet_viewset.get_url_name("delete"), args=[unit.pk])
    response = administrator.post(delete_url)
    assert response.status_code == 302
    assert Unit.objects.filter(pk=unit.pk).exists()
    listing = administrator.get(response["Location"]).content.decode()
    assert "tips from the public were passed to it" in listing
