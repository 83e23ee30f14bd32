"""Writing a backup: the database first, then every folder of files, then the manifest (see the package)."""

import os
import platform
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import django
from django.db import connection
from django.utils import timezone

import wagtail

from .archive import archive_writer
from .databases import database_for
from .errors import BackupError
from .file_roots import file_roots
from .manifest import Manifest
from .schema import last_migrations


@dataclass
class BackupReport:
    path: Path = None
    database: str = ""
    database_bytes: int = 0
    # {setting: [number of files, bytes]}
    folders: dict = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def size(self):
        return self.path.stat().st_size


def make_backup(directory, log=lambda line: None):
    """Write a backup into `directory` (made, readable by its owner only, if missing); returns its report.
    Nothing is left in `directory` of a backup that fails."""
    started = time.monotonic()
    roots = file_roots()
    directory = Path(os.path.realpath(directory))
    check_outside_roots(directory, roots)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    database = database_for(connection)
    now = timezone.now()
    report = BackupReport(path=directory / f"neuguong-{timezone.localtime(now):%Y%m%d-%H%M%S}.tar")
    if report.path.exists():
        raise BackupError(f"{report.path} exists already: wait a second and back up again.")
    partial = report.path.with_name(f".{report.path.name}.partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as output:
            with archive_writer(output) as writer:
                manifest = write_members(writer, database, roots, directory, now, report, log)
                writer.add_manifest(manifest, mtime=int(now.timestamp()))
            output.flush()
            os.fsync(output.fileno())
        os.replace(partial, report.path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    report.seconds = time.monotonic() - started
    return report


def write_members(writer, database, roots, directory, now, report, log):
    migrations = last_migrations(connection)
    described = {"engine": database.engine, "member": database.member, **database.describe()}
    with tempfile.TemporaryDirectory(dir=directory) as scratch:
        copy = Path(scratch) / "database"
        database.dump(copy)
        report.database, report.database_bytes = str(database), writer.add_file(database.member, copy)
    log(f"{report.database}: {megabytes(report.database_bytes)}")
    for root in roots:
        count = size = 0
        left_out = []
        for path, relative in root.files(left_out):
            size += writer.add_file(f"{root.setting}/{relative}", path)
            count += 1
        report.folders[root.setting] = [count, size]
        log(f"{root.setting} ({root.path}): {count} files, {megabytes(size)}")
        if left_out:
            log(
                f"  left out, not being files: {len(left_out)} symbolic links or special files, {left_out[0]} first"
            )
    return Manifest(
        created_at=now.isoformat(),
        database=described,
        migrations=migrations,
        roots=[root.setting for root in roots],
        files=writer.files,
        versions={
            "python": platform.python_version(),
            "django": django.get_version(),
            "wagtail": wagtail.__version__,
        },
    )


def check_outside_roots(directory, roots):
    """Backups kept in a folder of files would be archived into the next backup, and MEDIA_ROOT is public."""
    for root in roots:
        if directory == root.path or root.path in directory.parents:
            raise BackupError(
                f"The backups' folder {directory} lies in {root.setting} ({root.path}): choose one outside it "
                "(BACKUP_DIR)."
            )


def megabytes(size):
    return f"{size / 1_000_000:,.1f} MB"
