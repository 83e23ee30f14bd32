"""What each outlet gives search engines to crawl: its sitemap and, for the newspaper, a Google News sitemap.

Each outlet is a Wagtail Site, and /sitemap.xml on its host is the index of its own sitemap: Django's sitemap
framework cuts a sitemap into pages of 50,000 addresses (`sitemap-pages.xml?p=2`), the most a sitemap may hold,
and the index lists them. A page is listed under its canonical URL once, in the sitemap of the outlet that
published it: what is left out is decided by each page type's `get_sitemap_urls` (NewsroomPage: aliases and the
page types marked `noindex`).
"""

import datetime
from dataclasses import dataclass

from django.contrib.sitemaps.views import x_robots_tag
from django.db.models import Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Concat
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page, Site

from core.dates import LOCAL_TIME_ZONE
from newsroom.models import ArticlePage, Outlet, OutletHomePage, OutletIdentity
from newsroom.models.languages import VIETNAMESE_CODE

# Google News takes the stories of the last two days, at most 1,000 in a sitemap.
NEWS_WINDOW = datetime.timedelta(hours=48)
NEWS_SITEMAP_LENGTH = 1000


class OutletSitemap(Sitemap):
    """The live, public pages of the request's site, as Wagtail's sitemap lists them, each with the newest
    publication in its subtree (its lastmod, see NewsroomPage.get_sitemap_urls).

    A page gives at most one address (NewsroomPage.get_sitemap_urls), so a page of the sitemap, cut at
    `limit` pages, holds at most `limit` addresses. Aliases, which give none, are left out here already,
    before they are loaded: an outlet may hold many republished stories.
    """

    def items(self):
        # A page's subtree is the range of paths [path, path + "~"): Wagtail's paths are digits and capital
        # letters, which sort before "~". A range, unlike a LIKE on the outer path, is read from the path's index.
        subtree = Q(path__gte=OuterRef("path"), path__lt=Concat(OuterRef("path"), Value("~")))
        newest_in_subtree = (
            Page.objects.live()
            .filter(subtree, last_published_at__isnull=False)
            .order_by("-last_published_at")
            .values("last_published_at")[:1]
        )
        return (
            super()
            .items()
            .filter(alias_of__isnull=True)
            .annotate(last_published_in_subtree=Subquery(newest_in_subtree))
        )

    def get_latest_lastmod(self):
        """For the index: the newest change in the sitemap, in one query (Django's default loads every page)."""
        latest = Max(Coalesce("last_published_at", "latest_revision_created_at"))
        return self.items().aggregate(latest=latest)["latest"]


# The sections of each outlet's sitemap index (/sitemap.xml), each at /sitemap-<section>.xml.
SITEMAPS = {"pages": OutletSitemap}


def newspaper_home(site):
    """The newspaper's home page if `site` is the newspaper's, else None."""
    if site is None:
        return None
    return OutletHomePage.objects.filter(pk=site.root_page_id, outlet=Outlet.NEWSPAPER).first()


@dataclass(frozen=True)
class NewsEntry:
    location: str
    title: str
    language: str
    # W3C date and time on the province's clock: 2025-06-01T09:00:00+07:00.
    publication_date: str

    @classmethod
    def of(cls, story, request):
        published = timezone.localtime(story.publication_date, LOCAL_TIME_ZONE)
        return cls(
            location=story.get_full_url(request),
            title=story.title,
            language=story.language.code if story.language_id else VIETNAMESE_CODE,
            publication_date=published.isoformat(timespec="seconds"),
        )


def recent_stories(home, now):
    """The stories `home`'s outlet published in the two days up to `now`, newest first, at most as many as a news
    sitemap holds. An alias is another outlet's story; a date still to come has not been published."""
    return (
        ArticlePage.objects.in_outlet(home)
        .for_feed()
        .filter(alias_of__isnull=True, publication_date__gte=now - NEWS_WINDOW, publication_date__lte=now)
        .select_related("language")[:NEWS_SITEMAP_LENGTH]
    )


@x_robots_tag
def news_sitemap(request):
    """The newspaper's Google News sitemap; the other outlets have none."""
    site = Site.find_for_request(request)
    home = newspaper_home(site)
    if home is None:
        raise Http404("Only the newspaper has a news sitemap.")
    stories = recent_stories(home, timezone.now())
    return TemplateResponse(
        request,
        "newsroom/news_sitemap.xml",
        {
            # The name readers see in the masthead (templates/components/site_header.html).
            "publication_name": OutletIdentity.for_site(site).full_name or home.get_outlet_display(),
            "entries": [NewsEntry.of(story, request) for story in stories],
        },
        content_type="application/xml",
    )
