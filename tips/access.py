"""Who may see which tips in the admin.

- An outlet's editors (newsroom.outlets.editors_group_name) see and decide that outlet's tips; administrators
  see every outlet's.
- Once a tip is passed to a unit as a suggestion for nomination, that unit's officers (exemplars'
  OfficerProfile) and the Department's reviewers see it, read only, with its files.
- Nobody else: a journalist, an editor of another outlet, an officer of another unit.
"""

from exemplars.roles import is_reviewer, officer_unit_id
from newsroom.models import Outlet
from newsroom.outlets import editors_group_name

from .models import Tip


def edited_outlets(user):
    """The outlets whose tips `user` moderates."""
    if not user.is_active:
        return []
    if user.is_superuser:
        return list(Outlet.values)
    names = set(user.groups.values_list("name", flat=True))
    return [outlet for outlet in Outlet.values if editors_group_name(outlet) in names]


def moderates_tips(user):
    return bool(edited_outlets(user))


def moderated_tips(user):
    return Tip.objects.of_outlets(edited_outlets(user))


def suggested_tips(user):
    """The tips passed to units that `user` may read as suggestions: every unit's for the Department's
    reviewers, their own unit's for a unit's officer, none for anyone else."""
    passed = Tip.objects.filter(status=Tip.Status.PASSED)
    if not user.is_active:
        return passed.none()
    if user.is_superuser or is_reviewer(user):
        return passed
    unit_id = officer_unit_id(user)
    return passed.filter(unit_id=unit_id) if unit_id else passed.none()


def reads_suggestions(user):
    return user.is_active and (user.is_superuser or is_reviewer(user) or officer_unit_id(user) is not None)


def may_moderate(user, tip):
    return tip.outlet in edited_outlets(user)


def may_see(user, tip):
    return may_moderate(user, tip) or suggested_tips(user).filter(pk=tip.pk).exists()
