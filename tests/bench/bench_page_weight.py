#!/usr/bin/env python
"""What a reader's page weighs: queries and HTML size per public page type, and what a phone downloads for each
outlet's home page. (How fast pages are served under load: tests/bench/bench_page_load.py.)

    .venv/bin/python tests/bench/bench_page_weight.py [--database PATH] [--reuse] [--no-browser]

The demo is loaded into a fresh SQLite file (or --reuse the one an earlier run left at --database). Each page type
is read twice with Django's test client and the second read is counted: renditions are made when pages are
published, and a first read makes any left. Then a development server serves the same database and Chromium opens
each home page at 390 x 844, scrolls to its end so that every lazy picture loads, and adds up the bytes of every
response (HTML, CSS, script, pictures in the format and width the browser chose); the figure above the fold is the
sum before scrolling. The server does not compress, so text counts uncompressed.
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

PHONE = {"width": 390, "height": 844}


def main():
    options = parse_arguments()
    database = Path(options.database or Path(tempfile.mkdtemp(prefix="bench-page-weight-")) / "pages.sqlite3")
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("MEDIA_ROOT", str(database.parent / "media"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.settings.dev"
    import django

    django.setup()
    if not options.reuse:
        load_demo()
    print_page_costs(page_types())
    if not options.no_browser:
        print_phone_transfers(database)


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database", help="the SQLite file to load the demo into (default: a new temporary one)"
    )
    parser.add_argument(
        "--reuse", action="store_true", help="read the demo an earlier run left at --database"
    )
    parser.add_argument("--no-browser", action="store_true", help="count queries only")
    return parser.parse_args()


def load_demo():
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    print(f"demo loaded in {time.perf_counter() - started:.0f} s")


def page_types():
    """{page type: its URL}, one live page of each public type of the demo."""
    from contests.models import ContestIndexPage, ContestPage
    from exemplars.models import ExemplarIndexPage, ExemplarPage, MovementIndexPage, MovementPage
    from newsroom.models import ArticlePage, CampaignPage, ColumnPage, OutletHomePage, PlainPage, TagIndexPage
    from search.models import SearchPage

    def first(model, **filters):
        return model.objects.live().public().filter(**filters).order_by("path").first()

    homes = {home.outlet: home for home in OutletHomePage.objects.live()}
    tag_index = first(TagIndexPage)
    article = first(ArticlePage, kind=ArticlePage.Kind.ARTICLE, lead_image__isnull=False)
    tag = article.tags.first()
    contest = first(ContestPage)
    pages = {f"home: {outlet}": home for outlet, home in homes.items()}
    pages |= {
        "column": first(ColumnPage),
        "article": article,
        "photo story": first(ArticlePage, kind=ArticlePage.Kind.PHOTO),
        "tag index": tag_index,
        "registry": first(ExemplarIndexPage, alias_of__isnull=True),
        "exemplar profile": first(ExemplarPage, alias_of__isnull=True),
        "movement index": first(MovementIndexPage, alias_of__isnull=True),
        "movement": first(MovementPage, alias_of__isnull=True),
        "contest index": first(ContestIndexPage),
        "contest": contest,
        "anniversary column": first(CampaignPage),
        "plain page": first(PlainPage),
    }
    urls = {name: page.full_url for name, page in pages.items() if page is not None}
    urls["tag page"] = f"{tag_index.full_url}{tag.slug}/" if tag else None
    urls["entry status"] = f"{contest.full_url}tra-cuu/" if contest else None
    urls["search"] = f"{first(SearchPage).full_url}?q=c%C3%A0+ph%C3%AA"
    return {name: url for name, url in urls.items() if url}


def print_page_costs(urls):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    print(f"\n{'page type':<22}{'queries':>8}{'HTML KB':>9}")
    for name, url in urls.items():
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        client.get(path, HTTP_HOST=parts.hostname)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, HTTP_HOST=parts.hostname)
        status = "" if response.status_code == 200 else f"  (HTTP {response.status_code})"
        print(f"{name:<22}{len(queries):>8}{len(response.content) / 1024:>9.1f}{status}")


def print_phone_transfers(database):
    from newsroom.models import OutletHomePage

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=os.environ | {"PORT": str(port)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(port)
        homes = {home.outlet: urlsplit(home.full_url) for home in OutletHomePage.objects.live()}
        print(f"\n{'phone home page':<22}{'above fold KB':>14}{'whole page KB':>14}{'pictures':>9}")
        for outlet, address in homes.items():
            above, whole, pictures = phone_transfer(f"http://{address.hostname}:{port}{address.path}")
            print(f"{outlet:<22}{above / 1024:>14.0f}{whole / 1024:>14.0f}{pictures:>9}")
    finally:
        server.terminate()
        server.wait()


def phone_transfer(url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_context(viewport=PHONE, locale="vi-VN").new_page()
        received = []
        page.on("requestfinished", lambda request: received.append(request))
        page.goto(url, wait_until="networkidle")
        above = sum(transferred(request) for request in received)
        page.evaluate(
            "async () => { for (let y = 0; y < document.body.scrollHeight; y += 400) {"
            " window.scrollTo(0, y); await new Promise(r => setTimeout(r, 50)); } }"
        )
        page.wait_for_load_state("networkidle")
        whole = sum(transferred(request) for request in received)
        pictures = sum(1 for request in received if request.resource_type == "image")
        browser.close()
    return above, whole, pictures


def transferred(request):
    sizes = request.sizes()
    return sizes["responseBodySize"] + sizes["responseHeadersSize"]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit(f"the development server did not answer on port {port}")


if __name__ == "__main__":
    main()
