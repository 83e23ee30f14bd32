"""Filing a new nomination: the round must be open and the unit must have a place left in it.

The check and the insert happen under a lock on the unit's quota row for the round, so two officers of
one unit filing the 3rd and the 4th nomination at the same moment end with 3 (PostgreSQL: SELECT … FOR
UPDATE; SQLite: the settings' IMMEDIATE transactions serialise every write).
Every nomination the unit holds in the round counts, drafts included: deleting a draft frees its place.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Nomination, NominationEvent, NominationQuota, NominationRound, Status


class FilingRefused(Exception):
    """The nomination cannot be filed; the message says why."""


def file_nomination(nomination, save, user, now=None):
    """Check the round and the quota of `nomination`'s unit under the lock, then `save()` it.

    A failure once the attachments are written rolls their rows back and removes their files too.
    """
    written = []
    try:
        return _file_under_lock(nomination, save, user, now or timezone.now(), written)
    except BaseException:
        for attachment_file in written:
            attachment_file.delete(save=False)
        raise


def _file_under_lock(nomination, save, user, now, written):
    with transaction.atomic():
        lock_quota(nomination.unit_id, nomination.round_id)
        nomination_round = NominationRound.objects.get(pk=nomination.round_id)
        if not nomination_round.is_open(now):
            raise FilingRefused(
                _("The round “%(round)s” is closed: no new nomination is accepted.")
                % {"round": nomination_round}
            )
        filed = Nomination.objects.filter(unit_id=nomination.unit_id, round_id=nomination.round_id).count()
        if filed >= NominationRound.QUOTA:
            raise FilingRefused(
                _(
                    "Your unit has already filed %(quota)s nominations in this round, collectives and "
                    "individuals counted together. Delete a draft to file another."
                )
                % {"quota": NominationRound.QUOTA}
            )
        saved = save()
        written.extend(attachment.file for attachment in saved.attachments.all())
        NominationEvent.objects.create(
            nomination=saved, actor=user, at=now, from_status="", to_status=Status.DRAFT
        )
        return saved


def lock_quota(unit_id, round_id):
    """Create the (unit, round) row if missing, then hold its lock until the transaction ends."""
    quota, _created = NominationQuota.objects.get_or_create(unit_id=unit_id, round_id=round_id)
    return NominationQuota.objects.select_for_update().get(pk=quota.pk)
