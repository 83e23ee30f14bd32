"""Counting reads for the "most read" lists: an article's page posts its own id here once it is shown
(newsroom/static/newsroom/count_read.js), and a read is added to the article's row of the day (DailyReads).

The page counts itself from the reader's browser, so that a page served whole from a cache is counted too and
the page's HTML is the same for every reader. Readers without JavaScript are therefore not counted, nor are the
many crawlers that run none; those that run it announce themselves in their User-Agent, and are not counted.
No cookie is read or set, and nothing about the reader is stored: the client's address is held, as a keyed
hash with the page's id, in a server process's memory for RECOUNT_AFTER_SECONDS, so that a reload is not a
second read and one address cannot add more than one read of an article in that time (per server process).

Answers: 204 for a read counted or quietly left uncounted (a crawler, a reload), 403 for a request from another
site (a form or script elsewhere posting here), 405 for anything but POST, 413 for a body longer than any page id,
400 for a body that is not one, 404 for a page that is no live, public article of the site the request came to.
"""

import re

from django.core.cache import caches
from django.db.models import Subquery
from django.http import HttpResponse
from django.urls import path
from django.utils.crypto import salted_hmac
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from wagtail.models import Site

from core.client_address import client_address
from core.dates import local_today
from newsroom.models import ArticlePage, DailyReads, OutletHomePage

# The body is the page's id in decimal digits, at most the database's largest integer (ten digits).
MAX_BODY_BYTES = 16
PAGE_ID = re.compile(rb"\s*([0-9]{1,10})\s*")
MAX_PAGE_ID = 2**31 - 1
# Crawlers that run scripts name themselves so: Googlebot, bingbot, AhrefsBot, Baiduspider, "… crawler".
CRAWLER = re.compile(r"bot|crawl|spider", re.IGNORECASE)
RECENT_READS = "recent_reads"
RECOUNT_AFTER_SECONDS = 10 * 60


@csrf_exempt
@require_POST
def count_read(request):
    """Count one read of the article whose id is the body, on the outlet of the site the request came to."""
    if not comes_from_this_site(request):
        return HttpResponse(status=403)
    body = request.read(MAX_BODY_BYTES + 1)
    if len(body) > MAX_BODY_BYTES:
        return HttpResponse(status=413)
    page_id = parsed_page_id(body)
    if page_id is None:
        return HttpResponse(status=400)
    if is_crawler(request):
        return HttpResponse(status=204)
    outlet = outlet_showing(request, page_id)
    if outlet is None:
        return HttpResponse(status=404)
    if is_first_read_lately(request, page_id):
        DailyReads.objects.count_read(page_id, outlet, local_today())
    return HttpResponse(status=204)


def comes_from_this_site(request):
    """Whether a page of this very origin sent the request, as the browser says (Sec-Fetch-Site, which scripts
    cannot set) or, from a browser that does not send it, as the Origin header says. A request saying neither
    comes from no browser's page, and is refused: no form or script on another site can count a read here."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    return request.headers.get("Origin") == f"{request.scheme}://{request.get_host()}"


def parsed_page_id(body):
    match = PAGE_ID.fullmatch(body)
    if match is None:
        return None
    page_id = int(match[1])
    return page_id if page_id <= MAX_PAGE_ID else None


def is_crawler(request):
    agent = request.headers.get("User-Agent", "")
    return not agent.strip() or CRAWLER.search(agent) is not None


def outlet_showing(request, page_id):
    """The outlet whose site the request came to, if the page is a live, public article of that site."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    outlet = OutletHomePage.objects.filter(pk=site.root_page_id).order_by().values("outlet")
    shown = ArticlePage.objects.in_outlet(site.root_page).live().public().filter(pk=page_id)
    return shown.annotate(site_outlet=Subquery(outlet)).values_list("site_outlet", flat=True).first()


def is_first_read_lately(request, page_id):
    """True the first time in RECOUNT_AFTER_SECONDS that the client's address reads the page (cache.add is
    atomic). Readers behind one address, an office's or a mobile network's, reading the same article within
    that time count as one: a small undercount, the price of not letting one address add reads at will."""
    reader = salted_hmac("newsroom.read_counting", f"{client_address(request)} {page_id}").hexdigest()
    return caches[RECENT_READS].add(reader, True, RECOUNT_AFTER_SECONDS)


urlpatterns = [path("", count_read, name="count_read")]
