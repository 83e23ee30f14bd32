"""Dates in the house style, on the province's calendar, whatever the active language or time zone."""

import datetime

import time_machine

from django.template import Context, Template
from django.utils import timezone, translation

from core.dates import duration, iso_duration, local_today, long_date, short_date, time_and_date

# 18:05 UTC on 9 March is already 01:05 on 10 March in Asia/Ho_Chi_Minh.
EVENING_IN_UTC = datetime.datetime(2025, 3, 9, 18, 5, tzinfo=datetime.UTC)


def test_short_dates_have_no_leading_zeros():
    assert short_date(datetime.date(2025, 3, 10)) == "10/3/2025"
    assert short_date(datetime.date(2025, 9, 2)) == "2/9/2025"


def test_long_dates_are_in_words_and_numbers():
    assert long_date(datetime.date(2025, 3, 10)) == "ngày 10 tháng 3 năm 2025"


def test_dates_of_aware_datetimes_are_read_in_the_province():
    assert short_date(EVENING_IN_UTC) == "10/3/2025"
    assert long_date(EVENING_IN_UTC) == "ngày 10 tháng 3 năm 2025"


def test_a_time_comes_before_its_day_on_the_provinces_clock():
    assert time_and_date(datetime.datetime(2025, 3, 10, 7, 30, tzinfo=datetime.UTC)) == "14:30 ngày 10/3/2025"
    assert time_and_date(EVENING_IN_UTC) == "01:05 ngày 10/3/2025"


@time_machine.travel(EVENING_IN_UTC, tick=False)
def test_today_is_the_provinces_day_whatever_time_zone_is_active():
    with timezone.override(datetime.UTC):
        assert local_today() == datetime.date(2025, 3, 10)


def test_the_template_filters_write_the_house_style_in_any_language():
    template = Template(
        "{% load house_dates %}{{ day|short_date }} | {{ day|long_date }} | {{ moment|time_and_date }}"
        " | [{{ missing|short_date }}{{ missing|long_date }}{{ missing|time_and_date }}]"
    )
    context = Context({"day": datetime.date(2025, 3, 10), "moment": EVENING_IN_UTC, "missing": None})
    with translation.override("en"), timezone.override(datetime.UTC):
        rendered = template.render(context)
    assert rendered == "10/3/2025 | ngày 10 tháng 3 năm 2025 | 01:05 ngày 10/3/2025 | []"


def test_durations_are_in_words_to_the_nearest_second_without_empty_units():
    assert duration(750) == "12 phút 30 giây"
    assert duration(749.6) == "12 phút 30 giây"
    assert duration(3900) == "1 giờ 5 phút"
    assert duration(3603) == "1 giờ 3 giây"
    assert duration(42) == "42 giây"
    assert duration(0.2) == "0 giây"
    assert iso_duration(750) == "PT12M30S"
    assert iso_duration(3603) == "PT1H3S"
    assert iso_duration(0) == "PT0S"


def test_a_duration_nobody_measured_shows_as_nothing():
    template = Template("{% load house_dates %}[{{ length|duration }}|{{ length|iso_duration }}]")
    assert template.render(Context({"length": 5445.2})) == "[1 giờ 30 phút 45 giây|PT1H30M45S]"
    assert template.render(Context({"length": 0})) == "[|]"
    assert template.render(Context({"length": None})) == "[|]"


def test_a_machine_readable_time_is_what_djangos_c_format_writes_on_the_provinces_clock():
    template = Template("{% load house_dates %}{{ value|machine_time }}|{{ value|date:'c' }}")
    values = [
        datetime.datetime(2025, 3, 10, 1, 30, tzinfo=datetime.UTC),
        datetime.datetime(2025, 4, 30, 23, 59, 59, 123456, tzinfo=datetime.UTC),
        datetime.date(2025, 3, 10),
    ]
    for value in values:
        ours, djangos = template.render(Context({"value": value})).split("|")
        assert ours == djangos
    assert template.render(Context({"value": values[0]})).startswith("2025-03-10T08:30:00+07:00|")
    assert template.render(Context({"value": None})) == "|"
