"""The Department's follow-up of the units: figures per unit, cluster or block, movement and field, the units that
have not filed or posted first, charts, XLSX/CSV with the page's numbers, and who is refused."""

import csv
import datetime
import io
from functools import partial

import openpyxl
import pytest
from bs4 import BeautifulSoup

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from exemplars.followup import Scope, follow_up
from exemplars.models import (
    AchievementField,
    ArticleExemplarLink,
    EmulationCluster,
    ExemplarPage,
    MovementPage,
    NominationRound,
    Status,
    Unit,
)
from exemplars.roles import REVIEWERS_GROUP
from exemplars.setup import ensure_unit_column
from newsroom.models import ArticlePage
from newsroom.outlets import journalists_group_name
from tests.datasets import Dataset

from .conftest import ROUND_CLOSES, ROUND_OPENS, assert_refused, new_unit

REPORT = "exemplars_followup_report"
GROUPINGS = ("unit", "cluster", "movement", "field")


def feature(make_article, column, title, *exemplars, days_ago=5):
    article = make_article(column, title, publication_date=timezone.now() - datetime.timedelta(days=days_ago))
    for exemplar in exemplars:
        article.exemplar_links.add(ArticleExemplarLink(exemplar=exemplar))
    article.save_revision().publish()
    return article


def approve(nomination, profile):
    nomination.status = Status.APPROVED
    nomination.decision_number = "123/QĐ-UBND"
    nomination.decision_date = datetime.date(2025, 3, 20)
    nomination.exemplar = profile
    nomination.save()


def build_world(
    outlets,
    make_column,
    make_article,
    make_exemplar,
    make_movement,
    unit_a,
    unit_b,
    officer_a,
    officer_b,
    reviewer,
    make_nomination,
    advance,
):
    block = EmulationCluster.objects.create(name="Khối các sở, ngành", kind=EmulationCluster.Kind.BLOCK)
    cluster = EmulationCluster.objects.create(name="Cụm các xã phía Đông", kind=EmulationCluster.Kind.CLUSTER)
    unit_c = new_unit("UBND xã Hòa Phú", locality="Xã Ea Knuếc")
    Unit.objects.filter(pk=unit_a.pk).update(cluster=block)
    Unit.objects.filter(pk__in=[unit_b.pk, unit_c.pk]).update(cluster=cluster)
    columns = {unit: ensure_unit_column(Unit.objects.get(pk=unit.pk)) for unit in (unit_a, unit_b, unit_c)}

    movement = make_movement("Cả nước chung tay vì người nghèo")
    make_movement("Cả nước chung sức xây dựng nông thôn mới")
    approved = advance(make_nomination(officer_a, "Trần Thị Mai", movement=movement), ("submit", officer_a))
    advance(
        make_nomination(officer_a, "Khoa Nhi", subject_kind="collective", position="", id_number=""),
        ("submit", officer_a),
        ("start_appraisal", reviewer),
    )
    advance(
        make_nomination(
            officer_b, "Nguyễn Văn Tâm", fields=("lao-dong-san-xuat-kinh-doanh",), movement=movement
        ),
        ("submit", officer_b),
    )
    # A draft: the unit's own work, never counted.
    make_nomination(officer_b, "Hồ sơ chưa gửi", movement=movement)

    profile = make_exemplar("Trần Thị Mai", unit=unit_a, movements=[movement])
    approve(approved, profile)
    make_exemplar("Hồ sơ chưa đăng", unit=unit_a, live=False)

    newspaper = make_column(outlets["newspaper"], "Gương sáng")
    feature(make_article, newspaper, "Người điều dưỡng của buôn làng", profile)
    feature(
        make_article,
        make_column(outlets["broadcast"], "Người tốt việc tốt"),
        "Phóng sự: bác sĩ buôn",
        profile,
    )
    feature(make_article, newspaper, "Một bài không nói về ai")
    feature(make_article, columns[unit_a], "Sở Y tế khám bệnh miễn phí", days_ago=10)
    feature(make_article, columns[unit_b], "Xã Ea Knuếc làm đường", days_ago=60)


# The world and the dozen units a query count adds are built once per process and replayed into each test that
# asks for them (tests/datasets.py): the same rows, at a small part of the cost. Their builds take the test's own
# fixtures, set before each put (a replay runs no build; a test whose database differs builds for real).
WORLD = Dataset(build=None)
TWELVE_MORE_UNITS = Dataset(build=None)


# The fixtures the world is built from, in build_world's order.
WORLD_FIXTURES = (
    "outlets",
    "make_column",
    "make_article",
    "make_exemplar",
    "make_movement",
    "unit_a",
    "unit_b",
    "officer_a",
    "officer_b",
    "reviewer",
    "make_nomination",
    "advance",
)


@pytest.fixture
def world(request):
    """Sở Y tế (a block) filed two, one approved and featured twice, and posted 10 days ago; UBND xã Ea Knuếc (a
    cluster) filed one and posted 60 days ago; UBND xã Hòa Phú neither filed nor posted. The approved one and Ea
    Knuếc's name the movement against poverty (so does a draft, never counted); no nomination names the movement
    for new rural areas, nor is anything published about it."""
    WORLD.build = partial(build_world, *(request.getfixturevalue(name) for name in WORLD_FIXTURES))
    WORLD.put()
    units = tuple(Unit.objects.get(name=name) for name in ("Sở Y tế", "UBND xã Ea Knuếc", "UBND xã Hòa Phú"))
    return {
        "units": units,
        "movement": MovementPage.objects.get(title="Cả nước chung tay vì người nghèo"),
        "profile": ExemplarPage.objects.get(title="Trần Thị Mai"),
    }


def figures(row):
    return (
        row.filed,
        row.approved,
        row.profiles,
        row.features_newspaper,
        row.features_broadcast,
        row.features_portal,
        row.posts_30,
        row.posts_90,
    )


def test_units_that_have_not_filed_or_posted_come_first_then_in_alphabetical_order(world):
    rows = follow_up(Scope())

    assert [row.name for row in rows] == ["UBND xã Ea Knuếc", "UBND xã Hòa Phú", "Sở Y tế"]
    by_name = {row.name: row for row in rows}
    assert figures(by_name["Sở Y tế"]) == (2, 1, 1, 1, 1, 0, 1, 1)
    assert figures(by_name["UBND xã Ea Knuếc"]) == (1, 0, 0, 0, 0, 0, 0, 1)
    assert figures(by_name["UBND xã Hòa Phú"]) == (0, 0, 0, 0, 0, 0, 0, 0)
    assert by_name["Sở Y tế"].detail == "Khối các sở, ngành"
    assert not by_name["Sở Y tế"].needs_attention


def test_clusters_movements_and_fields_add_up_their_own_way(world):
    clusters = {row.name: figures(row) for row in follow_up(Scope(), "cluster")}
    movements = {row.name: row for row in follow_up(Scope(), "movement")}
    fields = {row.name: (row.filed, row.approved, row.profiles) for row in follow_up(Scope(), "field")}

    assert clusters == {
        "Cụm các xã phía Đông": (1, 0, 0, 0, 0, 0, 0, 1),
        "Khối các sở, ngành": (2, 1, 1, 1, 1, 0, 1, 1),
    }
    # The nominations that name the movement; a movement has no column: not applicable, not zero.
    assert {name: figures(row) for name, row in movements.items()} == {
        "Cả nước chung tay vì người nghèo": (2, 1, 1, 1, 1, 0, None, None),
        "Cả nước chung sức xây dựng nông thôn mới": (0, 0, 0, 0, 0, 0, None, None),
    }
    assert movements["Cả nước chung sức xây dựng nông thôn mới"].attention == (
        "chưa gửi hồ sơ đề nghị; chưa có hồ sơ, bài viết nào được đăng"
    )
    assert not movements["Cả nước chung tay vì người nghèo"].needs_attention
    assert fields["Công tác"] == (2, 1, 1)
    assert fields["Lao động, sản xuất, kinh doanh"] == (1, 0, 0)


def test_a_round_and_a_period_narrow_what_is_counted(world):
    other_round = NominationRound.objects.create(
        title="Đợt 2 năm 2024",
        opens_at=ROUND_OPENS.replace(year=2024),
        closes_at=ROUND_CLOSES.replace(year=2024),
    )
    in_2025 = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)

    health = {row.name: row for row in follow_up(Scope(None, *in_2025))}["Sở Y tế"]
    assert (health.filed, health.approved) == (2, 1)  # submitted and decided in 2025
    assert (health.profiles, health.features) == (0, 0)  # published today, not in 2025

    earlier = {
        row.name: row
        for row in follow_up(Scope(None, datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)))
    }
    assert (earlier["Sở Y tế"].filed, earlier["Sở Y tế"].approved) == (0, 0)

    elsewhere = {row.name: row for row in follow_up(Scope(other_round))}["Sở Y tế"]
    assert figures(elsewhere) == (0, 0, 0, 0, 0, 0, 1, 1)  # the column is followed whatever the round


def page_rows(content):
    table = BeautifulSoup(content, "html.parser").find("table", class_="followup-table")
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
        for row in table.find_all("tr")
    ]


def as_text(value):
    return "—" if value is None else str(value)


@pytest.mark.parametrize("grouping", GROUPINGS)
def test_the_page_and_both_exports_show_the_same_numbers(client, reviewer, world, nomination_round, grouping):
    client.force_login(reviewer)
    filters = {"group_by": grouping, "round": nomination_round.pk, "year": 2025}

    shown = page_rows(client.get(reverse(REPORT), filters).content.decode())
    csv_response = client.get(reverse(REPORT), {**filters, "export": "csv"})
    exported_csv = list(csv.reader(io.StringIO(b"".join(csv_response.streaming_content).decode())))
    xlsx_response = client.get(reverse(REPORT), {**filters, "export": "xlsx"})
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx_response.streaming_content)))
    exported_xlsx = [
        [as_text(value) if value is not None else "" for value in row] for row in workbook.active.values
    ]

    assert len(shown) > 1
    assert exported_csv[0] == shown[0] == exported_xlsx[0]
    for page_row, csv_row, xlsx_row in zip(shown[1:], exported_csv[1:], exported_xlsx[1:], strict=True):
        # The page writes "—" where the export leaves the cell empty: the figure does not apply.
        assert [cell or "—" for cell in csv_row] == [cell or "—" for cell in page_row]
        assert [cell or "—" for cell in xlsx_row] == [cell or "—" for cell in page_row]


def test_the_movement_rows_show_the_nominations_that_name_the_movement(client, reviewer, world):
    client.force_login(reviewer)

    rows = page_rows(client.get(reverse(REPORT), {"group_by": "movement"}).content.decode())

    heading, *body = rows
    by_name = {row[0]: dict(zip(heading, row, strict=True)) for row in body}
    poverty = by_name["Cả nước chung tay vì người nghèo"]
    assert (poverty["Hồ sơ đã gửi"], poverty["Hồ sơ được duyệt"]) == ("2", "1")
    assert by_name["Cả nước chung sức xây dựng nông thôn mới"]["Hồ sơ đã gửi"] == "0"


def test_the_page_draws_charts_with_their_tables_in_the_admins_language(client, reviewer, world):
    client.force_login(reviewer)

    content = client.get(reverse(REPORT), {"group_by": "cluster"}).content.decode()

    assert "Theo dõi, đôn đốc các đơn vị" in content
    assert content.count('<svg role="img"') == 3  # nominations filed, features, column posts
    assert "Hồ sơ đã gửi theo cụm, khối thi đua" in content
    assert '<th scope="row">Khối các sở, ngành</th><td>2</td>' in content


def test_a_story_republished_in_another_outlet_is_counted_once(world, outlets, make_column):
    original = ArticlePage.objects.get(title="Người điều dưỡng của buôn làng")
    original.create_alias(parent=make_column(outlets["portal"], "Gương người tốt"))

    health = {row.name: row for row in follow_up(Scope())}["Sở Y tế"]

    assert (health.features_newspaper, health.features_portal) == (1, 0)


def test_the_reports_menu_leads_the_department_to_the_report_but_not_a_unit_officer(
    client, reviewer, officer_a
):
    for user, shown in ((reviewer, True), (officer_a, False)):
        client.force_login(user)
        assert (reverse(REPORT) in client.get(reverse("wagtailadmin_home")).content.decode()) is shown


def add_units(count, make_article, make_exemplar, outlets, make_column, start):
    """`count` more units, each with a submitted nomination, a featured profile and a column post."""
    newspaper = make_column(outlets["newspaper"], f"Chuyên mục {start}")
    nomination_round = NominationRound.objects.get()
    for number in range(start, start + count):
        unit = new_unit(f"UBND xã số {number}", cluster=f"Cụm {number % 3}")
        column = ensure_unit_column(unit)
        profile = make_exemplar(f"Điển hình số {number}", unit=unit)
        nomination = unit.nominations.create(
            round=nomination_round,
            subject_kind="individual",
            name=f"Điển hình số {number}",
            achievements_summary="Tận tụy.",
            proposed_commendation="merit_certificate",
            contact_person="Ông A",
            contact_phone="0912345678",
            status=Status.SUBMITTED,
        )
        approve(nomination, profile)
        feature(make_article, newspaper, f"Bài về điển hình số {number}", profile)
        feature(make_article, column, f"Tin của xã số {number}")


@pytest.mark.parametrize("grouping", GROUPINGS)
def test_the_number_of_queries_does_not_grow_with_the_units(
    client, reviewer, world, outlets, make_article, make_exemplar, make_column, grouping
):
    client.force_login(reviewer)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse(REPORT), {"group_by": grouping})
        assert response.status_code == 200
        return len(captured)

    with_3_units = queries()
    # Signed out while the units are added: the session's key is drawn anew in each test, and the database must
    # be the one they were recorded on to be replayed. Each count is of a first request after signing in.
    client.logout()
    TWELVE_MORE_UNITS.build = partial(
        add_units, 12, make_article, make_exemplar, outlets, make_column, start=1
    )
    TWELVE_MORE_UNITS.put()
    client.force_login(reviewer)
    assert Unit.objects.count() == 15

    assert queries() == with_3_units


@pytest.mark.parametrize("export", [None, "csv", "xlsx"])
def test_a_unit_officer_and_a_journalist_cannot_open_the_report_or_its_export(
    client, world, officer_a, make_user, export
):
    journalist = make_user("phongvien", journalists_group_name("newspaper"))
    query = {"export": export} if export else {}
    for user in (officer_a, journalist):
        client.force_login(user)
        assert_refused(client.get(reverse(REPORT), query))


@pytest.mark.parametrize("grouping", GROUPINGS)
def test_with_no_rounds_and_no_units_the_report_says_so(client, roles, make_user, grouping):
    client.force_login(make_user("thamdinh.rong", REVIEWERS_GROUP))

    response = client.get(reverse(REPORT), {"group_by": grouping})

    assert response.status_code == 200
    rows = response.context["rows"]
    # The fields of achievement are the plan's, seeded with the database: listed with nothing counted.
    assert len(rows) == (AchievementField.objects.count() if grouping == "field" else 0)
    assert all(row.filed == row.profiles == row.features == 0 for row in rows)
    csv_response = client.get(reverse(REPORT), {"group_by": grouping, "export": "csv"})
    assert len(b"".join(csv_response.streaming_content).decode().strip().splitlines()) == len(rows) + 1


@pytest.mark.parametrize(
    "filters",
    [
        {"year": "hai nghìn"},
        {"round": "abc"},
        {"round": "999999"},
        {"first_day": "31/02/2025"},
        {"group_by": "tinh"},
        {"year": "2025", "first_day": "2025-01-01"},
        {"first_day": "2025-06-01", "last_day": "2025-01-01"},
    ],
)
def test_a_bad_filter_is_a_form_error_not_a_failure(client, reviewer, world, filters):
    client.force_login(reviewer)

    for query in (filters, {**filters, "export": "csv"}):
        response = client.get(reverse(REPORT), query)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")
        assert response.context["form"].errors
        assert response.context["rows"] is None
