"""Reading an outlet's sitemaps in a test, as a search engine does: the index, then each sitemap it lists."""

from urllib.parse import urlsplit
from xml.etree import ElementTree

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def read_xml(client, url, host):
    """The XML document at `url` (a path, or an absolute URL as a sitemap gives it) on `host`'s site."""
    parts = urlsplit(url)
    address = f"{parts.path}?{parts.query}" if parts.query else parts.path
    response = client.get(address, HTTP_HOST=host)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml"
    return ElementTree.fromstring(response.content)


def sitemap_entries(client, host):
    """{location: lastmod} of every <url> in the sitemaps that the outlet's index lists (none listed twice)."""
    index = read_xml(client, "/sitemap.xml", host)
    assert index.tag == f"{SITEMAP}sitemapindex"
    entries, count = {}, 0
    for sitemap in index.iter(f"{SITEMAP}sitemap"):
        urlset = read_xml(client, sitemap.findtext(f"{SITEMAP}loc"), host)
        assert urlset.tag == f"{SITEMAP}urlset"
        for url in urlset.iter(f"{SITEMAP}url"):
            entries[url.findtext(f"{SITEMAP}loc")] = url.findtext(f"{SITEMAP}lastmod")
            count += 1
    assert count == len(entries), "an address is listed twice"
    return entries
