"""An editor's decision about a tip: accept it as a story assignment, pass it to a unit as a suggestion for
nomination, merge it into another tip as a duplicate, or reject it with a reason.

A tip is decided once. Each decision locks the tip's row and checks it is still waiting, so two editors deciding
the same tip at once make one decision, and the second is told the tip was decided meanwhile.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.dates import short_date
from core.roles import members_of
from newsroom.models import StoryAssignment
from newsroom.models.assignments import BRIEF_MAX_CHARS
from newsroom.outlets import journalists_group_name

from .models import Tip

TITLE_PREFIX = "Tin báo: "
ALREADY_DECIDED = gettext_lazy("This tip was decided already.")


class CannotDecide(Exception):
    """The decision cannot be made; the message says why, in the admin's language."""


def journalists_of(outlet):
    return members_of(journalists_group_name(outlet)).order_by("last_name", "first_name", "username")


def duplicate_candidates(tip):
    """The tips of the same outlet this one may be merged into: not itself, not one merged already."""
    return (
        Tip.objects.filter(outlet=tip.outlet)
        .exclude(pk=tip.pk)
        .exclude(status=Tip.Status.MERGED)
        .order_by("-received_at", "-pk")
    )


@transaction.atomic
def accept(tip, editor, journalist, due_on):
    """The story assignment made for the tip, to `journalist` of the tip's outlet."""
    locked = _locked_pending(tip)
    if not journalists_of(locked.outlet).filter(pk=journalist.pk).exists():
        raise CannotDecide(_("The journalist must be one of the outlet's journalists."))
    assignment = StoryAssignment.objects.create(
        outlet=locked.outlet,
        title=(TITLE_PREFIX + locked.who)[:200],
        brief=assignment_brief(locked),
        journalist=journalist,
        assigned_by=editor,
        due_on=due_on,
    )
    _decide(locked, editor, Tip.Status.ASSIGNED, assignment=assignment)
    return assignment


def assignment_brief(tip):
    """What the journalist needs to follow the tip up, the tipster's contact included: the assignment is read
    by its journalist and the outlet's editors only."""
    contact = " · ".join(filter(None, [tip.tipster_name, tip.tipster_phone, tip.tipster_email]))
    where = ", ".join(filter(None, [tip.place, tip.locality.name if tip.locality_id else ""]))
    head = (
        f"Tin báo #{tip.pk}, nhận ngày {short_date(tip.received_at)}.\n"
        f"Người, tập thể được nêu: {tip.who}\n"
        f"Ở đâu: {where}\n"
        f"Ngày xảy ra: {short_date(tip.happened_on)}\n"
        f"Người báo tin: {contact}\n\n"
    )
    return (head + tip.what)[:BRIEF_MAX_CHARS]


@transaction.atomic
def pass_to_unit(tip, editor, unit):
    _decide(_locked_pending(tip), editor, Tip.Status.PASSED, unit=unit)


@transaction.atomic
def merge(tip, editor, original):
    locked = _locked_pending(tip)
    if not duplicate_candidates(locked).filter(pk=original.pk).exists():
        raise CannotDecide(_("A tip is merged into another tip of the same outlet that is not a duplicate."))
    _decide(locked, editor, Tip.Status.MERGED, duplicate_of=original)


@transaction.atomic
def reject(tip, editor, reason):
    reason = reason.strip()
    if not reason:
        raise CannotDecide(_("Say why the tip is rejected."))
    _decide(_locked_pending(tip), editor, Tip.Status.REJECTED, rejection_reason=reason)


def _locked_pending(tip):
    locked = Tip.objects.select_for_update().get(pk=tip.pk)
    if not locked.is_pending:
        raise CannotDecide(str(ALREADY_DECIDED))
    return locked


def _decide(tip, editor, status, **fields):
    Tip.objects.filter(pk=tip.pk).update(
        status=status, decided_by=editor, decided_at=timezone.now(), **fields
    )
