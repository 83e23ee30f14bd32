"""The anniversaries and the forward events as an iCalendar feed (RFC 5545) that editors subscribe to:
/calendar/anniversaries.ics.

The feed is public, without a token: it holds the historic dates, which are public knowledge, the anniversaries
computed from them and the coming events under their own names; nothing about the columns or stories being
prepared. ?outlet=portal (or newspaper,
broadcast) keeps the events that outlet marks.
"""

import datetime

from icalendar import Calendar, Event

from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.cache import cache_control

from core.dates import local_today
from newsroom.anniversaries import Precision, calendar_between
from newsroom.models import HistoricEvent, Outlet

# Last year's dates stay, so a subscribed calendar does not lose an anniversary the day after it.
FEED_PAST_DAYS = 366
FEED_FUTURE_DAYS = 3 * 366
PRODID = "-//Neu Guong//Lich ky niem//VI"
CALENDAR_NAME = "Lịch kỷ niệm các sự kiện lịch sử"
UID_DOMAIN = "neu-guong"


@cache_control(public=True, max_age=3600)
def anniversaries_ics(request):
    events = HistoricEvent.objects.all()
    outlet = request.GET.get("outlet", "")
    if outlet in Outlet.values:
        events = events.filter(outlets__outlet=outlet)
    today = local_today()
    anniversaries = calendar_between(
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
    """The iCalendar bytes (icalendar escapes the text, ends lines with CRLF and folds them at 75 octets)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    for anniversary in anniversaries:
        calendar.add_component(calendar_event(anniversary, stamp))
    return calendar.to_ical()


def calendar_event(anniversary, stamp):
    """One all-day event (an anniversary or a forward event); an event known only by year is marked on 1 January of
    the year it falls in."""
    event = Event()
    event.add("uid", f"historic-event-{anniversary.event.pk}-{anniversary.date.year}@{UID_DOMAIN}")
    event.add("dtstamp", stamp.astimezone(datetime.UTC))
    event.add("dtstart", anniversary.date)
    event.add("dtend", anniversary.date + datetime.timedelta(days=1))
    event.add("summary", anniversary.summary)
    event.add("description", description(anniversary))
    event.add("transp", "TRANSPARENT")
    if anniversary.event.place:
        event.add("location", anniversary.event.place)
    return event


def description(anniversary):
    if anniversary.is_forward:
        lines = ["Sự kiện sắp diễn ra."]
    else:
        kind = "Kỷ niệm tròn" if anniversary.is_round else "Kỷ niệm hằng năm"
        lines = [f"{kind} {anniversary.number} năm."]
    if anniversary.precision is Precision.YEAR:
        lines.append(
            f"Sự kiện chỉ biết năm: ngày trong năm {anniversary.date.year} chưa xác định, lịch ghi vào ngày 1/1."
        )
    return "\n".join(lines)


urlpatterns = [path("anniversaries.ics", anniversaries_ics, name="anniversaries_ics")]
