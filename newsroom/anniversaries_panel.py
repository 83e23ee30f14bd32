"""The dashboard panel of coming anniversaries: for each outlet the user works in, the anniversaries it marks and
whether its special column is ready, with links only where the user may follow them."""

from dataclasses import dataclass

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component
from wagtail.models import Page

from core.dates import local_today
from newsroom.anniversaries import DEFAULT_HORIZON_DAYS, Anniversary, coming_anniversaries
from newsroom.models import CampaignPage, HistoricEvent, OutletHomePage
from newsroom.own_work import editable_pages, outlets_worked_in


class ColumnStatus(models.TextChoices):
    READY = "ready", _("Ready: live")
    SCHEDULED = "scheduled", _("Scheduled")
    DRAFT = "draft", _("Draft only")
    MISSING = "missing", _("Missing")


@dataclass(frozen=True)
class CalendarRow:
    anniversary: Anniversary
    campaign: CampaignPage | None
    may_edit: bool

    @property
    def status(self):
        return column_status(self.campaign)


@dataclass(frozen=True)
class OutletCalendar:
    home: OutletHomePage
    rows: list[CalendarRow]
    # Whether the user may create the outlet's special columns (a CampaignPage under its home).
    may_add_column: bool


def column_status(campaign):
    if campaign is None:
        return ColumnStatus.MISSING
    if campaign.live:
        return ColumnStatus.READY
    if campaign.approved_schedule:
        return ColumnStatus.SCHEDULED
    return ColumnStatus.DRAFT


def outlet_calendars(user, today, horizon_days=DEFAULT_HORIZON_DAYS):
    """For each outlet `user` works in, the anniversaries of the events it marks with its column for each; the
    links to edit a column or create one are allowed as Wagtail's page permissions allow them. Six queries at
    most, one of them the user's page permissions (which Wagtail keeps for the request)."""
    events = HistoricEvent.objects.prefetch_related("outlets")
    anniversaries = coming_anniversaries(events, today, horizon_days)
    campaigns = campaigns_by_outlet_and_anniversary(anniversaries)
    campaign_ids = [campaign.pk for campaign in campaigns.values()]
    editable = set(editable_pages(user).filter(pk__in=campaign_ids).values_list("pk", flat=True))
    return [
        OutletCalendar(home, _rows(home, anniversaries, campaigns, editable), may_add_campaign(user, home))
        for home in outlets_worked_in(user)
    ]


def _rows(home, anniversaries, campaigns, editable):
    rows = []
    for anniversary in anniversaries:
        if home in anniversary.event.outlets.all():
            campaign = campaigns.get((home.path, anniversary.event.pk, anniversary.date.year))
            rows.append(CalendarRow(anniversary, campaign, campaign is not None and campaign.pk in editable))
    return rows


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


def may_add_campaign(user, home):
    """The checks of Wagtail's page creation view for a CampaignPage under `home`."""
    return home.permissions_for_user(user).can_add_subpage() and CampaignPage.can_create_at(home)


class AnniversariesPanel(Component):
    name = "anniversaries"
    template_name = "newsroom/anniversaries_panel.html"
    # Below each role's own work (newsroom/dashboard.py and Wagtail's panels, up to 300).
    order = 400

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        return {
            "outlets": outlet_calendars(request.user, local_today()),
            "horizon_days": DEFAULT_HORIZON_DAYS,
            "feed_url": request.build_absolute_uri(reverse("anniversaries_ics")),
        }
