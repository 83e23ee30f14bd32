"""An item's files go with it: wagtailmedia removes the media file (and thumbnail) of a deleted item, not the
captions, which are ours. Removed once the deletion is committed, so that a rolled-back deletion keeps them."""

from django.db import transaction
from django.db.models.signals import post_delete


def remove_captions(instance, **kwargs):
    if instance.captions:
        captions = instance.captions
        transaction.on_commit(lambda: captions.storage.delete(captions.name))


def connect(media_model):
    post_delete.connect(remove_captions, sender=media_model, dispatch_uid="broadcasts.remove_captions")
