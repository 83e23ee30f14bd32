"""Filing a new nomination: the round must be open and the unit must have a place left in it.

The check and the insert happen under a lock on the unit's quota row for the round, so two officers of
one unit filing the 3rd and the 4th nomination at the same moment end with 3 (PostgreSQL: SELECT … FOR
UPDATE; SQLite: the settings' IMMEDIATE transactions serialise every write).
Every nomination the unit holds in the round counts, drafts included: deleting a draft frees its place.

A sudden deed (thành tích đột xuất, no round) is filed at any time, outside the quota, by an officer of its unit
or by the Department's reviewers; the Department's filing is submitted at once, on the fast track's deadline
(exemplars.sudden_deeds), since there is no one to submit it to but itself. A form carries a one-time
`filing_key`: sent twice (a double click, a reload), it files one nomination.
"""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from core.private_storage import removed_on_failure

from .models import Nomination, NominationEvent, NominationQuota, NominationRound, Status
from .roles import is_reviewer, officer_unit_id
from .sudden_deeds import appraisal_due


class FilingRefused(Exception):
    """The nomination cannot be filed; the message says why."""


class AlreadyFiled(Exception):
    """The form with this filing key was already filed: the nomination exists, nothing more is filed."""

    def __init__(self, filing_key):
        super().__init__(filing_key)
        self.filing_key = filing_key


def file_nomination(nomination, save, user, now=None):
    """Check the round and the quota of `nomination`'s unit under the lock, then `save()` it; a sudden deed (no
    round) needs only a user who may file it for its unit. A filing key already used files nothing (AlreadyFiled).

    A failure once the attachments are written, up to the commit, rolls their rows back and removes their files
    too, even when it is the database that failed (the files written are known without asking it).
    """
    now = now or timezone.now()
    if nomination.filing_key and Nomination.objects.filter(filing_key=nomination.filing_key).exists():
        raise AlreadyFiled(nomination.filing_key)
    try:
        with removed_on_failure():
            if nomination.round_id is None:
                return _file_sudden_deed(nomination, save, user, now)
            return _file_under_lock(nomination, save, user, now)
    except IntegrityError:
        # The same form, sent twice at once: the other request filed it.
        if nomination.filing_key and Nomination.objects.filter(filing_key=nomination.filing_key).exists():
            raise AlreadyFiled(nomination.filing_key) from None
        raise


def files_as_department(user):
    """Whether `user` files as the Department: one of its reviewers, who is no unit's officer."""
    return user.is_active and is_reviewer(user) and officer_unit_id(user) is None


def may_file_sudden_deed(user, unit_id):
    """An officer for their own unit; the Department's reviewers for any unit."""
    return user.is_active and (officer_unit_id(user) == unit_id or files_as_department(user))


def _file_sudden_deed(nomination, save, user, now):
    if not may_file_sudden_deed(user, nomination.unit_id):
        raise PermissionDenied(_("You may not file a sudden deed for this unit."))
    nomination.is_sudden_deed = True
    submitted_at_once = files_as_department(user)
    if submitted_at_once:
        nomination.status = Status.SUBMITTED
        nomination.appraisal_due_at = appraisal_due(now)
    with transaction.atomic():
        saved = save()
        NominationEvent.objects.create(
            nomination=saved, actor=user, at=now, from_status="", to_status=Status.DRAFT
        )
        if submitted_at_once:
            NominationEvent.objects.create(
                nomination=saved,
                actor=user,
                at=now,
                from_status=Status.DRAFT,
                to_status=Status.SUBMITTED,
                note=_("Filed by the Department as a sudden deed."),
            )
        return saved


def _file_under_lock(nomination, save, user, now):
    with transaction.atomic():
        lock_quota(nomination.unit_id, nomination.round_id)
        nomination_round = NominationRound.objects.get(pk=nomination.round_id)
        if not nomination_round.is_open(now):
            raise FilingRefused(
                _("The round “%(round)s” is closed: no new nomination is accepted.")
                % {"round": nomination_round}
            )
        if not places_left(nomination.unit_id, [nomination.round_id])[nomination.round_id]:
            raise FilingRefused(
                _(
                    "Your unit has already filed %(quota)s nominations in this round, collectives and "
                    "individuals counted together. Delete a draft to file another."
                )
                % {"quota": NominationRound.QUOTA}
            )
        saved = save()
        NominationEvent.objects.create(
            nomination=saved, actor=user, at=now, from_status="", to_status=Status.DRAFT
        )
        return saved


def places_left(unit_id, round_ids):
    """{round id: how many more nominations the unit may file in it}, in one query: every nomination the unit
    holds in the round counts against its quota, drafts included."""
    filed = dict(
        Nomination.objects.filter(unit_id=unit_id, round_id__in=round_ids)
        .order_by()
        .values_list("round_id")
        .annotate(Count("pk"))
    )
    return {round_id: max(NominationRound.QUOTA - filed.get(round_id, 0), 0) for round_id in round_ids}


def lock_quota(unit_id, round_id):
    """Create the (unit, round) row if missing, then hold its lock until the transaction ends."""
    quota, _created = NominationQuota.objects.get_or_create(unit_id=unit_id, round_id=round_id)
    return NominationQuota.objects.select_for_update().get(pk=quota.pk)
