"""The dashboard panel of coming anniversaries and forward events: for each outlet the user works in, the
anniversaries it marks and whether its special column is ready, and the coming events (congresses, review
conferences) it covers, with links only where the user may follow them. An editor turns a date still without its
column, or a coming event, into a story assignment in one step: the link opens the assignment form filled in."""

from dataclasses import dataclass, replace

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component
from wagtail.models import Page

from core.dates import local_today
from newsroom.anniversaries import DEFAULT_HORIZON_DAYS, Anniversary, ForwardEvent, coming_dates
from newsroom.assignments import assignment_prefill_url, may_assign
from newsroom.models import CampaignPage, HistoricEvent, OutletHomePage, StoryAssignment
from newsroom.own_work import editable_pages, outlets_worked_in


class ColumnStatus(models.TextChoices):
    READY = "ready", _("Ready: live")
    SCHEDULED = "scheduled", _("Scheduled")
    DRAFT = "draft", _("Draft only")
    MISSING = "missing", _("Missing")


@dataclass(frozen=True)
class CalendarRow:
    # An anniversary, or a forward event (which has no special column: `status` is None).
    anniversary: Anniversary | ForwardEvent
    campaign: CampaignPage | None
    may_edit: bool
    # The story already assigned for it in this outlet, if any.
    assignment: StoryAssignment | None = None
    # The filled-in assignment form, for an editor of the outlet where a story is still to assign.
    assign_url: str = ""

    @property
    def status(self):
        return None if self.anniversary.is_forward else column_status(self.campaign)

    @property
    def needs_a_story(self):
        """A coming event, or an anniversary whose column is missing or only a draft."""
        return self.status in (None, ColumnStatus.MISSING, ColumnStatus.DRAFT)


@dataclass(frozen=True)
class OutletCalendar:
    home: OutletHomePage
    rows: list[CalendarRow]
    # Whether the user may create the outlet's special columns (a CampaignPage under its home).
    may_add_column: bool
    # Whether the user assigns the outlet's stories (its editors).
    may_assign: bool = False


def column_status(campaign):
    if campaign is None:
        return ColumnStatus.MISSING
    if campaign.live:
        return ColumnStatus.READY
    if campaign.approved_schedule:
        return ColumnStatus.SCHEDULED
    return ColumnStatus.DRAFT


def outlet_calendars(user, today, horizon_days=DEFAULT_HORIZON_DAYS):
    """For each outlet `user` works in, the anniversaries of the events it marks with its column for each, and
    the forward events; the links to edit a column or create one are allowed as Wagtail's page permissions allow
    them, the links to assign a story to the outlet's editors. Eight queries at most, one of them the user's page
    permissions (which Wagtail keeps for the request) and one the user's groups."""
    events = HistoricEvent.objects.prefetch_related("outlets")
    dates = coming_dates(events, today, horizon_days)
    campaigns = campaigns_by_outlet_and_anniversary(dates)
    campaign_ids = [campaign.pk for campaign in campaigns.values()]
    editable = set(editable_pages(user).filter(pk__in=campaign_ids).values_list("pk", flat=True))
    assignments = assignments_by_outlet_and_date(dates)
    calendars = []
    for home in outlets_worked_in(user):
        assigns = may_assign(user, home.outlet)
        rows = _rows(home, dates, campaigns, editable, assignments, assigns, today)
        calendars.append(OutletCalendar(home, rows, may_add_campaign(user, home), assigns))
    return calendars


def _rows(home, dates, campaigns, editable, assignments, assigns, today):
    rows = []
    for item in dates:
        if home in item.event.outlets.all():
            campaign = campaigns.get((home.path, item.event.pk, item.date.year))
            row = CalendarRow(
                item,
                campaign,
                campaign is not None and campaign.pk in editable,
                assignments.get((home.outlet, item.event.pk, item.number)),
            )
            if assigns and row.needs_a_story and row.assignment is None:
                row = replace(row, assign_url=assignment_prefill_url(home.outlet, item, campaign, today))
            rows.append(row)
    return rows


def assignments_by_outlet_and_date(dates):
    """{(outlet, event id, years): the assignment for it}, cancelled ones left out; one query."""
    assignments = (
        StoryAssignment.objects.exclude(status=StoryAssignment.Status.CANCELLED)
        .filter(event_id__in={item.event.pk for item in dates})
        .select_related("journalist")
        .order_by("pk")
    )
    return {
        (assignment.outlet, assignment.event_id, assignment.anniversary_number): assignment
        for assignment in assignments
    }


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
