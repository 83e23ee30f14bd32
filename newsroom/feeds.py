"""RSS 2.0 feeds of the pages that list articles: an outlet's home, a column, a tag, an anniversary column, and
(in exemplars) a movement and an exemplar profile. Readers and aggregators follow a page without visiting it.

A page serves its feed at a route of its own (`feed_path`, "rss/" under the page), which a private page does not
serve (FeedRoutesMixin). An item is a live, public article: its title, its canonical address (an alias points at
its original, and names the outlet it came from in <source>), its standfirst, publication date, authors
(dc:creator), tags (<category>), a GUID that outlives any edit, and its lead picture as the enclosure, one JPEG
the lead use makes ahead when the image is saved. A feed costs the same few queries however many items it has.

Titles, authors and tags are plain text; a description is HTML, as the RSS profile has it, so the standfirst (plain
text) is escaped into it: markup an editor typed reaches the reader as text, never as markup.
"""

import re
import unicodedata
from functools import cached_property
from urllib.parse import urljoin

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed
from django.utils.html import escape

from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.images import get_image_model
from wagtail.models import Site

from core.dates import LOCAL_TIME_ZONE
from newsroom.pictures import PICTURE_USES

FEED_LENGTH = 30
FEED_PATH = "rss/"
DUBLIN_CORE_NAMESPACE = "http://purl.org/dc/elements/1.1/"
# The lead picture at the middle width of the lead use, as JPEG: made when the image is saved
# (newsroom.picture_renditions), so that a feed's reader never waits for it.
ENCLOSURE_FORMAT = "jpeg"
ENCLOSURE_SPEC = PICTURE_USES["lead"].filter_spec(960, ENCLOSURE_FORMAT)
ENCLOSURE_TYPE = f"image/{ENCLOSURE_FORMAT}"
# XML 1.0 cannot carry these control characters (text pasted from a word processor may hold one), and Django's
# feed writer refuses the whole feed for one of them.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def plain_text(value):
    """`value` as a feed carries text: composed (NFC), as Vietnamese is searched and shown, without what XML
    cannot carry."""
    return NOT_XML.sub("", unicodedata.normalize("NFC", value or ""))


def feed_path(pattern=FEED_PATH):
    """A route of a FeedRoutesMixin page that serves a feed (RoutablePageMixin's `path`)."""

    def decorator(view):
        view.serves_feed = True
        return path(pattern)(view)

    return decorator


class FeedRoutesMixin(RoutablePageMixin):
    """A page with feeds among its routes (`feed_path`). A private page has none: where its other routes ask the
    reader to log in or for its password, which no feed reader can give, its feeds are not found."""

    def route(self, request, path_components):
        result = super().route(request, path_components)
        view = result.args[0] if result.page is self and result.args else None
        if getattr(view, "serves_feed", False) and self.get_view_restrictions().exists():
            raise Http404("A private page has no feed.")
        return result


def feed_url(page, request, route="feed", *args, **kwargs):
    """The absolute address of `page`'s feed at `route`, on its own site."""
    return page.get_full_url(request) + page.reverse_subpage(route, args=args, kwargs=kwargs)


def in_outlet(name, request):
    """The title "name · outlet", the outlet being the site `request` reads, as page titles have it."""
    return f"{name} · {Site.find_for_request(request).site_name}"


class ArticleRss(Rss201rev2Feed):
    """Django's RSS 2.0 with one dc:creator per author and, for an article republished from another outlet, the
    <source> it came from: what each item's `creators` and `source` (name, feed address) give."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DUBLIN_CORE_NAMESPACE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for creator in item["creators"]:
            handler.addQuickElement("dc:creator", creator)
        if item["source"]:
            name, url = item["source"]
            handler.addQuickElement("source", name, {"url": url})


class ArticleFeed(Feed):
    """The newest live, public articles of `articles` (an ArticlePage queryset), the feed of `page`.

    The title is the page's followed by the outlet's name, the link the page's address, unless given.
    """

    feed_type = ArticleRss
    language = "vi"

    def __init__(self, page, articles, description, *, title="", link=""):
        super().__init__()
        self.page = page
        self.articles = articles
        self.channel_description = description
        self.channel_title = title
        self.channel_link = link

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    @cached_property
    def site_names(self):
        """{site id: name}: the outlets an alias's original may come from, read once a feed."""
        return dict(Site.objects.values_list("pk", "site_name"))

    def title(self):
        return plain_text(self.channel_title or in_outlet(self.page.title, self.request))

    def link(self):
        return self.channel_link or self.page.get_full_url(self.request)

    def feed_url(self):
        # The route this feed is served at, on the page's own site (a profile served on another outlet's site
        # has its feed on the portal's).
        match = self.request.routable_resolver_match
        return feed_url(self.page, self.request, match.url_name, *match.args, **match.kwargs)

    def description(self):
        return plain_text(self.channel_description)

    def items(self):
        images = get_image_model().objects.prefetch_renditions(ENCLOSURE_SPEC)
        # An alias's original gives its address and outlet (canonical_url, source_of).
        return self.articles.for_feed().prefetch_related(
            Prefetch("lead_image", queryset=images), "alias_of", "authors", "tags"
        )[:FEED_LENGTH]

    def item_title(self, article):
        return plain_text(article.title)

    def item_link(self, article):
        return article.canonical_url(self.request)

    def item_description(self, article):
        return escape(plain_text(article.standfirst)) or None

    def item_guid(self, article):
        # An alias is its original's story: the same GUID, so that a reader following both outlets sees it once.
        return f"neu-guong-article-{article.alias_of_id or article.pk}"

    def item_guid_is_permalink(self, article):
        return False

    def item_pubdate(self, article):
        return article.publication_date.astimezone(LOCAL_TIME_ZONE)

    def item_updateddate(self, article):
        # RSS writes no such date on an item, but the channel's lastBuildDate is the latest of these and of the
        # publication dates: an edit changes the channel too.
        return article.last_published_at and article.last_published_at.astimezone(LOCAL_TIME_ZONE)

    def item_categories(self, article):
        return [plain_text(tag.name) for tag in article.tags.all()]

    def item_enclosures(self, article):
        image = article.lead_image
        if image is None:
            return []
        rendition = image.get_rendition(ENCLOSURE_SPEC)
        try:
            size = rendition.file.size
        except OSError:
            # The file is gone from the media storage: the item goes out without its picture.
            return []
        url = urljoin(Site.find_for_request(self.request).root_url, rendition.url)
        return [Enclosure(url, str(size), ENCLOSURE_TYPE)]

    def item_extra_kwargs(self, article):
        return {
            "creators": [plain_text(author.name) for author in article.authors.all()],
            "source": self.source_of(article),
        }

    def source_of(self, article):
        """(outlet name, its feed's address) of the original of an alias; None for an original."""
        if not article.alias_of_id:
            return None
        site_id, root_url, _path = article.alias_of.get_url_parts(self.request)
        # Each site's root is an outlet's home page, whose feed is the outlet's.
        return plain_text(self.site_names[site_id]), f"{root_url}/{FEED_PATH}"
