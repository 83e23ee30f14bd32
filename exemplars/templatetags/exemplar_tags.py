from urllib.parse import urlencode

from django import template

from wagtail.models import Site

from exemplars.models import ExemplarIndexPage
from exemplars.models.shared import index_for_site

register = template.Library()


@register.simple_tag(takes_context=True)
def registry_url(context, **filters):
    """The registry on the reader's site (or the canonical one), filtered by `filters`; "" without a registry."""
    request = context.get("request")
    registry = index_for_site(ExemplarIndexPage, Site.find_for_request(request))
    return f"{registry.get_url(request)}?{urlencode(filters)}" if registry else ""
