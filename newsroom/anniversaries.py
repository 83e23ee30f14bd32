"""The coming anniversaries of historic events: round ones (every 5 years) and, for some events, every year.

Pure computation: the functions take the events and "today" (core.dates.local_today) and touch neither the
database nor the clock. An event is anything with `name`, `year`, `month`, `day` (month and day None when only
the year is known) and `recurs_yearly`: a HistoricEvent, or a stand-in in tests.
"""

import calendar
import datetime
from dataclasses import dataclass
from enum import StrEnum

from core.dates import long_date, short_date
from core.vietnamese import sort_key

# The anniversaries the province marks with a special column: 5, 10, ... 50, 80, 120 years.
ROUND_EVERY = 5
DEFAULT_HORIZON_DAYS = 400


class Precision(StrEnum):
    DAY = "day"
    # Known only by its year: the anniversary falls in a year, not on a day.
    YEAR = "year"


@dataclass(frozen=True)
class Anniversary:
    event: object
    number: int
    # The day it is observed; for an event known only by year, 1 January of the year it falls in.
    date: datetime.date
    precision: Precision
    # Days from today to `date`; 0 all through the year it falls in for an event known only by year.
    days_left: int

    @property
    def is_round(self):
        return self.number % ROUND_EVERY == 0

    @property
    def title(self):
        """Kỷ niệm 50 năm Chiến thắng Buôn Ma Thuột"""
        return f"Kỷ niệm {self.number} năm {self.event.name}"

    @property
    def date_label(self):
        """10/3/2025, or "năm 2025" for an event known only by year."""
        return _label(self.date, self.precision, short_date)

    @property
    def long_date_label(self):
        """ngày 10 tháng 3 năm 2025, or "năm 2025"."""
        return _label(self.date, self.precision, long_date)

    @property
    def summary(self):
        """Kỷ niệm 50 năm Chiến thắng Buôn Ma Thuột (10/3/1975 – 10/3/2025)"""
        return f"{self.title} ({event_date_label(self.event)} – {self.date_label})"


def precision_of(event):
    return Precision.YEAR if event.month is None else Precision.DAY


def event_date_label(event):
    """10/3/1975, or "năm 2020" for an event known only by year."""
    if precision_of(event) is Precision.YEAR:
        return f"năm {event.year}"
    return short_date(datetime.date(event.year, event.month, event.day))


def observed_date(event, year):
    """The day the event is remembered in `year`; 1 January for an event known only by year."""
    if precision_of(event) is Precision.YEAR:
        return datetime.date(year, 1, 1)
    # An event on 29 February is remembered on 28 February in common years, the last day of the month
    # it happened in, rather than on 1 March.
    if (event.month, event.day) == (2, 29) and not calendar.isleap(year):
        return datetime.date(year, 2, 28)
    return datetime.date(year, event.month, event.day)


def anniversary_in(event, year, today):
    """The anniversary of `event` that falls in `year`, seen from `today`."""
    date = observed_date(event, year)
    precision = precision_of(event)
    in_its_year = precision is Precision.YEAR and year == today.year
    days_left = 0 if in_its_year else (date - today).days
    return Anniversary(event, year - event.year, date, precision, days_left)


def is_marked(event, number):
    """Round anniversaries are marked for every event; the others only for events that recur yearly."""
    return number >= 1 and (number % ROUND_EVERY == 0 or event.recurs_yearly)


def anniversaries_between(events, start, end, today):
    """The marked anniversaries from `start` to `end` (both included), in calendar order.

    An event known only by year is included for every year that overlaps the period, sorted at the start of
    its year (before the dated anniversaries of 1 January).
    """
    found = [anniversary for event in events for anniversary in _anniversaries_of(event, start, end, today)]
    return sorted(found, key=_calendar_order)


def coming_anniversaries(events, today, horizon_days=DEFAULT_HORIZON_DAYS):
    """The marked anniversaries from today to `horizon_days` ahead."""
    return anniversaries_between(events, today, today + datetime.timedelta(days=horizon_days), today)


def _anniversaries_of(event, start, end, today):
    for year in range(start.year, end.year + 1):
        if is_marked(event, year - event.year):
            anniversary = anniversary_in(event, year, today)
            if _overlaps(anniversary, start, end):
                yield anniversary


def _overlaps(anniversary, start, end):
    if anniversary.precision is Precision.YEAR:
        return start.year <= anniversary.date.year <= end.year
    return start <= anniversary.date <= end


def _calendar_order(anniversary):
    day_first = 0 if anniversary.precision is Precision.YEAR else 1
    return anniversary.date, day_first, sort_key(anniversary.event.name), anniversary.number


def _label(date, precision, format_day):
    return f"năm {date.year}" if precision is Precision.YEAR else format_day(date)
