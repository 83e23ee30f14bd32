"""The dashboard panels of nominations and the registry: each role's own work first.

- a unit officer: the open rounds with the places left in the unit's quota, the unit's nominations by status,
  the returned ones with the Department's reason;
- the Department's reviewers: how many nominations wait for them at each step, the sudden deeds on the fast track
  (the earliest due first, the overdue marked), the rounds closing soon;
- the chairman's office: the nominations referred to the chairman, waiting for a decision;
- the editors: profiles drafted from approved nominations, waiting to be published.

A panel renders nothing for a user outside its role. The nomination panels read a fixed number of queries, however
many nominations there are, and only what the nominations' permission policy lets the user see.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from wagtail.permissions import policy_registry

from core.role_panels import RolePanel

from .appraisal import AWAITING_CHAIRMAN, AWAITING_DEPARTMENT, available_steps, is_appraisal_overdue
from .filing import places_left
from .models import ExemplarPage, Nomination, NominationEvent, NominationRound, Status, Unit
from .roles import is_chairman_office, is_reviewer, officer_unit_id
from .sudden_deeds import SUDDEN_DEED_KIND, appraisal_days

PANEL_LIMIT = 20
# A round closing within this many days is flagged to the Department's reviewers.
CLOSING_SOON = datetime.timedelta(days=14)


def nominations_url(**filters):
    """The nominations' list in the admin, filtered as its own filters do (?status=…&round=…)."""
    url = reverse("exemplars_nominations:index")
    return f"{url}?{urlencode(filters)}" if filters else url


def visible_nominations(user):
    """What the nominations' list shows the user: the counts on the dashboard match the lists they link to."""
    return policy_registry.get_by_type(Nomination).instances_user_has_permission_for(user, "view")


@dataclass(frozen=True)
class StatusCount:
    status: Status
    count: int

    @property
    def url(self):
        return nominations_url(status=self.status.value)


def status_counts(nominations, statuses, keep_empty=False):
    """[StatusCount] of `nominations` in each of `statuses`, in that order, in one query."""
    counts = dict(nominations.order_by().values_list("status").annotate(Count("pk")))
    return [
        StatusCount(status, counts.get(status, 0)) for status in statuses if keep_empty or counts.get(status)
    ]


def with_latest_step_to(nominations, status):
    """The nominations annotated with the time (`step_at`) and note (`step_note`) of their latest step into
    `status`: when and why they were returned, referred…"""
    steps = NominationEvent.objects.filter(nomination=OuterRef("pk"), to_status=status)
    latest = steps.order_by("-at", "-pk")
    return nominations.annotate(
        step_at=Subquery(latest.values("at")[:1]), step_note=Subquery(latest.values("note")[:1])
    )


# A unit officer --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenRound:
    round: NominationRound
    places_left: int

    @property
    def url(self):
        return nominations_url(round=self.round.pk)


def open_rounds_for(unit_id, now=None):
    """[OpenRound] open now, closing first first, with the places left in the unit's quota (as filing counts them)."""
    rounds = list(NominationRound.open_rounds(now).order_by("closes_at"))
    left = places_left(unit_id, [nomination_round.pk for nomination_round in rounds])
    return [OpenRound(nomination_round, left[nomination_round.pk]) for nomination_round in rounds]


def returned_nominations(unit_id):
    """The unit's nominations returned for revision, latest returned first, with the Department's reason."""
    returned = Nomination.objects.filter(unit_id=unit_id, status=Status.RETURNED).select_related("round")
    return with_latest_step_to(returned, Status.RETURNED).order_by("-step_at", "-pk")[:PANEL_LIMIT]


class UnitOfficerPanel(RolePanel):
    name = "unit_nominations"
    template_name = "exemplars/admin/dashboard_unit_officer.html"
    order = 50

    def context_for(self, user):
        unit_id = officer_unit_id(user)
        if unit_id is None:
            return None
        own = Nomination.objects.filter(unit_id=unit_id)
        return {
            "unit": Unit.objects.get(pk=unit_id),
            "open_rounds": open_rounds_for(unit_id),
            "by_status": status_counts(own, Status),
            "returned": returned_nominations(unit_id),
            "returned_url": nominations_url(status=Status.RETURNED.value),
            "add_url": reverse("exemplars_nominations:add"),
            "list_url": nominations_url(),
            "fast_track_days": appraisal_days(),
            "sudden_deed_url": f"{reverse('exemplars_nominations:add')}?kind={SUDDEN_DEED_KIND}",
        }


# The Department's reviewers --------------------------------------------------------------------------------


@dataclass(frozen=True)
class WaitingStep:
    """The nominations waiting in one status for the Department, and the steps its reviewers may take there."""

    waiting: StatusCount
    steps: list


def waiting_for_department(user):
    """[WaitingStep] for every status that waits for the Department, empty ones included, in the way's order."""
    counts = status_counts(visible_nominations(user), AWAITING_DEPARTMENT, keep_empty=True)
    # The steps out of these statuses hang on the user's role and the status, never on the nomination's unit.
    return [WaitingStep(count, available_steps(Nomination(status=count.status), user)) for count in counts]


@dataclass(frozen=True)
class FastTrackNomination:
    nomination: Nomination
    overdue: bool

    @property
    def url(self):
        return reverse("exemplars_nominations:inspect", args=[self.nomination.pk])


def sudden_deeds_waiting(user, now=None):
    """[FastTrackNomination] waiting for the Department, the earliest due first: the overdue ones lead."""
    waiting = (
        visible_nominations(user)
        .filter(round__isnull=True, status__in=AWAITING_DEPARTMENT)
        .select_related("unit")
        .order_by("appraisal_due_at", "pk")
    )
    return [
        FastTrackNomination(nomination, is_appraisal_overdue(nomination, now))
        for nomination in waiting[:PANEL_LIMIT]
    ]


def rounds_closing_soon(now=None):
    """Open rounds closing within CLOSING_SOON, closing first first, with how many nominations were submitted."""
    now = now or timezone.now()
    return (
        NominationRound.open_rounds(now)
        .filter(closes_at__lte=now + CLOSING_SOON)
        .annotate(submitted=Count("nominations", filter=~Q(nominations__status=Status.DRAFT)))
        .order_by("closes_at")
    )


class DepartmentReviewerPanel(RolePanel):
    name = "department_nominations"
    template_name = "exemplars/admin/dashboard_department_reviewer.html"
    order = 50

    def context_for(self, user):
        if not is_reviewer(user):
            return None
        closing = [
            (nomination_round, nominations_url(round=nomination_round.pk))
            for nomination_round in rounds_closing_soon()
        ]
        return {
            "waiting": waiting_for_department(user),
            "sudden_deeds": sudden_deeds_waiting(user),
            "fast_track_days": appraisal_days(),
            "closing_soon": closing,
            "closing_days": CLOSING_SOON.days,
        }


# The chairman's office -------------------------------------------------------------------------------------


def referred_nominations(user):
    """The nominations waiting for the chairman's decision that the user may see, longest waiting first."""
    referred = visible_nominations(user).filter(status__in=AWAITING_CHAIRMAN).select_related("unit", "round")
    return with_latest_step_to(referred, Status.REFERRED).order_by("step_at", "pk")


class ChairmanOfficePanel(RolePanel):
    name = "referred_nominations"
    template_name = "exemplars/admin/dashboard_chairman_office.html"
    order = 50

    def context_for(self, user):
        if not is_chairman_office(user):
            return None
        referred = referred_nominations(user)
        return {
            "referred": referred[:PANEL_LIMIT],
            "referred_count": referred.count(),
            "referred_url": nominations_url(status=Status.REFERRED.value),
        }


# The editors -----------------------------------------------------------------------------------------------


def drafts_from_nominations(user):
    """Unpublished profiles created from an approved nomination that `user` may edit, newest first."""
    drafts = (
        ExemplarPage.objects.filter(live=False, nomination__isnull=False)
        .select_related("nomination__unit")
        .order_by("-latest_revision_created_at")
    )
    return [page for page in drafts[:PANEL_LIMIT] if page.permissions_for_user(user).can_edit()]


class ApprovedNominationDraftsPanel(RolePanel):
    name = "approved_nomination_drafts"
    template_name = "exemplars/admin/approved_nomination_drafts_panel.html"
    order = 80

    def context_for(self, user):
        drafts = drafts_from_nominations(user)
        # Nothing to say to someone with no waiting draft they could publish.
        return {"drafts": drafts} if drafts else None
