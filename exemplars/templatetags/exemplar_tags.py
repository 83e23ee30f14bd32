from urllib.parse import urlencode

from django import template

from exemplars.models import ExemplarIndexPage
from exemplars.models.shared import index_url_for_site

register = template.Library()


@register.simple_tag(takes_context=True)
def registry_url(context, **filters):
    """The registry on the reader's site (or the canonical one), filtered by `filters`; "" without a registry."""
    registry_url = index_url_for_site(ExemplarIndexPage, context.get("request"))
    return f"{registry_url}?{urlencode(filters)}" if registry_url else ""
