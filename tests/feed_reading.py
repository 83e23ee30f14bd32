"""Reading the newsroom's RSS feeds as readers do: the XML as it is written (xml.etree) and as feed readers take
it (feedparser), each required element checked; the pages' <link rel="alternate"> that lead to them; the lead
picture each item encloses, fetched from its address."""

import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from urllib.parse import urlsplit

import feedparser

from newsroom import feeds
from newsroom.models import ArticlePage

RSS_TYPE = "application/rss+xml"
NAMESPACES = {"dc": feeds.DUBLIN_CORE_NAMESPACE, "atom": "http://www.w3.org/2005/Atom"}


class Feed:
    """A feed fetched with the test client: `channel` (xml.etree), `parsed` (feedparser), `items` (xml.etree)."""

    def __init__(self, response):
        self.response = response
        self.content = response.content
        self.channel = ET.fromstring(self.content).find("channel")
        self.parsed = feedparser.parse(self.content)
        self.items = self.channel.findall("item")

    def titles(self):
        return [item.findtext("title") for item in self.items]

    def item(self, title):
        (item,) = [item for item in self.items if item.findtext("title") == title]
        return item

    def entry(self, title):
        (entry,) = [entry for entry in self.parsed.entries if entry.title == title]
        return entry


def read_feed(client, url, host=None):
    """The feed at `url` (absolute, or a path on `host`), checked to be well-formed RSS 2.0 in UTF-8."""
    response = get(client, url, host)
    assert response.status_code == 200, (url, response.status_code)
    assert response["Content-Type"] == f"{RSS_TYPE}; charset=utf-8"
    feed = Feed(response)
    assert ET.fromstring(feed.content).get("version") == "2.0"
    assert not feed.parsed.bozo, feed.parsed.bozo_exception
    assert feed.parsed.version == "rss20"
    return feed


def get(client, url, host=None):
    """GET an absolute address on its own host, or a path on `host` (the test client's default host if None)."""
    parts = urlsplit(url)
    host = parts.hostname or host
    return client.get(parts.path, **({"HTTP_HOST": host} if host else {}))


def assert_channel(feed, title, link, description, articles):
    """The channel's required elements (title, link, description), its language, its own address (atom:link
    rel=self), absolute, and lastBuildDate: the latest date among `articles`, its items (publication date or
    last publishing, for an edit)."""
    channel, parsed = feed.channel, feed.parsed.feed
    assert channel.findtext("title") == parsed.title == title
    assert channel.findtext("link") == parsed.link == link
    assert channel.findtext("description") == parsed.subtitle == description
    assert channel.findtext("language") == parsed.language == "vi"
    self_link = channel.find("atom:link", NAMESPACES)
    assert self_link.get("rel") == "self" and self_link.get("href").startswith("http://")
    assert self_link.get("href").endswith(urlsplit(feed.response.wsgi_request.path).path)
    fresh = ArticlePage.objects.filter(pk__in=[article.pk for article in articles])
    latest = max(max(article.publication_date, article.last_published_at) for article in fresh)
    assert parsedate_to_datetime(channel.findtext("lastBuildDate")) == latest.replace(microsecond=0)


def assert_item(feed, article, *, link=None, authors=(), tags=()):
    """`article`'s item in `feed`, in XML and as feedparser reads it: title, absolute link (its canonical
    address unless `link`), standfirst, date, authors, tags, GUID."""
    item, entry = feed.item(article.title), feed.entry(article.title)
    link = link or article.full_url
    assert item.findtext("link") == entry.link == link
    assert link.startswith("http://")
    assert item.findtext("description") == entry.summary == article.standfirst
    assert parsedate_to_datetime(item.findtext("pubDate")) == article.publication_date
    assert [creator.text for creator in item.findall("dc:creator", NAMESPACES)] == list(authors)
    assert [author["name"] for author in entry.get("authors", [])] == list(authors)
    assert sorted(category.text for category in item.findall("category")) == sorted(tags)
    assert sorted(tag.term for tag in entry.get("tags", [])) == sorted(tags)
    guid = item.find("guid")
    assert guid.get("isPermaLink") == "false" and entry.id == guid.text == article_guid(article)
    return item, entry


def article_guid(article):
    return f"neu-guong-article-{article.alias_of_id or article.pk}"


def assert_encloses(client, feed, article, image):
    """The item encloses the lead picture as one JPEG rendition made by newsroom.pictures, whose address answers
    with exactly the bytes its length gives."""
    item, entry = feed.item(article.title), feed.entry(article.title)
    enclosure = item.find("enclosure")
    rendition = image.get_rendition(feeds.ENCLOSURE_SPEC)
    assert (rendition.width, enclosure.get("type")) == (960, "image/jpeg")
    assert enclosure.get("url").startswith("http://")
    assert urlsplit(enclosure.get("url")).path == rendition.url
    response = get(client, enclosure.get("url"))
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xff\xd8")  # a JPEG
    assert int(enclosure.get("length")) == len(body) == rendition.file.size
    assert entry.enclosures == [
        {"href": enclosure.get("url"), "length": str(len(body)), "type": "image/jpeg"}
    ]


class AlternateLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "head":
            self.in_head = True
        if tag == "link" and self.in_head and attributes.get("rel") == "alternate":
            self.links.append(attributes)

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def feed_links(html):
    """[(title, href)] of the RSS feeds the page's <head> names."""
    parser = AlternateLinks()
    parser.feed(html)
    return [(link["title"], link["href"]) for link in parser.links if link.get("type") == RSS_TYPE]
