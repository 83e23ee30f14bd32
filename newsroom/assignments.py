"""Who plans stories and who writes them: an outlet's editors assign, its journalists see their own assignments
and report them done, a superuser sees everything. A published story closes the assignments it was linked to.

Roles are the outlets' groups (newsroom/outlets.py). The user's group names are read once per user object (one
query), so that the admin's views and the dashboard's panels ask again for nothing."""

import datetime
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from wagtail.permission_policies.base import BasePermissionPolicy

from core.roles import members_of
from newsroom.models import Outlet, StoryAssignment
from newsroom.outlets import editors_group_name, journalists_group_name

# A story prepared for a date is due this long before it, for the editors to review it in time.
DUE_BEFORE_THE_DATE = datetime.timedelta(days=5)
# The editor's dashboard lists the open assignments overdue or due within this time.
DUE_SOON = datetime.timedelta(days=7)
BY_NAME = ["first_name", "last_name", "username"]


def group_names(user):
    """The names of the user's groups, read once per user object; none for an inactive or anonymous user."""
    names = getattr(user, "_newsroom_group_names", None)
    if names is None:
        active = user.is_authenticated and user.is_active
        names = set(user.groups.values_list("name", flat=True)) if active else set()
        user._newsroom_group_names = names
    return names


def is_superuser(user):
    return user.is_active and user.is_superuser


def outlets_assigned_by(user):
    """The outlets whose stories the user assigns: their editors' (every outlet for a superuser)."""
    if is_superuser(user):
        return list(Outlet.values)
    names = group_names(user)
    return [outlet for outlet in Outlet.values if editors_group_name(outlet) in names]


def outlets_written_for(user):
    names = group_names(user)
    return [outlet for outlet in Outlet.values if journalists_group_name(outlet) in names]


def may_assign(user, outlet):
    return outlet in outlets_assigned_by(user)


def journalists_of(*outlets):
    """The active members of the outlets' journalists' groups, by name."""
    names = [journalists_group_name(outlet) for outlet in outlets]
    return members_of(*names).order_by(*BY_NAME)


def is_journalist_of(user, outlet):
    return journalists_of(outlet).filter(pk=user.pk).exists()


def visible_assignments(user):
    """A superuser's: all; an editor's: their outlets'; a journalist's: their own."""
    assignments = StoryAssignment.objects.all()
    if is_superuser(user):
        return assignments
    if not (user.is_authenticated and user.is_active):
        return assignments.none()
    return assignments.filter(Q(outlet__in=outlets_assigned_by(user)) | Q(journalist=user))


class AssignmentPermissionPolicy(BasePermissionPolicy):
    """Editors add and change their outlet's assignments; a journalist opens their own to report it done; nobody
    deletes one but a superuser (an editor cancels it, which keeps the record)."""

    def user_has_permission(self, user, action):
        if is_superuser(user):
            return True
        if action == "add":
            return bool(outlets_assigned_by(user))
        if action in ("change", "view"):
            return bool(outlets_assigned_by(user) or outlets_written_for(user))
        return False

    def user_has_permission_for_instance(self, user, action, instance):
        if is_superuser(user):
            return True
        if not self.user_has_permission(user, action):
            return False
        return may_assign(user, instance.outlet) or (
            action in ("change", "view") and instance.journalist_id == user.pk
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return StoryAssignment.objects.none()
        return visible_assignments(user)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if "add" in actions or "change" in actions or "view" in actions:
            names = [editors_group_name(outlet) for outlet in Outlet.values]
            if "change" in actions or "view" in actions:
                names += [journalists_group_name(outlet) for outlet in Outlet.values]
            return users.filter(Q(is_superuser=True) | Q(groups__name__in=names)).distinct()
        return users.filter(is_superuser=True)


def is_only_the_writer(user, assignment):
    """Whether the user opens the assignment as its journalist only (not as an editor of its outlet)."""
    return not may_assign(user, assignment.outlet) and assignment.journalist_id == user.pk


def close_assignments_of_published_story(sender, instance, **kwargs):
    """Wagtail's page_published: the open assignments linked to the story are done. Publishing it again changes
    nothing (the first publication's time stays)."""
    StoryAssignment.objects.for_story(instance.pk).update(
        status=StoryAssignment.Status.DONE, done_at=timezone.now()
    )


def due_date_for(item, today):
    """A few days before the date the story is for, and never before today."""
    return max(item.date - DUE_BEFORE_THE_DATE, today)


def assignment_prefill_url(outlet, item, campaign, today):
    """The address of the assignment form filled in for a calendar row (an anniversary or a forward event): the
    editor picks the journalist and saves."""
    params = {
        "outlet": outlet,
        "title": item.title,
        "event": item.event.pk,
        "anniversary_number": item.number,
        "due_on": due_date_for(item, today).isoformat(),
    }
    if campaign is not None:
        params["target_page"] = campaign.pk
    return f"{reverse('newsroom_assignment:add')}?{urlencode(params)}"
