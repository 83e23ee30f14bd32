"""The admin's home page puts each newsroom role's own work first.

A journalist finds the pages returned to them with the reviewer's comment, their drafts, their pages waiting for
review and their scheduled pages; an editor the pages waiting for their review in their outlet, and its scheduled
pages and those about to expire. Story assignments come with them: a journalist's own first, an editor's
outlets' ones overdue or due this week (newsroom/assignments_panel.py). The coming anniversaries and events follow
(newsroom/anniversaries_panel.py).

Wagtail's own panels serve where they say what is needed ("Awaiting your review", "Your pages in a workflow",
"Your most recent edits"): they are kept, narrowed to the pages the user may edit and read in a number of
queries that does not grow with the pages. The panels of newsroom/own_work.py add what they lack. A panel with
nothing to list shows nothing.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component
from wagtail.admin.views import home as wagtail_home
from wagtail.models import Page, Revision, TaskState, WorkflowState, get_default_page_content_type

from newsroom.anniversaries_panel import AnniversariesPanel
from newsroom.assignments_panel import OutletAssignmentsPanel, YourAssignmentsPanel
from newsroom.models import Outlet
from newsroom.own_work import (
    EXPIRY_WARNING,
    PANEL_LIMIT,
    drafts,
    editable_pages,
    expiring_pages,
    first_of,
    returned_pages,
    scheduled_pages,
    tasks_with_status,
    with_reviews,
)


class AwaitingReviewPanel(wagtail_home.WorkflowObjectsToModeratePanel):
    """Wagtail's "Awaiting your review": the pages at a task of a group the user is in (an editor's: their
    outlet's), first on the page. Each page's tasks are read for all pages at once, where Wagtail reads them page
    by page. The newsroom's workflows are on pages only."""

    order = 100

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        states = [state for state in self.task_states(request.user) if state.revision.content_object]
        tasks = tasks_with_status([state.workflow_state for state in states])
        return {
            "request": request,
            "csrf_token": parent_context["csrf_token"],
            "states": [review_row(state, tasks[state.workflow_state_id], request.user) for state in states],
        }

    @staticmethod
    def task_states(user):
        return (
            TaskState.objects.reviewable_by(user)
            .filter(workflow_state__base_content_type=get_default_page_content_type())
            .select_related("revision", "revision__user", "workflow_state", "workflow_state__workflow")
            .prefetch_related("revision__content_object", "revision__content_object__latest_revision")
            .order_by("-started_at")
            .annotate(previous_revision_id=Revision.objects.previous_revision_id_subquery())
        )


def review_row(state, workflow_tasks, user):
    """One row of Wagtail's "Awaiting your review" template, as Wagtail builds it for a page."""
    page = state.revision.content_object
    return {
        "obj": page,
        "revision": state.revision,
        "previous_revision_id": state.previous_revision_id,
        "live_revision_id": page.live_revision_id,
        "task_state": state,
        "actions": state.task.specific.get_actions(page, user),
        "workflow_tasks": workflow_tasks,
        "workflow_action_url_name": "wagtailadmin_pages:workflow_action",
        "workflow_preview_url_name": "wagtailadmin_pages:workflow_preview",
        "revisions_compare_url_name": "wagtailadmin_pages:revisions_compare",
    }


class InReviewPanel(wagtail_home.UserObjectsInWorkflowModerationPanel):
    """Wagtail's panel of the user's pages in a workflow, kept to those waiting for a reviewer (a returned page is
    in ReturnedPagesPanel, with the reviewer's comment) that the user may still edit."""

    order = 130

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        waiting = [
            state
            for state in context["workflow_states"]
            if state.status == WorkflowState.STATUS_IN_PROGRESS and isinstance(state.content_object, Page)
        ]
        editable = editable_ids(context["request"].user, [state.content_object for state in waiting])
        context["workflow_states"] = [state for state in waiting if state.content_object.pk in editable]
        return context


class RecentEditsPanel(wagtail_home.RecentEditsPanel):
    """Wagtail's "Your most recent edits", kept to the pages the user may still edit (a journalist moved to another
    outlet keeps no link to the former one's pages)."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        editable = editable_ids(context["request"].user, [page for _edited_at, page in context["last_edits"]])
        context["last_edits"] = [(at, page) for at, page in context["last_edits"] if page.pk in editable]
        return context


def editable_ids(user, pages):
    """The ids of those of `pages` the user may edit, in one query (none for no page)."""
    if not pages:
        return set()
    return set(editable_pages(user).filter(pk__in=[page.pk for page in pages]).values_list("pk", flat=True))


class PagesPanel(Component):
    """A table of pages from newsroom/own_work.py, each with the column (or page) it sits in and, when they come
    from several outlets, its outlet. Each subclass names its pages with `get_pages(user)` and may extend the
    template's details with `with_details(pages)`."""

    name: str
    heading: str
    template_name: str

    def get_context_data(self, parent_context):
        pages, has_more = first_of(self.get_pages(parent_context["request"].user))
        for page in pages:
            page.outlet_label = Outlet(page.outlet_key).label if page.outlet_key else ""
        return {
            "panel": self,
            "pages": self.with_details(pages),
            "has_more": has_more,
            "limit": PANEL_LIMIT,
            "several_outlets": len({page.outlet_key for page in pages}) > 1,
        }

    def with_details(self, pages):
        return pages


class ReturnedPagesPanel(PagesPanel):
    name = "returned_pages"
    heading = _("Returned to you for changes")
    template_name = "newsroom/dashboard/returned_pages.html"
    order = 110

    def get_pages(self, user):
        return returned_pages(user)

    def with_details(self, pages):
        return with_reviews(pages)


class DraftsPanel(PagesPanel):
    name = "drafts"
    heading = _("Your drafts")
    template_name = "newsroom/dashboard/drafts.html"
    order = 120

    def get_pages(self, user):
        return drafts(user)


class ScheduledPagesPanel(PagesPanel):
    name = "scheduled_pages"
    heading = _("Scheduled to go live")
    template_name = "newsroom/dashboard/scheduled_pages.html"
    order = 140

    def get_pages(self, user):
        return scheduled_pages(user)


class ExpiringPagesPanel(PagesPanel):
    name = "expiring_pages"
    heading = _("Expiring soon")
    template_name = "newsroom/dashboard/expiring_pages.html"
    order = 150

    def get_pages(self, user):
        return expiring_pages(user, timezone.now())

    def get_context_data(self, parent_context):
        return super().get_context_data(parent_context) | {"warning_days": EXPIRY_WARNING.days}


# Wagtail's stock panels, each replaced by the newsroom's narrowed version.
NARROWED_STOCK_PANELS = {
    wagtail_home.WorkflowObjectsToModeratePanel: AwaitingReviewPanel,
    wagtail_home.UserObjectsInWorkflowModerationPanel: InReviewPanel,
    wagtail_home.RecentEditsPanel: RecentEditsPanel,
}


def arrange_homepage_panels(panels):
    """The `construct_homepage_panels` hook's work: Wagtail's panels narrowed, the newsroom's added."""
    panels[:] = [narrowed(panel) for panel in panels]
    panels.extend(
        [
            YourAssignmentsPanel(),
            ReturnedPagesPanel(),
            DraftsPanel(),
            ScheduledPagesPanel(),
            OutletAssignmentsPanel(),
            ExpiringPagesPanel(),
            AnniversariesPanel(),
        ]
    )


def narrowed(panel):
    replacement = NARROWED_STOCK_PANELS.get(type(panel))
    return replacement() if replacement else panel
