"""A yearbook's PDF leaves the private storage with its row: nothing stays there that no book points to.

The file goes once the deleting transaction commits, so a rollback keeps the row and its file. A book deleted
while it is made has no file yet; the worker's own store finds no row and removes what it wrote
(yearbooks.making.store).
"""

from django.db import transaction
from django.db.models.signals import post_delete

from core.private_storage import remove_quietly

from .models import Yearbook


def connect_yearbook_file_cleanup():
    post_delete.connect(delete_file_of_deleted, sender=Yearbook, dispatch_uid="yearbook-deleted")


def delete_file_of_deleted(sender, instance, **kwargs):
    storage, name = instance.file.storage, instance.file.name
    if name:
        # After the commit the row is gone for good: a disk refusing the removal is logged, never a failed request.
        transaction.on_commit(lambda: remove_quietly(storage, name))
