"""An attachment's file leaves the disk with its row, or when another file replaces it: nothing stays in the
private storage that no nomination points to.

The file goes once the deleting or replacing transaction commits, so a rollback keeps the row and its file.
"""

from django.db import transaction
from django.db.models.signals import post_delete, pre_save

from .models import NominationAttachment


def connect_attachment_file_cleanup():
    post_delete.connect(
        delete_file_of_deleted, sender=NominationAttachment, dispatch_uid="attachment-deleted"
    )
    pre_save.connect(delete_file_replaced, sender=NominationAttachment, dispatch_uid="attachment-replaced")


def delete_file_of_deleted(sender, instance, **kwargs):
    delete_after_commit(instance.file.storage, instance.file.name)


def delete_file_replaced(sender, instance, **kwargs):
    if instance.pk is None:
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("file", flat=True).first()
    # Until the field saves it, a new upload carries the name it was sent with, never a stored name.
    if stored and stored != instance.file.name:
        delete_after_commit(instance.file.storage, stored)


def delete_after_commit(storage, name):
    if name:
        transaction.on_commit(lambda: storage.delete(name))
