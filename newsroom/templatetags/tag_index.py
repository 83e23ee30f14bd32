from django import template

from newsroom.models import TagIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def tag_index_url(context, outlet_home):
    """The URL of the outlet's tag index (a tag's articles are at this URL and the tag's slug), or ""."""
    tag_index = TagIndexPage.objects.live().child_of(outlet_home).first() if outlet_home else None
    return tag_index.get_url(context.get("request")) if tag_index else ""
