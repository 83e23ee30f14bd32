"""The dashboard's story assignments: a journalist's open ones first on their page, an editor's outlets' ones overdue
or due within a week. One query each whatever the number of assignments (the user's groups are read once for
the request, newsroom/assignments.py)."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component

from core.dates import local_today
from newsroom.assignments import DUE_SOON, outlets_assigned_by
from newsroom.models import StoryAssignment
from newsroom.own_work import PANEL_LIMIT


def first_of(assignments):
    """(the first PANEL_LIMIT assignments, whether there are more)."""
    assignments = list(assignments[: PANEL_LIMIT + 1])
    return assignments[:PANEL_LIMIT], len(assignments) > PANEL_LIMIT


def own_open_assignments(user):
    return StoryAssignment.objects.open().of_journalist(user).select_related("target_page", "event")


def outlets_assignments_due_soon(user, today):
    """The open assignments of the outlets the user assigns for, overdue or due within DUE_SOON."""
    return (
        StoryAssignment.objects.due_by(today + DUE_SOON)
        .filter(outlet__in=outlets_assigned_by(user))
        .select_related("journalist", "target_page", "event")
    )


class AssignmentsPanel(Component):
    name: str
    heading: str
    template_name = "newsroom/dashboard/assignments.html"
    show_journalist = False

    def get_context_data(self, parent_context):
        today = local_today()
        assignments, has_more = first_of(self.get_assignments(parent_context["request"].user, today))
        for assignment in assignments:
            assignment.overdue = assignment.is_overdue(today)
            assignment.days_left = (assignment.due_on - today).days
        return {"panel": self, "assignments": assignments, "has_more": has_more, "limit": PANEL_LIMIT}


class YourAssignmentsPanel(AssignmentsPanel):
    name = "your_assignments"
    heading = _("Stories assigned to you")
    # A journalist's first duty: above the pages returned to them (newsroom/dashboard.py, 110).
    order = 105

    def get_assignments(self, user, today):
        return own_open_assignments(user)


class OutletAssignmentsPanel(AssignmentsPanel):
    name = "outlet_assignments"
    heading = _("Assignments overdue or due this week")
    show_journalist = True
    # After the editor's review queue and scheduled pages, before the pages expiring (150).
    order = 145

    def get_assignments(self, user, today):
        return outlets_assignments_due_soon(user, today)
