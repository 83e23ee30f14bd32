"""Which migrations a database has had, and whether this code may restore a backup made with others.

A backup records the last migration applied of each app. This code refuses a backup whose database had a
migration it does not know: a newer version of the site made it, and its tables may hold what this code would
misread. A backup whose apps stand behind this code's migrations is restored, then migrated forward.
"""

from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from .errors import RestoreRefused


def last_migrations(connection):
    """{app label: the last migration applied}: the highest name, as migration names start with their number."""
    last = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        last[app] = max(name, last.get(app, ""))
    return dict(sorted(last.items()))


def apps_behind(backup_migrations):
    """The apps whose migrations this code has past the backup's, sorted; refuses a backup from newer code."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    # A squashed migration's originals may be gone from the code: a database that had them has the squash.
    known = set(loader.disk_migrations) | {
        replaced for migration in loader.replacements.values() for replaced in migration.replaces
    }
    unknown = sorted(f"{app} {name}" for app, name in backup_migrations.items() if (app, name) not in known)
    if unknown:
        raise RestoreRefused(
            "The backup was made by a newer version of the site: its database had migrations this code does not "
            f"have ({', '.join(unknown)}). Restore it with that version of the code, or a later one."
        )
    return sorted(app for app, name in loader.graph.leaf_nodes() if backup_migrations.get(app) != name)
