"""Roles are Wagtail groups: whether a user is in one, and the active members of some."""

from django.contrib.auth import get_user_model


def in_group(user, name):
    return user.is_active and user.groups.filter(name=name).exists()


def members_of(*group_names):
    """The active users of any of the groups, each once."""
    return get_user_model().objects.filter(groups__name__in=group_names, is_active=True).distinct()


def mail_addresses(users):
    """The users' email addresses, each once and in order, leaving out those who have none."""
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))
