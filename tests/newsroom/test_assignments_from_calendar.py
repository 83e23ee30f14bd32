"""The anniversary calendar's dates still without a story become assignments in one step: the editor's link opens
the assignment form filled in, the editor picks the journalist and saves (newsroom/anniversaries_panel.py)."""

import datetime
import html
import re
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest

from django.urls import reverse

from newsroom.models import CampaignPage, HistoricEvent, StoryAssignment
from newsroom.models.calendar import ensure_plan_events
from newsroom.outlets import editors_group_name, journalists_group_name

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
LIBERATION = "Ngày Giải phóng miền Nam, thống nhất đất nước"
BMT = "Chiến thắng Buôn Ma Thuột"
PARTY_CONGRESS = "Đại hội đại biểu Đảng bộ tỉnh Đắk Lắk lần thứ XVIII, nhiệm kỳ 2025-2030"
ADD_URL = reverse("newsroom_assignment:add")


@pytest.fixture
def calendar(time_machine, outlets):
    """6/1/2025: the plan's anniversaries of 2025 ahead, no column or story for them yet."""
    time_machine.move_to(datetime.datetime(2025, 1, 6, 9, tzinfo=HANOI), tick=False)
    ensure_plan_events()
    return {event.name: event for event in HistoricEvent.objects.all()}


@pytest.fixture
def editor(make_user, outlets):
    return make_user("bientap.bao", editors_group_name("newspaper"))


@pytest.fixture
def journalist(make_user, outlets):
    return make_user("phongvien.bao", journalists_group_name("newspaper"))


def anniversaries_panel(client, user):
    client.force_login(user)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    match = re.search(r'<section[^>]* id="anniversaries-section".*?</section>', page, re.S)
    return match.group(0) if match else ""


def row_of(panel, name):
    """The calendar row of the event `name`, in the newspaper's table."""
    newspaper = panel[panel.index('id="anniversaries-newspaper"') :]
    return re.search(
        rf"<tr [^>]*>(?:(?!</tr>).)*{re.escape(html.escape(name))}.*?</tr>", newspaper, re.S
    ).group(0)


def assign_link(row):
    match = re.search(rf'href="({re.escape(ADD_URL)}\?[^"]+)"', row)
    return html.unescape(match.group(1)) if match else None


def prefilled(url):
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


def test_a_missing_column_becomes_an_assignment_in_one_step(client, calendar, editor, journalist):
    url = assign_link(row_of(anniversaries_panel(client, editor), LIBERATION))

    form = client.get(url)
    assert form.status_code == 200
    initial = form.context["form"].initial
    assert initial["title"] == f"Kỷ niệm 50 năm {LIBERATION}"
    assert initial["due_on"] == "2025-04-25"  # five days before 30/4
    assert str(initial["event"]) == str(calendar[LIBERATION].pk) and initial["anniversary_number"] == "50"

    response = client.post(ADD_URL, prefilled(url) | {"journalist": journalist.pk, "brief": ""})

    assert response.status_code == 302
    assignment = StoryAssignment.objects.get()
    assert (assignment.outlet, assignment.event, assignment.anniversary_number, assignment.journalist) == (
        "newspaper",
        calendar[LIBERATION],
        50,
        journalist,
    )
    row = row_of(anniversaries_panel(client, editor), LIBERATION)
    assert "Đã giao cho phongvien.bao" in row and assign_link(row) is None


def test_a_draft_column_is_the_target_of_its_assignment(client, calendar, editor, outlets):
    column = outlets["newspaper"].add_child(
        instance=CampaignPage(
            title="50 năm Chiến thắng Buôn Ma Thuột",
            event=calendar[BMT],
            anniversary_year=2025,
            window_start=datetime.date(2025, 2, 1),
            window_end=datetime.date(2025, 3, 31),
            live=False,
        )
    )

    url = assign_link(row_of(anniversaries_panel(client, editor), BMT))

    assert prefilled(url)["target_page"] == str(column.pk)
    assert prefilled(url)["due_on"] == "2025-03-05"


def test_a_coming_event_becomes_an_assignment_about_the_event_itself(client, calendar, editor, journalist):
    url = assign_link(row_of(anniversaries_panel(client, editor), PARTY_CONGRESS))
    assert prefilled(url)["title"] == PARTY_CONGRESS
    # Known only by its year (2025, already begun): due today at the earliest.
    assert prefilled(url)["due_on"] == "2025-01-06"

    assert client.post(ADD_URL, prefilled(url) | {"journalist": journalist.pk}).status_code == 302

    assignment = StoryAssignment.objects.get()
    assert (assignment.event, assignment.anniversary_number) == (calendar[PARTY_CONGRESS], 0)


def test_only_the_outlets_editors_are_offered_the_link(client, calendar, make_user, journalist):
    station_editor = make_user("bientap.dai", editors_group_name("broadcast"))

    journalists_view = anniversaries_panel(client, journalist)
    station_view = anniversaries_panel(client, station_editor)

    assert ADD_URL not in journalists_view
    assert 'id="anniversaries-newspaper"' not in station_view
    assert "outlet=newspaper" not in html.unescape(station_view)
    assert "outlet=broadcast" in html.unescape(station_view)


def test_a_ready_column_is_offered_no_assignment(client, calendar, editor, outlets):
    column = outlets["newspaper"].add_child(
        instance=CampaignPage(
            title="50 năm Chiến thắng Buôn Ma Thuột",
            event=calendar[BMT],
            anniversary_year=2025,
            window_start=datetime.date(2025, 1, 1),
            window_end=datetime.date(2025, 3, 31),
        )
    )
    column.save_revision().publish()

    assert assign_link(row_of(anniversaries_panel(client, editor), BMT)) is None
