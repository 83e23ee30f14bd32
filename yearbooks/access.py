"""Who may ask for yearbooks and download them: the Department's reviewers (exemplars.roles.REVIEWERS_GROUP), the
editors of any outlet (newsroom.outlets.editors_group_name) and administrators. Nobody else: a journalist, a unit's
officer, the chairman's office, a visitor.

A yearbook prints only what the published profiles show, so those who may ask for one see every one asked for.
An editor heads the cover with an outlet they edit; the Department and administrators with any outlet.

A book is deleted by the one who asked for it, or by the Department and administrators, who clear what nobody
needs any more: an outlet's editor does not remove a book another outlet or the Department asked for.
"""

from exemplars.roles import is_reviewer
from newsroom.models import Outlet
from newsroom.outlets import editors_group_name


def mastheads_for(user):
    """The outlets whose masthead `user` may put on a yearbook's cover; empty for whoever may not make one."""
    if not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser or is_reviewer(user):
        return list(Outlet.values)
    names = set(user.groups.values_list("name", flat=True))
    return [outlet for outlet in Outlet.values if editors_group_name(outlet) in names]


def makes_yearbooks(user):
    return bool(mastheads_for(user))


def deletes_yearbooks(user):
    """Which books `user` may delete, as a test of one book that asks the database nothing more."""
    if not makes_yearbooks(user):
        return lambda yearbook: False
    if user.is_superuser or is_reviewer(user):
        return lambda yearbook: True
    return lambda yearbook: yearbook.requested_by_id == user.pk


def deletes_yearbook(user, yearbook):
    return deletes_yearbooks(user)(yearbook)
