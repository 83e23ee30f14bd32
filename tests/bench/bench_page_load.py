#!/usr/bin/env python
"""What the site serves under load, per page type: requests per second, p50 and p95, SQL queries per request,
cold and warm, with the page cache off and on.

    DATABASE_URL=postgres://user:password@127.0.0.1/newsroom .venv/bin/python tests/bench/bench_page_load.py \
        [--articles 20000] [--exemplars 1000] [--reuse] [--keep] [--seconds 10] [--connections 8] [--workers 2] \
        [--cold 50] [--only "column,search"]

The site: a database NAME_bench_pages beside the one DATABASE_URL names (PostgreSQL), made afresh with the demo,
ARTICLES generated articles and EXEMPLARS generated profiles (tests/bench/large_archive.py), and its media,
static files and servers' logs in build/bench-pages-NAME_bench_pages/; both are removed at the end, unless
--keep. --reuse serves what an earlier --keep run left (and keeps it).

Each page type is served by gunicorn (WORKERS workers, production settings, the shared cache in a redis-server
of its own on a free port) started afresh for it, once with the page cache off (PAGE_CACHE_SECONDS=0) and once
on (300 s), the cache emptied once the server answers. Cold: the first COLD requests, one at a time (a new
connection each). Warm: wrk over CONNECTIONS kept-alive connections for SECONDS, right after. Queries: counted
in another process on the same database and settings, with Django's test client, on a request after a first
one (with the cache on, the second is a kept page). The content API keeps its answers in a cache of its own
(newsroom.api_cache), on in both runs and emptied before the cold requests: its warm figures are those of that
cache, and it is left out of the ratio.

The last line, `cached/uncached: N×`, is the lowest ratio of the warm rates with the cache on and off over the
page types the page cache serves (the geometric mean above it). Figures measured on a machine others use are
rough, and both processes share its cores.
"""

import argparse
import math
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.bench_import import migrated, postgres_database  # noqa: E402
from tests.bench.load_harness import LoadFigures, cpu_seconds, gunicorn, percentile, send_all, wrk  # noqa: E402
from tests.redis_servers import RedisServer  # noqa: E402

BENCH = "bench_pages"
HOSTS = {"newspaper": "127.0.0.1", "broadcast": "drt.localhost", "portal": "congthongtin.localhost"}
CACHE_SECONDS = 300
# The search of the goal: a topic of the archive, in a reader's spelling.
SEARCH_QUERY = "c%C3%A0+ph%C3%AA"
API_LISTING = (
    "/api/v2/pages/?type=newsroom.ArticlePage&order=-publication_date&limit=20"
    "&fields=standfirst,thumbnail,tags,authors,publication_date"
)
API = "API"
# The goal of issue 18: an uncached p95 under this for every page type but search.
P95_GOAL_MS = 200


@dataclass(frozen=True)
class Site:
    """The site's database and the folder of its files (media, static files, servers' logs), named after it so
    that two runs against two PostgreSQL databases keep apart."""

    database_url: str
    workdir: Path


@dataclass(frozen=True)
class PageType:
    name: str
    host: str
    path: str


@dataclass(frozen=True)
class Run:
    cold: LoadFigures
    warm: LoadFigures
    warm_cpu_ms: float  # CPU time of gunicorn's processes per warm request
    queries: int


def main():
    options = parse_arguments()
    server_url = os.environ.get("DATABASE_URL", "")
    if not server_url.startswith(("postgres://", "postgresql://")):
        sys.exit("DATABASE_URL must name a PostgreSQL database: the site is made beside it (see --help).")
    site = site_beside(server_url)
    os.environ.update(site_environment(site.workdir))
    with site_made(server_url, site, options):
        os.environ["DATABASE_URL"] = site.database_url
        import django

        django.setup()
        pages = page_types(options.only)
        redis = RedisServer()
        redis.start()
        try:
            results = {
                cached: measure_all(pages, cached, redis.url, site.workdir, options)
                for cached in (False, True)
            }
        finally:
            redis.stop()
    print_table(pages, results, options)


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--exemplars", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--reuse", action="store_true", help="serve the site an earlier --keep run left")
    parser.add_argument("--keep", action="store_true", help="keep the site's database and files for --reuse")
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk run")
    parser.add_argument("--connections", type=int, default=8, help="wrk's connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn's workers")
    parser.add_argument("--cold", type=int, default=50, help="requests timed one at a time after a start")
    parser.add_argument("--only", help="comma-separated page types (as the table names them)")
    return parser.parse_args()


def site_beside(server_url):
    from dj_database_url import parse

    name = f"{parse(server_url)['NAME']}_{BENCH}"
    return Site(server_url.rsplit("/", 1)[0] + f"/{name}", ROOT / "build" / f"bench-pages-{name}")


def site_environment(workdir):
    """Production settings on loopback over plain HTTP, the outlets on the harness's host names."""
    return {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "SECRET_KEY": "bench-pages-on-loopback-only-" + "x" * 40,
        "NEWSPAPER_HOST": HOSTS["newspaper"],
        "BROADCAST_HOST": HOSTS["broadcast"],
        "PORTAL_HOST": HOSTS["portal"],
        "SECURE_SSL_REDIRECT": "false",
        "MEDIA_ROOT": str(workdir / "media"),
        "PRIVATE_MEDIA_ROOT": str(workdir / "private-media"),
        "STATIC_ROOT": str(workdir / "static"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        # Every request is counted against the limit as in production; one address makes them all here.
        "CONTENT_API_REQUESTS_PER_ADDRESS": str(10**9),
        "PAGE_CACHE_SECONDS": "0",
    }


@contextmanager
def site_made(server_url, site, options):
    """The site made and filled now, or reused; dropped at the end unless kept."""
    if options.reuse:
        if not site.workdir.exists():
            sys.exit(f"Nothing to reuse: {site.workdir} is missing (run once with --keep).")
        yield
        return
    database = kept_database(server_url, site) if options.keep else postgres_database(server_url, BENCH)
    shutil.rmtree(site.workdir, ignore_errors=True)
    site.workdir.mkdir(parents=True)
    with database:
        build_site(site, options)
        yield
    if not options.keep:
        shutil.rmtree(site.workdir, ignore_errors=True)


@contextmanager
def kept_database(server_url, site):
    import psycopg

    name = site.database_url.rsplit("/", 1)[1]
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield site.database_url


def build_site(site, options):
    started = time.perf_counter()
    name = site.database_url.rsplit("/", 1)[1]
    print(f"Making the site in {name} and {site.workdir.relative_to(ROOT)}/:", flush=True)
    migrated(site.database_url)
    # As a deployment goes: the caches' tables (which `setup` also makes, after its first pages), static files.
    for command in (["createcachetable"], ["collectstatic", "--noinput"]):
        subprocess.run([sys.executable, str(ROOT / "manage.py"), *command, "-v0"], check=True, env=os.environ)
    import django

    django.setup()
    from tests.bench.large_archive import build_large_archive

    build_large_archive(site.workdir, options.articles, options.exemplars, options.seed)
    print(f"  {'made in':<32} {time.perf_counter() - started:6.0f} s", flush=True)


def page_types(only):
    """One page of each type: its host and path."""
    from django.db.models import Count

    from exemplars.models import ExemplarIndexPage, ExemplarPage, MovementPage
    from newsroom.models import ColumnPage, Outlet, OutletHomePage
    from search.models import SearchPage

    homes = {home.outlet: home for home in OutletHomePage.objects.live()}
    newspaper = homes[Outlet.NEWSPAPER]
    column = ColumnPage.objects.child_of(newspaper).live().order_by("-numchild").first()
    pages = {f"home: {outlet}": home for outlet, home in sorted(homes.items())}
    pages |= {
        "column": column,
        "article": newest_story_with_a_picture(
            ColumnPage.objects.child_of(newspaper).live().order_by("path")
        ),
        "exemplar": ExemplarPage.objects.in_registry().exclude(lead_image=None).order_by("path").first(),
        "registry": ExemplarIndexPage.objects.live().get(alias_of__isnull=True),
        "movement": MovementPage.objects.live()
        .filter(alias_of__isnull=True)
        .annotate(profiles=Count("exemplars"))
        .order_by("-profiles")
        .first(),
    }
    found = [address(name, page) for name, page in pages.items()]
    found += [
        address("search", SearchPage.objects.live().child_of(newspaper).get(), f"?q={SEARCH_QUERY}"),
        address("feed", column, "rss/"),
        PageType(API, HOSTS["newspaper"], API_LISTING),
    ]
    if only:
        wanted = {name.strip() for name in only.split(",")}
        found = [page for page in found if page.name in wanted]
    return found


def newest_story_with_a_picture(columns):
    """The newest article with a lead picture of the first of `columns` that has one."""
    from newsroom.models import ArticlePage

    stories = ArticlePage.objects.live().filter(
        kind=ArticlePage.Kind.ARTICLE, lead_image__isnull=False, alias_of__isnull=True
    )
    return next(
        story for column in columns for story in stories.child_of(column).order_by("-publication_date")[:1]
    )


def address(name, page, suffix=""):
    from urllib.parse import urlsplit

    _site, root_url, path = page.get_url_parts()
    return PageType(name, urlsplit(root_url).hostname, path + suffix)


def measure_all(pages, cached, redis_url, workdir, options):
    """{page type: Run} with the page cache on or off."""
    environment = {
        **os.environ,
        "REDIS_URL": redis_url,
        "PAGE_CACHE_SECONDS": str(CACHE_SECONDS if cached else 0),
    }
    queries = counted_queries(environment, pages)
    return {
        page.name: measure(page, environment, queries[page.name], redis_url, workdir, options)
        for page in pages
    }


def measure(page, environment, queries, redis_url, workdir, options):
    """A server started for this page type: its cold requests, then wrk."""
    label = "cached" if environment["PAGE_CACHE_SECONDS"] != "0" else "uncached"
    log = workdir / f"gunicorn-{label}-{page.name.replace(': ', '-').replace(' ', '-')}.log"
    with gunicorn(environment, log, workers=options.workers, ready_path="/robots.txt") as (base, process):
        empty_caches(redis_url)
        cold = cold_requests(base, page, options.cold)
        cpu_before = cpu_seconds(process.pid)
        warm = wrk(base + page.path, host=page.host, connections=options.connections, seconds=options.seconds)
        cpu_ms = (cpu_seconds(process.pid) - cpu_before) * 1000 / max(warm.requests, 1)
    print(
        f"  {page.name:<18} {label:<8} cold {cold.per_second:7.1f}/s  warm {warm.per_second:7.1f}/s  "
        f"p95 {warm.p95_ms:7.1f} ms  {cpu_ms:5.1f} CPU ms  {queries} queries{failures(cold, warm)}",
        flush=True,
    )
    return Run(cold, warm, cpu_ms, queries)


def empty_caches(redis_url):
    """The page cache (the shared cache's Redis) and the content API's own cache (a new generation)."""
    import redis

    from newsroom.api_cache import start_new_generation

    redis.Redis.from_url(redis_url).flushdb()
    start_new_generation()


def cold_requests(base, page, count):
    requests = [urllib.request.Request(base + page.path, headers={"Host": page.host}) for _ in range(count)]
    answers, seconds = send_all(requests, concurrency=1)
    latencies = [answer.seconds * 1000 for answer in answers]
    return LoadFigures(
        requests=count,
        seconds=seconds,
        p50_ms=percentile(latencies, 50),
        p95_ms=percentile(latencies, 95),
        p99_ms=percentile(latencies, 99),
        max_ms=max(latencies),
        failed=sum(1 for answer in answers if answer.status != 200),
    )


def counted_queries(environment, pages):
    """{page type: the queries of one request}, counted in a process of its own set up with the server's
    environment."""
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(count_queries, environment, pages).result()


def count_queries(environment, pages):
    os.environ.clear()
    os.environ.update(environment)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    for page in pages:
        client.get(page.path, HTTP_HOST=page.host)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.path, HTTP_HOST=page.host)
        if response.status_code != 200:
            raise SystemExit(f"{page.name}: HTTP {response.status_code} at {page.host}{page.path}")
        counts[page.name] = len(queries)
    return counts


def failures(*figures):
    failed = sum(figure.failed for figure in figures)
    return f"  FAILED {failed}" if failed else ""


def print_table(pages, results, options):
    print(
        f"\n{options.workers} gunicorn workers, production settings. Cold: the first {options.cold} requests one at a "
        f"time after a start; warm: wrk, {options.connections} connections, {options.seconds} s; rates in requests/s, "
        "times in ms; cpu: CPU ms of gunicorn's processes per warm request; queries: SQL queries of one request."
    )
    part = f"|{'cold/s':>8}{'p50':>6}{'p95':>6}{'warm/s':>9}{'p50':>7}{'p95':>7}{'cpu':>6}{'queries':>8} "
    modes = {False: "page cache off", True: f"page cache on ({CACHE_SECONDS} s)"}
    print(f"{'':<18}" + "".join(f"| {mode:<{len(part) - 2}}" for mode in modes.values()) + "|")
    print(f"{'page type':<18}{part * 2}|{'×':>6}")
    ratios = {}
    for page in pages:
        row = f"{page.name:<18}"
        for cached in modes:
            run = results[cached][page.name]
            row += (
                f"|{run.cold.per_second:>8.1f}{run.cold.p50_ms:>6.0f}{run.cold.p95_ms:>6.0f}"
                f"{run.warm.per_second:>9.1f}{run.warm.p50_ms:>7.1f}{run.warm.p95_ms:>7.1f}"
                f"{run.warm_cpu_ms:>6.1f}{run.queries:>8} "
            )
        ratio = results[True][page.name].warm.per_second / results[False][page.name].warm.per_second
        if page.name != API:
            ratios[page.name] = ratio
        row += f"|{ratio:>6.1f}"
        if any(
            results[cached][page.name].cold.failed or results[cached][page.name].warm.failed
            for cached in modes
        ):
            row += "  (some answers were not 200: see the lines above)"
        print(row)
    print_goals(pages, results, ratios)


def print_goals(pages, results, ratios):
    slow = [
        f"{page.name} ({results[False][page.name].warm.p95_ms:.0f} ms)"
        for page in pages
        if page.name != "search" and results[False][page.name].warm.p95_ms >= P95_GOAL_MS
    ]
    print(
        f"\nuncached warm p95 under {P95_GOAL_MS} ms (all but search): {'yes' if not slow else 'no: ' + ', '.join(slow)}"
    )
    print(f"{API}: its own cache in both runs (newsroom.api_cache), not counted below.")
    if not ratios:
        return
    lowest = min(ratios, key=ratios.get)
    mean = math.exp(sum(math.log(ratio) for ratio in ratios.values()) / len(ratios))
    print(
        f"warm rate cached/uncached, geometric mean over {len(ratios)} page types: {mean:.1f}×; lowest: {lowest}"
    )
    print(f"cached/uncached: {ratios[lowest]:.1f}×")


if __name__ == "__main__":
    main()
