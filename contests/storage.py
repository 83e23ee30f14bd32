"""Where entry files live: a directory outside MEDIA_ROOT that no URL leads to."""

import os
import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files read only through views that check permissions; a public URL for them must never be built.

    The directory is PRIVATE_MEDIA_ROOT as set when the storage is used, not when the model was loaded, so a
    test pointing the setting at a folder of its own sees exactly the files its entries wrote.
    """

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise PermissionError(
            "Private files have no public URL; serve them through a permission-checked view."
        )


def private_storage():
    # A callable keeps the path out of migrations.
    return PrivateStorage()


def entry_file_path(contest_id, file_kind):
    """A random name under the contest's directory: the entrant's file name is kept in the database only."""
    return f"entries/{contest_id}/{secrets.token_hex(16)}.{file_kind}"
