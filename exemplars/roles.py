"""Who takes part in nominations: unit officers, the Department's reviewers, the chairman's office.

Roles are Wagtail groups; a unit officer is also tied to exactly one unit by an `OfficerProfile`.
"""

from django.contrib.auth import get_user_model

from core.roles import in_group

from .models import OfficerProfile

REVIEWERS_GROUP = "Sở Nội vụ · Thẩm định"
CHAIRMAN_OFFICE_GROUP = "Văn phòng UBND tỉnh · Chủ tịch"
OFFICERS_GROUP_SUFFIX = " · Cán bộ thi đua"
# Django's Group.name holds 150 characters; a long unit name is cut to leave room for the suffix.
GROUP_NAME_MAX = 150


def officers_group_name(unit):
    return f"{unit.name[: GROUP_NAME_MAX - len(OFFICERS_GROUP_SUFFIX)]}{OFFICERS_GROUP_SUFFIX}"


def officer_unit_id(user):
    """The unit `user` nominates for, or None; read once per request object."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_officer_unit_id"):
        profile = OfficerProfile.objects.filter(user=user).values_list("unit_id", flat=True).first()
        user._officer_unit_id = profile
    return user._officer_unit_id


def is_reviewer(user):
    return in_group(user, REVIEWERS_GROUP)


def is_chairman_office(user):
    return in_group(user, CHAIRMAN_OFFICE_GROUP)


def unit_officers(unit_id):
    """The active officers of a unit who have an email address: whom the Department's steps notify."""
    return get_user_model().objects.filter(officer_profile__unit_id=unit_id, is_active=True).exclude(email="")
