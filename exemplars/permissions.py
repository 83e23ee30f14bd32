"""Who may see and change which nominations (the admin's permission policy for `Nomination`).

- a unit officer: sees the unit's nominations, edits them while a draft or returned, deletes drafts;
- the Department's reviewers: may add (file a sudden deed for any unit, submitted as it is filed);
- the Department's reviewers and the chairman's office: see every nomination once submitted;
- a superuser: sees everything (administers rounds and officers, but takes no appraisal step);
- `report`: the Department's reports, for reviewers, the chairman's office and superusers.
Appraisal steps themselves are governed by `exemplars.appraisal`.

`visible_nominations_only` puts the `view` rule in front of every URL of the nominations viewset, so a view that
checks only the model-level permission (Wagtail's history and usage views do) never loads another unit's record.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from wagtail.permission_policies import BasePermissionPolicy, ModelPermissionPolicy

from .models import Nomination, Status
from .roles import is_chairman_office, is_reviewer, officer_unit_id

EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)


class NominationPermissionPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        if not user.is_active:
            return False
        if action == "add":
            # The Department's reviewers file sudden deeds (exemplars.filing), nothing else.
            return officer_unit_id(user) is not None or is_reviewer(user)
        if action in ("change", "delete"):
            return officer_unit_id(user) is not None
        if action == "view":
            return officer_unit_id(user) is not None or self._sees_submitted(user)
        if action == "report":
            return self._sees_submitted(user)
        return False

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def instances_user_has_permission_for(self, user, action):
        condition = self._condition(user, action)
        return Nomination.objects.filter(condition) if condition is not None else Nomination.objects.none()

    def user_has_permission_for_instance(self, user, action, instance):
        if not user.is_active:
            return False
        unit_id = officer_unit_id(user)
        is_own = unit_id is not None and instance.unit_id == unit_id
        if action == "view":
            return (
                is_own
                or (self._sees_submitted(user) and instance.status != Status.DRAFT)
                or user.is_superuser
            )
        if action == "change":
            return is_own and instance.status in EDITABLE_STATUSES
        if action == "delete":
            return is_own and instance.status == Status.DRAFT
        return False

    def _condition(self, user, action):
        """The same rules as `user_has_permission_for_instance`, as a filter; None when nothing is allowed."""
        if not user.is_active:
            return None
        unit_id = officer_unit_id(user)
        conditions = []
        if unit_id is not None:
            conditions.append(
                {
                    "view": Q(unit_id=unit_id),
                    "change": Q(unit_id=unit_id, status__in=EDITABLE_STATUSES),
                    "delete": Q(unit_id=unit_id, status=Status.DRAFT),
                }.get(action)
            )
        if action == "view" and user.is_superuser:
            conditions.append(Q())
        elif action == "view" and self._sees_submitted(user):
            conditions.append(~Q(status=Status.DRAFT))
        conditions = [condition for condition in conditions if condition is not None]
        if not conditions:
            return None
        combined = conditions[0]
        for condition in conditions[1:]:
            combined |= condition
        return combined

    def _sees_submitted(self, user):
        return user.is_superuser or is_reviewer(user) or is_chairman_office(user)


class ReadOnlyLogPolicy(ModelPermissionPolicy):
    """A log the Department reads with the model's view permission; no one adds, changes or deletes a row by hand
    (the reminders' log, exemplars.reminders)."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and self.user_has_permission(user, "view")

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(["view"] if "view" in actions else [])


def visible_nominations_only(permission_policy, lookup="pk"):
    """A view decorator: the URL's `pk` must lead, through `lookup` on Nomination, to a nomination the user may
    view; otherwise the view is refused before it loads anything, whatever the method."""

    def decorate(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if "pk" in kwargs:
                visible = permission_policy.instances_user_has_permission_for(request.user, "view")
                if not visible.filter(**{lookup: kwargs["pk"]}).exists():
                    raise PermissionDenied
            return view(request, *args, **kwargs)

        return guarded

    return decorate
