"""The admin screens a user reaches: from the dashboard, every admin URL each screen links to or loads, opened once
per kind of screen (its route, and for the page editor and explorer the page's type)."""

from collections import deque
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.urls import Resolver404, resolve

from wagtail.models import Page

from .visible_text import ADMIN, read_response

# Routes that are no screen of the admin: the public site rendered for a preview, the admin's API and assets,
# the scripts' endpoints (editing sessions), the JavaScript catalogue (tested on its own) and signing out. Bulk
# actions are screens, but only with the rows the user ticks, which the scripts add to their URLs.
NOT_SCREENS = (
    "preview",
    "view_draft",
    "revisions_view",
    "wagtailadmin_api",
    "wagtailadmin_editing_sessions",
    "wagtail_bulk_action",
)
NOT_SCREEN_ROUTES = {"wagtailadmin_sprite", "wagtailadmin_javascript_catalog", "wagtailadmin_logout"}
# Where a page's type changes what the screen holds: its panels and tabs, the pages it may hold.
PAGE_TYPE_ROUTES = {"wagtailadmin_pages:edit", "wagtailadmin_explore", "wagtailadmin_pages:add_subpage"}
PAGE_KWARGS = ("page_id", "parent_page_id")
# The kind of a screen keeps the names of the models it shows, not the ids of the objects; and for wagtailmedia's
# screens, the kind of item (adding audio and adding video are two screens).
MODEL_KWARGS = {"app_label", "model_name", "content_type_app_name", "content_type_model_name", "media_type"}
READABLE_TYPES = ("text/html", "application/json")


@dataclass(frozen=True)
class Screen:
    """A screen as opened: the URL asked for, what it is (for messages: where it was sent to, if elsewhere) and
    the strings it shows."""

    url: str
    kind: str
    strings: tuple


def screen_kind(url):
    """What kind of screen a URL opens ("wagtailadmin_pages:edit ArticlePage", "…?q"), or None: not a screen."""
    parts = urlsplit(url)
    if not parts.path.startswith(ADMIN):
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return "not found"
    route = match.view_name
    if route in NOT_SCREEN_ROUTES or any(word in route for word in NOT_SCREENS):
        return None
    details = [f"{name}={value}" for name, value in sorted(match.kwargs.items()) if name in MODEL_KWARGS]
    if route in PAGE_TYPE_ROUTES:
        details += [page_type(match.kwargs[name]) for name in PAGE_KWARGS if name in match.kwargs]
    if "q" in parse_qs(parts.query):
        details.append("search")
    return " ".join([route, *details])


def page_type(page_id):
    page = Page.objects.filter(pk=page_id).first()
    return page.specific_class.__name__ if page else "no page"


def open_screens(client, seeds):
    """Every screen reached from `seeds` by following the admin's own links, each kind opened once."""
    queue, urls_seen, kinds_seen, screens = deque(seeds), set(), set(), []
    while queue:
        url = queue.popleft()
        # Most links are on every screen (the menu, the header): a URL's kind is worked out once.
        if url in urls_seen:
            continue
        urls_seen.add(url)
        kind = screen_kind(url)
        if kind is None or kind in kinds_seen:
            continue
        kinds_seen.add(kind)
        response = client.get(url, follow=True)
        # A form's address answers GET with 405: it is no screen.
        if response.status_code == 405 or not response["Content-Type"].startswith(READABLE_TYPES):
            continue
        if response.redirect_chain:
            kind = f"{kind} → {response.request['PATH_INFO']}"
        reading = read_response(response)
        screens.append(Screen(url, kind, tuple(reading.strings)))
        queue.extend(reading.urls)
    return screens
