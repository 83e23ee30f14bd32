"""One migration per test run on SQLite.

Migrating an empty database takes about 13 seconds here (some 200 migrations, nearly all of it Django rendering
model states), and every pytest-xdist worker used to pay it, as did the test that runs `manage.py setup` in a
process of its own. Now the first worker to create its test database migrates it and saves a copy to the run's
shared temporary folder; the other workers fill their in-memory database from that copy with SQLite's backup API
(Django's own parallel runner clones a migrated SQLite test database the same way), and `migrated_copy()` hands
the copy to tests that need a freshly migrated database file.

PostgreSQL runs migrate as usual: its test databases are created by the server, one per worker.
"""

import os
import shutil
import sqlite3

from django.core import management
from django.db import DEFAULT_DB_ALIAS, connections

from tests.run_folder import locked

COPY_NAME = "migrated.sqlite3"


def migrate_once_per_run(folder):
    """Make the test database's creation, which comes next, start from the run's migrated copy or make it."""
    if connections[DEFAULT_DB_ALIAS].vendor != "sqlite":
        return
    call_command = management.call_command

    def migrate_or_copy(name, *args, **options):
        if name != "migrate":
            return call_command(name, *args, **options)
        management.call_command = call_command  # only the creation's migrate is shared
        connection = connections[options.get("database", DEFAULT_DB_ALIAS)]
        with locked(folder / f"{COPY_NAME}.lock"):
            copy = folder / COPY_NAME
            if copy.exists():
                _restore(copy, connection)
            else:
                call_command(name, *args, **options)
                _save(connection, copy)

    management.call_command = migrate_or_copy


def migrated_copy(folder, destination):
    """A freshly migrated database file at `destination`, or None when this run did not migrate SQLite."""
    copy = folder / COPY_NAME
    if not copy.exists():
        return None
    shutil.copyfile(copy, destination)
    return destination


def restore_migrated_copy(folder, connection):
    """Put the run's migrated copy back into `connection`'s SQLite test database, in place of whatever a test
    migrated it back to: every migration applied with the rows they write, as the database was created. False
    where the run made no copy (PostgreSQL), for the caller to migrate forward instead."""
    copy = folder / COPY_NAME
    if connection.vendor != "sqlite" or not copy.exists():
        return False
    _restore(copy, connection)
    return True


def _restore(copy, connection):
    connection.ensure_connection()
    source = sqlite3.connect(copy)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def _save(connection, copy):
    connection.ensure_connection()
    partial = copy.with_suffix(".partial")
    target = sqlite3.connect(partial)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    os.replace(partial, copy)  # whoever sees the copy sees it whole
