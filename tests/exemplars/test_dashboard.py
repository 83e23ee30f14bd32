"""The nomination panels of the admin dashboard: a unit officer's, the Department reviewers', the chairman's
office's. Each shows its role's own work, nothing of another unit's, and nothing to another role."""

import datetime
import re

import pytest
import time_machine

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exemplars.appraisal import AWAITING_CHAIRMAN, AWAITING_DEPARTMENT, STEPS, take_step
from exemplars.dashboard import CLOSING_SOON, nominations_url
from exemplars.filing import FilingRefused, places_left
from exemplars.models import Commendation, Nomination, NominationEvent, NominationRound, Status

from .conftest import LOCAL, PRIVATE_DATA, ROUND_CLOSES, WHILE_OPEN

DASHBOARD = "wagtailadmin_home"
DECISION = {"decision_number": "125/QĐ-UBND", "decision_date": datetime.date(2025, 4, 2)}
PANELS = {
    "officer": 'id="unit-nominations-section"',
    "reviewer": 'id="department-nominations-section"',
    "chairman": 'id="referred-nominations-section"',
}


def dashboard(client, user, at=WHILE_OPEN):
    client.force_login(user)
    with time_machine.travel(at, tick=False):
        response = client.get(reverse(DASHBOARD))
    assert response.status_code == 200
    return response.content.decode()


def panel(html, role):
    """The HTML of one role's panel (it must be there)."""
    start = html.index(PANELS[role])
    return html[start : html.index("</section>", start)]


def row(html, attribute, value):
    """The table row (or list item) marked data-<attribute>="<value>"."""
    match = re.search(rf'<(tr|li)[^>]*data-{attribute}="{value}"[^>]*>(.*?)</\1>', html, re.S)
    assert match, f"no row with data-{attribute}={value}"
    return match.group(2)


def count_in(html, status):
    """The number of nominations shown in `status`."""
    return int(re.search(r"data-count>(\d+)<", row(html, "status", status)).group(1))


def steps_to(nomination, *steps):
    with time_machine.travel(WHILE_OPEN, tick=False):
        for step, user, *extra in steps:
            take_step(nomination.pk, step, user, **(extra[0] if extra else {}))
    nomination.refresh_from_db()
    return nomination


# A unit officer --------------------------------------------------------------------------------------------


def test_an_officer_sees_the_open_round_its_closing_time_and_the_places_left_to_the_unit(
    client, officer_a, officer_b, make_nomination, nomination_round
):
    make_nomination(officer_a, name="Nguyễn Văn An")
    make_nomination(officer_b, name="Phạm Thị Bê")
    make_nomination(officer_b, name="Lò Văn Cê")

    html = panel(dashboard(client, officer_a), "officer")

    round_row = row(html, "round", nomination_round.pk)
    assert "Đợt 1 năm 2025" in round_row
    assert "17:00 ngày 10/3/2025" in round_row
    assert "<span data-places-left>2</span> / 3" in round_row  # unit B's two nominations are not counted
    assert nominations_url(round=nomination_round.pk).replace("&", "&amp;") in round_row
    assert reverse("exemplars_nominations:add") in round_row


def test_the_places_left_are_those_filing_counts_and_none_left_means_filing_refuses(
    client, officer_a, make_nomination, nomination_round, advance, reviewer
):
    first = make_nomination(officer_a, name="Một")
    make_nomination(officer_a, name="Hai")
    advance(
        first,
        ("submit", officer_a),
        ("start_appraisal", reviewer),
        ("decline", reviewer, {"note": "Chưa đủ."}),
    )
    # A declined nomination still holds its place, as filing counts it; a third fills the quota.
    assert places_left(officer_a.officer_profile.unit_id, [nomination_round.pk]) == {nomination_round.pk: 1}
    make_nomination(officer_a, name="Ba")

    round_row = row(panel(dashboard(client, officer_a), "officer"), "round", nomination_round.pk)

    assert "<span data-places-left>0</span> / 3" in round_row
    assert reverse("exemplars_nominations:add") not in round_row
    with pytest.raises(FilingRefused):
        make_nomination(officer_a, name="Bốn")


def test_an_officer_sees_no_open_round_once_it_closed(client, officer_a, make_nomination):
    make_nomination(officer_a)

    html = panel(dashboard(client, officer_a, at=ROUND_CLOSES), "officer")

    assert "data-round=" not in html
    assert "Không có đợt nào đang nhận hồ sơ." in html


def test_the_unit_s_nominations_by_status_link_to_the_filtered_list_that_shows_them(
    client, officer_a, officer_b, make_nomination, reviewer, advance
):
    make_nomination(officer_a, name="Nháp Một")
    make_nomination(officer_a, name="Nháp Hai")
    advance(make_nomination(officer_a, name="Đã Gửi"), ("submit", officer_a))
    advance(make_nomination(officer_b, name="Của Đơn Vị Bê"), ("submit", officer_b))

    html = panel(dashboard(client, officer_a), "officer")

    assert count_in(html, "draft") == 2
    assert count_in(html, "submitted") == 1  # unit B's submitted one is not counted
    assert 'data-status="returned"' not in html  # only the statuses the unit has nominations in
    draft_url = nominations_url(status="draft")
    assert draft_url in row(html, "status", "draft")
    listed = client.get(draft_url).content.decode()
    assert "Nháp Một" in listed and "Nháp Hai" in listed
    assert "Đã Gửi" not in listed


def test_a_returned_nomination_shows_the_latest_reason_the_department_gave(
    client, officer_a, make_nomination, reviewer, advance
):
    nomination = advance(
        make_nomination(officer_a, name="Trả Lại"),
        ("submit", officer_a),
        ("return", reviewer, {"note": "Thiếu bản sao quyết định khen thưởng năm 2023."}),
        ("submit", officer_a),
        ("start_appraisal", reviewer),
        ("return", reviewer, {"note": "Bổ sung số liệu <b>năm 2024</b>."}),
    )

    html = panel(dashboard(client, officer_a), "officer")

    returned = row(html, "nomination", nomination.pk)
    assert "Trả Lại" in returned
    assert reverse("exemplars_nominations:inspect", args=[nomination.pk]) in returned
    assert "Bổ sung số liệu &lt;b&gt;năm 2024&lt;/b&gt;." in returned  # the latest reason, escaped
    assert "Thiếu bản sao" not in returned
    assert "09:00 ngày 5/3/2025" in returned
    assert count_in(html, "returned") == 1


def test_an_officer_of_unit_a_never_sees_unit_b(
    client, officer_a, officer_b, make_nomination, reviewer, advance
):
    make_nomination(officer_a, name="Của A")
    advance(
        make_nomination(officer_b, name="Bí Mật Của Bê"),
        ("submit", officer_b),
        ("return", reviewer, {"note": "Lý do riêng của đơn vị Bê."}),
    )
    make_nomination(officer_b, name="Nháp Của Bê")

    html = dashboard(client, officer_a)
    officer_panel = panel(html, "officer")

    assert "Bí Mật Của Bê" not in html and "Nháp Của Bê" not in html and "Lý do riêng" not in html
    assert 'data-status="returned"' not in officer_panel
    assert count_in(officer_panel, "draft") == 1
    assert "<span data-places-left>2</span> / 3" in officer_panel  # A's quota, not B's (1 left)
    assert "Sở Y tế" in officer_panel and "UBND xã Ea Knuếc" not in officer_panel
    for role in ("reviewer", "chairman"):
        assert PANELS[role] not in html


# The Department's reviewers --------------------------------------------------------------------------------


def test_the_department_statuses_are_those_its_reviewers_take_a_step_from(reviewer, chairman_office, unit_a):
    for status in Status:
        probe = Nomination(status=status, unit=unit_a)
        reviewers_steps = [
            step for step in STEPS.values() if status in step.sources and step.may(reviewer, probe)
        ]
        chairmans_steps = [
            step for step in STEPS.values() if status in step.sources and step.may(chairman_office, probe)
        ]
        assert bool(reviewers_steps) == (status in AWAITING_DEPARTMENT), status
        assert bool(chairmans_steps) == (status in AWAITING_CHAIRMAN), status


@pytest.fixture
def department_work(officer_a, officer_b, make_nomination, reviewer, advance, registry):
    """Two submitted, one under appraisal, one proposed, one referred, one draft, one approved."""
    advance(make_nomination(officer_a, name="Gửi Một"), ("submit", officer_a))
    advance(make_nomination(officer_b, name="Gửi Hai"), ("submit", officer_b))
    advance(
        make_nomination(officer_a, name="Thẩm Định"), ("submit", officer_a), ("start_appraisal", reviewer)
    )

    def proposed(officer):
        return ("submit", officer), ("start_appraisal", reviewer), ("propose", reviewer)

    advance(make_nomination(officer_b, name="Đề Nghị"), *proposed(officer_b))
    referred = advance(
        make_nomination(officer_b, name="Trình Chủ Tịch"), *proposed(officer_b), ("refer", reviewer)
    )
    make_nomination(officer_a, name="Nháp Chưa Gửi")
    advance(
        make_nomination(officer_a, name="Phê Chuẩn", round=later_round()),
        *proposed(officer_a),
        ("approve", reviewer, DECISION),
    )
    return referred


def later_round():
    return NominationRound.objects.create(
        title="Đợt 2 năm 2025",
        opens_at=datetime.datetime(2025, 3, 1, tzinfo=LOCAL),
        closes_at=datetime.datetime(2025, 6, 30, 17, 0, tzinfo=LOCAL),
    )


def test_a_reviewer_sees_what_waits_for_the_department_at_each_step(client, reviewer, department_work):
    html = panel(dashboard(client, reviewer), "reviewer")

    assert [count_in(html, status) for status in AWAITING_DEPARTMENT] == [2, 1, 1]
    assert 'data-status="referred"' not in html and 'data-status="draft"' not in html
    submitted = row(html, "status", "submitted")
    assert nominations_url(status="submitted") in submitted
    assert "Bắt đầu thẩm định" in submitted  # the step the Department takes next
    listed = client.get(nominations_url(status="submitted")).content.decode()
    assert "Gửi Một" in listed and "Gửi Hai" in listed and "Thẩm Định" not in listed


def test_a_reviewer_sees_the_rounds_closing_soon_only(client, reviewer, nomination_round, department_work):
    html = panel(dashboard(client, reviewer), "reviewer")

    closing = row(html, "round", nomination_round.pk)
    assert "17:00 ngày 10/3/2025" in closing
    assert "data-submitted>5<" in closing  # submitted so far: every one but the draft
    later = NominationRound.objects.get(title="Đợt 2 năm 2025")
    assert later.closes_at - WHILE_OPEN > CLOSING_SOON
    assert f'data-round="{later.pk}"' not in html


def test_every_department_status_is_listed_even_when_nothing_waits(client, reviewer, nomination_round):
    html = panel(dashboard(client, reviewer), "reviewer")

    assert [count_in(html, status) for status in AWAITING_DEPARTMENT] == [0, 0, 0]


def test_the_reviewers_panel_is_not_shown_to_an_officer_nor_the_chairmans_office(
    client, officer_a, chairman_office, department_work
):
    for user in (officer_a, chairman_office):
        html = dashboard(client, user)
        assert PANELS["reviewer"] not in html
        assert "Gửi Hai" not in html  # unit B's submitted nomination


# The chairman's office -------------------------------------------------------------------------------------


def test_the_chairmans_office_sees_only_the_cases_referred_to_it(client, chairman_office, department_work):
    html = dashboard(client, chairman_office)
    referred_panel = panel(html, "chairman")

    case = row(referred_panel, "nomination", department_work.pk)
    assert "Trình Chủ Tịch" in case and "UBND xã Ea Knuếc" in case
    assert Commendation.CHAIRMAN_CERTIFICATE.label in case
    assert reverse("exemplars_nominations:inspect", args=[department_work.pk]) in case
    for other in ("Gửi Một", "Thẩm Định", "Đề Nghị", "Nháp Chưa Gửi", "Phê Chuẩn"):
        assert other not in html
    assert PRIVATE_DATA["contact_phone"] not in html
    assert PANELS["officer"] not in html


def test_a_decided_case_leaves_the_chairmans_panel(client, chairman_office, department_work):
    steps_to(department_work, ("approve", chairman_office, DECISION))

    html = panel(dashboard(client, chairman_office), "chairman")

    assert "data-nomination=" not in html
    assert "Không còn hồ sơ nào chờ Chủ tịch UBND tỉnh quyết định." in html


def test_the_chairmans_panel_is_not_shown_to_a_reviewer_nor_an_officer(
    client, reviewer, officer_b, department_work
):
    for user in (reviewer, officer_b):
        assert PANELS["chairman"] not in dashboard(client, user)


# What it costs ---------------------------------------------------------------------------------------------


def dashboard_queries(client, user):
    client.force_login(user)
    with time_machine.travel(WHILE_OPEN, tick=False), CaptureQueriesContext(connection) as queries:
        assert client.get(reverse(DASHBOARD)).status_code == 200
    return len(queries)


def add_nominations(officer, nomination_round, count, status):
    """Nominations put straight in `status`, each with the step that led there (what the panels read)."""
    for number in range(count):
        nomination = Nomination.objects.create(
            round=nomination_round,
            unit=officer.officer_profile.unit,
            subject_kind=Nomination.SubjectKind.INDIVIDUAL,
            name=f"Hồ sơ số {number}",
            achievements_summary="Thành tích.",
            proposed_commendation=Commendation.MERIT_CERTIFICATE,
            status=status,
            **PRIVATE_DATA,
        )
        NominationEvent.objects.create(
            nomination=nomination,
            at=WHILE_OPEN,
            from_status=Status.SUBMITTED,
            to_status=status,
            note="Lý do.",
        )


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("officer", Status.RETURNED),
        ("officer", Status.DRAFT),
        ("reviewer", Status.SUBMITTED),
        ("chairman", Status.REFERRED),
    ],
)
def test_the_panels_queries_do_not_grow_with_the_nominations(
    client, officer_a, reviewer, chairman_office, nomination_round, role, status
):
    user = {"officer": officer_a, "reviewer": reviewer, "chairman": chairman_office}[role]
    dashboard_queries(client, user)  # caches warmed
    add_nominations(officer_a, nomination_round, 2, status)
    with_two = dashboard_queries(client, user)
    add_nominations(officer_a, nomination_round, 8, status)
    with_ten = dashboard_queries(client, user)

    assert with_ten == with_two
    html = panel(dashboard(client, user), role)
    shown = html.count("data-nomination=") if role == "chairman" else count_in(html, status)
    assert shown == 10
