"""Reading what a public page tells the apps it is shared in and search engines, as they read it: the Open Graph
and Twitter tags of its head, its JSON-LD, its share links and the scripts and frames it loads."""

import json
import re
from html.parser import HTMLParser
from io import BytesIO
from urllib.parse import urlsplit

from PIL import Image as PillowImage

from django.conf import settings
from django.core.files.storage import default_storage

# What Google's documentation requires of each type we publish, and what we always carry of what it recommends
# (developers.google.com/search/docs/appearance/structured-data); a picture only where the page has one.
REQUIRED = {
    "BreadcrumbList": {"itemListElement"},
    "NewsArticle": {"headline", "datePublished", "dateModified", "author", "publisher", "mainEntityOfPage"},
    "Event": {"name", "startDate", "location", "endDate", "eventStatus", "eventAttendanceMode", "organizer"},
    "VideoObject": {"name", "thumbnailUrl", "uploadDate", "contentUrl", "duration"},
    "AudioObject": {"name", "uploadDate", "contentUrl", "duration"},
    "Person": {"name", "url"},
    "Organization": {"name", "url"},
}
OFFSET = re.compile(r"T\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


class PageMarkup(HTMLParser):
    """The head's meta tags, the JSON-LD scripts, every script's and frame's address, links and form fields."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.meta, self.json_ld, self.script_sources, self.frames = [], [], [], []
        self.links, self.inputs, self.canonical = [], [], None
        self._in_json_ld = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta" and ("property" in attributes or "name" in attributes):
            key = attributes.get("property") or attributes.get("name")
            self.meta.append((key, attributes.get("content", "")))
        elif tag == "script":
            self._in_json_ld = attributes.get("type") == "application/ld+json"
            if "src" in attributes:
                self.script_sources.append(attributes["src"])
        elif tag == "iframe":
            self.frames.append(attributes.get("src", ""))
        elif tag == "a":
            self.links.append(attributes)
        elif tag == "input":
            self.inputs.append(attributes)
        elif tag == "link" and attributes.get("rel") == "canonical":
            self.canonical = attributes["href"]

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(json.loads(data))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def property(self, key):
        """The one value of a meta property (og:title); an error if the page has none or several."""
        (value,) = [content for name, content in self.meta if name == key]
        return value

    def properties(self, key):
        return [content for name, content in self.meta if name == key]

    def of_type(self, schema_type):
        """The JSON-LD objects of a type, each checked to carry its required properties."""
        found = [data for data in self.json_ld if data["@type"] == schema_type]
        for data in found:
            assert data["@context"] == "https://schema.org"
            missing = REQUIRED[schema_type] - data.keys()
            assert not missing, f"{schema_type} lacks {missing}: {data}"
        return found

    def link_to(self, host):
        (link,) = [link for link in self.links if urlsplit(link.get("href", "")).hostname == host]
        return link["href"]


def markup(response):
    return PageMarkup(response.content.decode())


def stored_image(url):
    """The image file a media URL serves, opened with Pillow."""
    path = urlsplit(url).path
    assert path.startswith(settings.MEDIA_URL)
    with default_storage.open(path.removeprefix(settings.MEDIA_URL)) as file:
        image = PillowImage.open(BytesIO(file.read()))
        image.load()
    return image


def assert_local_time(value):
    assert OFFSET.search(value), f"{value} is not a time with its offset"


def assert_only_our_scripts_and_no_frames(page):
    """Every script is served by the site itself (a path, never another host), and nothing is framed."""
    for source in page.script_sources:
        assert source.startswith("/") and not source.startswith("//"), source
    assert page.frames == []
