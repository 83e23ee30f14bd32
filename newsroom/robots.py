"""/robots.txt of each outlet: where its sitemaps are, and what crawlers should leave alone.

Crawlers leave the admin alone, and the query addresses of the page types marked `noindex` (the search page's
results: any query makes one, endlessly). The noindex page itself stays open, so that crawlers read its
`<meta name="robots" content="noindex">`; everything else is open.
"""

from django.http import HttpResponse
from django.urls import reverse

from wagtail.models import Page, Site, get_page_models

from newsroom.sitemaps import newspaper_home


def robots_txt(request):
    site = Site.find_for_request(request)
    disallowed = [reverse("wagtailadmin_home")] + [f"{path}?" for path in noindex_paths(site, request)]
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in disallowed),
        "Allow: /",
        "",
        *(f"Sitemap: {url}" for url in sitemap_urls(site, request)),
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def noindex_paths(site, request):
    """The paths of the site's live pages of a type marked `noindex`."""
    noindex_types = [model for model in get_page_models() if getattr(model, "noindex", False)]
    if site is None or not noindex_types:
        return []
    pages = Page.objects.live().descendant_of(site.root_page, inclusive=True).type(*noindex_types)
    return [page.get_url(request) for page in pages.order_by("path")]


def sitemap_urls(site, request):
    """The outlet's sitemap index and, on the newspaper, its Google News sitemap."""
    names = ["sitemap", "news_sitemap"] if newspaper_home(site) else ["sitemap"]
    return [request.build_absolute_uri(reverse(name)) for name in names]
