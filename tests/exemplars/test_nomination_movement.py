"""The movement a nomination names: offered from the live movements only, refused when forged, shown on the
record and in the report's export, and carried to the profile the approval drafts."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup

from django.urls import reverse

from exemplars.appraisal import take_step
from exemplars.models import Nomination, Status

from .test_nominations import ADD_URL, form_data

DECISION = {"decision_number": "125/QĐ-UBND", "decision_date": datetime.date(2025, 4, 2)}


@pytest.fixture
def movements(make_movement):
    """Two live movements and one unpublished since."""
    live = make_movement("Cả nước chung tay vì người nghèo")
    rural = make_movement("Cả nước chung sức xây dựng nông thôn mới")
    withdrawn = make_movement("Phong trào đã rút")
    withdrawn.unpublish()
    return {"live": live, "rural": rural, "withdrawn": withdrawn}


def offered_movements(client):
    page = BeautifulSoup(client.get(reverse(ADD_URL)).content, "html.parser")
    return [
        option.get_text(strip=True)
        for option in page.select("select[name=movement] option")
        if option["value"]
    ]


def test_the_form_offers_only_the_live_movements(client, officer_a, nomination_round, movements, while_open):
    client.force_login(officer_a)

    assert offered_movements(client) == [
        "Cả nước chung sức xây dựng nông thôn mới",
        "Cả nước chung tay vì người nghèo",
    ]


def test_an_officer_names_the_movement_and_the_record_and_the_export_show_it(
    client, officer_a, reviewer, nomination_round, movements, while_open
):
    client.force_login(officer_a)

    response = client.post(reverse(ADD_URL), form_data(nomination_round, movement=movements["live"].pk))

    nomination = Nomination.objects.get()
    assert response.status_code == 302
    assert nomination.movement == movements["live"]
    record = client.get(reverse("exemplars_nominations:inspect", args=[nomination.pk])).content.decode()
    assert "Phong trào thi đua" in record and "Cả nước chung tay vì người nghèo" in record

    Nomination.objects.filter(pk=nomination.pk).update(status=Status.SUBMITTED)
    client.force_login(reviewer)
    export = client.get(reverse("exemplars_nomination_report"), {"export": "csv"})
    heading, row = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert row[heading.index("Phong trào thi đua")] == "Cả nước chung tay vì người nghèo"


@pytest.mark.parametrize("forged", ["withdrawn", "registry index", "outlet home", "abc", "99999"])
def test_a_forged_movement_is_a_form_error_not_a_failure(
    client, officer_a, nomination_round, movements, registry, while_open, forged
):
    pages = {
        "withdrawn": movements["withdrawn"].pk,
        "registry index": registry.pk,
        "outlet home": registry.get_parent().pk,
    }
    client.force_login(officer_a)

    response = client.post(reverse(ADD_URL), form_data(nomination_round, movement=pages.get(forged, forged)))

    assert response.status_code == 200
    assert "movement" in response.context["form"].errors
    assert not Nomination.objects.exists()


def test_an_edit_keeps_a_movement_unpublished_since_it_was_named(
    client, officer_a, nomination_round, make_nomination, movements, while_open
):
    nomination = make_nomination(officer_a, movement=movements["live"])
    movements["live"].unpublish()
    client.force_login(officer_a)

    edit_url = reverse("exemplars_nominations:edit", args=[nomination.pk])
    response = client.post(
        edit_url, form_data(nomination_round, movement=movements["live"].pk, name="Trần Thị Mai")
    )

    assert response.status_code == 302
    nomination.refresh_from_db()
    assert (nomination.name, nomination.movement) == ("Trần Thị Mai", movements["live"])


def proposed(nomination, officer, reviewer, advance):
    return advance(nomination, ("submit", officer), ("start_appraisal", reviewer), ("propose", reviewer))


def test_approval_links_the_drafted_profile_to_the_movement_named(
    officer_a, reviewer, make_nomination, advance, movements, registry
):
    nomination = make_nomination(officer_a, is_sudden_deed=True, movement=movements["live"])
    proposed(nomination, officer_a, reviewer, advance)

    take_step(nomination.pk, "approve", reviewer, **DECISION)

    nomination.refresh_from_db()
    assert list(nomination.exemplar.movements.all()) == [movements["live"]]
    assert list(nomination.exemplar.get_latest_revision().as_object().movements.all()) == [movements["live"]]


def test_approval_links_no_movement_when_none_is_named(
    officer_a, reviewer, make_nomination, advance, registry
):
    nomination = make_nomination(officer_a, is_sudden_deed=True)
    proposed(nomination, officer_a, reviewer, advance)

    take_step(nomination.pk, "approve", reviewer, **DECISION)

    nomination.refresh_from_db()
    assert not nomination.exemplar.movements.exists()
