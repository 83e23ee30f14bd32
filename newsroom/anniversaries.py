"""The coming anniversaries of historic events: round ones (every 5 years) and, for some events, every year; and
the forward events (a congress, a review conference), each shown once on its own date under its own name.

Pure computation: the functions take the events and "today" (core.dates.local_today) and touch neither the
database nor the clock. An event is anything with `name`, `year`, `month`, `day` (month and day None when only
the year is known), `recurs_yearly`, `category` and `is_forward_event`: a HistoricEvent, or a stand-in in tests.

A congress is a term of office, not a date to remember: its "5th anniversary" is the next congress, so events of
the congress category never give anniversaries; the coming congress is entered as a forward event instead.
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
# HistoricEvent.Category.CONGRESS, spelt out: the models import this module.
CATEGORIES_WITHOUT_ANNIVERSARIES = {"congress"}


class Precision(StrEnum):
    DAY = "day"
    # Known only by its year: the anniversary falls in a year, not on a day.
    YEAR = "year"


class DatedOnCalendar:
    """What the calendar shows of a date: `date` and `precision` are the subclass's fields."""

    @property
    def date_label(self):
        """10/3/2025, or "năm 2025" for an event known only by year."""
        return _label(self.date, self.precision, short_date)

    @property
    def long_date_label(self):
        """ngày 10 tháng 3 năm 2025, or "năm 2025"."""
        return _label(self.date, self.precision, long_date)


@dataclass(frozen=True)
class Anniversary(DatedOnCalendar):
    event: object
    number: int
    # The day it is observed; for an event known only by year, 1 January of the year it falls in.
    date: datetime.date
    precision: Precision
    # Days from today to `date`; 0 all through the year it falls in for an event known only by year.
    days_left: int

    is_forward = False

    @property
    def is_round(self):
        return self.number % ROUND_EVERY == 0

    @property
    def title(self):
        """Kỷ niệm 50 năm Chiến thắng Buôn Ma Thuột"""
        return f"Kỷ niệm {self.number} năm {self.event.name}"

    @property
    def summary(self):
        """Kỷ niệm 50 năm Chiến thắng Buôn Ma Thuột (10/3/1975 – 10/3/2025)"""
        return f"{self.title} ({event_date_label(self.event)} – {self.date_label})"


@dataclass(frozen=True)
class ForwardEvent(DatedOnCalendar):
    """A coming event on the calendar (the XII Emulation Congress), shown once under its own name."""

    event: object
    date: datetime.date
    precision: Precision
    days_left: int

    is_forward = True
    is_round = False
    # The event itself, not an anniversary of it (StoryAssignment.anniversary_number reads it so).
    number = 0

    @property
    def title(self):
        return self.event.name

    @property
    def summary(self):
        """Đại hội Thi đua yêu nước tỉnh Đắk Lắk lần thứ XII (năm 2025)"""
        return f"{self.title} ({self.date_label})"


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


def has_anniversaries(event):
    """A forward event is shown once, on its date; a congress is a term, whose anniversary is the next congress."""
    return not event.is_forward_event and event.category not in CATEGORIES_WITHOUT_ANNIVERSARIES


def is_marked(event, number):
    """Round anniversaries are marked for every event that has anniversaries; the others only for events that
    recur yearly."""
    return has_anniversaries(event) and number >= 1 and (number % ROUND_EVERY == 0 or event.recurs_yearly)


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


def forward_events_between(events, start, end, today):
    """The forward events from `start` to `end` (both included), each once, in calendar order; one known only by
    year stays all through its year, as an anniversary does."""
    found = (forward_event(event, today) for event in events if event.is_forward_event)
    return sorted((item for item in found if _overlaps(item, start, end)), key=_calendar_order)


def forward_event(event, today):
    date = observed_date(event, event.year)
    precision = precision_of(event)
    in_its_year = precision is Precision.YEAR and event.year == today.year
    return ForwardEvent(event, date, precision, 0 if in_its_year else (date - today).days)


def calendar_between(events, start, end, today):
    """The anniversaries and the forward events from `start` to `end`, in calendar order."""
    found = [
        *anniversaries_between(events, start, end, today),
        *forward_events_between(events, start, end, today),
    ]
    return sorted(found, key=_calendar_order)


def coming_dates(events, today, horizon_days=DEFAULT_HORIZON_DAYS):
    """The anniversaries and forward events from today to `horizon_days` ahead: a forward event whose date has
    passed is gone."""
    return calendar_between(events, today, today + datetime.timedelta(days=horizon_days), today)


def _anniversaries_of(event, start, end, today):
    for year in range(start.year, end.year + 1):
        if is_marked(event, year - event.year):
            anniversary = anniversary_in(event, year, today)
            if _overlaps(anniversary, start, end):
                yield anniversary


def _overlaps(item, start, end):
    if item.precision is Precision.YEAR:
        return start.year <= item.date.year <= end.year
    return start <= item.date <= end


def _calendar_order(item):
    day_first = 0 if item.precision is Precision.YEAR else 1
    return item.date, day_first, sort_key(item.event.name), item.number


def _label(date, precision, format_day):
    return f"năm {date.year}" if precision is Precision.YEAR else format_day(date)
