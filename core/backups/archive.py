"""The archive: a plain tar written member by member with each member's SHA-256, and read back only once every
member is found as the manifest says.

Plain, not compressed: pictures, audio and video are compressed already, and PostgreSQL's dump compresses itself;
an uncompressed tar also lets the reader list the members without reading their bytes.
"""

import hashlib
import io
import os
import posixpath
import stat
import tarfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import RestoreRefused
from .manifest import MANIFEST_NAME, MAX_MANIFEST_BYTES, FileEntry, Manifest

COPY_BUFFER = 1024 * 1024
# Where tarfile's "data" filter checks that a member stays: any absolute folder does, the member's name being
# relative to its own folder's.
CHECKED_DESTINATION = "/restore"


@contextmanager
def archive_writer(fileobj):
    with tarfile.open(fileobj=fileobj, mode="w", format=tarfile.PAX_FORMAT, copybufsize=COPY_BUFFER) as tar:
        yield ArchiveWriter(tar)


class ArchiveWriter:
    """Members added one after the other to the tar, each file read once: copied and hashed together."""

    def __init__(self, tar):
        self.tar = tar
        self.files = {}

    def add_file(self, name, path):
        """Add the file at `path` as it is when opened; returns its size. A file shortened while it is read
        stops the backup (tarfile: "unexpected end of data"); bytes it gains meanwhile are not archived."""
        with open(path, "rb") as source:
            status = os.fstat(source.fileno())
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = status.st_size, status.st_mtime, stat.S_IMODE(status.st_mode)
            hashing = HashingReader(source)
            self.tar.addfile(info, hashing)
        self.files[name] = FileEntry(info.size, hashing.hexdigest())
        return info.size

    def add_manifest(self, manifest, mtime):
        data = manifest.to_json()
        info = tarfile.TarInfo(MANIFEST_NAME)
        info.size, info.mtime, info.mode = len(data), mtime, 0o600
        self.tar.addfile(info, io.BytesIO(data))


class HashingReader:
    def __init__(self, source):
        self.source = source
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.source.read(size)
        self.digest.update(data)
        return data

    def hexdigest(self):
        return self.digest.hexdigest()


@dataclass
class VerifiedArchive:
    """An archive whose every member was read and found as its manifest says."""

    tar: tarfile.TarFile
    manifest: Manifest
    members: dict

    def extract_root(self, root, destination):
        """The members of the folder `root` into `destination`, by their paths relative to it."""
        prefix = f"{root}/"
        members = [
            member.replace(name=member.name.removeprefix(prefix))
            for name, member in self.members.items()
            if name.startswith(prefix)
        ]
        self.tar.extractall(destination, members=members, filter="data")

    def extract_file(self, name, destination):
        """The member `name` as a new file at `destination`, readable by its owner only."""
        descriptor = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with self.tar.extractfile(self.members[name]) as source, os.fdopen(descriptor, "wb") as target:
            while chunk := source.read(COPY_BUFFER):
                target.write(chunk)


@contextmanager
def verified_archive(path):
    """The archive at `path`, open, once checked whole (verify()); RestoreRefused names the first fault."""
    path = Path(path)
    if not path.is_file():
        raise RestoreRefused(f"No such archive: {path}")
    try:
        with tarfile.open(path, "r:") as tar:
            yield verify(tar)
    except (tarfile.TarError, EOFError) as error:
        raise RestoreRefused(
            f"{path} is not a whole backup archive (cut short, or not one at all): {error}"
        ) from error


def verify(tar):
    """Check the members against the manifest, then every member's bytes against its checksum."""
    members = tar.getmembers()
    names = [member.name for member in members]
    if len(set(names)) != len(names):
        raise RestoreRefused("The archive holds two members of the same name.")
    by_name = dict(zip(names, members, strict=True))
    manifest = read_manifest(tar, by_name.pop(MANIFEST_NAME, None))
    roots = {*manifest.roots, posixpath.dirname(manifest.database["member"])}
    for member in by_name.values():
        check_member(member, manifest, roots)
    missing = sorted(set(manifest.files) - set(by_name))
    if missing:
        raise RestoreRefused(
            f"The archive lacks {len(missing)} files its manifest lists, {missing[0]} first."
        )
    for name, member in by_name.items():
        with tar.extractfile(member) as content:
            digest = hashlib.file_digest(content, "sha256").hexdigest()
        if digest != manifest.files[name].sha256:
            raise RestoreRefused(
                f"{name} does not match its checksum in the manifest: the archive was altered or damaged."
            )
    return VerifiedArchive(tar, manifest, by_name)


def read_manifest(tar, member):
    if member is None:
        raise RestoreRefused("The archive has no manifest: it is not a backup, or it was cut short.")
    if not member.isreg() or member.size > MAX_MANIFEST_BYTES:
        raise RestoreRefused("The archive's manifest is not a file of a manifest's size.")
    with tar.extractfile(member) as content:
        return Manifest.from_json(content.read())


def check_member(member, manifest, roots):
    """A member is a regular file listed in the manifest with its size, under one of the manifest's folders, at
    a plain relative path that stays inside that folder."""
    root, _slash, relative = member.name.partition("/")
    if root not in roots or posixpath.isabs(relative) or posixpath.normpath(relative) != relative:
        raise RestoreRefused(
            f"The archive's member {member.name!r} is not a plain path inside a backed-up folder."
        )
    try:
        tarfile.data_filter(member.replace(name=relative), posixpath.join(CHECKED_DESTINATION, root))
    except tarfile.FilterError as error:
        raise RestoreRefused(f"The archive's member {member.name!r} is refused: {error}") from error
    if not member.isreg():
        raise RestoreRefused(
            f"The archive's member {member.name!r} is not a regular file (a link or a device)."
        )
    entry = manifest.files.get(member.name)
    if entry is None:
        raise RestoreRefused(f"The archive's member {member.name!r} is not in its manifest.")
    if member.size != entry.size:
        raise RestoreRefused(
            f"The archive's member {member.name!r} declares {member.size} bytes; the manifest, {entry.size}."
        )
