import os
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from django.conf import settings
from django.db import connections

from tests.conftest import require_service

CHROMIUM = "/usr/bin/chromium"
# Flags for a closed network and a root user: no sandbox, no background calls home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in the test's thread; the ORM calls made there are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# One browser per test, started after the test's database is in place: Playwright runs an event loop in this
# thread, and a database restored (serialized rollback) while that loop runs is not the one the test then sees.
@pytest.fixture
def browser(live_server):
    require_service(shutil.which(CHROMIUM), "Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # What the test wrote while Playwright's loop ran went through connections of that loop's context, which
        # nothing closes after it: left open, they keep the test database from being dropped.
        connections.close_all()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def reader(page):
    """The browser tab, with the library's pictures served as the site's web server serves MEDIA_URL."""
    media_root = Path(settings.MEDIA_ROOT)

    def serve_media(route):
        route.fulfill(
            path=media_root / unquote(urlsplit(route.request.url).path).removeprefix(settings.MEDIA_URL)
        )

    page.route(f"**{settings.MEDIA_URL}**", serve_media)
    return page
