"""A unit officer is in their unit's officers' group and in no other unit's: kept in step each time the officer's
record is saved, from the admin or from anywhere else."""

from django.db.models.signals import post_save

from .models import OfficerProfile
from .setup import join_unit_officers


def connect_officer_groups():
    post_save.connect(officer_saved, sender=OfficerProfile, dispatch_uid="officer-joins-unit-group")


def officer_saved(sender, instance, raw, **kwargs):
    # A fixture being loaded brings its users' groups with it.
    if not raw:
        join_unit_officers(instance.user, instance.unit)
