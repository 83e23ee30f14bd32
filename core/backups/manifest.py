"""The manifest, the archive's last member: what the backup holds and how a restore checks it.

A restore trusts nothing in an archive until the manifest vouches for it, and the manifest itself only once it
has the expected shape: a manifest that is not one (too large, not JSON, a field missing or of another type) is
refused as a whole.
"""

import json
import re
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils import timezone

from .errors import RestoreRefused

FORMAT = "neuguong-backup/1"
MANIFEST_NAME = "manifest.json"
# A manifest lists every file: a million of them take about 150 MB. Anything larger is not one of ours.
MAX_MANIFEST_BYTES = 512 * 1024 * 1024
SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class FileEntry:
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    created_at: str
    # "engine" (sqlite, postgresql), "member" (its name in the archive) and what the engine tells of itself.
    database: dict
    # {app label: the name of the last migration applied}
    migrations: dict
    # The settings naming the folders archived, e.g. ["MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"].
    roots: list
    # {member name: FileEntry}, the database's member included.
    files: dict
    versions: dict

    def to_json(self):
        data = {
            "format": FORMAT,
            "created_at": self.created_at,
            "database": self.database,
            "migrations": self.migrations,
            "roots": self.roots,
            "files": {
                name: {"size": entry.size, "sha256": entry.sha256} for name, entry in self.files.items()
            },
            "versions": self.versions,
        }
        # ASCII, \u-escaped: a file name the file system gave undecodable (surrogates) survives the round trip.
        return json.dumps(data, indent=1, sort_keys=True).encode("ascii")

    @classmethod
    def from_json(cls, raw):
        try:
            data = json.loads(raw)
            if data["format"] != FORMAT:
                raise RestoreRefused(
                    f"The archive is a backup of format {data['format']!r}; this code reads {FORMAT!r}."
                )
            manifest = cls(
                created_at=_moment(_typed(data["created_at"], str)),
                database=_typed(data["database"], dict),
                migrations=_typed(data["migrations"], dict),
                roots=_typed(data["roots"], list),
                files={
                    _typed(name, str): FileEntry(_typed(entry["size"], int), _typed(entry["sha256"], str))
                    for name, entry in _typed(data["files"], dict).items()
                },
                versions=_typed(data["versions"], dict),
            )
            manifest.check()
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            raise RestoreRefused(f"The archive's manifest is not a backup manifest ({error!r}).") from error
        return manifest

    @property
    def made(self):
        """When the backup was made, in the site's time zone, as an operator reads it."""
        local = timezone.localtime(datetime.fromisoformat(self.created_at))
        return f"{local:%Y-%m-%d %H:%M:%S} ({settings.TIME_ZONE})"

    def check(self):
        engine, member = self.database.get("engine"), self.database.get("member")
        if not isinstance(engine, str) or member not in self.files:
            raise RestoreRefused("The manifest names no database, or one that is not in the archive.")
        for app, name in self.migrations.items():
            if not (isinstance(app, str) and isinstance(name, str)):
                raise RestoreRefused("The manifest's migrations are not app labels and migration names.")
        if not all(isinstance(root, str) and root for root in self.roots):
            raise RestoreRefused("The manifest's folders are not setting names.")
        for name, entry in self.files.items():
            if entry.size < 0 or not SHA256.fullmatch(entry.sha256):
                raise RestoreRefused(f"The manifest gives {name} an impossible size or checksum.")


def _moment(value):
    """An ISO 8601 date and time with its offset, as the backup wrote it."""
    if datetime.fromisoformat(value).tzinfo is None:
        raise ValueError(f"{value!r} has no time zone")
    return value


def _typed(value, kind):
    # bool is an int to Python; a size of `true` is not a size.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TypeError(f"expected {kind.__name__}, found {type(value).__name__}")
    return value
