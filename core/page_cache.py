"""Whole public pages kept in the shared cache (core.shared_cache), so that a page the province opens at once is
made once, and purged the moment anything readers see changes.

Kept: the 200 answers to GET requests from readers without a session (no cookie but the CSRF token's, which
changes nothing on a page without a form), for PAGE_CACHE_SECONDS (0: nothing is kept), outside
PAGE_CACHE_EXCLUDED_PATHS (the admin, documents, the APIs, private media). HEAD is answered from what a GET kept.
Never kept, whoever asked: an answer that sets a cookie (a session; a CSRF token, which every page with a form
uses), says private, no-cache or no-store, varies on another request header than Cookie, is streamed, or was made
for a logged-in user or a preview. A request with any other cookie (a session: an editor, a reader who entered a
page's password) is never answered from the cache, and its answer is marked private.

An answer is kept under its scheme, host (each outlet has its own) and full path with the query string, and under
the content generation, a value in the shared cache. Any change readers may see starts a new generation, once its
transaction commits (`content_changed`): every page listing the changed item is then made afresh on its next
request, and the entries of the generations before expire unread. Wagtail's changes are connected here (publish,
unpublish, move, delete, an alias created or converted, a view restriction, a site, an image, a document, a tag);
each app names the models of its own that public pages show with `purge_when_changed`, in its AppConfig.ready
rather than through a Wagtail hook: hooks are collected at their first lookup, and a receiver must be connected
before any command saves. What changes with time alone is bounded by PAGE_CACHE_SECONDS, or purged by the
scheduler's tick (README, "Cached pages and Redis").

Kept answers carry `Cache-Control: public` with a max-age of PAGE_CACHE_SECONDS, at most BROWSER_MAX_AGE (unless
the view set its own), `Vary: Cookie` and an ETag; a request whose If-None-Match matches gets 304, from the cache
or not.

While the shared cache is down (Redis stopped), pages are made as if the page cache were off.
"""

import contextlib
import hashlib

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    get_max_age,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)

from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import shared_cache
from .cache_generations import current_generation, new_generation

GENERATION_KEY = "page-cache:generation"
# Browsers keep a page at most this long without asking again: a purge cannot reach their copies.
BROWSER_MAX_AGE = 60
# Directives under which an answer must not be shared with another reader.
UNSHAREABLE = {"private", "no-cache", "no-store"}


class PageCacheMiddleware:
    """Near the top of MIDDLEWARE (below SecurityMiddleware and WhiteNoise), so that a kept page skips the rest,
    and every other middleware has finished the answer it keeps (cookies set, headers added)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or request.method not in ("GET", "HEAD") or _excluded(request.path_info):
            return self.get_response(request)
        if not _from_anonymous_reader(request):
            return _marked_private(self.get_response(request))
        try:
            key, kept = shared_cache.use(lambda cache: _lookup(cache, request))
        except shared_cache.SharedCacheUnavailable:
            return self.get_response(request)
        if kept is not None:
            response = _rebuilt(kept)
            return get_conditional_response(request, etag=response.get("ETag"), response=response)
        if request.method == "HEAD":
            # Views may answer HEAD with less than GET: only a GET's answer is kept.
            return self.get_response(request)
        response = self.get_response(request)
        if not _shareable(request, response):
            return _marked_private(response)
        _mark_public(response)
        with contextlib.suppress(shared_cache.SharedCacheUnavailable):
            shared_cache.use(lambda cache: cache.set(key, _kept(response), timeout=seconds))
        return get_conditional_response(request, etag=response.get("ETag"), response=response)


def content_changed(**kwargs):
    """A signal receiver: start a new generation once the current transaction commits (at once outside one).
    After the commit, so that a page made meanwhile from the content before is kept under the old generation."""
    transaction.on_commit(start_new_generation, robust=True)


def start_new_generation():
    # Tried even if the cache failed a moment ago: a purge missed leaves pages stale until they expire. Failing,
    # it is logged (core.shared_cache), and what Redis still keeps expires within PAGE_CACHE_SECONDS.
    with contextlib.suppress(shared_cache.SharedCacheUnavailable):
        shared_cache.use(lambda cache: new_generation(cache, GENERATION_KEY), retry_now=True)


def purge_when_changed(*models):
    """Start a new generation whenever an object of these models is saved or deleted: the models public pages
    show outside the pages' own revisions (snippets, settings, records shown on profiles)."""
    for model in models:
        label = model._meta.label_lower
        post_save.connect(content_changed, sender=model, dispatch_uid=f"page_cache_saved_{label}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"page_cache_deleted_{label}")


def connect_wagtail_changes():
    """What changes pages in Wagtail itself (core.apps)."""
    for signal, name in [(page_published, "published"), (page_unpublished, "unpublished")]:
        signal.connect(content_changed, dispatch_uid=f"page_cache_page_{name}")
    # A move changes the addresses of the page and everything under it, and the listings on both sides.
    post_page_move.connect(content_changed, dispatch_uid="page_cache_page_moved")
    # Deleting a page of any type deletes its Page row, which sends post_delete for Page.
    post_delete.connect(content_changed, sender=Page, dispatch_uid="page_cache_page_deleted")
    # Creating an alias publishes nothing (Wagtail sends page_published only when it updates one).
    post_save.connect(_alias_changed, dispatch_uid="page_cache_alias_saved")
    purge_when_changed(
        Site,
        PageViewRestriction,
        CollectionViewRestriction,
        get_image_model(),
        get_document_model(),
        Tag,
    )


def _alias_changed(sender, instance, created, update_fields=None, **kwargs):
    if not isinstance(instance, Page) or not instance.live:
        return
    # A new live alias; or an alias converted into a page of its own, whose canonical link changes.
    if (created and instance.alias_of_id) or (update_fields and "alias_of_id" in update_fields):
        content_changed()


def _lookup(cache, request):
    # The generation is read before the page is made: a change committed while it is made bumps the generation
    # after this read, so the page made from the content before is kept under a generation no one reads again.
    # Addresses are longer than a key may be: the key holds a digest of the address.
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    key = f"page:{current_generation(cache, GENERATION_KEY)}:{address}"
    return key, cache.get(key)


def _excluded(path):
    return path.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PATHS))


def _from_anonymous_reader(request):
    return set(request.COOKIES) <= {settings.CSRF_COOKIE_NAME} and "HTTP_AUTHORIZATION" not in request.META


def _shareable(request, response):
    user = getattr(request, "user", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not _directives(response.get("Cache-Control")) & UNSHAREABLE
        and _directives(response.get("Vary")) <= {"cookie"}
        and not (user is not None and user.is_authenticated)
        and not getattr(request, "is_preview", False)
    )


def _directives(header):
    """The names in a Cache-Control or Vary header, in lower case, without their values."""
    return {part.split("=")[0].strip().lower() for part in cc_delim_re.split(header or "") if part.strip()}


def _mark_public(response):
    patch_vary_headers(response, ["Cookie"])
    if get_max_age(response) is None:
        patch_cache_control(response, max_age=min(settings.PAGE_CACHE_SECONDS, BROWSER_MAX_AGE))
    patch_cache_control(response, public=True)
    if not response.has_header("ETag"):
        set_response_etag(response)


def _marked_private(response):
    """A page made for one reader: no cache between them and us may keep it, and their browser asks again."""
    if response.status_code == 200 and not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True, no_cache=True)
    return response


def _kept(response):
    return {"status": response.status_code, "headers": dict(response.items()), "content": response.content}


def _rebuilt(kept):
    return HttpResponse(kept["content"], status=kept["status"], headers=kept["headers"])
