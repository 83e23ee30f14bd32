"""The anniversaries as an iCalendar feed (RFC 5545) that editors subscribe to: /calendar/anniversaries.ics.

The feed is public, without a token: it holds the historic dates, which are public knowledge, and the
anniversaries computed from them; nothing about the columns being prepared. ?outlet=portal (or newspaper,
broadcast) keeps the events that outlet marks.
"""

import datetime

from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.cache import cache_control

from newsroom.anniversaries import Precision, anniversaries_between, local_today
from newsroom.models import HistoricEvent, Outlet

# Last year's dates stay, so a subscribed calendar does not lose an anniversary the day after it.
FEED_PAST_DAYS = 366
FEED_FUTURE_DAYS = 3 * 366
PRODID = "-//Neu Guong//Lich ky niem//VI"
CALENDAR_NAME = "Lịch kỷ niệm các sự kiện lịch sử"
UID_DOMAIN = "neu-guong"
MAX_LINE_OCTETS = 75


@cache_control(public=True, max_age=3600)
def anniversaries_ics(request):
    events = HistoricEvent.objects.all()
    outlet = request.GET.get("outlet", "")
    if outlet in Outlet.values:
        events = events.filter(outlets__outlet=outlet)
    today = local_today()
    anniversaries = anniversaries_between(
        events,
        today - datetime.timedelta(days=FEED_PAST_DAYS),
        today + datetime.timedelta(days=FEED_FUTURE_DAYS),
        today,
    )
    response = HttpResponse(
        render_calendar(anniversaries, timezone.now()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="lich-ky-niem.ics"'
    return response


def render_calendar(anniversaries, stamp):
    """The iCalendar text: CRLF line ends, long lines folded at 75 octets."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        text_property("X-WR-CALNAME", CALENDAR_NAME),
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
    ]
    for anniversary in anniversaries:
        lines += event_lines(anniversary, stamp)
    lines.append("END:VCALENDAR")
    return "".join(f"{fold(line)}\r\n" for line in lines)


def event_lines(anniversary, stamp):
    """One all-day VEVENT; an event known only by year is marked on 1 January of its anniversary year."""
    event = anniversary.event
    next_day = anniversary.date + datetime.timedelta(days=1)
    lines = [
        "BEGIN:VEVENT",
        f"UID:historic-event-{event.pk}-{anniversary.date.year}@{UID_DOMAIN}",
        f"DTSTAMP:{stamp.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}",
        f"DTSTART;VALUE=DATE:{anniversary.date:%Y%m%d}",
        f"DTEND;VALUE=DATE:{next_day:%Y%m%d}",
        text_property("SUMMARY", anniversary.summary),
        text_property("DESCRIPTION", description(anniversary)),
        "TRANSP:TRANSPARENT",
    ]
    if event.place:
        lines.append(text_property("LOCATION", event.place))
    lines.append("END:VEVENT")
    return lines


def description(anniversary):
    kind = "Kỷ niệm tròn" if anniversary.is_round else "Kỷ niệm hằng năm"
    lines = [f"{kind} {anniversary.number} năm."]
    if anniversary.precision is Precision.YEAR:
        lines.append(
            f"Sự kiện chỉ biết năm: ngày kỷ niệm trong năm {anniversary.date.year} chưa xác định, "
            "lịch ghi vào ngày 1/1."
        )
    return "\n".join(lines)


def text_property(name, value):
    return f"{name}:{escape_text(value)}"


def escape_text(value):
    """TEXT values (RFC 5545, 3.3.11): backslash, semicolon, comma and line breaks escaped."""
    escaped = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return escaped.replace("\r\n", "\\n").replace("\n", "\\n")


def fold(line):
    """Lines of at most 75 octets (RFC 5545, 3.1), each continuation starting with a space, no UTF-8
    character cut in two."""
    chunks, current, size, limit = [], [], 0, MAX_LINE_OCTETS
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            chunks.append("".join(current))
            # The leading space of a continuation line counts in its 75 octets.
            current, size, limit = [], 0, MAX_LINE_OCTETS - 1
        current.append(char)
        size += width
    chunks.append("".join(current))
    return "\r\n ".join(chunks)


urlpatterns = [path("anniversaries.ics", anniversaries_ics, name="anniversaries_ics")]
