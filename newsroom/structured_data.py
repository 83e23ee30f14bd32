"""What search engines read of a page beside its text: schema.org objects in JSON-LD, one script each, with the
properties Google's documentation asks of each type (developers.google.com/search/docs/appearance/structured-data).

Each object is a dict built in Python and serialised with the escapes of Django's json_script, so that no text of a
page (a title holding "</script>") can end its script. The newsroom builds the breadcrumb trail of every page below
an outlet's home, NewsArticle for articles and Event for anniversary columns; other apps add theirs through
STRUCTURED_DATA_HOOK (profiles, contests, broadcasts), so the newsroom imports none of them.
"""

import datetime
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from wagtail import hooks
from wagtail.models import Site

from core.dates import LOCAL_TIME_ZONE
from newsroom.models import ArticlePage, CampaignPage, OutletIdentity
from newsroom.models.languages import VIETNAMESE_CODE
from newsroom.pictures import PICTURE_USES, single_rendition
from newsroom.social_previews import local_iso, modified_at

# Functions (preview, request, context) returning a list of the objects they describe the page with (dicts), empty
# for the pages they know nothing of; `preview` is the page's newsroom.social_previews.PagePreview.
STRUCTURED_DATA_HOOK = "newsroom_structured_data"

SCHEMA = "https://schema.org"
# Each outlet is a Site whose root is its home page, one level below Wagtail's root.
OUTLET_HOME_DEPTH = 2
# What json_script escapes: inside <script>, "<" could open "</script>" and "&" a character reference.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
# The picture in search results: the share preview's crop and the whole picture as wide as a lead gets.
WIDEST_LEAD = PICTURE_USES["lead"].filter_spec(max(PICTURE_USES["lead"].widths), "jpeg")


def json_ld_scripts(objects):
    """The objects as <script type="application/ld+json"> elements, each with schema.org as its context."""
    return format_html_join(
        "\n", '<script type="application/ld+json">{}</script>', ((serialise(data),) for data in objects)
    )


def serialise(data):
    text = json.dumps({"@context": SCHEMA, **data}, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(JSON_SCRIPT_ESCAPES))


def structured_data_for(preview, request, context):
    objects = [*breadcrumbs(preview, request), *newsroom_objects(preview, request)]
    for describe in hooks.get_hooks(STRUCTURED_DATA_HOOK):
        objects.extend(describe(preview, request, context))
    return objects


def newsroom_objects(preview, request):
    if isinstance(preview.page, ArticlePage):
        return [news_article(preview, request)]
    if isinstance(preview.page, CampaignPage):
        return [campaign_event(preview, request)]
    return []


def breadcrumbs(preview, request):
    """A BreadcrumbList from the outlet's home down to the page, for every page below a home: each step named and
    linked, but the last, which is the page the reader is on."""
    page = preview.page
    steps = ancestors_from_the_home(page, request)
    if not steps and not preview.below_page:
        return []
    trail = [(step.title, step.get_full_url(request)) for step in steps]
    if preview.below_page:
        trail.append((page.title, page.get_full_url(request)))
    trail.append((preview.title, None))
    items = [_list_item(position, name, url) for position, (name, url) in enumerate(trail, 1)]
    return [{"@type": "BreadcrumbList", "itemListElement": items}]


def ancestors_from_the_home(page, request):
    """The page's ancestors from its outlet's home down, parent by parent. Wagtail's routing leaves on each page it
    goes through the page above it, and the home is the site's root page it read: a page it served has its trail
    without a query. A page shown otherwise (an editor's preview) reads its parents one at a time."""
    site = Site.find_for_request(request)
    home = site.root_page if site else None
    steps = []
    while page.depth > OUTLET_HOME_DEPTH:
        parent_path = page.path[: -page.steplen]
        page = home if home is not None and home.path == parent_path else page.get_parent()
        steps.append(page)
    return steps[::-1]


def _list_item(position, name, url):
    item = {"@type": "ListItem", "position": position, "name": name}
    if url:
        item["item"] = url
    return item


def news_article(preview, request):
    """NewsArticle: Google requires nothing of it and recommends the headline, images, dates with their offset
    and authors; the publisher is the outlet that first published the story."""
    article = preview.page
    original = article.alias_of.specific if article.alias_of_id else article
    publisher = outlet_organization(request, site=original.get_site())
    authors = [{"@type": "Person", "name": author.name} for author in article.authors.all()]
    data = {
        "@type": "NewsArticle",
        "headline": article.title,
        "url": preview.url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": preview.url},
        "datePublished": local_iso(article.publication_date),
        "dateModified": local_iso(modified_at(article)),
        "author": authors or [publisher],
        "publisher": publisher,
        "inLanguage": article.language.code if article.language_id else VIETNAMESE_CODE,
    }
    if preview.description:
        data["description"] = preview.description
    if preview.picture:
        data["image"] = image_urls(preview.picture, request)
    return data


def campaign_event(preview, request):
    """An anniversary column as an Event held online, from 00:00 on its first day to the end of its last."""
    campaign = preview.page
    return online_event(
        preview,
        request,
        start=datetime.datetime.combine(campaign.window_start, datetime.time.min, LOCAL_TIME_ZONE),
        end=datetime.datetime.combine(campaign.window_end, datetime.time(23, 59, 59), LOCAL_TIME_ZONE),
    )


def online_event(preview, request, *, start, end):
    """Event: Google requires its name, its start with the time zone (for an event online) and its location, here
    the page where it takes place (a VirtualLocation, whose address is required)."""
    data = {
        "@type": "Event",
        "name": preview.title,
        "url": preview.url,
        "startDate": local_iso(start),
        "endDate": local_iso(end),
        "eventStatus": f"{SCHEMA}/EventScheduled",
        "eventAttendanceMode": f"{SCHEMA}/OnlineEventAttendanceMode",
        "location": {"@type": "VirtualLocation", "url": preview.url},
        "organizer": outlet_organization(request),
    }
    if preview.description:
        data["description"] = preview.description
    if preview.picture:
        data["image"] = image_urls(preview.picture, request)
    return data


def outlet_organization(request, site=None):
    """The outlet of `site` (default: the one answering the request) as an Organization, with its logo if it has
    one."""
    own_site = Site.find_for_request(request)
    site = site or own_site
    identity = OutletIdentity.for_request(request) if site == own_site else OutletIdentity.for_site(site)
    organization = {
        "@type": "Organization",
        "name": identity.full_name or site.site_name,
        "url": f"{site.root_url}/",
    }
    if identity.logo_id:
        logo = single_rendition(identity.logo, "logo")
        organization["logo"] = {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(logo.url),
            "width": logo.width,
            "height": logo.height,
        }
    return organization


def image_urls(picture, request):
    """The picture as search engines take it: the share preview's 1200 × 630 crop, then the whole picture."""
    specs = (*PICTURE_USES["social"].filter_specs, WIDEST_LEAD)
    renditions = picture.get_renditions(*specs)
    return [request.build_absolute_uri(renditions[spec].url) for spec in specs]
