"""The database, copied and restored with its engine's own tools.

SQLite: the online backup API copies a live database consistently (one step under a read lock: no write lands
halfway); the copy is restored beside the site's file and renamed over it. PostgreSQL: `pg_dump --format=custom`,
restored with `pg_restore` into a new database beside the site's, which is then renamed to the site's name.
Django's dumpdata is no backup: slow on a large archive, and it loses the sequences.

The rows of the caches kept in the database are left out (a restore clears every cache). A restore's target is
the database the settings name; `pointed_at()` turns Django to the restored copy before it is swapped in, so that
migrations run on the copy and a failure leaves the site's database untouched.
"""

import os
import re
import sqlite3
import subprocess
import tempfile
from contextlib import closing, contextmanager
from pathlib import Path

from django.conf import settings
from django.core.cache.backends.db import DatabaseCache
from django.utils.module_loading import import_string

from .errors import BackupError, RestoreRefused

# PostgreSQL names are at most 63 bytes: the site's name, shortened, and a suffix of ours.
PG_NAME_ROOM = 63 - len("__restoring")


def database_for(connection):
    engines = {"sqlite": SqliteDatabase, "postgresql": PostgresDatabase}
    if connection.vendor not in engines:
        raise BackupError(
            f"Backups cover SQLite and PostgreSQL; this site's database is {connection.vendor}."
        )
    return engines[connection.vendor](connection)


@contextmanager
def pointed_at(connection, name):
    """Django's connection on the database `name` for the length of the block (restore's migrations)."""
    original = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original


class SqliteDatabase:
    engine = "sqlite"
    member = "database/site.sqlite3"

    def __init__(self, connection):
        self.connection = connection
        self.path = Path(connection.settings_dict["NAME"])
        self.staging_file = self.path.with_name(f"{self.path.name}.restoring")
        self.replaced = self.path.with_name(f"{self.path.name}.replaced")

    def __str__(self):
        return f"SQLite database {self.path}"

    def describe(self):
        return {"sqlite_version": sqlite3.sqlite_version}

    def dump(self, destination):
        self.connection.ensure_connection()
        with closing(sqlite3.connect(destination)) as copy:
            self.connection.connection.backup(copy)
            tables = {name for (name,) in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            emptied = [copy.execute(f'DELETE FROM "{table}"').rowcount for table in cache_tables() & tables]
            copy.commit()
            if any(emptied):
                copy.execute("VACUUM")

    def check_restorable(self, manifest):
        """Any SQLite reads the files an older one wrote."""

    def table_count(self):
        if not self.path.exists():
            return 0
        with closing(sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True)) as database:
            query = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            return database.execute(query).fetchone()[0]

    def check_free(self):
        """A journal beside the file is a database in use, or one left by a crash: renaming another file under it
        would have SQLite apply that journal to the restored database."""
        for suffix in ("-journal", "-wal"):
            journal = self.path.with_name(f"{self.path.name}{suffix}")
            if journal.exists():
                raise RestoreRefused(
                    f"{journal} exists: the database is in use or was not closed. Stop the site (the server and "
                    "the scheduler) and restore again."
                )
        if self.replaced.exists():
            raise RestoreRefused(
                f"A previous restore did not finish: {self.replaced} is the database it replaced. Move it "
                "elsewhere or delete it, then restore again."
            )

    def load(self, extract):
        """The archive's copy, written by `extract(path)` beside the site's file; returns its name."""
        self.discard()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        extract(self.staging_file)
        try:
            with closing(sqlite3.connect(self.staging_file)) as database:
                (verdict,) = database.execute("PRAGMA quick_check").fetchone()
        except sqlite3.DatabaseError as error:
            verdict = str(error)
        if verdict != "ok":
            raise BackupError(f"The archive's database is damaged: {verdict}")
        return str(self.staging_file)

    def discard(self):
        self.staging_file.unlink(missing_ok=True)

    def swap_in(self):
        swap = RenameSwap(self.path, self.staging_file, self.replaced, lambda path: path.unlink())
        swap.run()
        return swap


class RenameSwap:
    """The site's file moved aside and the restored one moved in; undone in the reverse order."""

    def __init__(self, live, staged, aside, remove):
        self.live, self.staged, self.aside, self.remove = live, staged, aside, remove
        self.had_live = False

    def run(self):
        self.had_live = self.live.exists()
        if self.had_live:
            self.live.rename(self.aside)
        try:
            self.staged.rename(self.live)
        except BaseException:
            self.undo()
            raise

    def undo(self):
        if self.live.exists() and not self.staged.exists():
            self.live.rename(self.staged)
        if self.had_live and self.aside.exists():
            self.aside.rename(self.live)

    def finish(self):
        if self.had_live:
            self.remove(self.aside)


class PostgresDatabase:
    engine = "postgresql"
    member = "database/site.pgdump"

    def __init__(self, connection):
        self.connection = connection
        self.name = connection.settings_dict["NAME"]
        self.staging_name = f"{self.name[:PG_NAME_ROOM]}__restoring"
        self.replaced = f"{self.name[:PG_NAME_ROOM]}__replaced"

    def __str__(self):
        return f"PostgreSQL database {self.name}"

    def describe(self):
        return {"server_version": self.server_version(), "pg_dump": tool_version("pg_dump")}

    def dump(self, destination):
        server, tool = major(self.server_version()), major(tool_version("pg_dump"))
        if tool < server:
            raise BackupError(
                f"pg_dump {tool} cannot dump a PostgreSQL {server} server: install PostgreSQL {server}'s client "
                f"(Debian: apt-get install postgresql-client-{server})."
            )
        self.run_tool(
            "pg_dump",
            "--format=custom",
            "--no-password",
            *(f"--exclude-table-data={table}" for table in sorted(cache_tables())),
            f"--file={destination}",
            self.name,
        )

    def check_restorable(self, manifest):
        made_by, tool = major(str(manifest.database.get("pg_dump"))), major(tool_version("pg_restore"))
        if tool < made_by:
            raise RestoreRefused(
                f"The backup was written by pg_dump {made_by}; this machine's pg_restore {tool} cannot read it. "
                f"Install PostgreSQL {made_by}'s client (Debian: apt-get install postgresql-client-{made_by})."
            )

    def table_count(self):
        if not self.exists(self.name):
            return 0
        with self.cursor_on(self.name) as cursor:
            cursor.execute(
                "SELECT count(*) FROM information_schema.tables "
                "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
            )
            return cursor.fetchone()[0]

    def check_free(self):
        self.connection.close()
        with self.cursor_on("postgres") as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [self.name],
            )
            (sessions,) = cursor.fetchone()
        if sessions:
            raise RestoreRefused(
                f"{sessions} other sessions are connected to the database {self.name}: stop the site (the "
                "server and the scheduler) and restore again."
            )
        if self.exists(self.replaced):
            raise RestoreRefused(
                f"A previous restore did not finish: the database {self.replaced} is the one it replaced. Rename "
                "or drop it, then restore again."
            )

    def load(self, extract):
        """The archive's dump, written by `extract(path)` to a temporary file, restored into a new database;
        returns its name."""
        quote = self.connection.ops.quote_name
        self.discard()
        with self.cursor_on("postgres") as cursor:
            cursor.execute(f"CREATE DATABASE {quote(self.staging_name)} TEMPLATE template0 ENCODING 'UTF8'")
        with tempfile.TemporaryDirectory() as scratch:
            dump = Path(scratch) / "site.pgdump"
            extract(dump)
            self.run_tool(
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--no-password",
                f"--dbname={self.staging_name}",
                str(dump),
            )
        return self.staging_name

    def discard(self):
        self.drop(self.staging_name)

    def swap_in(self):
        swap = DatabaseRename(self)
        swap.run()
        return swap

    def exists(self, name):
        with self.cursor_on("postgres") as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            return cursor.fetchone() is not None

    def rename(self, old, new):
        quote = self.connection.ops.quote_name
        with self.cursor_on("postgres") as cursor:
            cursor.execute(f"ALTER DATABASE {quote(old)} RENAME TO {quote(new)}")

    def drop(self, name):
        with self.cursor_on("postgres") as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {self.connection.ops.quote_name(name)}")

    def server_version(self):
        with self.connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return cursor.fetchone()[0]

    @contextmanager
    def cursor_on(self, name):
        """A cursor of a connection of its own to the database `name` (autocommit, as CREATE DATABASE needs)."""
        other = self.connection.copy()
        other.settings_dict["NAME"] = name
        try:
            with other.cursor() as cursor:
                yield cursor
        finally:
            other.close()

    def run_tool(self, tool, *arguments):
        database = self.connection.settings_dict
        _args, env = self.connection.client.settings_to_cmd_args_env(database, [])
        env = {**os.environ, **(env or {})}
        for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER")):
            if database.get(key):
                env[variable] = str(database[key])
        try:
            result = subprocess.run([tool, *arguments], env=env, capture_output=True, text=True, check=False)
        except FileNotFoundError as error:
            raise not_installed(tool) from error
        if result.returncode:
            raise BackupError(f"{tool} failed: {result.stderr.strip()}")


class DatabaseRename:
    """The site's database renamed aside and the restored one renamed to its name; undone in the reverse order."""

    def __init__(self, database):
        self.database = database
        self.had_live = False

    def run(self):
        database = self.database
        self.had_live = database.exists(database.name)
        if self.had_live:
            database.rename(database.name, database.replaced)
        try:
            database.rename(database.staging_name, database.name)
        except BaseException:
            if self.had_live:
                database.rename(database.replaced, database.name)
            raise

    def undo(self):
        database = self.database
        database.rename(database.name, database.staging_name)
        if self.had_live:
            database.rename(database.replaced, database.name)

    def finish(self):
        if self.had_live:
            self.database.drop(self.database.replaced)


def cache_tables():
    """The tables of the caches kept in the database: their rows are left out of a backup (a restore clears the
    caches anyway), and with them the pages a database page cache holds."""
    return {
        cache["LOCATION"]
        for cache in settings.CACHES.values()
        if issubclass(import_string(cache["BACKEND"]), DatabaseCache)
    }


def tool_version(tool):
    try:
        result = subprocess.run([tool, "--version"], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as error:
        raise not_installed(tool) from error
    return result.stdout.strip()


def not_installed(tool):
    return BackupError(f"{tool} is not installed (Debian: apt-get install postgresql-client).")


def major(version):
    """15 of "15.18", of "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)", and 0 of nothing."""
    found = re.search(r"(?:^|\s)(\d+)(?:\.\d+)?", version)
    return int(found.group(1)) if found else 0
