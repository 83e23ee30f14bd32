"""The content API shows an exemplar's profile and never what its nomination holds: the unit's contact person,
phone, ID number and address, the round, the officer who filed it, its attachments, its steps; however the
request asks (every field, nested fields, filters, ordering, search, the tree's filters)."""

import datetime

import pytest

from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile

from exemplars.appraisal import take_step
from exemplars.models import NominationAttachment
from newsroom.api_cache import CACHE_ALIAS

from .conftest import PORTAL, PRIVATE_DATA

PAGES = "/api/v2/pages/"
PROFILES = {"type": "exemplars.ExemplarPage"}
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
ATTACHMENT_NAME = "Biên bản họp xét chọn Trần Thị Mai.pdf"
RETURN_NOTE = "Bổ sung xác nhận của chính quyền nơi cư trú"


@pytest.fixture(autouse=True)
def empty_cache(db):
    caches[CACHE_ALIAS].clear()


@pytest.fixture
def published_exemplar(officer_a, reviewer, make_nomination, advance, make_movement):
    """A profile made from an approved nomination that holds private data, an attachment and a returned step,
    in a live movement and in one since withdrawn, published."""
    nomination = make_nomination(officer_a, awards_received="Giấy khen năm 2023")
    attachment = NominationAttachment(nomination=nomination, file=SimpleUploadedFile(ATTACHMENT_NAME, PDF))
    attachment.full_clean()
    attachment.save()
    nomination = advance(
        nomination,
        ("submit", officer_a),
        ("start_appraisal", reviewer),
        ("return", reviewer, {"note": RETURN_NOTE}),
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
    exemplar = nomination.exemplar
    live_movement = make_movement("Dân vận khéo")
    withdrawn_movement = make_movement("Phong trào đã gỡ")
    withdrawn_movement.unpublish()
    revision = exemplar.get_latest_revision()
    exemplar = revision.as_object()
    exemplar.movements = [live_movement, withdrawn_movement]
    exemplar.tags.add("y tế")
    exemplar.save_revision().publish()
    exemplar.refresh_from_db()
    return exemplar


# The fields of a nomination and of what hangs from it: no answer has a key of these names, at any depth.
NOMINATION_FIELDS = {
    "nomination",
    "contact_person",
    "contact_phone",
    "id_number",
    "address",
    "attachments",
    "events",
    "officers",
    "nominations",
}


def forbidden(exemplar):
    nomination = exemplar.nomination
    return [
        *PRIVATE_DATA.values(),
        nomination.round.title,
        nomination.created_by.get_username(),
        ATTACHMENT_NAME,
        RETURN_NOTE,
        "Phong trào đã gỡ",
    ]


def keys(data):
    if isinstance(data, dict):
        return set(data) | set().union(*map(keys, data.values()))
    if isinstance(data, list):
        return set().union(*map(keys, data))
    return set()


def assert_nothing_private(response, exemplar):
    content = response.content.decode()
    asked = f"{response.request['PATH_INFO']}?{response.request['QUERY_STRING']}"
    for value in forbidden(exemplar):
        assert value not in content, f"{value!r} in the answer to {asked}"
    assert not keys(response.json()) & NOMINATION_FIELDS, asked


def get(client, path=PAGES, **params):
    return client.get(path, params, HTTP_HOST=PORTAL)


def test_the_profile_shows_its_public_fields(client, published_exemplar):
    response = get(client, f"{PAGES}{published_exemplar.pk}/")
    profile = response.json()

    assert profile["title"] == "Trần Thị Mai"
    assert profile["subject_kind"] == "individual"
    assert profile["position"] == "Điều dưỡng"
    assert profile["unit"] == "Sở Y tế"
    assert profile["locality"] == "Phường Buôn Ma Thuột"
    assert profile["year"] == 2025
    assert [award["title"] for award in profile["awards"]] == ["Bằng khen của Chủ tịch UBND tỉnh"]
    assert profile["awards"][0]["decision_number"] == "125/QĐ-UBND"
    assert [movement["title"] for movement in profile["movements"]] == ["Dân vận khéo"]
    assert profile["tags"] == ["y tế"]
    assert "Giấy khen năm 2023" in response.content.decode()
    assert_nothing_private(response, published_exemplar)


@pytest.mark.usefixtures("wagtail_search_index")  # the API's `search` reads Wagtail's index
def test_no_request_reaches_the_nomination(client, published_exemplar, shared_indexes, outlets):
    registry = published_exemplar.get_parent()
    asked = [
        {},
        {"fields": "*"},
        {"fields": "*", **PROFILES},
        {"fields": "_,title", **PROFILES},
        {"fields": "*,awards(*)", **PROFILES},
        {"child_of": registry.pk, "fields": "*", **PROFILES},
        {"descendant_of": outlets["portal"].pk, "fields": "*", **PROFILES},
        {"search": "Trần Thị Mai", "fields": "*", **PROFILES},
        {"order": "-year", "fields": "*", **PROFILES},
    ]
    for params in asked:
        response = get(client, **params)
        assert response.status_code == 200
        assert_nothing_private(response, published_exemplar)
    assert published_exemplar.pk in [
        item["id"] for item in get(client, search="Trần Thị Mai").json()["items"]
    ]
    detail = get(client, f"{PAGES}{published_exemplar.pk}/", fields="*,awards(*)")
    assert detail.status_code == 200
    assert_nothing_private(detail, published_exemplar)


@pytest.mark.parametrize(
    "params",
    [
        {"fields": "_,nomination"},
        {"fields": "nomination(contact_phone,id_number,address)"},
        {"fields": "unit(officers)"},
        {"fields": "unit(nominations)"},
        {"fields": "awards(page)"},
        {"nomination": "1"},
        {"nomination__contact_phone": PRIVATE_DATA["contact_phone"]},
        {"order": "nomination"},
        {"type": "exemplars.Nomination"},
    ],
)
def test_asking_for_the_nomination_is_refused(client, published_exemplar, params):
    listing = get(client, **{**PROFILES, **params})
    detail = get(client, f"{PAGES}{published_exemplar.pk}/", **params)

    assert listing.status_code == 400
    # A page's own address refuses unknown fields, orderings and types alike, and ignores unknown filters.
    assert detail.status_code == (400 if {"fields", "order", "type"} & set(params) else 200)
    assert_nothing_private(listing, published_exemplar)
    assert_nothing_private(detail, published_exemplar)


@pytest.mark.usefixtures("wagtail_search_index")  # the API's `search` reads Wagtail's index
def test_searching_for_the_private_data_finds_nothing(client, published_exemplar):
    for value in (PRIVATE_DATA["contact_phone"], PRIVATE_DATA["id_number"], "Bí Mật", "Liên Hệ"):
        response = get(client, search=value, **PROFILES)
        assert response.json()["items"] == []
        assert_nothing_private(response, published_exemplar)


def test_the_images_and_documents_hold_none_of_it(client, published_exemplar):
    for path in ("/api/v2/images/", "/api/v2/documents/"):
        response = get(client, path, fields="*")
        assert response.status_code == 200
        assert_nothing_private(response, published_exemplar)
