"""The canonical link of a page as this request shows it (templates/base.html).

A page's canonical URL is its original's (NewsroomPage.canonical_url) followed by the route served, if the page
has routes (a tag's articles, a programme's episode, a contest's results). A listing served a page at a time
keeps its page number, since each of its pages shows other items; a filtered listing (by tag, language, field
of the registry, a search) points at the listing itself, whose pages search engines index once.
"""

from django import template
from django.core.paginator import Page as ListingPage

from wagtail.contrib.routable_page.models import RoutablePageMixin

register = template.Library()

PAGE_PARAMETER = "page"


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The canonical URL of the context's page as this request shows it; "" for a page outside every site."""
    page, request = context["page"], context.get("request")
    page_url = page.canonical_url(request)
    if page_url is None:
        return ""
    url = page_url + route_served(page, request)
    number = listing_page_number(context, request)
    return f"{url}?{PAGE_PARAMETER}={number}" if number > 1 else url


def route_served(page, request):
    """The path of the route `page` serves for `request` ("" for its own address)."""
    match = getattr(request, "routable_resolver_match", None)
    if not isinstance(page, RoutablePageMixin) or match is None:
        return ""
    return page.reverse_subpage(match.url_name, args=match.args, kwargs=match.kwargs)


def listing_page_number(context, request):
    """The number of the listing's page shown, as its paginator settled it (a number past the end shows the
    last page); 1 when the listing is filtered, or when the page shows no listing."""
    if request is None or any(value for name, value in request.GET.items() if name != PAGE_PARAMETER):
        return 1
    # type() rather than isinstance(): isinstance would evaluate the context's lazy objects (the user).
    listings = [value for value in context.flatten().values() if issubclass(type(value), ListingPage)]
    return listings[0].number if len(listings) == 1 else 1
