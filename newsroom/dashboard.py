"""The editors' dashboard panel: each outlet's coming anniversaries and whether its special column is ready."""

from dataclasses import dataclass

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component
from wagtail.models import Page

from core.dates import local_today
from newsroom.anniversaries import DEFAULT_HORIZON_DAYS, Anniversary, coming_anniversaries
from newsroom.models import CampaignPage, HistoricEvent, OutletHomePage


class ColumnStatus(models.TextChoices):
    READY = "ready", _("Ready: live")
    SCHEDULED = "scheduled", _("Scheduled")
    DRAFT = "draft", _("Draft only")
    MISSING = "missing", _("Missing")


@dataclass(frozen=True)
class CalendarRow:
    anniversary: Anniversary
    campaign: CampaignPage | None

    @property
    def status(self):
        return column_status(self.campaign)


@dataclass(frozen=True)
class OutletCalendar:
    home: OutletHomePage
    rows: list[CalendarRow]


def column_status(campaign):
    if campaign is None:
        return ColumnStatus.MISSING
    if campaign.live:
        return ColumnStatus.READY
    if campaign.approved_schedule:
        return ColumnStatus.SCHEDULED
    return ColumnStatus.DRAFT


def outlet_calendars(today, horizon_days=DEFAULT_HORIZON_DAYS):
    """For each outlet, the anniversaries of the events it marks with its column for each, in four queries."""
    events = HistoricEvent.objects.prefetch_related("outlets")
    anniversaries = coming_anniversaries(events, today, horizon_days)
    campaigns = campaigns_by_outlet_and_anniversary(anniversaries)
    return [
        OutletCalendar(home, _rows(home, anniversaries, campaigns))
        for home in OutletHomePage.objects.order_by("path")
    ]


def _rows(home, anniversaries, campaigns):
    return [
        CalendarRow(anniversary, campaigns.get((home.path, anniversary.event.pk, anniversary.date.year)))
        for anniversary in anniversaries
        if home in anniversary.event.outlets.all()
    ]


def campaigns_by_outlet_and_anniversary(anniversaries):
    """{(outlet home path, event id, anniversary year): column}; a live column wins over a draft twin."""
    event_ids = {anniversary.event.pk for anniversary in anniversaries}
    campaigns = (
        CampaignPage.objects.filter(event_id__in=event_ids)
        .annotate_approved_schedule()
        .order_by("live", "pk")
    )
    return {
        (campaign.path[: 2 * Page.steplen], campaign.event_id, campaign.anniversary_year): campaign
        for campaign in campaigns
    }


class AnniversariesPanel(Component):
    name = "anniversaries"
    template_name = "newsroom/anniversaries_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        return {
            "outlets": outlet_calendars(local_today()),
            "horizon_days": DEFAULT_HORIZON_DAYS,
            "feed_url": request.build_absolute_uri(reverse("anniversaries_ics")),
        }
