"""The register of historic events, the editors' dashboard panel and the calendar feed they subscribe to."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse

from newsroom.anniversaries_panel import ColumnStatus, outlet_calendars
from newsroom.models import CampaignPage, HistoricEvent
from newsroom.models.calendar import PLAN_EVENTS, ensure_plan_events
from newsroom.outlets import editors_group_name, journalists_group_name

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
FEED_URL = "/calendar/anniversaries.ics"
BMT_SUMMARY = "Kỷ niệm 50 năm Chiến thắng Buôn Ma Thuột (10/3/1975 – 10/3/2025)"


def local(year, month, day, hour=9):
    return datetime.datetime(year, month, day, hour, tzinfo=HANOI)


@pytest.fixture
def events(outlets):
    ensure_plan_events()
    return {event.name: event for event in HistoricEvent.objects.all()}


class TestTheRegister:
    def test_the_demo_fills_it_with_every_event_of_the_plan_once(self, events):
        ensure_plan_events()
        assert HistoricEvent.objects.count() == len(PLAN_EVENTS) == 10
        victory = HistoricEvent.objects.get(name="Chiến thắng Buôn Ma Thuột")
        assert (victory.day, victory.month, victory.year) == (10, 3, 1975)
        assert victory.outlets.count() == 3
        call = HistoricEvent.objects.get(recurs_yearly=True)
        assert (call.day, call.month, call.year) == (11, 6, 1948)
        congress = HistoricEvent.objects.get(name="Đại hội Thi đua yêu nước tỉnh Đắk Lắk lần thứ XI")
        assert (congress.day, congress.month, congress.date_label) == (None, None, "năm 2020")
        assert not congress.is_forward_event
        coming = HistoricEvent.objects.filter(is_forward_event=True).values_list("name", flat=True)
        assert set(coming) == {
            "Đại hội Thi đua yêu nước tỉnh Đắk Lắk lần thứ XII, giai đoạn 2025-2030",
            "Đại hội đại biểu Đảng bộ tỉnh Đắk Lắk lần thứ XVIII, nhiệm kỳ 2025-2030",
            "Hội nghị tổng kết phong trào thi đua yêu nước tỉnh Đắk Lắk năm 2025",
        }

    @pytest.mark.parametrize(
        ("day", "month", "year", "recurs_yearly"),
        [
            (10, None, 1975, False),  # a day without its month
            (None, 3, 1975, False),  # a month without its day
            (30, 2, 1975, False),
            (29, 2, 1975, False),  # 1975 is no leap year
            (31, 4, 1975, False),
            (None, None, 2020, True),  # an event known only by year has no day to recur on
        ],
    )
    def test_it_refuses_what_is_not_a_date(self, day, month, year, recurs_yearly):
        event = HistoricEvent(name="Sự kiện", day=day, month=month, year=year, recurs_yearly=recurs_yearly)
        with pytest.raises(ValidationError):
            event.clean()

    @pytest.mark.parametrize(("day", "month", "year"), [(29, 2, 1960), (None, None, 2020), (31, 12, 1999)])
    def test_it_accepts_a_full_date_or_a_year_alone(self, day, month, year):
        HistoricEvent(name="Sự kiện", day=day, month=month, year=year).clean()

    def test_an_administrator_adds_an_event_in_the_admin(self, admin_client, outlets):
        url = reverse("wagtailsnippets_newsroom_historicevent:add")
        data = {
            "name": "Ngày Thương binh - Liệt sĩ",
            "day": "27",
            "month": "7",
            "year": "1947",
            "place": "",
            "category": "other",
            "outlets": [outlets["newspaper"].pk, outlets["portal"].pk],
            "recurs_yearly": "on",
        }
        assert admin_client.post(url, data | {"day": "30", "month": "2"}).status_code == 200
        assert not HistoricEvent.objects.exists()
        assert admin_client.post(url, data).status_code == 302
        event = HistoricEvent.objects.get()
        assert event.recurs_yearly and event.outlets.count() == 2
        listing = admin_client.get(reverse("wagtailsnippets_newsroom_historicevent:list"))
        assert "Ngày Thương binh - Liệt sĩ" in listing.content.decode()

    def test_editors_keep_the_register_and_journalists_only_read_the_calendar(
        self, client, outlets, make_user
    ):
        url = reverse("wagtailsnippets_newsroom_historicevent:add")
        data = {
            "name": "Ngày Báo chí cách mạng",
            "day": "21",
            "month": "6",
            "year": "1925",
            "category": "other",
        }
        client.force_login(make_user("phongvien", journalists_group_name("newspaper")))
        assert client.post(url, data).status_code in (302, 403)
        assert not HistoricEvent.objects.exists()
        client.force_login(make_user("bientap", editors_group_name("newspaper")))
        assert client.post(url, data).status_code == 302
        assert HistoricEvent.objects.get().name == "Ngày Báo chí cách mạng"


def unfold(text):
    return text.replace("\r\n ", "").split("\r\n")


def unescape(value):
    return re.sub(r"\\(.)", lambda match: "\n" if match.group(1) in "nN" else match.group(1), value)


def parse_events(text):
    """The VEVENTs as {property name with parameters: raw value}."""
    events, current = [], None
    for line in unfold(text):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name, value = line.split(":", 1)
            current[name] = value
    return events


def feed(client, **params):
    response = client.get(FEED_URL, params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content


class TestTheFeed:
    def test_it_is_valid_icalendar_crlf_folded_at_75_octets(self, client, time_machine, events):
        time_machine.move_to(local(2025, 1, 1), tick=False)
        body = feed(client)
        assert body.startswith(b"BEGIN:VCALENDAR\r\n") and body.endswith(b"END:VCALENDAR\r\n")
        assert b"\n" not in body.replace(b"\r\n", b"") and b"\r" not in body.replace(b"\r\n", b"")
        physical_lines = body.split(b"\r\n")[:-1]
        assert all(len(line) <= 75 for line in physical_lines)
        # Folding never cuts a Vietnamese letter in two: every physical line is valid UTF-8.
        for line in physical_lines:
            line.decode("utf-8")
        assert any(line.startswith(b" ") for line in physical_lines)
        text = body.decode()
        assert "VERSION:2.0" in unfold(text) and any(line.startswith("PRODID:") for line in unfold(text))

    def test_each_anniversary_is_an_all_day_event_with_a_vietnamese_summary(
        self, client, time_machine, events
    ):
        time_machine.move_to(local(2025, 1, 1), tick=False)
        vevents = parse_events(feed(client).decode())
        by_summary = {unescape(event["SUMMARY"]): event for event in vevents}
        bmt = by_summary[BMT_SUMMARY]
        assert bmt["DTSTART;VALUE=DATE"] == "20250310"
        assert bmt["DTEND;VALUE=DATE"] == "20250311"
        assert unescape(bmt["LOCATION"]) == "Buôn Ma Thuột, Đắk Lắk"
        assert re.fullmatch(r"\d{8}T\d{6}Z", bmt["DTSTAMP"])
        # A year ago, and three years ahead: the province's 120th stays in subscribed calendars.
        assert "Kỷ niệm 120 năm Ngày thành lập tỉnh Đắk Lắk (22/11/1904 – 22/11/2024)" in by_summary
        assert (
            "Kỷ niệm 80 năm Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam (2/9/1945 – 2/9/2025)"
            in by_summary
        )
        # The congress of 2025 under its own name, once; the 11th (2020) gives no "Kỷ niệm 5 năm".
        congress = by_summary[
            "Đại hội Thi đua yêu nước tỉnh Đắk Lắk lần thứ XII, giai đoạn 2025-2030 (năm 2025)"
        ]
        assert congress["DTSTART;VALUE=DATE"] == "20250101"
        assert "Sự kiện sắp diễn ra." in unescape(congress["DESCRIPTION"])
        assert "chỉ biết năm" in unescape(congress["DESCRIPTION"])
        assert not any(
            "lần thứ XI " in summary or summary.startswith("Kỷ niệm 5 năm Đại hội") for summary in by_summary
        )
        assert len({event["UID"] for event in vevents}) == len(vevents)

    def test_uids_stay_the_same_from_one_day_to_the_next(self, client, time_machine, events):
        time_machine.move_to(local(2025, 1, 1), tick=False)
        first = {unescape(e["SUMMARY"]): e["UID"] for e in parse_events(feed(client).decode())}
        time_machine.move_to(local(2025, 2, 14), tick=False)
        second = {unescape(e["SUMMARY"]): e["UID"] for e in parse_events(feed(client).decode())}
        assert first[BMT_SUMMARY] == second[BMT_SUMMARY]

    def test_commas_semicolons_backslashes_and_line_breaks_are_escaped(self, client, time_machine, outlets):
        time_machine.move_to(local(2025, 1, 1), tick=False)
        name = r"Hội nghị; tổng kết, thi đua \ khen thưởng"
        HistoricEvent.objects.create(
            name=name, day=15, month=1, year=2000, place="Ea Kar; Krông Pắc, Đắk Lắk", category="other"
        )
        vevents = parse_events(feed(client).decode())
        [event] = vevents
        assert (
            event["SUMMARY"]
            == r"Kỷ niệm 25 năm Hội nghị\; tổng kết\, thi đua \\ khen thưởng (15/1/2000 – 15/1/2025)"
        )
        assert unescape(event["SUMMARY"]).startswith(f"Kỷ niệm 25 năm {name} (")
        assert event["LOCATION"] == r"Ea Kar\; Krông Pắc\, Đắk Lắk"
        assert "\\n" not in event["DESCRIPTION"]  # a one-line description

    def test_an_outlet_may_subscribe_to_the_events_it_marks_only(self, client, time_machine, outlets, events):
        time_machine.move_to(local(2025, 1, 1), tick=False)
        events["Chiến thắng Buôn Ma Thuột"].outlets.set([outlets["newspaper"]])
        portal = feed(client, outlet="portal").decode()
        newspaper = feed(client, outlet="newspaper").decode()
        assert "Buôn Ma Thuột" not in portal and "Buôn Ma Thuột" in newspaper
        assert "Quốc khánh" in portal

    def test_long_vietnamese_lines_are_folded_at_75_octets_with_characters_whole(
        self, client, time_machine, outlets
    ):
        time_machine.move_to(local(2025, 1, 1), tick=False)
        name = "Kỷ niệm ữ " * 18
        HistoricEvent.objects.create(name=name, day=15, month=1, year=2000, category="other")
        body = feed(client)
        physical_lines = body.split(b"\r\n")[:-1]
        assert all(len(line) <= 75 for line in physical_lines)
        summary_at = next(i for i, line in enumerate(physical_lines) if line.startswith(b"SUMMARY:"))
        assert physical_lines[summary_at + 1].startswith(b" ")
        [event] = parse_events(body.decode())
        assert unescape(event["SUMMARY"]).startswith(f"Kỷ niệm 25 năm {name.strip()}")


@pytest.fixture
def planned_columns(time_machine, outlets, events):
    """On 1/1/2025 the newspaper has its Buôn Ma Thuột column live, its 30/4 one scheduled and a draft for 11/6."""
    time_machine.move_to(local(2025, 1, 1), tick=False)
    newspaper = outlets["newspaper"]

    def column(event_name, year, start, publish=True):
        page = newspaper.add_child(
            instance=CampaignPage(
                title=f"Chuyên mục {event_name}",
                event=events[event_name],
                anniversary_year=year,
                window_start=start,
                window_end=start + datetime.timedelta(days=60),
                live=publish,
            )
        )
        revision = page.save_revision()
        if publish:
            revision.publish()
        return page

    column("Chiến thắng Buôn Ma Thuột", 2025, datetime.date(2024, 12, 1))
    column("Ngày Giải phóng miền Nam, thống nhất đất nước", 2025, datetime.date(2025, 4, 1))
    column("Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc", 2025, datetime.date(2025, 6, 1), False)


EXPECTED_NEWSPAPER = [
    # The coming events of 2025, under their own names, with no special column (status None).
    ("Đại hội đại biểu Đảng bộ tỉnh Đắk Lắk lần thứ XVIII, nhiệm kỳ 2025-2030", None),
    ("Đại hội Thi đua yêu nước tỉnh Đắk Lắk lần thứ XII, giai đoạn 2025-2030", None),
    ("Hội nghị tổng kết phong trào thi đua yêu nước tỉnh Đắk Lắk năm 2025", None),
    ("Chiến thắng Buôn Ma Thuột", ColumnStatus.READY),
    ("Ngày Giải phóng miền Nam, thống nhất đất nước", ColumnStatus.SCHEDULED),
    ("Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc", ColumnStatus.DRAFT),
    ("Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam", ColumnStatus.MISSING),
]


class TestTheDashboardPanel:
    def test_each_outlet_sees_its_own_columns_ready_scheduled_draft_or_missing(
        self, planned_columns, make_user
    ):
        administrator = make_user("quantri", is_superuser=True)
        calendars = {
            calendar.home.outlet: calendar
            for calendar in outlet_calendars(administrator, datetime.date(2025, 1, 1))
        }
        newspaper = [(row.anniversary.event.name, row.status) for row in calendars["newspaper"].rows]
        assert newspaper == EXPECTED_NEWSPAPER
        # The newspaper's columns are no one else's: the portal has all of its own still to make.
        assert {row.status for row in calendars["portal"].rows} == {ColumnStatus.MISSING, None}

    def test_it_renders_on_an_editors_dashboard(self, client, make_user, planned_columns):
        editor = make_user("bientap.bao", editors_group_name("newspaper"))
        client.force_login(editor)
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        newspaper = html[html.index('id="anniversaries-newspaper"') :]
        # The other outlets' columns are theirs to plan.
        assert 'id="anniversaries-broadcast"' not in html and 'id="anniversaries-portal"' not in html
        statuses = re.findall(r'data-status="(\w+)"', newspaper)
        assert statuses == [status or "event" for _name, status in EXPECTED_NEWSPAPER]
        assert BMT_SUMMARY in newspaper
        assert "68 ngày" in newspaper
        assert "http://testserver/calendar/anniversaries.ics" in html

    def test_a_missing_column_links_to_creating_it_under_that_outlet(
        self, admin_client, outlets, planned_columns
    ):
        html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
        portal = html[html.index('id="anniversaries-portal"') :]
        add_url = reverse("wagtailadmin_pages:add", args=["newsroom", "campaignpage", outlets["portal"].pk])
        assert add_url in portal
