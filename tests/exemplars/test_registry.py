"""The registry: one set of profiles on every outlet, filters, Vietnamese order, fixed cost in queries."""

import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.images import get_image_model

from exemplars.models import ExemplarIndexPage, ExemplarPage, MovementPage, Unit
from tests.datasets import Dataset

from .conftest import HOSTS, PORTAL, new_exemplar, new_unit

REGISTRY = "/ho-so-dien-hinh/"
PORTRAIT = "Chân dung"
MOVEMENT = "Thi đua dạy tốt, học tốt"


def card_titles(html):
    return re.findall(r'<h3 class="card__title"><a href="[^"]*">([^<]+)</a>', html)


def get_registry(client, host=PORTAL, **params):
    response = client.get(REGISTRY, params, HTTP_HOST=host)
    assert response.status_code == 200
    return response.content.decode()


def test_names_sort_in_vietnamese_alphabetical_order(client, make_exemplar):
    for name in ["Đào", "Ân", "Bình", "Ăn", "Dung", "Ánh", "An"]:
        make_exemplar(name)
    assert card_titles(get_registry(client)) == ["An", "Ánh", "Ăn", "Ân", "Bình", "Dung", "Đào"]


@pytest.mark.parametrize("outlet", ["newspaper", "broadcast", "portal"])
def test_every_outlet_shows_the_same_profiles_on_its_own_site(client, make_exemplar, outlet):
    profile = make_exemplar("Y Khoa Niê")
    html = get_registry(client, host=HOSTS[outlet])
    assert card_titles(html) == ["Y Khoa Niê"]
    # Each outlet links within its own site, where its copy of the registry serves the original profile.
    assert 'href="/ho-so-dien-hinh/y-khoa-nie/"' in html
    served = client.get("/ho-so-dien-hinh/y-khoa-nie/", HTTP_HOST=HOSTS[outlet])
    assert served.status_code == 200
    assert f'<link rel="canonical" href="{profile.full_url}"' in served.content.decode()
    assert ExemplarPage.objects.count() == 1


def test_drafts_are_not_listed(client, make_exemplar):
    make_exemplar("Bản nháp", live=False)
    make_exemplar("Đã duyệt")
    assert card_titles(get_registry(client)) == ["Đã duyệt"]


def test_filters_by_kind_field_unit_locality_cluster_movement_and_year(
    client, make_exemplar, make_unit, make_movement
):
    movement = make_movement("Cả nước chung sức xây dựng nông thôn mới")
    school = make_unit("Trường Tiểu học Yang Mao", Unit.Kind.SCHOOL, "Xã Yang Mao", "Khối văn hóa - xã hội")
    commune = make_unit("UBND xã Ea Knuếc", Unit.Kind.COMMUNE, "Xã Ea Knuếc", "Cụm phía Đông")
    teacher = make_exemplar("Lê Quang Vinh", unit=school, fields=["cong-tac", "hoc-tap"], year=2025)
    make_exemplar(
        "Hợp tác xã sầu riêng Ea Knuếc",
        unit=commune,
        fields=["lao-dong-san-xuat-kinh-doanh"],
        movements=[movement],
        subject_kind=ExemplarPage.SubjectKind.COLLECTIVE,
    )
    cooperative = ["Hợp tác xã sầu riêng Ea Knuếc"]
    assert card_titles(get_registry(client, kind="collective")) == cooperative
    assert card_titles(get_registry(client, field="hoc-tap")) == [teacher.title]
    assert card_titles(get_registry(client, unit=school.pk)) == [teacher.title]
    assert card_titles(get_registry(client, locality="Xã Ea Knuếc")) == cooperative
    assert card_titles(get_registry(client, cluster=commune.cluster_id)) == cooperative
    assert card_titles(get_registry(client, movement=movement.pk)) == cooperative
    assert card_titles(get_registry(client, year=2025)) == [teacher.title]
    assert card_titles(get_registry(client, field="cong-tac", year=2024)) == []


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "robot"},
        {"field": "<script>"},
        {"unit": "abc"},
        {"unit": "99999999999999999999999"},
        {"locality": "-1"},
        {"locality": "Huyện Krông"},
        {"cluster": "1.5"},
        {"movement": "0"},
        {"year": "năm ngoái"},
        {"year": "1800"},
        {"page": "abc"},
    ],
)
def test_a_bad_filter_value_is_reported_and_ignored_never_an_error(client, make_exemplar, params):
    make_exemplar("Nguyễn Thị Hòa")
    html = get_registry(client, **params)
    assert card_titles(html) == ["Nguyễn Thị Hòa"]
    assert ("filter-errors" in html) == ("page" not in params)
    assert "<script>" not in html


def test_the_locality_filter_finds_a_profile_by_its_commune_or_by_its_former_district(
    client, make_exemplar, make_unit
):
    """Today's communes, and the districts of before 1 July 2025 that older articles name."""
    make_exemplar("Hợp tác xã sầu riêng", unit=make_unit("UBND xã Ea Knuếc", locality="Xã Ea Knuếc"))
    make_exemplar("Chị H'Zoa Niê", unit=make_unit("Trường THCS Vụ Bổn", locality="Xã Vụ Bổn"))
    # A unit entered before the reorganisation, still on the district's row.
    make_exemplar(
        "Anh Y Bim Byă", unit=make_unit("Phòng Giáo dục huyện Krông Pắc", locality="Huyện Krông Pắc")
    )
    make_exemplar("Tổ hợp tác mắc ca", unit=make_unit("UBND xã Đắk Phơi", locality="Xã Đắk Phơi"))

    assert card_titles(get_registry(client, locality="Xã Ea Knuếc")) == ["Hợp tác xã sầu riêng"]
    assert card_titles(get_registry(client, locality="Huyện Krông Pắc")) == [
        "Anh Y Bim Byă",
        "Chị H&#x27;Zoa Niê",
        "Hợp tác xã sầu riêng",
    ]
    html = get_registry(client, locality="Huyện Lắk")
    assert card_titles(html) == ["Tổ hợp tác mắc ca"]
    present, former = re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', html, re.S)
    assert present[0] == "Xã, phường hiện nay" and former[0] == "Địa danh cũ"
    assert '<option value="Xã Ea Knuếc">' in present[1] and "Huyện" not in present[1]
    assert '<option value="Huyện Lắk" selected>' in former[1] and "Xã " not in former[1]


def test_pages_keep_the_filters(client, registry, make_exemplar):
    registry.per_page = 2
    registry.save_revision().publish()
    for name in ["An", "Bình", "Chi"]:
        make_exemplar(name, year=2024)
    first = get_registry(client, year=2024)
    assert card_titles(first) == ["An", "Bình"]
    assert 'href="?year=2024&amp;page=2"' in first
    assert card_titles(get_registry(client, year=2024, page=2)) == ["Chi"]


def count_queries(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params, HTTP_HOST=PORTAL).status_code == 200
    return len(queries)


def test_the_filters_read_the_years_and_the_places_once(client, make_exemplar):
    make_exemplar("Y Khoa Niê")
    with CaptureQueriesContext(connection) as queries:
        get_registry(client, year="2024")
    sql = [query["sql"] for query in queries]
    assert sum('DISTINCT "exemplars_exemplarpage"."year"' in statement for statement in sql) == 1
    assert sum('FROM "exemplars_localityformername"' in statement for statement in sql) == 1


def add_exemplars(count, start):
    """Profiles "Điển hình <number>", each of a unit of its own, in two fields and the movement, with the portrait."""
    registry = ExemplarIndexPage.objects.get(alias_of__isnull=True)
    movement = MovementPage.objects.get(title=MOVEMENT)
    image = get_image_model().objects.get(title=PORTRAIT)
    for number in range(start, start + count):
        new_exemplar(
            registry,
            f"Điển hình {number}",
            unit=new_unit(f"Đơn vị {number}", cluster="Khối văn hóa - xã hội"),
            fields=["cong-tac", "hoc-tap"],
            movements=[movement],
            lead_image=image,
        )


# The same profiles for each filter: built once per run (tests/datasets.py).
FIRST_5 = Dataset(lambda: add_exemplars(5, start=1))
NEXT_45 = Dataset(lambda: add_exemplars(45, start=6))


@pytest.mark.parametrize(
    "params",
    [{}, {"field": "cong-tac", "year": "2024"}, {"movement": "movement"}, {"locality": "Huyện Lắk"}],
)
def test_a_registry_page_of_50_costs_the_queries_of_one_of_5(
    client, registry, make_movement, make_image, params
):
    registry.per_page = 50
    registry.save_revision().publish()
    movement = make_movement(MOVEMENT)
    params = {name: movement.pk if value == "movement" else value for name, value in params.items()}
    make_image(PORTRAIT)
    FIRST_5.put()
    client.get(REGISTRY, params, HTTP_HOST=PORTAL)  # renditions are made on the first view
    with_5 = count_queries(client, REGISTRY, **params)
    NEXT_45.put()
    client.get(REGISTRY, params, HTTP_HOST=PORTAL)
    assert count_queries(client, REGISTRY, **params) == with_5
    assert len(card_titles(client.get(REGISTRY, params, HTTP_HOST=PORTAL).content.decode())) == 50
