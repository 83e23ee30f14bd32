"""A disk that fills up or turns read-only under a private storage, for the tests of what a failed write leaves.

`private_storage_on(failure)` is a PrivateStorage whose files go through Django's own writing, onto a disk that
fails as a real one does: full (ENOSPC) after the first bytes of a file were written, so a part of it is on
disk; read-only (EROFS) before the file is created. The bench's fault run (tests/bench/bench_faults_disk.py) does
the same on a real tmpfs.
"""

import errno

from django.core.files.base import File
from django.core.files.storage import FileSystemStorage

from core.private_storage import PrivateStorage

FULL = errno.ENOSPC
READ_ONLY = errno.EROFS


class FailingDisk(FileSystemStorage):
    failure = FULL

    def _save(self, name, content):
        if self.failure == READ_ONLY:
            raise OSError(READ_ONLY, "Read-only file system")
        return super()._save(name, FirstChunkOnly(content))


class FirstChunkOnly(File):
    """The content's first bytes, then the error a full disk gives on the next write."""

    def __init__(self, content):
        super().__init__(content.file, content.name)

    def chunks(self, chunk_size=None):
        self.file.seek(0)
        yield self.file.read(8)
        raise OSError(FULL, "No space left on device")


def private_storage_on(failure, root_setting="PRIVATE_MEDIA_ROOT"):
    storage_class = type("PrivateStorageOnFailingDisk", (PrivateStorage, FailingDisk), {"failure": failure})
    return storage_class(root_setting=root_setting)
