from django import template

from search.models import SearchPage

register = template.Library()


@register.simple_tag(takes_context=True)
def outlet_search_url(context, outlet_home):
    """The URL of the outlet's search page, or "" when it has none."""
    search_page = SearchPage.objects.child_of(outlet_home).live().first() if outlet_home else None
    return search_page.get_url(context.get("request")) if search_page else ""
