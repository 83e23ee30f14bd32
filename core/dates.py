"""Dates and times in the house style, on the province's calendar and clock (Asia/Ho_Chi_Minh).

Numbers carry no leading zeros: 10/3/2025, "ngày 10 tháng 3 năm 2025", "14:30 ngày 10/3/2025"; a duration in
words, "12 phút 30 giây". The style is the same whatever language is active (a page, an e-mail, an
English-speaking admin), so it is written here rather than read from the active locale's formats.
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

LOCAL_TIME_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def local_today():
    """Today on the province's calendar, whatever the server's time zone."""
    return timezone.localdate(timezone=LOCAL_TIME_ZONE)


def short_date(value):
    """Day/month/year: 10/3/2025."""
    day = local_date(value)
    return f"{day.day}/{day.month}/{day.year}"


def long_date(value):
    """The date in words and numbers: ngày 10 tháng 3 năm 2025."""
    day = local_date(value)
    return f"ngày {day.day} tháng {day.month} năm {day.year}"


def time_and_date(moment):
    """The hour and the day of an instant: 14:30 ngày 10/3/2025."""
    local = moment.astimezone(LOCAL_TIME_ZONE)
    return f"{local:%H:%M} ngày {short_date(local.date())}"


def local_date(value):
    """The calendar day of `value`: a date as it is, an aware datetime (an instant) as the province sees it."""
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.astimezone(LOCAL_TIME_ZONE).date()
    return value


def duration(seconds):
    """A length of time in words, to the nearest second, its empty units left out: 1 giờ 5 phút, 12 phút 30 giây."""
    hours, minutes, rest = _hours_minutes_seconds(seconds)
    parts = [(hours, "giờ"), (minutes, "phút"), (rest, "giây")]
    return " ".join(f"{number} {unit}" for number, unit in parts if number) or "0 giây"


def iso_duration(seconds):
    """The same length for machines (HTML's <time datetime>, ISO 8601): PT12M30S."""
    hours, minutes, rest = _hours_minutes_seconds(seconds)
    parts = [(hours, "H"), (minutes, "M"), (rest, "S")]
    return "PT" + ("".join(f"{number}{unit}" for number, unit in parts if number) or "0S")


def _hours_minutes_seconds(seconds):
    minutes, rest = divmod(round(seconds), 60)
    return (*divmod(minutes, 60), rest)
