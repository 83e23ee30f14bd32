"""The column "Điển hình tiên tiến" of every outlet shows the registry's live profiles, never copies of them."""

import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from exemplars.models import ColumnRegistry, ExemplarIndexPage, ExemplarPage
from newsroom.models import ColumnPage
from newsroom.outlets import editors_group_name
from tests.conftest import outlet_homes
from tests.datasets import Dataset

from .conftest import HOSTS, PORTAL

OUTLETS = ["newspaper", "broadcast", "portal"]
COLUMN = "/dien-hinh-tien-tien/"
COLUMN_TITLE = "Điển hình tiên tiến"
REGISTRY = "/ho-so-dien-hinh/"


def registry_on(outlet_home):
    """The outlet's registry: the canonical one on the portal, an alias of it elsewhere."""
    return ExemplarIndexPage.objects.child_of(outlet_home).get()


def add_registry_columns():
    for home in outlet_homes().values():
        column = home.add_child(instance=ColumnPage(title=COLUMN_TITLE))
        column.registry_links.add(ColumnRegistry(registry=registry_on(home)))
        column.save_revision().publish()


# Every test here starts from these columns: built once per run (tests/datasets.py).
REGISTRY_COLUMNS = Dataset(add_registry_columns)


@pytest.fixture
def registry_columns(outlets, registry):
    """{outlet: its column "Điển hình tiên tiến", showing the outlet's registry}."""
    REGISTRY_COLUMNS.put()
    return {
        outlet: ColumnPage.objects.child_of(home).get(title=COLUMN_TITLE) for outlet, home in outlets.items()
    }


def get_column(client, outlet, **params):
    response = client.get(COLUMN, params, HTTP_HOST=HOSTS[outlet])
    assert response.status_code == 200
    return response.content.decode()


def registry_section(html):
    match = re.search(r'<section class="registry-profiles".*?</section>', html, re.S)
    return match.group(0) if match else ""


def profile_links(html):
    """(href, name) of each profile card in the column's registry section."""
    return re.findall(r'<h3 class="card__title"><a href="([^"]*)">([^<]+)</a>', registry_section(html))


def profile_names(html):
    return [name for _, name in profile_links(html)]


@pytest.mark.parametrize("outlet", OUTLETS)
def test_the_column_shows_the_live_profile_linking_to_it_on_the_same_site(
    client, registry_columns, make_exemplar, outlet
):
    profile = make_exemplar("Y Khoa Niê", summary="Khởi nghiệp với cà phê rang xay của buôn.")
    html = get_column(client, outlet)
    assert profile_links(html) == [("/ho-so-dien-hinh/y-khoa-nie/", "Y Khoa Niê")]
    assert "Khởi nghiệp với cà phê rang xay của buôn." in registry_section(html)

    response = client.get("/ho-so-dien-hinh/y-khoa-nie/", HTTP_HOST=HOSTS[outlet])
    assert response.status_code == 200
    assert response.context["page"].pk == profile.pk  # the registry's own profile, on this outlet's site
    assert response.context["outlet_home"].outlet == outlet
    assert f'<link rel="canonical" href="{profile.full_url}">' in response.content.decode()
    # Nothing was copied to show it: one profile, no alias of it.
    assert ExemplarPage.objects.count() == 1
    assert not Page.objects.filter(alias_of=profile).exists()


def test_a_column_linked_to_the_portals_registry_still_links_on_its_own_site_where_it_can(
    client, outlets, registry, make_column, make_exemplar
):
    profile = make_exemplar("Y Khoa Niê")
    for outlet in ("broadcast", "newspaper"):
        column = make_column(outlets[outlet], "Điển hình tiên tiến")
        column.registry_links.add(ColumnRegistry(registry=registry))
        column.save_revision().publish()
    registry_on(outlets["newspaper"]).unpublish()  # the newspaper no longer shows the registry itself
    assert profile_links(get_column(client, "broadcast")) == [("/ho-so-dien-hinh/y-khoa-nie/", "Y Khoa Niê")]
    assert profile_links(get_column(client, "newspaper")) == [(profile.full_url, "Y Khoa Niê")]
    assert client.get("/ho-so-dien-hinh/y-khoa-nie/", HTTP_HOST=HOSTS["newspaper"]).status_code == 404


def test_drafts_and_unpublished_profiles_are_absent_everywhere(client, registry_columns, make_exemplar):
    make_exemplar("Bản nháp chưa duyệt", live=False)
    withdrawn = make_exemplar("Hồ sơ bị gỡ")
    make_exemplar("Đồn Biên phòng Ia Rvê")
    for outlet in OUTLETS:
        assert profile_names(get_column(client, outlet)) == ["Đồn Biên phòng Ia Rvê", "Hồ sơ bị gỡ"]

    withdrawn.unpublish()
    for outlet in OUTLETS:
        assert profile_names(get_column(client, outlet)) == ["Đồn Biên phòng Ia Rvê"]
        for slug in ("ho-so-bi-go", "ban-nhap-chua-duyet", "khong-co-ho-so-nay"):
            assert client.get(f"{REGISTRY}{slug}/", HTTP_HOST=HOSTS[outlet]).status_code == 404


def test_a_profile_published_in_the_registry_appears_in_every_column_untouched(
    client, registry_columns, make_exemplar
):
    before = {
        outlet: (column.latest_revision_id, column.last_published_at)
        for outlet, column in registry_columns.items()
    }
    for outlet in OUTLETS:
        assert profile_names(get_column(client, outlet)) == []
        assert "Chưa có hồ sơ điển hình nào được công bố." in get_column(client, outlet)

    draft = make_exemplar("Hợp tác xã sầu riêng Ea Knuếc", live=False)
    assert all(profile_names(get_column(client, outlet)) == [] for outlet in OUTLETS)
    draft.get_latest_revision().publish()

    for outlet in OUTLETS:
        assert profile_names(get_column(client, outlet)) == ["Hợp tác xã sầu riêng Ea Knuếc"]
    after = {
        outlet: (column.latest_revision_id, column.last_published_at)
        for outlet, column in ((o, ColumnPage.objects.get(pk=c.pk)) for o, c in registry_columns.items())
    }
    assert after == before


def test_a_profile_restricted_to_logged_in_readers_is_neither_listed_nor_served(
    client, registry_columns, make_exemplar
):
    private = make_exemplar("Hồ sơ nội bộ")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert profile_names(get_column(client, "broadcast")) == []
    response = client.get(f"{REGISTRY}ho-so-noi-bo/", HTTP_HOST=HOSTS["broadcast"])
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_outlets_alias_of_a_profile_is_served_when_an_editor_made_one(
    client, outlets, registry_columns, make_exemplar
):
    profile = make_exemplar("Nguyễn Thị Hòa")
    alias = profile.create_alias(parent=registry_on(outlets["broadcast"]))
    assert profile_links(get_column(client, "broadcast")) == [
        ("/ho-so-dien-hinh/nguyen-thi-hoa/", "Nguyễn Thị Hòa")
    ]
    response = client.get("/ho-so-dien-hinh/nguyen-thi-hoa/", HTTP_HOST=HOSTS["broadcast"])
    assert response.status_code == 200 and response.context["page"].pk == alias.pk


def test_latest_year_first_and_new_factors_and_sudden_deeds_lead_it(client, registry_columns, make_exemplar):
    make_exemplar("An", year=2024, is_new_factor=True)
    make_exemplar("Bình", year=2025)
    make_exemplar("Chi", year=2025, is_sudden_deed=True)
    make_exemplar("Dung", year=2025, is_new_factor=True)
    make_exemplar("Giang", year=2025)  # published after Bình: newer first
    assert profile_names(get_column(client, "newspaper")) == ["Dung", "Chi", "Giang", "Bình", "An"]


def test_the_column_shows_as_many_as_set_and_links_to_the_whole_registry_with_filters(
    client, registry_columns, make_exemplar
):
    link = registry_columns["broadcast"].registry_links.get()
    link.profiles_shown = 2
    link.save()
    make_exemplar("An", fields=["cong-tac"])
    make_exemplar("Bình", fields=["hoc-tap"], subject_kind=ExemplarPage.SubjectKind.COLLECTIVE)
    make_exemplar("Chi", fields=["cong-tac"], subject_kind=ExemplarPage.SubjectKind.HOUSEHOLD)
    section = registry_section(get_column(client, "broadcast"))
    assert len(profile_names(section)) == 2
    assert '<a href="/ho-so-dien-hinh/">Xem toàn bộ hồ sơ (3)</a>' in section
    assert '<a href="/ho-so-dien-hinh/?kind=individual">Cá nhân (1)</a>' in section
    assert '<a href="/ho-so-dien-hinh/?kind=household">Hộ gia đình (1)</a>' in section
    assert '<a href="/ho-so-dien-hinh/?field=cong-tac">Công tác (2)</a>' in section
    filtered = client.get(REGISTRY, {"kind": "household"}, HTTP_HOST=HOSTS["broadcast"]).content.decode()
    assert re.findall(r'<h3 class="card__title"><a href="[^"]*">([^<]+)</a>', filtered) == ["Chi"]


def test_the_articles_still_page_and_filter_below_the_registry(
    client, registry_columns, make_article, make_exemplar
):
    column = registry_columns["newspaper"]
    column.per_page = 2
    column.save_revision().publish()
    make_exemplar("Lê Quang Vinh")
    tagged_article = make_article(column, "Phóng sự về giáo dục")
    tagged_article.tags.add("giáo dục")
    tagged_article.save_revision().publish()
    for number in range(2):
        make_article(column, f"Phóng sự số {number}")
    front = get_column(client, "newspaper")
    assert profile_names(front) == ["Lê Quang Vinh"]
    assert 'href="?page=2"' in front and front.count('class="card card--article') == 2
    second = get_column(client, "newspaper", page=2)
    assert second.count('class="card card--article') == 1 and not registry_section(second)
    tagged = get_column(client, "newspaper", tag="giao-duc")
    assert "Phóng sự về giáo dục" in tagged and "Phóng sự số 0" not in tagged
    assert not registry_section(tagged)


def test_a_column_without_a_registry_shows_only_its_articles(client, outlets, make_column, make_exemplar):
    make_column(outlets["portal"], "Gương người tốt việc tốt")
    make_exemplar("Trần Văn Lộc")
    html = client.get("/guong-nguoi-tot-viec-tot/", HTTP_HOST=PORTAL).content.decode()
    assert not registry_section(html) and "Trần Văn Lộc" not in html


def test_html_in_a_profile_name_is_escaped(client, registry_columns, make_exemplar):
    make_exemplar('<script>alert("x")</script> Nguyễn <b>Hoa</b>', summary="<img src=x onerror=alert(1)>")
    html = get_column(client, "broadcast")
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>Hoa</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Nguyễn &lt;b&gt;Hoa&lt;/b&gt;" in html


def add_profiles(make_exemplar, make_unit, image, count, start):
    for number in range(start, start + count):
        make_exemplar(
            f"Điển hình {number}",
            unit=make_unit(f"Đơn vị {number}", cluster="Khối văn hóa - xã hội"),
            fields=["cong-tac", "hoc-tap"],
            lead_image=image,
            subject_kind=ExemplarPage.SubjectKind.values[number % 3],
        )


def count_column_queries(client):
    client.get(COLUMN, HTTP_HOST=HOSTS["broadcast"])  # renditions are made on the first view
    with CaptureQueriesContext(connection) as queries:
        assert client.get(COLUMN, HTTP_HOST=HOSTS["broadcast"]).status_code == 200
    return len(queries)


def test_the_column_costs_the_same_queries_with_3_or_30_profiles(
    client, registry_columns, make_exemplar, make_unit, make_image
):
    link = registry_columns["broadcast"].registry_links.get()
    link.profiles_shown = 24
    link.save()
    image = make_image("Chân dung")
    add_profiles(make_exemplar, make_unit, image, 3, start=1)
    with_3 = count_column_queries(client)
    add_profiles(make_exemplar, make_unit, image, 27, start=4)
    assert count_column_queries(client) == with_3
    assert len(profile_names(get_column(client, "broadcast"))) == 24


def column_form(column, registry_page_id, profiles_shown=6):
    return nested_form_data(
        {
            "title": column.title,
            "slug": column.slug,
            "intro": rich_text(""),
            "per_page": column.per_page,
            "registry_links": inline_formset(
                [{"registry": registry_page_id, "profiles_shown": profiles_shown}]
            ),
        }
    )


def test_the_column_editor_links_the_registry_and_refuses_any_other_page(
    client, outlets, registry, make_column, make_user
):
    column = make_column(outlets["broadcast"], "Điển hình tiên tiến")
    other_column = make_column(outlets["broadcast"], "Phong trào thi đua")
    editor = make_user("bientap.dai", editors_group_name("broadcast"))
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[column.pk])
    assert "Danh sách điển hình hiển thị trong chuyên mục này" in client.get(edit_url).content.decode()

    for refused in (other_column.pk, outlets["broadcast"].pk):
        response = client.post(edit_url, column_form(column, refused))
        assert response.status_code == 200
        assert "registry" in str(response.context["form"].formsets["registry_links"].errors)
    response = client.post(
        edit_url, column_form(column, registry_on(outlets["broadcast"]).pk, profiles_shown=99)
    )
    assert response.status_code == 200
    assert "profiles_shown" in str(response.context["form"].formsets["registry_links"].errors)
    assert not ColumnRegistry.objects.exists()

    response = client.post(edit_url, column_form(column, registry_on(outlets["broadcast"]).pk))
    assert response.status_code == 302
    column.refresh_from_db()
    column.get_latest_revision().publish()
    assert ColumnRegistry.objects.get().registry == registry_on(outlets["broadcast"])
