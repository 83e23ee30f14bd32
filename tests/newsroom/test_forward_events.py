"""Forward events: the congresses and review conferences the plan prepares, shown once on their own date under
their own name, never as anniversaries; a congress gives no "Kỷ niệm N năm" of itself (newsroom/anniversaries.py,
the dashboard's calendar and the ICS feed)."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse

from newsroom.anniversaries import (
    Precision,
    anniversaries_between,
    calendar_between,
    coming_dates,
    forward_events_between,
)
from newsroom.anniversaries_panel import outlet_calendars
from newsroom.models import HistoricEvent
from newsroom.models.calendar import PLAN_EVENTS, ensure_plan_events
from newsroom.outlets import editors_group_name

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
date = datetime.date

EMULATION_CONGRESS = "Đại hội Thi đua yêu nước tỉnh Đắk Lắk lần thứ XII, giai đoạn 2025-2030"
PARTY_CONGRESS = "Đại hội đại biểu Đảng bộ tỉnh Đắk Lắk lần thứ XVIII, nhiệm kỳ 2025-2030"
REVIEW_CONFERENCE = "Hội nghị tổng kết phong trào thi đua yêu nước tỉnh Đắk Lắk năm 2025"
PAST_CONGRESS = "Đại hội Thi đua yêu nước tỉnh Đắk Lắk lần thứ XI"
BMT = "Chiến thắng Buôn Ma Thuột"


def event(name, day, month, year, category="other", is_forward_event=False, recurs_yearly=False):
    return HistoricEvent(
        name=name,
        day=day,
        month=month,
        year=year,
        category=category,
        is_forward_event=is_forward_event,
        recurs_yearly=recurs_yearly,
    )


@pytest.fixture
def plan_events():
    return [
        event(
            spec["name"],
            *spec["date"],
            category=spec["category"],
            is_forward_event=spec.get("is_forward_event", False),
            recurs_yearly=spec.get("recurs_yearly", False),
        )
        for spec in PLAN_EVENTS
    ]


def dated_congress():
    return event(EMULATION_CONGRESS, 20, 10, 2025, category="congress", is_forward_event=True)


class TestTheComputation:
    def test_in_2025_the_coming_congresses_show_under_their_own_names(self, plan_events):
        coming = coming_dates(plan_events, date(2025, 1, 1))

        forward = [(item.title, item.date_label, item.days_left) for item in coming if item.is_forward]
        assert forward == [
            (PARTY_CONGRESS, "năm 2025", 0),
            (EMULATION_CONGRESS, "năm 2025", 0),
            (REVIEW_CONFERENCE, "năm 2025", 0),
        ]
        assert all(not item.title.startswith("Kỷ niệm") for item in coming if item.is_forward)
        # The misleading "Kỷ niệm 5 năm ... lần thứ XI" is gone: a congress is a term, not an anniversary.
        assert not any(item.event.name == PAST_CONGRESS for item in coming)
        assert next(item for item in coming if item.event.name == EMULATION_CONGRESS).summary == (
            f"{EMULATION_CONGRESS} (năm 2025)"
        )

    def test_a_dated_forward_event_counts_down_and_is_gone_the_day_after(self):
        congress = dated_congress()

        [item] = coming_dates([congress], date(2025, 10, 1))
        assert (item.date, item.precision, item.days_left) == (date(2025, 10, 20), Precision.DAY, 19)
        assert item.date_label == "20/10/2025" and item.long_date_label == "ngày 20 tháng 10 năm 2025"
        assert [i.days_left for i in coming_dates([congress], date(2025, 10, 20))] == [0]
        assert coming_dates([congress], date(2025, 10, 21)) == []

    def test_it_is_shown_once_not_every_year(self):
        congress = dated_congress()

        seen = calendar_between([congress], date(2024, 1, 1), date(2040, 12, 31), date(2024, 1, 1))

        assert [(item.date, item.is_forward) for item in seen] == [(date(2025, 10, 20), True)]

    def test_a_forward_event_and_a_congress_give_no_anniversary(self):
        congress = dated_congress()
        past_congress = event(PAST_CONGRESS, None, None, 2020, category="congress")
        conference = event(REVIEW_CONFERENCE, 15, 12, 2000, is_forward_event=True)
        period = (date(2020, 1, 1), date(2060, 12, 31), date(2020, 1, 1))

        assert anniversaries_between([congress, past_congress, conference], *period) == []

    def test_one_known_only_by_year_stays_all_year_and_is_gone_after(self, plan_events):
        assert (
            len(forward_events_between(plan_events, date(2025, 12, 31), date(2026, 6, 1), date(2025, 12, 31)))
            == 3
        )
        assert coming_dates([e for e in plan_events if e.is_forward_event], date(2026, 1, 1)) == []

    def test_it_takes_its_place_among_the_anniversaries(self, plan_events):
        plan_events.append(dated_congress())
        del plan_events[[e.name for e in plan_events].index(EMULATION_CONGRESS)]

        coming = coming_dates(plan_events, date(2025, 8, 1))

        dates = [(item.title, item.date) for item in coming if item.date < date(2025, 12, 31)]
        assert dates[:4] == [
            (PARTY_CONGRESS, date(2025, 1, 1)),
            (REVIEW_CONFERENCE, date(2025, 1, 1)),
            ("Kỷ niệm 80 năm Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam", date(2025, 9, 2)),
            (EMULATION_CONGRESS, date(2025, 10, 20)),
        ]


class TestTheRegister:
    def test_a_coming_event_cannot_recur_yearly(self):
        with pytest.raises(ValidationError):
            event("Hội nghị", 1, 12, 2025, is_forward_event=True, recurs_yearly=True).clean()

    def test_the_plan_events_are_put_once_and_the_past_congress_stays_as_history(self, outlets):
        ensure_plan_events()
        ensure_plan_events()

        assert HistoricEvent.objects.count() == len(PLAN_EVENTS)
        forward = HistoricEvent.objects.filter(is_forward_event=True)
        assert {e.name for e in forward} == {EMULATION_CONGRESS, PARTY_CONGRESS, REVIEW_CONFERENCE}
        assert all(e.outlets.count() == 3 for e in forward)
        past = HistoricEvent.objects.get(name=PAST_CONGRESS)
        assert not past.is_forward_event and past.category == HistoricEvent.Category.CONGRESS

    def test_an_editor_marks_an_event_as_coming(self, client, outlets, make_user):
        client.force_login(make_user("bientap", editors_group_name("newspaper")))
        data = {
            "name": "Hội nghị điển hình tiên tiến tỉnh Đắk Lắk năm 2026",
            "day": "15",
            "month": "12",
            "year": "2026",
            "category": "emulation",
            "outlets": [outlets["newspaper"].pk],
            "is_forward_event": "on",
        }

        refused_form = client.post(
            reverse("wagtailsnippets_newsroom_historicevent:add"), data | {"recurs_yearly": "on"}
        )
        assert refused_form.status_code == 200 and not HistoricEvent.objects.exists()
        response = client.post(reverse("wagtailsnippets_newsroom_historicevent:add"), data)

        assert response.status_code == 302
        assert HistoricEvent.objects.get().is_forward_event
        form = client.get(reverse("wagtailsnippets_newsroom_historicevent:add")).content.decode()
        assert 'name="is_forward_event"' in form and "Sự kiện sắp tới" in form


@pytest.fixture
def plan_on(time_machine, outlets):
    """The plan's events, the XII Emulation Congress dated 20/10/2025, on the given day."""

    def on(day):
        time_machine.move_to(datetime.datetime(day.year, day.month, day.day, 9, tzinfo=HANOI), tick=False)
        ensure_plan_events()
        HistoricEvent.objects.filter(name=EMULATION_CONGRESS).update(day=20, month=10)

    return on


class TestTheDashboard:
    def test_the_panel_lists_the_congress_under_its_name_without_a_column(self, plan_on, make_user):
        plan_on(date(2025, 8, 1))
        editor = make_user("bientap.bao", editors_group_name("newspaper"))

        [newspaper] = outlet_calendars(editor, date(2025, 8, 1))

        congress = next(row for row in newspaper.rows if row.anniversary.event.name == EMULATION_CONGRESS)
        assert congress.anniversary.summary == f"{EMULATION_CONGRESS} (20/10/2025)"
        assert congress.status is None and congress.anniversary.days_left == 80
        assert not any(row.anniversary.event.name == PAST_CONGRESS for row in newspaper.rows)

    def test_it_renders_as_a_coming_event_and_drops_off_once_past(self, client, plan_on, make_user):
        editor = make_user("bientap.bao", editors_group_name("newspaper"))
        client.force_login(editor)
        plan_on(date(2025, 8, 1))

        html = client.get(reverse("wagtailadmin_home")).content.decode()

        row = re.search(
            rf'<tr data-status="event">(?:(?!</tr>).)*{re.escape(EMULATION_CONGRESS)}.*?</tr>', html, re.S
        )
        assert row and "80 ngày" in row.group(0) and "Sự kiện sắp tới" in row.group(0)
        assert "Kỷ niệm 5 năm Đại hội" not in html

        plan_on(date(2025, 10, 21))
        later = client.get(reverse("wagtailadmin_home")).content.decode()
        assert EMULATION_CONGRESS not in later
        # Those known only by their year stay until the year ends.
        assert PARTY_CONGRESS in later


def test_the_feed_carries_each_forward_event_once_under_its_name(client, plan_on):
    plan_on(date(2025, 1, 1))

    text = client.get("/calendar/anniversaries.ics").content.decode().replace("\r\n ", "")

    lines = text.split("\r\n")
    summaries = [
        re.sub(r"\\(.)", r"\1", line.removeprefix("SUMMARY:"))
        for line in lines
        if line.startswith("SUMMARY:")
    ]
    assert summaries.count(f"{EMULATION_CONGRESS} (20/10/2025)") == 1
    assert f"{PARTY_CONGRESS} (năm 2025)" in summaries
    assert not any(PAST_CONGRESS + " " in summary for summary in summaries)
    assert not any(summary.startswith("Kỷ niệm") and "Đại hội" in summary for summary in summaries)
