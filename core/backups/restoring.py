"""Restoring a backup: every check first, then a restore beside the site, then the swap, or no change at all.

The target is the database the settings name and this code's folders of files. Unless told to replace them, they
must be empty: no table in the database, no file in the folders. The archive's database is restored as a new
database (a file beside SQLite's, a database beside PostgreSQL's) and its files into each folder's staging; the
new database is migrated forward when the backup is older than the code. Only then are they swapped in, the
database first; a swap that fails is undone, and what was staged removed.
"""

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.management import call_command
from django.db import DatabaseError, connection, connections

from .archive import verified_archive
from .databases import database_for, pointed_at
from .errors import BackupError, RestoreRefused
from .file_roots import STAGING, file_roots
from .making import megabytes
from .schema import apps_behind


@dataclass
class RestoreReport:
    manifest: object = None
    target: str = ""
    # What the site held before: a restore without --replace refuses while this is not empty.
    occupied: list = field(default_factory=list)
    # The apps whose migrations the code has past the backup's: migrated forward.
    behind: list = field(default_factory=list)
    # {setting: (folder, number of files)}
    folders: dict = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def files(self):
        return len(self.manifest.files)

    @property
    def size(self):
        return sum(entry.size for entry in self.manifest.files.values())


@dataclass
class Plan:
    database: object
    roots: list
    # {setting named in the archive: the folder its files go to}
    destinations: dict


def check_backup(path):
    """Read the archive at `path` through and say what a restore would do here, changing nothing."""
    with verified_archive(path) as archive:
        plan = plan_restore(archive.manifest)
        return report_for(archive.manifest, plan, occupants(plan))


def restore_backup(path, replace=False, log=lambda line: None):
    """Restore the archive at `path` into this site; RestoreRefused before any change, BackupError after a
    failure that was undone."""
    started = time.monotonic()
    with verified_archive(path) as archive:
        manifest = archive.manifest
        log(
            f"{path}: {len(manifest.files)} files, {megabytes(sum(e.size for e in manifest.files.values()))}, "
            f"each matching its checksum; backed up {manifest.made}."
        )
        plan = plan_restore(manifest)
        report = report_for(manifest, plan, occupants(plan))
        if report.occupied and not replace:
            raise RestoreRefused(
                f"The site is not empty: {'; '.join(report.occupied)}. Restore into an empty database and empty "
                "folders, or pass --replace (make restore REPLACE=1) to replace what they hold."
            )
        plan.database.check_free()
        for root in plan.roots:
            root.check_no_unfinished_restore()
        check_room(archive, plan)
        stage(archive, plan, report.behind, log)
        swap(plan)
    clear_caches(log)
    report.seconds = time.monotonic() - started
    return report


def plan_restore(manifest):
    database = database_for(connection)
    engine = manifest.database["engine"]
    if engine != database.engine:
        raise RestoreRefused(
            f"The backup holds a {engine} database; this site's is {database.engine}. A backup restores into the "
            "engine it was made from."
        )
    database.check_restorable(manifest)
    roots = file_roots()
    by_setting = {name: root for root in roots for name in root.setting_names}
    unknown = [name for name in manifest.roots if name not in by_setting]
    if unknown:
        raise RestoreRefused(
            f"The backup holds folders this site has no setting for ({', '.join(unknown)}): it was made by "
            "another version of the site."
        )
    return Plan(database, roots, {name: by_setting[name] for name in manifest.roots})


def report_for(manifest, plan, occupied):
    counts = dict.fromkeys(manifest.roots, 0)
    for name in manifest.files:
        root, _slash, _relative = name.partition("/")
        if root in counts:
            counts[root] += 1
    return RestoreReport(
        manifest=manifest,
        target=str(plan.database),
        occupied=occupied,
        behind=apps_behind(manifest.migrations),
        folders={name: (plan.destinations[name].path, count) for name, count in counts.items()},
    )


def occupants(plan):
    held = []
    tables = plan.database.table_count()
    if tables:
        held.append(f"the {plan.database} holds {tables} tables")
    held.extend(f"{root.setting} ({root.path}) holds files" for root in plan.roots if root.holds_files())
    return held


def check_room(archive, plan):
    """Every byte is written beside what it replaces before the swap: the disks need room for all of it."""
    needs = {}
    for name, member in archive.members.items():
        root = name.partition("/")[0]
        if root in plan.destinations:
            folder = plan.destinations[root].path
        elif plan.database.engine == "sqlite":
            folder = plan.database.path.parent
        else:
            folder = Path(tempfile.gettempdir())
        existing = nearest_existing(folder)
        device = existing.stat().st_dev
        needs.setdefault(device, [existing, 0])[1] += member.size
    for folder, size in needs.values():
        free = shutil.disk_usage(folder).free
        if size > free:
            raise RestoreRefused(
                f"The restore needs {megabytes(size)} in {folder}, where {megabytes(free)} are free."
            )


def nearest_existing(path):
    while not path.exists():
        path = path.parent
    return path


def stage(archive, plan, behind, log):
    """The archive's files into each folder's staging and its database into a new one, migrated forward."""
    database = plan.database
    try:
        for root in plan.roots:
            root.prepare_staging()
        for name, root in plan.destinations.items():
            archive.extract_root(name, root.staging)
        member = archive.manifest.database["member"]
        staged = database.load(lambda destination: archive.extract_file(member, destination))
        log(f"Restored beside the site: the database as {staged}, the files in each folder's {STAGING}.")
        if behind:
            with pointed_at(connection, staged):
                call_command("migrate", interactive=False, verbosity=0)
            log(f"Migrated forward: {', '.join(behind)}.")
    except (OSError, DatabaseError) as error:
        discard(plan)
        raise BackupError(f"The restore stopped before changing the site: {error}") from error
    except BaseException:
        discard(plan)
        raise


def swap(plan):
    connections.close_all()
    swaps = []
    try:
        swaps.append(plan.database.swap_in())
        for root in plan.roots:
            swaps.append(root.swap_in())
    except BaseException as error:
        try:
            for done in reversed(swaps):
                done.undo()
        except Exception as undo_error:
            raise BackupError(
                f"The swap failed ({error}) and could not be undone ({undo_error}): the site's database and "
                "folders are part restored; restore again with --replace."
            ) from error
        discard(plan)
        if isinstance(error, (OSError, DatabaseError)):
            raise BackupError(f"The swap failed and was undone, the site left as it was: {error}") from error
        raise
    for done in swaps:
        done.finish()
    ContentType.objects.clear_cache()


def discard(plan):
    plan.database.discard()
    for root in plan.roots:
        root.discard_staging()


def clear_caches(log):
    """Pages and answers cached from the site before the restore must not be served after it."""
    for alias in settings.CACHES:
        try:
            caches[alias].clear()
        # Each backend raises its own errors (Redis unreachable, a cache table missing): none undoes the restore.
        except Exception as error:
            log(f"The cache {alias!r} could not be cleared ({error}): clear it before the site serves again.")
