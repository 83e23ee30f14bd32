"""The coming anniversaries of the plan's dates: round ones, yearly ones, leap days, events known only by year.
The plan's congresses give none (tests/newsroom/test_forward_events.py)."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from core.dates import local_today
from newsroom.anniversaries import (
    Precision,
    anniversaries_between,
    anniversary_in,
    coming_anniversaries,
    observed_date,
)
from newsroom.models import HistoricEvent
from newsroom.models.calendar import PLAN_EVENTS

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
date = datetime.date

BMT = "Chiến thắng Buôn Ma Thuột"
PROVINCE = "Ngày thành lập tỉnh Đắk Lắk"
ARMY = "Ngày thành lập Quân đội nhân dân Việt Nam"
LIBERATION = "Ngày Giải phóng miền Nam, thống nhất đất nước"
NATIONAL_DAY = "Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam"
EMULATION_CALL = "Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc"
CONGRESS = "Đại hội Thi đua yêu nước tỉnh Đắk Lắk lần thứ XI"
# An event known only by its year that has anniversaries.
MOVEMENT = "Phát động phong trào Toàn dân đoàn kết xây dựng đời sống văn hóa"

# The round anniversaries the plan names, written out by hand rather than computed.
PLAN_ROUND_ANNIVERSARIES = [
    (PROVINCE, 120, date(2024, 11, 22)),
    (ARMY, 80, date(2024, 12, 22)),
    (BMT, 50, date(2025, 3, 10)),
    (LIBERATION, 50, date(2025, 4, 30)),
    (NATIONAL_DAY, 80, date(2025, 9, 2)),
]


def event(name, day, month, year, recurs_yearly=False, category="other", is_forward_event=False):
    return HistoricEvent(
        name=name,
        day=day,
        month=month,
        year=year,
        recurs_yearly=recurs_yearly,
        category=category,
        is_forward_event=is_forward_event,
    )


@pytest.fixture
def plan_events():
    """The plan's events as unsaved model instances: the computation needs no database."""
    return [
        event(
            spec["name"],
            *spec["date"],
            recurs_yearly=spec.get("recurs_yearly", False),
            category=spec["category"],
            is_forward_event=spec.get("is_forward_event", False),
        )
        for spec in PLAN_EVENTS
    ]


def summary(anniversaries):
    return [(a.event.name, a.number, a.date, a.days_left, a.is_round) for a in anniversaries]


def test_on_new_year_2025_the_year_of_the_fiftieth_anniversaries_lies_ahead(plan_events):
    coming = coming_anniversaries(plan_events, date(2025, 1, 1))
    assert summary(coming) == [
        (BMT, 50, date(2025, 3, 10), 68, True),
        (LIBERATION, 50, date(2025, 4, 30), 119, True),
        (EMULATION_CALL, 77, date(2025, 6, 11), 161, False),
        (NATIONAL_DAY, 80, date(2025, 9, 2), 244, True),
    ]
    # The province's 120th (22/11/2024) is past; its 121st is no round anniversary.
    assert PROVINCE not in {a.event.name for a in coming}


def test_in_june_2024_the_province_and_the_army_anniversaries_come_first(plan_events):
    coming = coming_anniversaries(plan_events, date(2024, 6, 1))
    assert summary(coming) == [
        (EMULATION_CALL, 76, date(2024, 6, 11), 10, False),
        (PROVINCE, 120, date(2024, 11, 22), 174, True),
        (ARMY, 80, date(2024, 12, 22), 204, True),
        (BMT, 50, date(2025, 3, 10), 282, True),
        (LIBERATION, 50, date(2025, 4, 30), 333, True),
        (EMULATION_CALL, 77, date(2025, 6, 11), 375, False),
    ]
    # 2/9/2025 is 458 days away, beyond the 400-day horizon.
    assert NATIONAL_DAY not in {a.event.name for a in coming}


CLOCKS = [
    datetime.datetime(2024, 1, 1, 0, 0, tzinfo=HANOI) + datetime.timedelta(days=days, hours=days % 24)
    for days in range(0, 3 * 366, 23)
]


@pytest.mark.parametrize("now", CLOCKS, ids=lambda now: now.strftime("%Y-%m-%d-%H"))
def test_for_any_clock_in_2024_to_2026_the_plan_dates_appear_as_written(time_machine, plan_events, now):
    time_machine.move_to(now, tick=False)
    today = local_today()
    assert today == now.date()
    horizon_end = today + datetime.timedelta(days=400)
    coming = coming_anniversaries(plan_events, today)

    expected_round = [
        (name, number, when, (when - today).days)
        for name, number, when in PLAN_ROUND_ANNIVERSARIES
        if today <= when <= horizon_end
    ]
    dated_round = [
        (a.event.name, a.number, a.date, a.days_left)
        for a in coming
        if a.precision is Precision.DAY and not a.event.recurs_yearly
    ]
    assert dated_round == expected_round

    expected_calls = [
        (year - 1948, date(year, 6, 11))
        for year in range(2024, 2029)
        if today <= date(year, 6, 11) <= horizon_end
    ]
    assert [(a.number, a.date) for a in coming if a.event.name == EMULATION_CALL] == expected_calls

    # A congress is a term, not a date to remember: the 11th's "5th anniversary" is the 12th congress.
    assert all(a.event.category != HistoricEvent.Category.CONGRESS for a in coming)

    assert coming == sorted(coming, key=lambda a: a.date)
    assert all(a.days_left >= 0 for a in coming)


@pytest.mark.parametrize(
    ("utc", "days_left"),
    [
        (datetime.datetime(2025, 3, 9, 16, 59, tzinfo=datetime.UTC), 1),  # 23:59 on 9/3 in the province
        (datetime.datetime(2025, 3, 9, 17, 0, tzinfo=datetime.UTC), 0),  # 00:00 on 10/3 in the province
        (datetime.datetime(2025, 3, 10, 16, 59, tzinfo=datetime.UTC), 0),
    ],
)
def test_today_is_the_provinces_today_whatever_the_utc_date(time_machine, plan_events, utc, days_left):
    time_machine.move_to(utc, tick=False)
    bmt = [a for a in coming_anniversaries(plan_events, local_today()) if a.event.name == BMT]
    assert [a.days_left for a in bmt] == [days_left]


def test_the_day_after_an_anniversary_it_is_gone(plan_events):
    names = {a.event.name for a in coming_anniversaries(plan_events, date(2025, 3, 11))}
    assert BMT not in names


def test_an_anniversary_on_the_horizons_last_day_is_included():
    victory = event(BMT, 10, 3, 1975)
    assert [a.days_left for a in coming_anniversaries([victory], date(2025, 3, 9), horizon_days=1)] == [1]
    assert coming_anniversaries([victory], date(2025, 3, 8), horizon_days=1) == []


def test_only_multiples_of_five_years_are_marked_unless_the_event_recurs_yearly():
    victory = event(BMT, 10, 3, 1975)
    call = event(EMULATION_CALL, 11, 6, 1948, recurs_yearly=True)
    period = (date(2020, 1, 1), date(2031, 12, 31), date(2020, 1, 1))
    assert [a.number for a in anniversaries_between([victory], *period)] == [45, 50, 55]
    numbers = [a.number for a in anniversaries_between([call], *period)]
    assert numbers == list(range(72, 84))
    assert [a.number for a in anniversaries_between([call], *period) if a.is_round] == [75, 80]


def test_the_year_of_the_event_itself_is_no_anniversary():
    first = event("Sự kiện mới", 1, 5, 2025, recurs_yearly=True)
    assert [a.number for a in coming_anniversaries([first], date(2025, 1, 1), horizon_days=500)] == [1]


def test_the_summary_reads_the_way_the_plan_writes_it(plan_events):
    bmt = next(a for a in coming_anniversaries(plan_events, date(2025, 1, 1)) if a.event.name == BMT)
    assert bmt.summary == "Kỷ niệm 50 năm Chiến thắng Buôn Ma Thuột (10/3/1975 – 10/3/2025)"
    assert bmt.long_date_label == "ngày 10 tháng 3 năm 2025"


class TestLeapDays:
    """An event of 29 February is remembered on 28 February in common years."""

    leap = event("Sự kiện ngày nhuận", 29, 2, 1960, recurs_yearly=True)

    @pytest.mark.parametrize(
        ("year", "observed"),
        [
            (2024, date(2024, 2, 29)),
            (2025, date(2025, 2, 28)),
            (2000, date(2000, 2, 29)),
            (2100, date(2100, 2, 28)),  # divisible by 100, not by 400: a common year
        ],
    )
    def test_it_is_observed_on_the_29th_in_leap_years_and_the_28th_otherwise(self, year, observed):
        assert observed_date(self.leap, year) == observed

    def test_it_appears_on_28_february_of_a_common_year(self):
        coming = coming_anniversaries([self.leap], date(2025, 2, 1), horizon_days=60)
        assert summary(coming) == [("Sự kiện ngày nhuận", 65, date(2025, 2, 28), 27, True)]
        assert coming[0].summary == "Kỷ niệm 65 năm Sự kiện ngày nhuận (29/2/1960 – 28/2/2025)"

    def test_on_28_february_of_a_common_year_it_is_today(self):
        assert [a.days_left for a in coming_anniversaries([self.leap], date(2025, 2, 28), 0)] == [0]


class TestEventsKnownOnlyByYear:
    movement = event(MOVEMENT, None, None, 1995)

    def test_the_anniversary_falls_in_a_year_shown_as_such(self):
        anniversary = anniversary_in(self.movement, 2025, date(2024, 6, 1))
        assert anniversary.precision is Precision.YEAR
        assert anniversary.date_label == "năm 2025"
        assert anniversary.long_date_label == "năm 2025"
        assert anniversary.summary == f"Kỷ niệm 30 năm {MOVEMENT} (năm 1995 – năm 2025)"

    def test_before_its_year_the_days_left_count_to_the_first_of_january(self):
        assert anniversary_in(self.movement, 2025, date(2024, 12, 1)).days_left == 31

    @pytest.mark.parametrize("today", [date(2025, 1, 1), date(2025, 7, 15), date(2025, 12, 31)])
    def test_all_through_its_year_it_is_coming_with_no_day_left_to_count(self, today):
        coming = coming_anniversaries([self.movement], today, horizon_days=0)
        assert [(a.number, a.date, a.days_left) for a in coming] == [(30, date(2025, 1, 1), 0)]

    def test_after_its_year_it_is_gone(self):
        assert coming_anniversaries([self.movement], date(2026, 1, 1), horizon_days=365) == []

    def test_it_sorts_at_the_start_of_its_year_before_a_dated_new_year_event(self):
        new_year = event("Tết Dương lịch", 1, 1, 2015)
        coming = coming_anniversaries([new_year, self.movement], date(2024, 12, 1), horizon_days=60)
        assert [(a.event.name, a.precision) for a in coming] == [
            (MOVEMENT, Precision.YEAR),
            ("Tết Dương lịch", Precision.DAY),
        ]
