"""Localities follow the two-level local government of 1 July 2025: communes and wards, each knowing its former
names; the admin offers them alone for new data, while the district-level rows entered before stay valid."""

import datetime
import re
from html import unescape

import pytest

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from exemplars.models import Locality, LocalityFormerName, Unit

UNIT_ADD = reverse("wagtailsnippets_exemplars_unit:add")
LOCALITY_ADD = reverse("wagtailsnippets_exemplars_locality:add")


def options(html, field):
    """The (value, label) options of the form's select `field`."""
    select = re.search(rf'<select name="{field}"[^>]*>(.*?)</select>', html, re.S).group(1)
    found = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)
    return [(value, unescape(label)) for value, label in found]


@pytest.fixture
def admin_user(make_user):
    return make_user("quantri", is_superuser=True)


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def unit_data(name, kind, locality):
    return {"name": name, "kind": kind, "locality": locality.pk, "cluster": ""}


@pytest.mark.django_db
def test_the_communes_and_wards_of_the_merged_province_know_their_former_districts():
    present = Locality.objects.present()
    assert present.filter(kind=Locality.Kind.COMMUNE).count() == 88
    assert present.filter(kind=Locality.Kind.WARD).count() == 14
    assert [name.name for name in Locality.objects.get(name="Xã Ea Knuếc").former_names.all()] == [
        "Huyện Krông Pắc"
    ]
    ward = Locality.objects.get(name="Phường Tuy Hòa")
    assert [former.name for former in ward.former_names.all()] == ["Huyện Phú Hòa", "Thành phố Tuy Hòa"]
    assert {former.until for former in LocalityFormerName.objects.all()} == {datetime.date(2025, 6, 30)}
    # Every district of both provinces lives on in the communes and wards that took in its land.
    assert len(set(LocalityFormerName.objects.values_list("name", flat=True))) == 15 + 9


@pytest.mark.django_db
def test_localities_and_their_former_names_sort_in_vietnamese_order():
    names = list(Locality.objects.present().values_list("name", flat=True))
    assert names[:3] == ["Phường Bình Kiến", "Phường Buôn Hồ", "Phường Buôn Ma Thuột"]
    communes = [name for name in names if name.startswith("Xã ")]
    # d < đ < e, and ô < ư: not the order of code points, where Đ comes after every Latin letter.
    start = communes.index("Xã Dur Kmăl")
    assert communes[start : start + 6] == [
        "Xã Dur Kmăl",
        "Xã Đắk Liêng",
        "Xã Đắk Phơi",
        "Xã Đồng Xuân",
        "Xã Đức Bình",
        "Xã Ea Bá",
    ]
    locality = Locality.objects.create(name="Xã Thử Nghiệm")
    for name in ["Xã Êa Tiêu", "Xã Ea Kênh", "Huyện Đắk Mil", "Huyện Dak Song", "Xã Ân Phú", "Xã An Bình"]:
        LocalityFormerName.objects.create(locality=locality, name=name)
    assert list(LocalityFormerName.objects.filter(locality=locality).values_list("name", flat=True)) == [
        "Huyện Dak Song",
        "Huyện Đắk Mil",
        "Xã An Bình",
        "Xã Ân Phú",
        "Xã Ea Kênh",
        "Xã Êa Tiêu",
    ]


@pytest.mark.django_db
def test_a_locality_is_known_by_its_present_name_and_by_its_former_names_however_typed():
    ea_knuec = Locality.objects.get(name="Xã Ea Knuếc")
    district_row = Locality.objects.get(name="Huyện Krông Pắc")
    assert set(Locality.objects.known_as("Xã Ea Knuếc")) == {ea_knuec}
    assert set(Locality.objects.known_as("xã ea knuếc")) == {ea_knuec}
    # The row of the district itself (data entered before points at it), and the six communes that took it in.
    known_as_district = set(Locality.objects.known_as("huyện Krông Pắc"))
    assert ea_knuec in known_as_district and district_row in known_as_district
    assert len(known_as_district) == 7
    assert not Locality.objects.known_as("Huyện Krông").exists()


def test_the_unit_form_offers_the_present_communes_and_wards_only(admin_client):
    html = admin_client.get(UNIT_ADD).content.decode()
    localities = [label for value, label in options(html, "locality") if value]
    assert localities == list(Locality.objects.present().values_list("name", flat=True))
    assert "Xã Ea Knuếc" in localities and "Huyện Krông Pắc" not in localities
    assert Unit.Kind.DISTRICT not in [value for value, label in options(html, "kind")]


def test_a_former_district_is_refused_for_a_new_unit(admin_client):
    district = Locality.objects.get(name="Huyện Krông Pắc")
    response = admin_client.post(UNIT_ADD, unit_data("UBND xã Ea Kly", Unit.Kind.COMMUNE, district))
    assert response.status_code == 200
    assert "locality" in response.context["form"].errors
    response = admin_client.post(
        UNIT_ADD,
        unit_data("UBND huyện Krông Pắc", Unit.Kind.DISTRICT, Locality.objects.get(name="Xã Ea Kly")),
    )
    assert "kind" in response.context["form"].errors
    assert not Unit.objects.filter(name__in=["UBND xã Ea Kly", "UBND huyện Krông Pắc"]).exists()

    admin_client.post(
        UNIT_ADD, unit_data("UBND xã Ea Kly", Unit.Kind.COMMUNE, Locality.objects.get(name="Xã Ea Kly"))
    )
    assert Unit.objects.get(name="UBND xã Ea Kly").locality.name == "Xã Ea Kly"


def test_a_unit_entered_before_keeps_its_district_while_edited(admin_client):
    district = Locality.objects.get(name="Huyện Krông Năng")
    unit = Unit.objects.create(name="UBND huyện Krông Năng", kind=Unit.Kind.DISTRICT, locality=district)
    url = reverse("wagtailsnippets_exemplars_unit:edit", args=[unit.pk])

    html = admin_client.get(url).content.decode()
    localities = [label for value, label in options(html, "locality") if value]
    assert "Huyện Krông Năng" in localities and "Huyện Krông Pắc" not in localities
    assert (Unit.Kind.DISTRICT, "Huyện, thị xã, thành phố (trước 1/7/2025)") in options(html, "kind")

    admin_client.post(url, unit_data("UBND huyện Krông Năng (cũ)", Unit.Kind.DISTRICT, district))
    unit.refresh_from_db()
    assert (unit.name, unit.kind, unit.locality) == (
        "UBND huyện Krông Năng (cũ)",
        Unit.Kind.DISTRICT,
        district,
    )


def test_a_new_locality_is_a_commune_or_ward_with_its_former_names(admin_client):
    html = admin_client.get(LOCALITY_ADD).content.decode()
    assert [value for value, label in options(html, "kind")] == ["commune", "ward"]

    data = {
        "name": "Xã Thử Nghiệm",
        "kind": "district",
        "former_names-TOTAL_FORMS": "1",
        "former_names-INITIAL_FORMS": "0",
        "former_names-MIN_NUM_FORMS": "0",
        "former_names-MAX_NUM_FORMS": "1000",
        "former_names-0-name": "Huyện Krông Pắc",
        "former_names-0-until": "2025-06-30",
        "former_names-0-id": "",
        "former_names-0-ORDER": "",
        "former_names-0-DELETE": "",
    }
    admin_client.post(LOCALITY_ADD, data)
    assert not Locality.objects.filter(name="Xã Thử Nghiệm").exists()

    admin_client.post(LOCALITY_ADD, data | {"kind": "commune"})
    locality = Locality.objects.get(name="Xã Thử Nghiệm")
    assert [(former.name, former.until) for former in locality.former_names.all()] == [
        ("Huyện Krông Pắc", datetime.date(2025, 6, 30))
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_keeps_the_localities_and_units_entered_before(every_migration_applied_again):
    before, after = ("exemplars", "0005_nomination_text_limits"), ("exemplars", "0006_two_level_localities")
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old_apps = executor.loader.project_state([before]).apps
    old_locality, old_unit = (
        old_apps.get_model("exemplars", "Locality"),
        old_apps.get_model("exemplars", "Unit"),
    )
    district = old_locality.objects.get(name="Huyện Krông Pắc")
    # A commune an administrator had entered under the old map, with a unit in it.
    commune = old_locality.objects.update_or_create(
        name="Xã Ea Knuếc", defaults={"kind": "commune", "sort_name": "x"}
    )[0]
    old_unit.objects.create(name="UBND huyện Krông Pắc", kind="district", locality=district, sort_name="u")
    old_unit.objects.create(name="UBND xã Ea Knuếc", kind="commune", locality=commune, sort_name="u")

    try:
        MigrationExecutor(connection).migrate([after])
        assert Locality.objects.get(pk=district.pk).kind == Locality.Kind.DISTRICT
        assert Unit.objects.get(name="UBND huyện Krông Pắc").locality_id == district.pk
        ea_knuec = Unit.objects.get(name="UBND xã Ea Knuếc").locality
        assert ea_knuec.pk == commune.pk
        assert [former.name for former in ea_knuec.former_names.all()] == ["Huyện Krông Pắc"]
        assert Locality.objects.exclude(kind__in=Locality.PRESENT_KINDS).count() == 15
    finally:
        every_migration_applied_again()
