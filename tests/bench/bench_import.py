#!/usr/bin/env python
"""Benchmark `import_archive`: articles per second and peak memory, for an import and for re-imports.

    python tests/bench/bench_import.py --count 20000 [--import-only] [--index-later]
    DATABASE_URL=postgres://user:password@localhost/newsroom python tests/bench/bench_import.py

It writes COUNT generated Vietnamese articles to a temporary JSON Lines file and imports them into a throwaway
database: a temporary SQLite file, or, when DATABASE_URL names a PostgreSQL database, a new database beside it
(NAME_bench_import, dropped afterwards). Then it imports the file again with every article edited (the update
path), and once more unchanged. Peak memory is the process's maximum resident set size so far.
"""

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
# DEBUG off, as in production: with it on, Django keeps the SQL of every query, whole bulk inserts among them.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")

VIETNAM = timezone(timedelta(hours=7))
COLUMNS = {
    "newspaper": [
        "Thời sự",
        "Kinh tế",
        "Văn hóa - Xã hội",
        "Điển hình tiên tiến",
        "Gương người tốt việc tốt",
    ],
    "broadcast": [
        "Bản tin thời sự",
        "Phát thanh tiếng dân tộc",
        "Nông nghiệp - Nông thôn",
        "Điển hình tiên tiến",
    ],
    "portal": ["Tin chỉ đạo điều hành", "Phong trào thi đua", "Cải cách hành chính", "Điển hình tiên tiến"],
}
KINDS = {"newspaper": ["article"] * 8 + ["photo"], "broadcast": ["video", "audio"], "portal": ["article"]}
PEOPLE = [
    "Chị H'Bia Ênuôl",
    "Anh Y Khoa Niê",
    "Ông Ama Kông",
    "Bà H'Zaly Mlô",
    "Thầy Lê Văn Thành",
    "Cô Nguyễn Thị Hòa",
    "Anh Trần Quốc Tuấn",
    "Chị Phạm Thị Thủy",
    "Ông Y Djăk Mlô",
    "Bà Hoàng Thị Lan",
    "Anh Điểu Đăm",
    "Chị H'Nga Byă",
]
PLACES = [
    "Buôn Ma Thuột",
    "Krông Năng",
    "Ea H'leo",
    "Krông Pắc",
    "Cư M'gar",
    "Lắk",
    "Buôn Đôn",
    "Ea Kar",
    "Krông Bông",
    "M'Đrắk",
    "Cư Kuin",
    "Krông Ana",
]
TOPICS = [
    ("hợp tác xã cà phê", "cà phê"),
    ("vườn sầu riêng", "sầu riêng"),
    ("mô hình nuôi ong", "nông nghiệp"),
    ("lớp học xóa mù chữ", "giáo dục"),
    ("đội cồng chiêng", "văn hóa"),
    ("tổ tự quản an ninh", "an ninh"),
    ("sáng kiến máy sấy", "sáng kiến"),
    ("vườn mắc ca", "mắc ca"),
    ("quỹ khuyến học", "khuyến học"),
    ("trạm y tế xã", "y tế"),
    ("con đường nông thôn mới", "nông thôn mới"),
    ("dệt thổ cẩm", "thổ cẩm"),
]
TITLE_PATTERNS = [
    "{person} và {topic} ở {place}",
    "{place}: {topic} thay đổi cuộc sống buôn làng",
    "Gương sáng {person} với {topic}",
    "Nhân rộng {topic} tại {place}",
]
SENTENCES = [
    "{person} ở huyện {place} đã gắn bó với {topic} hơn mười năm nay.",
    "Mô hình {topic} giúp hàng chục hộ đồng bào Ê Đê, M'nông thoát nghèo bền vững.",
    "Chính quyền địa phương đánh giá cao những đóng góp của {person} cho phong trào thi đua yêu nước.",
    "Năm {year}, sản phẩm của {topic} đạt chuẩn OCOP 4 sao và được tiêu thụ ở nhiều tỉnh thành.",
    "Người dân {place} phấn khởi khi thu nhập bình quân tăng gần gấp đôi so với trước.",
    "Câu chuyện của {person} là minh chứng sinh động cho tinh thần tự lực, tự cường.",
]
AUTHORS = [
    "Phóng viên",
    "Minh Thuận",
    "H'Linh Niê",
    "Quang Nhật",
    "Thu Hằng",
    "Y Thông",
    "Hoàng Gia",
    "Thanh Hà",
]


def generate_articles(path, count, seed, edition=0):
    """Write `count` articles; the same seed gives the same articles, a later `edition` edits each of them."""
    rng = random.Random(seed)
    start = datetime(2015, 1, 1, 7, 0, tzinfo=VIETNAM)
    with path.open("w", encoding="utf-8") as file:
        for number in range(1, count + 1):
            file.write(json.dumps(article(rng, number, start, edition), ensure_ascii=False) + "\n")


def article(rng, number, start, edition):
    outlet = rng.choice(list(COLUMNS))
    person, place = rng.choice(PEOPLE), rng.choice(PLACES)
    topic, tag = rng.choice(TOPICS)
    words = {"person": person, "place": place, "topic": topic, "year": rng.randint(2015, 2025)}
    paragraphs = [
        " ".join(rng.choice(SENTENCES).format(**words) for _ in range(rng.randint(2, 4)))
        for _ in range(rng.randint(3, 7))
    ]
    tags = sorted(
        {tag, place.lower(), *rng.sample(["điển hình", "thi đua", "dân tộc thiểu số", "khởi nghiệp"], 1)}
    )
    summary = f"{person} và {topic} ở {place}."
    if edition:
        summary += f" (Cập nhật lần {edition}.)"
        tags.append("cập nhật")
    return {
        "external_id": f"bench-{number:07d}",
        "outlet": outlet,
        "column": rng.choice(COLUMNS[outlet]),
        "kind": rng.choice(KINDS[outlet]),
        "title": rng.choice(TITLE_PATTERNS).format(**words),
        "summary": summary,
        "body": "".join(f"<p>{text}</p>" for text in paragraphs),
        "published_at": (start + timedelta(minutes=rng.randint(0, 10 * 365 * 24 * 60))).isoformat(),
        "tags": tags,
        "author": ", ".join(rng.sample(AUTHORS, rng.randint(1, 2))),
    }


@contextmanager
def throwaway_database(workdir, bench="bench_import"):
    """Point DATABASE_URL at a new, migrated database for the length of the block: a SQLite file in `workdir`,
    or, when DATABASE_URL names a PostgreSQL server, a database `<its name>_<bench>` on it, dropped after."""
    import dj_database_url

    original = os.environ.get("DATABASE_URL", "")
    if original and dj_database_url.parse(original)["ENGINE"].endswith("postgresql"):
        with postgres_database(original, bench) as url:
            yield migrated(url)
    else:
        yield migrated(f"sqlite:///{workdir / 'bench.sqlite3'}")


@contextmanager
def postgres_database(url, bench):
    import psycopg

    server = postgres_connection_arguments(url)
    name = f"{server['dbname']}_{bench}"
    with psycopg.connect(**server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        from django.db import connections

        connections.close_all()
        drop_database(server, name)


def drop_database(server, name, attempts=10):
    """Drop the bench's database, waiting for backends that FORCE may not end: an autovacuum worker, or those of
    another role (the bench's server processes just stopped), leave within seconds."""
    import psycopg

    for attempt in range(attempts):
        try:
            with psycopg.connect(**server) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except (psycopg.errors.ObjectInUse, psycopg.errors.InsufficientPrivilege):
            if attempt == attempts - 1:
                raise
            time.sleep(1)


def postgres_connection_arguments(url):
    """psycopg's connection arguments for the database a DATABASE_URL names, in autocommit (as CREATE and DROP
    DATABASE need)."""
    from dj_database_url import parse

    settings = parse(url)
    return {
        "host": settings["HOST"] or None,
        "port": settings["PORT"] or None,
        "user": settings["USER"] or None,
        "password": settings["PASSWORD"] or None,
        "dbname": settings["NAME"],
        "autocommit": True,
    }


def migrated(url):
    # In a child process, so that the migrations' memory does not count in the import's peak.
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput", "-v0"], check=True, env=env
    )
    os.environ["DATABASE_URL"] = url
    return url


def timed_import(label, path, count, index=True):
    from newsroom.importer.run import import_archive

    errors = []
    with path.open("rb") as lines, timed(label, count) as report:
        stats = import_archive(lines, on_error=errors.append, index=index)
        report.detail = f"(created {stats.created}, updated {stats.updated}, unchanged {stats.unchanged})"
    if errors:
        sys.exit(f"{label}: {len(errors)} lines failed, first: {errors[0]}")
    return report.seconds


def timed_indexing(label, path, count):
    from newsroom.importer.run import index_archive

    with path.open("rb") as lines, timed(label, count) as report:
        report.detail = f"(indexed {index_archive(lines)})"
    return report.seconds


class Report:
    detail = ""
    seconds = 0.0


@contextmanager
def timed(label, count):
    report = Report()
    started, cpu_started = time.perf_counter(), time.process_time()
    yield report
    report.seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    # Articles per CPU second of this process tells more than the wall clock on a busy machine (SQLite runs
    # in-process; PostgreSQL's own work is not counted in it).
    print(
        f"{label:<22} {count / report.seconds:8.0f} articles/s  {report.seconds:7.1f} s  "
        f"{count / cpu_seconds:6.0f} per CPU s  peak RSS {peak_rss_mib():6.0f} MiB  {report.detail}",
        flush=True,
    )


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=20_000, help="Articles to generate (default 20000).")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--import-only", action="store_true", help="Skip the two re-imports.")
    parser.add_argument(
        "--index-later",
        action="store_true",
        help="Import without search indexing, then index with index_archive; prints both and their sum.",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-import-") as workdir:
        workdir = Path(workdir)
        first, edited = workdir / "articles.jsonl", workdir / "articles-edited.jsonl"
        generate_articles(first, args.count, args.seed)
        if not args.import_only:
            generate_articles(edited, args.count, args.seed, edition=1)
        with throwaway_database(workdir) as url:
            import django

            django.setup()
            from django.db import connection

            print(f"{args.count} articles into {connection.vendor} ({url.rsplit('/', 1)[-1]})")
            print(
                f"{'before importing':<22} {'':>21}  {'':>9}  peak RSS {peak_rss_mib():6.0f} MiB", flush=True
            )
            if args.index_later:
                importing = timed_import("import, index later", first, args.count, index=False)
                indexing = timed_indexing("index_archive", first, args.count)
                total = importing + indexing
                print(f"{'both':<22} {args.count / total:8.0f} articles/s  {total:7.1f} s", flush=True)
            else:
                timed_import("import", first, args.count)
            if not args.import_only:
                timed_import("re-import, edited", edited, args.count)
                timed_import("re-import, unchanged", edited, args.count)


if __name__ == "__main__":
    main()
