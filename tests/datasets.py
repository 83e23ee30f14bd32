"""Data that many tests start from, built once per test run and written again into each test that asks for it.

A dataset's build runs once, the first time a test asks for it, inside a savepoint rolled back at once. What it
wrote is kept: the rows it inserted, changed and deleted, table by table. Each test that asks for the dataset
gets those rows written into its own transaction in a few statements, and so the database the build leaves, at
a small part of the cost of building it.

A recording holds only for the database it was recorded on: the one migrations leave, or the one the datasets
it builds on leave (tests/conftest.py puts the datasets a test asks for before its other fixtures). Before it is
replayed, the shape of every table (its number of rows and its highest key) is compared with the shape the
build started from; if anything differs, because a fixture wrote first, the build runs for real. So it does in
a transactional test, whose commits are what it tests. A replay ends by clearing the default cache, as the
build's saves cleared what they changed there (Wagtail's site root paths).

A build writes to the database only: files it writes stay on disk for the tests that replay it.

A dataset given a name for sharing (the demo) is recorded once per run rather than once per pytest-xdist worker:
the first worker to put it writes its recording to the run's shared folder, and the others read it from there.
A worker whose database was not the one it was recorded on records its own.
"""

import pickle
from dataclasses import dataclass

from django.apps import apps
from django.core.cache import cache
from django.core.management.color import no_style
from django.db import connection, transaction

from tests.run_folder import locked, write_whole


@dataclass(frozen=True)
class Table:
    """A model's own table: its name, primary key column and other columns, quoted for SQL."""

    model: type
    name: str
    key: str
    columns: tuple[str, ...]

    @classmethod
    def of(cls, model):
        quote = connection.ops.quote_name
        meta = model._meta
        columns = tuple(quote(field.column) for field in meta.local_concrete_fields if field is not meta.pk)
        return cls(model, quote(meta.db_table), quote(meta.pk.column), columns)

    def rows(self):
        """{primary key: (the other columns)} of every row."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {', '.join((self.key, *self.columns))} FROM {self.name}")
            return {row[0]: row[1:] for row in cursor.fetchall()}

    def __reduce__(self):
        # Pickled by the model's label: the models Django makes for many-to-many fields are no module's names.
        return table_of, (self.model._meta.label_lower,)


def table_of(label):
    return Table.of(apps.get_model(label))


# Wagtail's full-text table on SQLite is written by triggers on its index entries: replaying those writes it.
WRITTEN_BY_TRIGGERS = {"wagtailsearch.sqliteftsindexentry"}


def tables():
    """Every table of our models and those of the installed apps, many-to-many tables included."""
    existing = set(connection.introspection.table_names())
    return [
        Table.of(model)
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.db_table in existing
        and model._meta.label_lower not in WRITTEN_BY_TRIGGERS
    ]


def shape(all_tables):
    """(table, row count, highest key) of every table, read in one query."""
    # Keys are numbers in most tables and text in some (sessions): PostgreSQL unites only columns of one type.
    query = " UNION ALL ".join(
        f"SELECT '{table.name}', COUNT(*), CAST(MAX({table.key}) AS TEXT) FROM {table.name}"
        for table in all_tables
    )
    with connection.cursor() as cursor:
        cursor.execute(query)
        return sorted(cursor.fetchall())


@dataclass(frozen=True)
class TableChanges:
    table: Table
    inserted: list
    updated: list
    deleted: list

    @classmethod
    def between(cls, table, before, after):
        return cls(
            table,
            inserted=[(key, *row) for key, row in after.items() if key not in before],
            updated=[(*row, key) for key, row in after.items() if key in before and before[key] != row],
            deleted=[(key,) for key in before if key not in after],
        )

    def __bool__(self):
        return bool(self.inserted or self.updated or self.deleted)

    def replay(self, cursor):
        table = self.table
        if self.deleted:
            cursor.executemany(f"DELETE FROM {table.name} WHERE {table.key} = %s", self.deleted)
        if self.updated and table.columns:
            assignments = ", ".join(f"{column} = %s" for column in table.columns)
            cursor.executemany(f"UPDATE {table.name} SET {assignments} WHERE {table.key} = %s", self.updated)
        if self.inserted:
            columns = ", ".join((table.key, *table.columns))
            values = ", ".join(["%s"] * (len(table.columns) + 1))
            cursor.executemany(f"INSERT INTO {table.name} ({columns}) VALUES ({values})", self.inserted)


@dataclass(frozen=True)
class Recording:
    tables: list
    shape_before: list
    changes: list

    def replay(self):
        with transaction.atomic(), connection.cursor() as cursor:
            for changes in self.changes:
                changes.replay(cursor)
            # Rows come back with the keys they were recorded with: on PostgreSQL, the sequences move past them.
            models = [changes.table.model for changes in self.changes if changes.inserted]
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
        cache.clear()


def record(build):
    """What build() writes, as a Recording; the database is left as it was."""
    all_tables = tables()
    with transaction.atomic():
        shape_before = shape(all_tables)
        before = {table: table.rows() for table in all_tables}
        build()
        changes = [TableChanges.between(table, before[table], table.rows()) for table in all_tables]
        transaction.set_rollback(True)
    return Recording(all_tables, shape_before, [table_changes for table_changes in changes if table_changes])


def is_recorded_here(recording):
    return shape(recording.tables) == recording.shape_before


class Dataset:
    """Rows that `build` writes, recorded the first time they are put and replayed afterwards; with a
    `shared_name`, recorded once per run for every worker."""

    # Where the datasets with a shared name keep their recordings: the run's folder that the workers share, set
    # by tests/conftest.py (None: each process records its own).
    shared_folder = None

    def __init__(self, build, shared_name=None):
        self.build = build
        self.shared_name = shared_name
        self.recording = None

    def put(self):
        """Leave the database as build() would: replayed where it was recorded, else built for real."""
        if not connection.in_atomic_block:
            self.build()
            return
        if self.recording is None:
            self.recording = self.shared_recording() or record(self.build)
        if is_recorded_here(self.recording):
            self.recording.replay()
        else:
            self.build()

    def shared_recording(self):
        """The run's recording, read where another worker wrote it, else recorded and written; None for a
        dataset not shared, or where the run's recording was made on another database."""
        if not (self.shared_name and self.shared_folder):
            return None
        path = self.shared_folder / f"dataset-{self.shared_name}.pickle"
        with locked(path.with_name(f"{path.name}.lock")):
            if path.exists():
                recording = pickle.loads(path.read_bytes())
                return recording if is_recorded_here(recording) else None
            recording = record(self.build)
            write_whole(path, pickle.dumps(recording))
            return recording
