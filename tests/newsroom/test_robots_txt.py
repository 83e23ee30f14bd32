"""/robots.txt on each outlet's host: its sitemaps, the admin and the search results closed, the rest open."""

from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest

from newsroom.models import Outlet
from search.models import SearchPage

HOSTS = {"newspaper": "127.0.0.1", "broadcast": "drt.localhost", "portal": "congthongtin.localhost"}
SITEMAP_INDEX = "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"


def robots_rules(client, host):
    """The (field, value) lines of the host's robots.txt, blank lines left out."""
    response = client.get("/robots.txt", HTTP_HOST=host)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = [line for line in response.content.decode().splitlines() if line]
    return [tuple(part.strip() for part in line.split(":", 1)) for line in lines]


@pytest.mark.parametrize("outlet", Outlet.values)
def test_each_outlet_names_its_own_sitemap_and_closes_the_admin_and_search_results(client, outlets, outlet):
    search_path = urlsplit(SearchPage.objects.child_of(outlets[outlet]).get().full_url).path

    rules = robots_rules(client, HOSTS[outlet])

    assert rules[0] == ("User-agent", "*")
    assert [value for field, value in rules if field == "Disallow"] == ["/admin/", f"{search_path}?"]
    assert ("Allow", "/") in rules
    sitemaps = [value for field, value in rules if field == "Sitemap"]
    assert sitemaps[0] == f"http://{HOSTS[outlet]}/sitemap.xml"
    index = client.get(urlsplit(sitemaps[0]).path, HTTP_HOST=urlsplit(sitemaps[0]).hostname)
    assert ElementTree.fromstring(index.content).tag == SITEMAP_INDEX


def test_the_newspaper_names_its_news_sitemap_and_only_the_newspaper_does(client, outlets):
    def sitemaps(outlet):
        return [value for field, value in robots_rules(client, HOSTS[outlet]) if field == "Sitemap"]

    assert sitemaps(Outlet.NEWSPAPER) == ["http://127.0.0.1/sitemap.xml", "http://127.0.0.1/sitemap-news.xml"]
    assert sitemaps(Outlet.BROADCAST) == ["http://drt.localhost/sitemap.xml"]
    assert sitemaps(Outlet.PORTAL) == ["http://congthongtin.localhost/sitemap.xml"]
    assert client.get("/sitemap-news.xml", HTTP_HOST=HOSTS[Outlet.NEWSPAPER]).status_code == 200


def test_the_search_page_itself_stays_open_to_read_its_noindex(client, outlets):
    search_page = SearchPage.objects.child_of(outlets[Outlet.NEWSPAPER]).get()
    search_path = urlsplit(search_page.full_url).path

    disallowed = [value for field, value in robots_rules(client, HOSTS["newspaper"]) if field == "Disallow"]
    html = client.get(search_path, {"q": "già làng"}, HTTP_HOST=HOSTS["newspaper"]).content.decode()

    assert search_path not in disallowed
    assert '<meta name="robots" content="noindex">' in html
