"""A profile as search engines and shared links see it: a Person or an Organization made of what the profile's page
shows (never what its nomination holds), the movement's and the profile's previews and share links."""

import datetime
import json

import pytest

from exemplars.appraisal import take_step
from exemplars.models import ExemplarIndexPage, ExemplarPage
from tests.conftest import LARGE_PHOTO
from tests.social_markup import assert_only_our_scripts_and_no_frames, markup, stored_image

from .conftest import HOSTS, PORTAL, PRIVATE_DATA, new_unit

# What a profile's JSON-LD may say: the public fields of the page, nothing else.
PUBLIC_PROPERTIES = {
    "@context",
    "@type",
    "name",
    "url",
    "mainEntityOfPage",
    "description",
    "image",
    "award",
    "jobTitle",
    "worksFor",
    "address",
}


@pytest.fixture
def nominated_profile(registry, officer_a, reviewer, make_nomination, advance):
    """A profile made from an approved nomination that holds a phone, an id number, an address and a contact."""
    nomination = advance(
        make_nomination(officer_a, awards_received="Giấy khen năm 2023"),
        ("submit", officer_a),
        ("start_appraisal", reviewer),
        ("propose", reviewer),
    )
    take_step(
        nomination.pk,
        "approve",
        reviewer,
        decision_number="125/QĐ-UBND",
        decision_date=datetime.date(2025, 4, 2),
    )
    nomination.refresh_from_db()
    profile = nomination.exemplar
    profile.summary = "Mười năm đưa y tế về buôn."
    profile.save_revision().publish()
    return ExemplarPage.objects.get(pk=profile.pk)


def profile_data(client, profile, host=PORTAL):
    page = markup(client.get(profile.url, HTTP_HOST=host))
    return page, [data for data in page.json_ld if data["@type"] in ("Person", "Organization")]


def test_an_individual_is_a_person_with_the_public_fields_of_the_page_only(client, nominated_profile):
    page, (person,) = profile_data(client, nominated_profile)
    page.of_type("Person")

    assert person["@type"] == "Person"
    assert person["name"] == "Trần Thị Mai"
    assert person["url"] == person["mainEntityOfPage"] == page.canonical
    assert person["description"] == "Mười năm đưa y tế về buôn."
    assert person["jobTitle"] == "Điều dưỡng"
    assert person["worksFor"] == {
        "@type": "Organization",
        "name": "Sở Y tế",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": "Phường Buôn Ma Thuột",
            "addressRegion": "Đắk Lắk",
            "addressCountry": "VN",
        },
    }
    assert "address" not in person  # where a person lives is the nomination's, never the page's
    assert set(person) <= PUBLIC_PROPERTIES
    serialised = json.dumps(page.json_ld, ensure_ascii=False)
    for value in PRIVATE_DATA.values():
        assert value not in serialised


def test_a_collective_is_an_organization_at_its_units_commune(client, registry, make_image):
    profile_picture = make_image("Trạm y tế", description="Tập thể trạm y tế xã Ea Knuếc", size=LARGE_PHOTO)
    collective = ExemplarPage(
        title="Trạm Y tế xã Ea Knuếc",
        subject_kind=ExemplarPage.SubjectKind.COLLECTIVE,
        year=2024,
        unit=new_unit("Trạm Y tế xã Ea Knuếc", locality="Xã Ea Knuếc"),
        lead_image=profile_picture,
        awards=[],
    )
    registry.add_child(instance=collective)
    collective.save_revision().publish()
    page, (organization,) = profile_data(client, collective)
    page.of_type("Organization")

    assert organization["@type"] == "Organization"
    assert organization["address"]["addressLocality"] == "Xã Ea Knuếc"
    assert "jobTitle" not in organization and "worksFor" not in organization
    assert stored_image(organization["image"][0]).size == (1200, 630)


def test_a_profile_served_by_the_newspaper_points_search_engines_and_shares_at_the_portal(
    client, outlets, nominated_profile
):
    alias = ExemplarIndexPage.objects.child_of(outlets["newspaper"]).get()
    response = client.get(f"{alias.url}{nominated_profile.slug}/", HTTP_HOST=HOSTS["newspaper"])
    page = markup(response)
    (person,) = page.of_type("Person")

    assert response.status_code == 200
    assert person["url"] == page.property("og:url") == nominated_profile.get_full_url()
    assert page.property("og:site_name") == "Báo Đắk Lắk"  # the outlet the reader is on
    assert "congthongtin.localhost" in page.link_to("www.facebook.com")
    assert_only_our_scripts_and_no_frames(page)


def test_a_movement_has_a_preview_a_trail_and_share_links(client, make_movement, make_image):
    movement = make_movement(
        "Toàn dân đoàn kết xây dựng nông thôn mới",
        goals="<p>Mỗi buôn một con đường sạch.</p>",
        lead_image=make_image("Đường làng", size=LARGE_PHOTO),
    )
    page = markup(client.get(movement.url, HTTP_HOST=PORTAL))

    assert page.property("og:title") == "Toàn dân đoàn kết xây dựng nông thôn mới"
    assert page.property("og:description") == "Mỗi buôn một con đường sạch."
    assert stored_image(page.property("og:image")).size == (1200, 630)
    (trail,) = page.of_type("BreadcrumbList")
    assert trail["itemListElement"][-1] == {"@type": "ListItem", "position": 3, "name": movement.title}
    assert page.link_to("www.facebook.com")
    assert_only_our_scripts_and_no_frames(page)
