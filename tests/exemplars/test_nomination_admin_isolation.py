"""Each unit's nominations stay its own in every admin view of the nominations viewset (issue 12, case 6).

The walk takes the URL patterns the viewset actually serves, so a view Wagtail adds later is walked as well.
"""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse

from exemplars.models import NominationAttachment

from .conftest import assert_refused

NAMESPACE = "exemplars_nominations"
UNIT_B_NOMINEE = "Bùi Thị Riêng Tư"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
# Values for a route's parameters other than the object's key; a new parameter fails the walk until named here.
OTHER_PARAMETERS = {"step": "submit"}
# Routes keyed by something other than the nomination: the route's name -> the key the walk gives it.
KEYED_BY = {"download": "attachment"}


def viewset_routes():
    """(name, parameter names) of every URL pattern served under the nominations viewset's namespace."""
    _prefix, resolver = get_resolver().namespace_dict[NAMESPACE]
    return [(pattern.name, list(pattern.pattern.converters)) for pattern in resolver.url_patterns]


def route_url(name, parameters, keys):
    values = {parameter: OTHER_PARAMETERS[parameter] for parameter in parameters if parameter != "pk"}
    if "pk" in parameters:
        values["pk"] = keys[KEYED_BY.get(name, "nomination")]
    return reverse(f"{NAMESPACE}:{name}", kwargs=values)


def keyed_routes():
    return [(name, parameters) for name, parameters in viewset_routes() if "pk" in parameters]


def listing_routes():
    return [(name, parameters) for name, parameters in viewset_routes() if not parameters]


def attach_pdf(nomination):
    attachment = NominationAttachment(
        nomination=nomination, file=SimpleUploadedFile("bien-ban-rieng.pdf", PDF)
    )
    attachment.full_clean()
    attachment.save()
    return attachment


@pytest.fixture(params=["draft", "submitted"])
def unit_b_nomination(request, officer_b, make_nomination, advance):
    nomination = make_nomination(officer_b, UNIT_B_NOMINEE)
    if request.param == "submitted":
        advance(nomination, ("submit", officer_b))
    return nomination


@pytest.fixture
def keys(unit_b_nomination):
    return {"nomination": unit_b_nomination.pk, "attachment": attach_pdf(unit_b_nomination).pk}


def refused_without_the_nominee(response):
    """Not found, or Wagtail's permission-denied redirect to the dashboard; the nominee's name nowhere."""
    refused = response.status_code in (403, 404) or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )
    return refused and UNIT_B_NOMINEE not in response.content.decode()


def answered_routes(client, keys):
    """(route, method, status) of every keyed route that answered with something other than a refusal."""
    return [
        (name, method, response.status_code)
        for name, parameters in keyed_routes()
        for method, response in (
            ("GET", client.get(route_url(name, parameters, keys))),
            ("POST", client.post(route_url(name, parameters, keys))),
        )
        if not refused_without_the_nominee(response)
    ]


def test_the_walk_covers_history_usage_and_the_attachment(officer_a):
    names = {name for name, _parameters in keyed_routes()}
    assert {"history", "history_results", "usage", "inspect", "edit", "delete", "download"} <= names


def test_an_officer_reaches_nothing_of_another_units_nomination_by_any_route(client, officer_a, keys):
    client.force_login(officer_a)

    assert answered_routes(client, keys) == []


@pytest.mark.parametrize("role", ["reviewer", "chairman_office"])
def test_the_department_reaches_nothing_of_a_units_draft_by_any_route(
    request, client, role, officer_b, make_nomination
):
    draft = make_nomination(officer_b, UNIT_B_NOMINEE)
    client.force_login(request.getfixturevalue(role))

    assert answered_routes(client, {"nomination": draft.pk, "attachment": attach_pdf(draft).pk}) == []


def test_the_listings_and_their_filters_show_only_the_officers_own_unit(
    client, officer_a, unit_b, unit_b_nomination
):
    client.force_login(officer_a)
    filters = {"q": "Riêng Tư", "unit": unit_b.pk, "status": unit_b_nomination.status}

    for name, _parameters in listing_routes():
        response = client.get(reverse(f"{NAMESPACE}:{name}"), filters)
        assert response.status_code == 200, name
        assert UNIT_B_NOMINEE not in response.content.decode(), name


def test_the_units_own_officer_still_works_on_it(client, officer_b, unit_b_nomination):
    client.force_login(officer_b)

    for name in ("inspect", "history", "usage"):
        response = client.get(reverse(f"{NAMESPACE}:{name}", args=[unit_b_nomination.pk]))
        assert response.status_code == 200, name
        assert UNIT_B_NOMINEE in response.content.decode()


@pytest.mark.parametrize("role", ["reviewer", "chairman_office"])
def test_the_department_and_the_chairmans_office_keep_what_they_saw(
    request, client, role, officer_b, make_nomination, advance
):
    submitted = advance(make_nomination(officer_b, UNIT_B_NOMINEE), ("submit", officer_b))
    draft = make_nomination(officer_b, "Hồ sơ nháp của xã")
    client.force_login(request.getfixturevalue(role))

    inspect = client.get(reverse(f"{NAMESPACE}:inspect", args=[submitted.pk]))
    listing = client.get(reverse(f"{NAMESPACE}:index")).content.decode()
    download = client.get(reverse(f"{NAMESPACE}:download", args=[attach_pdf(submitted).pk]))

    assert inspect.status_code == 200 and UNIT_B_NOMINEE in inspect.content.decode()
    assert UNIT_B_NOMINEE in listing and "Hồ sơ nháp của xã" not in listing
    assert download.status_code == 200
    assert_refused(client.get(reverse(f"{NAMESPACE}:inspect", args=[draft.pk])))


def test_a_superuser_sees_every_units_nominations(client, make_user, unit_b_nomination):
    client.force_login(make_user("quantri", is_superuser=True))

    response = client.get(reverse(f"{NAMESPACE}:inspect", args=[unit_b_nomination.pk]))

    assert response.status_code == 200 and UNIT_B_NOMINEE in response.content.decode()
