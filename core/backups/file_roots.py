"""The folders of files a backup holds, each named by the setting that says where it lives on a machine.

MEDIA_ROOT (images, renditions, documents), PRIVATE_MEDIA_ROOT (contest entries, the station's audio and video)
and the folder of every private storage a model's file field uses (NOMINATION_FILES_ROOT): found on the models,
so that a private folder added later is backed up without being named here. A folder inside another is a folder
of its own, left out of the other's walk, so that each file is archived once and restored into the folder its
setting names on the machine restored to, nested or not.

A restore fills a folder's `.restore-staging` inside it, then swaps contents: what the folder held moves into its
`.restore-replaced`, what was staged moves in, each a rename on one file system, which can be undone; the folder
itself is never renamed, so it may be a mount point or a symbolic link.
"""

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models

from core.private_storage import PrivateStorage

from .errors import RestoreRefused

ALWAYS = ("MEDIA_ROOT", "PRIVATE_MEDIA_ROOT")
STAGING = ".restore-staging"
REPLACED = ".restore-replaced"
OWN_NAMES = {STAGING, REPLACED}


@dataclass(frozen=True)
class FileRoot:
    # The settings naming this folder, the first one naming it in the archive.
    setting_names: tuple
    path: Path
    # The other roots inside this one: walked and swapped on their own.
    nested: tuple

    @property
    def setting(self):
        return self.setting_names[0]

    @property
    def staging(self):
        return self.path / STAGING

    @property
    def replaced(self):
        return self.path / REPLACED

    def files(self, left_out=None):
        """(absolute path, path relative to the folder as posix) of every regular file, in a stable order.
        Symbolic links (to files or folders), sockets and the like are not files the site wrote: they are left
        out, and added to the list `left_out` when one is given."""
        skipped = {*self.nested, self.staging, self.replaced}
        for directory, subdirectories, names in os.walk(self.path):
            subdirectories[:] = sorted(
                name for name in subdirectories if Path(directory, name) not in skipped
            )
            for name in [*subdirectories, *sorted(names)]:
                path = Path(directory, name)
                if path.is_file() and not path.is_symlink():
                    yield path, path.relative_to(self.path).as_posix()
                elif left_out is not None and (path.is_symlink() or not path.is_dir()):
                    left_out.append(path)

    def holds_files(self):
        return next(self.files(), None) is not None

    def check_no_unfinished_restore(self):
        if self.replaced.exists():
            raise RestoreRefused(
                f"A previous restore did not finish: {self.replaced} holds the files it replaced. Move them "
                "elsewhere or delete them, then restore again."
            )

    def prepare_staging(self):
        """An empty `.restore-staging`, the folder made if the machine has none yet."""
        self.path.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(self.staging, ignore_errors=True)
        self.staging.mkdir()

    def discard_staging(self):
        shutil.rmtree(self.staging, ignore_errors=True)

    def swap_in(self):
        """The staged files in place of the folder's; returns the swap, to undo or to finish."""
        swap = ContentSwap(self)
        try:
            swap.move_all(self.path, self.replaced)
            swap.move_all(self.staging, self.path)
        except BaseException:
            swap.undo()
            raise
        return swap


class ContentSwap:
    """The renames of one folder's swap, in order, so that they can be undone in the reverse order."""

    def __init__(self, root):
        self.root = root
        self.renames = []

    def move_all(self, source, destination):
        nested = {source / path.relative_to(self.root.path) for path in self.root.nested}
        for entry in entries_to_move(source, nested):
            target = destination / entry.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            entry.rename(target)
            self.renames.append((entry, target))

    def undo(self):
        for source, target in reversed(self.renames):
            target.rename(source)
        self.renames = []
        shutil.rmtree(self.root.replaced, ignore_errors=True)

    def finish(self):
        for folder in (self.root.replaced, self.root.staging):
            if folder.exists():
                shutil.rmtree(folder)


def entries_to_move(directory, nested):
    """The entries of `directory` a swap moves: all but our own folders and the other roots inside it, and the
    folders on the way to one of those, which are entered instead."""
    if not directory.is_dir():
        return
    for entry in sorted(directory.iterdir()):
        if entry.name in OWN_NAMES or entry in nested:
            continue
        if any(entry in path.parents for path in nested):
            yield from entries_to_move(entry, nested)
        else:
            yield entry


def file_roots():
    """The folders of files this site keeps, in a stable order. Settings naming the same folder share it: its
    files are archived once, under the first one's name, and a restore puts either's files there."""
    names = [*ALWAYS, *sorted(private_storage_settings() - set(ALWAYS))]
    by_path = {}
    for name in names:
        by_path.setdefault(Path(os.path.realpath(getattr(settings, name))), []).append(name)
    return [
        FileRoot(tuple(names), path, tuple(other for other in by_path if path in other.parents))
        for path, names in by_path.items()
    ]


def private_storage_settings():
    """The settings naming the folder of each private storage the models' file fields use."""
    return {
        field.storage.root_setting
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField) and isinstance(field.storage, PrivateStorage)
    }
