"""The pages waiting on someone in the newsroom: their drafts, the pages a reviewer returned to them, the pages
scheduled to go live and those about to expire.

Every list keeps to the pages the person may edit under Wagtail's page permissions (a journalist's outlet, an
editor's outlet, everything for a superuser), so that no one sees another outlet's work or meets a link that
refuses them. Each list is one query whatever the number of pages (the returned pages need a second for their
reviews), its pages annotated with the title of the page above them (`parent_title`, the column) and their
outlet's key (`outlet_key`). For Wagtail's review panel, `tasks_with_status` reads the tasks of all the pages
waiting for review at once.
"""

import copy
import datetime
from collections import defaultdict

from django.db.models import CharField, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Cast, Length, Substr
from django.utils.translation import gettext_lazy as _

from wagtail.models import (
    Page,
    Revision,
    TaskState,
    WorkflowState,
    WorkflowTask,
    get_default_page_content_type,
)
from wagtail.permissions import policy_registry

from newsroom.models import OutletHomePage

# A panel lists this many pages, the most pressing first; more are found in the page explorer.
PANEL_LIMIT = 10
# An editor is warned of a page going off line this long before it does.
EXPIRY_WARNING = datetime.timedelta(days=7)


def pages_user_may(user, *actions):
    """The pages on which `user` may do any of `actions` ("change", "publish"), under Wagtail's page permissions."""
    return policy_registry.get_by_type(Page).instances_user_has_any_permission_for(user, set(actions))


def editable_pages(user):
    return pages_user_may(user, "change")


def editable_pages_user_publishes(user):
    return editable_pages(user) & pages_user_may(user, "publish")


def outlets_worked_in(user):
    """The home pages of the outlets the user works in (a page permission on the home, or above it), in order."""
    outlet_pages = pages_user_may(user, "add", "change", "publish")
    return OutletHomePage.objects.filter(pk__in=outlet_pages.values("pk")).order_by("path")


def own(user):
    """Pages the user created or saved last."""
    return Q(owner=user) | Q(latest_revision__user=user)


def drafts(user):
    """The user's pages that are not live and wait on them alone (in no workflow, for no schedule, not expired),
    the latest saved first."""
    pages = editable_pages(user) & Page.objects.filter(own(user), live=False, expired=False)
    pages = pages.exclude(Exists(_workflow_states().active())).exclude(Exists(_scheduled_revisions()))
    return with_place(pages.order_by("-latest_revision_created_at", "-pk"))


def returned_pages(user):
    """The user's pages (created or submitted by them, as in Wagtail's "in a workflow" panel) that a reviewer sent
    back asking for changes, the latest returned first; each page's `returned_task_state_id` is the reviewer's
    decision, with its comment (see `with_reviews`)."""
    returned = _workflow_states().filter(status=WorkflowState.STATUS_NEEDS_CHANGES)
    pages = editable_pages(user) & Page.objects.filter(
        Q(owner=user) | Exists(returned.filter(requested_by=user)), Exists(returned)
    )
    pages = pages.annotate(
        returned_task_state_id=Subquery(returned.values("current_task_state_id")[:1]),
        returned_at=Subquery(returned.values("current_task_state__finished_at")[:1]),
    )
    return with_place(pages.order_by("-returned_at", "-pk"))


def with_reviews(pages):
    """Give each page its `review`: the task state that returned it, with the reviewer, in one query."""
    reviews = TaskState.objects.select_related("finished_by").in_bulk(
        [page.returned_task_state_id for page in pages]
    )
    for page in pages:
        page.review = reviews[page.returned_task_state_id]
    return pages


def scheduled_pages(user):
    """Pages with a revision approved to go live later, the soonest first: all those in the outlets where the
    user publishes, and the user's own elsewhere. A live page scheduled to change is among them."""
    pages = editable_pages_user_publishes(user) | (editable_pages(user) & Page.objects.filter(own(user)))
    goes_live_at = _scheduled_revisions().order_by("approved_go_live_at").values("approved_go_live_at")[:1]
    pages = pages.annotate(goes_live_at=Subquery(goes_live_at)).filter(goes_live_at__isnull=False)
    return with_place(pages.order_by("goes_live_at", "pk"))


def expiring_pages(user, now):
    """Live pages going off line within EXPIRY_WARNING in the outlets where the user publishes, the soonest first."""
    pages = editable_pages_user_publishes(user).filter(
        live=True, expire_at__gt=now, expire_at__lte=now + EXPIRY_WARNING
    )
    return with_place(pages.order_by("expire_at", "pk"))


def tasks_with_status(workflow_states):
    """{workflow state id: its workflow's tasks in order, each with `status` and `status_display`}: what
    `WorkflowState.all_tasks_with_status()` gives each state (under Wagtail's default of counting every revision's
    task states, WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT unset), in two queries for all the states."""
    links = WorkflowTask.objects.filter(workflow_id__in={state.workflow_id for state in workflow_states})
    tasks_by_workflow = defaultdict(list)
    for link in links.select_related("task").order_by("sort_order"):
        tasks_by_workflow[link.workflow_id].append(link.task)
    latest_status = {}
    task_states = TaskState.objects.filter(workflow_state__in=workflow_states).order_by("started_at", "id")
    for workflow_state_id, task_id, status in task_states.values_list(
        "workflow_state_id", "task_id", "status"
    ):
        latest_status[workflow_state_id, task_id] = status
    status_display = dict(TaskState.STATUS_CHOICES)
    return {
        state.pk: [
            _with_status(task, latest_status.get((state.pk, task.pk)), status_display)
            for task in tasks_by_workflow[state.workflow_id]
        ]
        for state in workflow_states
    }


def _with_status(task, status, status_display):
    task = copy.copy(task)
    task.status = status
    task.status_display = status_display.get(status, _("Not started"))
    return task


def with_place(pages):
    """The pages annotated with their parent's title and their outlet's key, in the same query."""
    steplen = Page.steplen
    parent = Page.objects.filter(path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - steplen))
    home = OutletHomePage.objects.filter(path=Substr(OuterRef("path"), 1, 2 * steplen))
    return pages.annotate(
        parent_title=Subquery(parent.values("draft_title")[:1]),
        outlet_key=Subquery(home.values("outlet")[:1]),
    )


def first_of(pages):
    """(the first PANEL_LIMIT pages, whether there are more)."""
    pages = list(pages[: PANEL_LIMIT + 1])
    return pages[:PANEL_LIMIT], len(pages) > PANEL_LIMIT


def _workflow_states():
    """The workflow states of the page in the outer query."""
    return WorkflowState.objects.filter(
        base_content_type=get_default_page_content_type(),
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    )


def _scheduled_revisions():
    """The revisions of the page in the outer query approved to go live at a set time (Wagtail's schedule)."""
    return Revision.page_revisions.filter(
        approved_go_live_at__isnull=False, object_id=Cast(OuterRef("pk"), output_field=CharField())
    )
