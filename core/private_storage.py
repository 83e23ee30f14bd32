"""Where private files live: a directory outside MEDIA_ROOT that no URL leads to.

Private files (contest entries, nomination attachments) are read only through views that check permissions and
answer with core.downloads; a public URL for them must never be built.

A disk that fills up or turns read-only while a file is written leaves nothing behind: Django's storage keeps
the part it wrote, this one removes it and raises FileNotStored, which the forms turn into a message. Within
`removed_on_failure()` the files written are removed too when the block fails after them (a database that
refuses the rows pointing to them), so no file is left that no row points to.
"""

import logging
import os
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible

logger = logging.getLogger(__name__)

# The files written within the innermost removed_on_failure() block of this thread: (storage, name) pairs.
_written_in_block = ContextVar("private_files_written_in_block", default=None)


class FileNotStored(OSError):
    """The operating system refused to write a file (disk full, read-only, quota): nothing of it was kept."""


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

    def _save(self, name, content):
        # save() chose `name` because no file had it: a file there after a failure is the part written here.
        try:
            stored = super()._save(name, content)
        except OSError as error:
            remove_quietly(self, name)
            raise FileNotStored(error.errno, f"{name} was not stored: {error.strerror or error}") from error
        written = _written_in_block.get()
        if written is not None:
            written.append((self, stored))
        return stored


@contextmanager
def removed_on_failure():
    """Remove the private files written within the block if the block raises.

    End the block with the transaction that saves the rows pointing to the files: a failure up to its commit
    leaves no file behind, and nothing after it may remove them.
    """
    outer = _written_in_block.get()
    written = []
    token = _written_in_block.set(written)
    try:
        yield
    except BaseException:
        for storage, name in written:
            remove_quietly(storage, name)
        raise
    finally:
        _written_in_block.reset(token)
    if outer is not None:
        outer.extend(written)


def remove_quietly(storage, name):
    """Remove a file being given up; a disk that refuses even that is logged, the original failure is raised."""
    try:
        storage.delete(name)
    except OSError:
        logger.exception("The private file %s could not be removed", name)
