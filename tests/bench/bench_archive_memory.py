#!/usr/bin/env python
"""Peak memory of the commands that walk the whole archive, per archive size: it must not grow with the archive.

    .venv/bin/python tests/bench/bench_archive_memory.py [--sizes 10000,100000] [--directory DIR [--reuse]]
    DATABASE_URL=postgres://user:password@127.0.0.1/neuguong_b .venv/bin/python tests/bench/bench_archive_memory.py
    OPENSEARCH_URL=http://127.0.0.1:9200 .venv/bin/python tests/bench/bench_archive_memory.py

For each size, generated articles (tests/bench/bench_import.py, the first SIZE of one archive) are imported with
`import_archive --index-later` into a database of that size's own: a SQLite file, or, when DATABASE_URL names a
PostgreSQL database, a database beside it named <its name>_<size>. Then each command runs in a child process of
its own through manage.py, on manage.py's settings (DEBUG on, as an operator's shell has it; --settings picks
others), and its peak resident set size (the kernel's ru_maxrss of that child) is printed beside the size of a
child that only loads Django and the apps (`manage.py check`):

- index_archive FILE: the Wagtail index and the archive search of the imported articles, a batch at a time;
- search_index rebuild: over the full index index_archive left (and into a new OpenSearch generation);
- search_index update: every document again, the stale ones removed (and the queue applied);
- search_index status: every key of each index counted.

With OPENSEARCH_URL set, rebuild, update and status work on OpenSearch too, on an alias of the run's own
(OPENSEARCH_BENCH_INDEX, default "neuguong-bench-archive", with the size after it), deleted at the end.
Without --directory everything is made in a temporary directory and dropped at the end; with it the archives,
the SQLite files and the PostgreSQL databases are kept there (and by name), and --reuse measures those an earlier
run left instead of importing again. Goal (issue 18): every command under 300 MB at 100,000 articles, and no
growth from the smaller archive to the larger.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.bench_import import generate_articles, postgres_connection_arguments  # noqa: E402

SEED = 2025
GOAL_MIB = 300
COMMANDS = [
    ("index_archive", ["index_archive", "{archive}"]),
    ("search_index rebuild", ["search_index", "rebuild"]),
    ("search_index update", ["search_index", "update"]),
    ("search_index status", ["search_index", "status"]),
]


def main():
    options = parse_arguments()
    sizes = sorted(options.sizes)
    with work_directory(options.directory) as directory:
        full_archive = directory / f"archive-{sizes[-1]}.jsonl"
        if not (options.reuse and full_archive.exists()):
            generate_articles(full_archive, sizes[-1], SEED)
        peaks = {}
        for size in sizes:
            archive = first_lines(full_archive, size, directory / f"archive-{size}.jsonl")
            with archive_database(directory, size, keep=options.directory is not None) as (url, existed):
                environment = command_environment(url, size, options.settings)
                if not (options.reuse and existed):
                    fill(environment, archive)
                peaks[size] = measure(environment, archive, size)
                delete_opensearch_alias(environment)
        report_growth(peaks)


def parse_arguments():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes",
        type=lambda text: [int(size) for size in text.split(",")],
        default=[10_000, 100_000],
        help="archive sizes, comma-separated (default 10000,100000)",
    )
    parser.add_argument(
        "--directory", type=Path, help="keep the archives and databases here (default: temporary)"
    )
    parser.add_argument(
        "--reuse", action="store_true", help="measure the archives an earlier run left in --directory"
    )
    parser.add_argument(
        "--settings",
        default="newsroom.settings.dev",
        help="the commands' settings (default: manage.py's, DEBUG on)",
    )
    options = parser.parse_args()
    if options.reuse and options.directory is None:
        parser.error("--reuse needs the --directory an earlier run kept its archives in")
    return options


@contextmanager
def work_directory(directory):
    if directory is not None:
        directory.mkdir(parents=True, exist_ok=True)
        yield directory
        return
    temporary = Path(tempfile.mkdtemp(prefix="bench-archive-memory-"))
    try:
        yield temporary
    finally:
        shutil.rmtree(temporary)


def first_lines(source, count, target):
    """The archive of the first `count` articles of `source` (the generator makes the same first articles for any
    count)."""
    if target != source:
        with source.open("rb") as lines, target.open("wb") as written:
            written.writelines(islice(lines, count))
    return target


@contextmanager
def archive_database(directory, size, keep):
    """(URL, whether it existed) of the database of the archive of `size` articles: a SQLite file in `directory`,
    or a PostgreSQL database beside DATABASE_URL's; dropped afterwards unless `keep`."""
    import dj_database_url

    original = os.environ.get("DATABASE_URL", "")
    if original and dj_database_url.parse(original)["ENGINE"].endswith("postgresql"):
        name = f"{dj_database_url.parse(original)['NAME']}_{size}"
        existed = bool(postgres(original, "SELECT 1 FROM pg_database WHERE datname = %s", [name]))
        if not existed:
            postgres(original, f'CREATE DATABASE "{name}"')
        try:
            yield original.rsplit("/", 1)[0] + f"/{name}", existed
        finally:
            if not keep:
                postgres(original, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        path = directory / f"archive-{size}.sqlite3"
        try:
            yield f"sqlite:///{path}", path.exists()
        finally:
            if not keep:
                path.unlink(missing_ok=True)


def postgres(url, statement, parameters=()):
    """Run a statement on the server of `url`, in the database it names: the rows it returns."""
    import psycopg

    with psycopg.connect(**postgres_connection_arguments(url)) as connection:
        cursor = connection.execute(statement, parameters)
        return cursor.fetchall() if cursor.description else []


def command_environment(url, size, settings):
    environment = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": settings}
    if environment.get("OPENSEARCH_URL"):
        prefix = environment.get("OPENSEARCH_BENCH_INDEX", "neuguong-bench-archive")
        environment["OPENSEARCH_INDEX"] = f"{prefix}-{size}"
    return environment


def fill(environment, archive):
    manage(environment, "migrate", "--noinput", "-v0")
    manage(environment, "createcachetable")
    size = sum(1 for _line in archive.open("rb"))
    print(f"{size} articles: importing {archive.name} (--index-later)", flush=True)
    peak, seconds = manage(
        environment, "import_archive", str(archive), "--index-later", "--progress-every", "0"
    )
    print(f"{size:>9}  {'import_archive --index-later':<28} {peak:7.0f} MiB  {seconds:7.0f} s", flush=True)


def measure(environment, archive, size):
    """{command: peak MiB} for each command, printed as it ends; the interpreter's own size first."""
    baseline, _seconds = manage(environment, "check")
    print(f"{size:>9}  {'Django and the apps loaded':<28} {baseline:7.0f} MiB", flush=True)
    peaks = {}
    for name, arguments in COMMANDS:
        peak, seconds = manage(environment, *(argument.format(archive=archive) for argument in arguments))
        peaks[name] = peak
        print(f"{size:>9}  {name:<28} {peak:7.0f} MiB  {seconds:7.0f} s", flush=True)
    return peaks


def manage(environment, *arguments):
    """Run manage.py in a child process: its peak resident set size in MiB, and the seconds it took."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), *arguments],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        # wait4 gives this child's own resource usage (RUSAGE_CHILDREN keeps the largest of every child so far).
        _pid, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            errors.seek(0)
            message = errors.read().decode(errors="replace")[-4000:]
            sys.exit(f"manage.py {' '.join(arguments)} failed ({child.returncode}):\n{message}")
    return usage.ru_maxrss / 1024, time.perf_counter() - started


def delete_opensearch_alias(environment):
    if not environment.get("OPENSEARCH_URL"):
        return
    from opensearchpy import OpenSearch

    client = OpenSearch(hosts=[environment["OPENSEARCH_URL"]])
    client.indices.delete(index=f"{environment['OPENSEARCH_INDEX']}-*", ignore_unavailable=True)


def report_growth(peaks):
    sizes = sorted(peaks)
    largest = sizes[-1]
    worst = max(peaks[largest], key=peaks[largest].get)
    if len(sizes) > 1:
        growth = ", ".join(
            f"{name} {peaks[largest][name] - peaks[sizes[0]][name]:+.0f} MiB" for name in peaks[largest]
        )
        print(f"growth from {sizes[0]} to {largest} articles: {growth}")
    verdict = "under" if peaks[largest][worst] < GOAL_MIB else "OVER"
    print(
        f"most at {largest} articles: {worst}, {peaks[largest][worst]:.0f} MiB ({verdict} the {GOAL_MIB} MB goal)"
    )


if __name__ == "__main__":
    main()
