"""What the contest's public pages show every entrant alike, made once and kept in the shared cache
(core.shared_cache), so that a round's last hour does not make it again for each of thousands of entrants.

- The contest page, as a reader without a session gets it: with placeholders where each reader's CSRF token and
  form puzzle go, put in for each request (`with_reader_fields`). A page holding a form sets the CSRF cookie, so
  the page cache (core.page_cache) cannot keep it whole; the token and the puzzle stay each reader's own, made
  as before, and checked as before when the form is sent.
- The frame of an attempt's page (the head, the site's header and footer) around a placeholder for the attempt
  itself, which is made for each request.

Kept under the page cache's generation, so that whatever purges the cached pages (a page published, a round or a
unit saved: purge_when_changed) purges these too, for PAGE_CACHE_SECONDS at most, and, for the contest page, never
past the next opening or closing of one of its rounds. Made afresh each time for an editor (the userbar), a
preview, while the shared cache is down, and when the page cache is off (PAGE_CACHE_SECONDS 0).
"""

import contextlib
import hashlib

from django.conf import settings
from django.middleware.csrf import get_token

from core import challenges, shared_cache
from core.cache_generations import current_generation
from core.page_cache import GENERATION_KEY

# Where a reader's own values go in a kept page: words no page shows otherwise, of letters and digits alone, so
# that escaping leaves them as they are.
TOKEN_PLACEHOLDER = "quizReaderCsrfToken5f2c9a"
PUZZLE_PLACEHOLDER = "quizReaderPuzzle5f2c9a"
CONTENT_PLACEHOLDER = "quizAttemptContent5f2c9a"


def kept(request, name, make):
    """The page or frame `name` as made for this request's site, from the shared cache; else `make()`, which
    returns (html, for how many seconds at most it may be kept), kept for that long (PAGE_CACHE_SECONDS at
    most)."""
    if not _may_keep(request):
        return make()[0]
    address = hashlib.sha256(f"{request.scheme}://{request.get_host()}{name}".encode()).hexdigest()

    def look_up(cache):
        # The generation is read before the page is made (as core.page_cache does): a change committed meanwhile
        # starts a generation no one reads this entry under.
        key = f"quiz-page:{current_generation(cache, GENERATION_KEY)}:{address}"
        return key, cache.get(key)

    try:
        key, html = shared_cache.use(look_up)
    except shared_cache.SharedCacheUnavailable:
        return make()[0]
    if html is None:
        html, seconds = make()
        seconds = min(seconds, settings.PAGE_CACHE_SECONDS)
        if seconds >= 1:
            with contextlib.suppress(shared_cache.SharedCacheUnavailable):
                shared_cache.use(lambda cache: cache.set(key, html, timeout=int(seconds)))
    return html


def with_reader_fields(request, html):
    """The contest page with this reader's CSRF token and a new puzzle, where its form has them."""
    if TOKEN_PLACEHOLDER in html:
        html = html.replace(TOKEN_PLACEHOLDER, get_token(request))
    if PUZZLE_PLACEHOLDER in html:
        html = html.replace(PUZZLE_PLACEHOLDER, challenges.new_puzzle())
    return html


def framed(frame, content):
    """The attempt's content in its kept frame."""
    before, _, after = frame.partition(CONTENT_PLACEHOLDER)
    return f"{before}{content}{after}"


def _may_keep(request):
    user = getattr(request, "user", None)
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and not getattr(request, "is_preview", False)
        and not (user is not None and user.is_authenticated)
    )
