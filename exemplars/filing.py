"""Filing a new nomination: the round must be open and the unit must have a place left in it.

The check and the insert happen under a lock on the unit's quota row for the round, so two officers of
one unit filing the 3rd and the 4th nomination at the same moment end with 3 (PostgreSQL: SELECT … FOR
UPDATE; SQLite: the settings' IMMEDIATE transactions serialise every write).
Every nomination the unit holds in the round counts, drafts included: deleting a draft frees its place.
"""

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from core.private_storage import removed_on_failure

from .models import Nomination, NominationEvent, NominationQuota, NominationRound, Status


class FilingRefused(Exception):
    """The nomination cannot be filed; the message says why."""


def file_nomination(nomination, save, user, now=None):
    """Check the round and the quota of `nomination`'s unit under the lock, then `save()` it.

    A failure once the attachments are written, up to the commit, rolls their rows back and removes their files
    too, even when it is the database that failed (the files written are known without asking it).
    """
    with removed_on_failure():
        return _file_under_lock(nomination, save, user, now or timezone.now())


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
