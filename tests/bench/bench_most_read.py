#!/usr/bin/env python
"""The "most read" list's two costs: reads counted per second through the endpoint, and most_read() over a year
of counts.

    .venv/bin/python tests/bench/bench_most_read.py [--articles 3000] [--days 365] [--reads 4000] \
        [--workers 2] [--threads 4] [--clients 16]
    DATABASE_URL=postgres://user:password@127.0.0.1/newsroom .venv/bin/python tests/bench/bench_most_read.py

A throwaway database (a temporary SQLite file, or NAME_bench_most_read beside the PostgreSQL database that
DATABASE_URL names, dropped afterwards) gets ARTICLES generated articles through the archive importer, spread
over the three outlets, and a row of counts for each of them on each of the last DAYS days (half of them today).
Then it times most_read() for each outlet; counts READS reads in this process through Django's test client
(the endpoint's own cost, without HTTP); and sends READS reads again to gunicorn, CLIENTS at a time, each from
an address of its own (X-Forwarded-For behind one trusted proxy), most of them to a few hot articles so that
they race on the same rows. It exits 1 unless every read was answered 204 and counted once.
"""

import argparse
import http.client
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
# DEBUG off, as in production.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")

from tests.bench.bench_import import generate_articles, throwaway_database  # noqa: E402
from tests.bench.load_harness import gunicorn, percentile  # noqa: E402

HOSTS = {"newspaper": "127.0.0.1", "broadcast": "drt.localhost", "portal": "congthongtin.localhost"}
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
HOT_ARTICLES = 10
ROWS_PER_INSERT = 5_000


def import_articles(workdir, count, seed):
    from newsroom.importer.run import import_archive

    path = workdir / "articles.jsonl"
    generate_articles(path, count, seed)
    errors = []
    with path.open("rb") as lines:
        import_archive(lines, on_error=errors.append, index=False)
    if errors:
        sys.exit(f"The import failed on {len(errors)} lines, first: {errors[0]}")


def articles_by_outlet():
    from newsroom.models import ArticlePage, OutletHomePage

    return {
        home: list(ArticlePage.objects.in_outlet(home).values_list("pk", flat=True))
        for home in OutletHomePage.objects.all()
    }


def record_history(articles, days, rng):
    """A row for every article on each of the last `days` days, and for half of them today; heavy-tailed counts."""
    from core.dates import local_today
    from newsroom.models import DailyReads

    today = local_today()
    rows = 0
    for home, page_ids in articles.items():
        for days_ago in range(days):
            day = today - timedelta(days=days_ago)
            read = page_ids if days_ago else rng.sample(page_ids, len(page_ids) // 2)
            counts = [
                DailyReads(page_id=page_id, outlet=home.outlet, day=day, reads=int(rng.paretovariate(1.2)))
                for page_id in read
            ]
            DailyReads.objects.bulk_create(counts, batch_size=ROWS_PER_INSERT)
            rows += len(counts)
    return rows


def time_most_read(articles, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from newsroom.most_read import most_read

    for home, page_ids in articles.items():
        most_read(home)
        with CaptureQueriesContext(connection) as queries:
            listed = most_read(home)
        query_count = len(queries)
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            most_read(home)
            timings.append(time.perf_counter() - started)
        print(
            f"  most_read({home.outlet:<9}) {len(page_ids):>6} articles  listed {len(listed)}  "
            f"{query_count} queries  median {statistics.median(timings) * 1000:6.2f} ms  "
            f"p95 {percentile(timings, 95) * 1000:6.2f} ms",
            flush=True,
        )


def planned_reads(articles, count, rng):
    """[(outlet, page id, reader's address)]: nine in ten reads go to a few hot articles of each outlet."""
    choices = [(home.outlet, page_ids) for home, page_ids in articles.items()]
    reads = []
    for number in range(count):
        outlet, page_ids = choices[number % len(choices)]
        page_id = rng.choice(page_ids[:HOT_ARTICLES] if rng.random() < 0.9 else page_ids)
        reads.append((outlet, page_id, f"10.{number >> 16 & 255}.{number >> 8 & 255}.{number & 255}"))
    return reads


def total_reads():
    from django.db.models import Sum

    from newsroom.models import DailyReads

    return DailyReads.objects.aggregate(total=Sum("reads"))["total"] or 0


def count_in_process(reads):
    """Each read posted through Django's test client: the view, its queries and the upsert, without HTTP."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()

    def post(outlet, page_id, address):
        return client.post(
            "/api/reads/",
            str(page_id),
            content_type="text/plain;charset=UTF-8",
            headers={"Sec-Fetch-Site": "same-origin", "User-Agent": BROWSER},
            HTTP_HOST=HOSTS[outlet],
            REMOTE_ADDR=address,
        ).status_code

    before = total_reads()
    # Read at once: the next request's start empties the connection's log.
    with CaptureQueriesContext(connection) as queries:
        post(*reads[0])
    query_count = len(queries)
    started, cpu_started = time.perf_counter(), time.process_time()
    statuses = [post(*read) for read in reads[1:]]
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    counted = total_reads() - before
    print(
        f"  in process     {len(reads)} reads  {len(reads[1:]) / seconds:6.0f} counted/s  "
        f"{seconds / len(reads[1:]) * 1000:5.2f} ms each ({cpu_seconds / len(reads[1:]) * 1000:4.2f} ms CPU here)  "
        f"{query_count} queries each  counted {counted}",
        flush=True,
    )
    return counted == len(reads) and set(statuses) == {204}


def fire(base, reads, clients):
    """The reads sent by `clients` threads at once, each on a kept-alive connection: their statuses, latencies
    and the wall-clock seconds."""
    start = threading.Barrier(clients + 1)
    shares = [reads[index::clients] for index in range(clients)]
    results = [[] for _ in range(clients)]

    def send(share, into):
        connection = http.client.HTTPConnection(urlsplit(base).netloc, timeout=60)
        start.wait()
        for outlet, page_id, address in share:
            began = time.perf_counter()
            headers = {
                "Host": HOSTS[outlet],
                "Content-Type": "text/plain;charset=UTF-8",
                "Sec-Fetch-Site": "same-origin",
                "User-Agent": BROWSER,
                "X-Forwarded-For": address,
            }
            try:
                connection.request("POST", "/api/reads/", str(page_id), headers)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                connection.close()
                status = 0
            into.append((status, time.perf_counter() - began))

    threads = [threading.Thread(target=send, args=pair) for pair in zip(shares, results, strict=True)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    flat = [result for share in results for result in share]
    return [status for status, _ in flat], [latency for _, latency in flat], seconds


def count_through_server(reads, args, workdir):
    before = total_reads()
    # Behind one proxy: the reader's address is the last X-Forwarded-For entry, one per read here.
    env = {**os.environ, "TRUSTED_PROXY_COUNT": "1"}
    with gunicorn(env, workdir / "gunicorn.log", workers=args.workers, threads=args.threads) as (base, _):
        statuses, latencies, seconds = fire(base, reads, args.clients)
    counted = total_reads() - before
    errors = [status for status in statuses if status != 204]
    print(
        f"  gunicorn       {len(reads)} reads  {len(reads) / seconds:6.0f} counted/s  "
        f"p50 {statistics.median(latencies) * 1000:5.1f} ms  p95 {percentile(latencies, 95) * 1000:5.1f} ms  "
        f"({args.workers} workers x {args.threads} threads, {args.clients} clients)  counted {counted}  "
        f"non-204 {len(errors)} {sorted(set(errors)) if errors else ''}",
        flush=True,
    )
    return counted == len(reads) and not errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--reads", type=int, default=4_000)
    parser.add_argument("--repeat", type=int, default=100, help="Timed calls of most_read() per outlet.")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    with tempfile.TemporaryDirectory(prefix="bench-most-read-") as workdir:
        workdir = Path(workdir)
        with throwaway_database(workdir, "bench_most_read"):
            import django

            django.setup()
            from django.db import connection

            started = time.perf_counter()
            import_articles(workdir, args.articles, args.seed)
            articles = articles_by_outlet()
            rows = record_history(articles, args.days, rng)
            print(
                f"{args.articles} articles, {rows} daily rows over {args.days} days, {connection.vendor} "
                f"(made in {time.perf_counter() - started:.0f} s)",
                flush=True,
            )
            time_most_read(articles, args.repeat)
            in_process_ok = count_in_process(planned_reads(articles, args.reads, rng))
            connection.close()
            server_ok = count_through_server(planned_reads(articles, args.reads, rng), args, workdir)
    ok = in_process_ok and server_ok
    print("OK" if ok else "FAILED: reads were refused or lost")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
