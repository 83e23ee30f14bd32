"""Where private files live: a directory outside MEDIA_ROOT that no URL leads to.

Private files (contest entries, nomination attachments) are read only through views that check permissions and
answer with core.downloads; a public URL for them must never be built.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files under the directory named by the setting `root_setting`.

    The directory is read from settings when the storage is used, not when the model is loaded, so a test
    pointing the setting at a folder of its own sees exactly the files written there; and no path is written
    into migrations.
    """

    def __init__(self, root_setting="PRIVATE_MEDIA_ROOT"):
        super().__init__()
        self.root_setting = root_setting

    @property
    def base_location(self):
        return str(getattr(settings, self.root_setting))

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise PermissionError(
            "Private files have no public URL; serve them through a permission-checked view."
        )
