from django import template

from newsroom.republishing import first_publisher
from newsroom.social_previews import preview_for
from newsroom.structured_data import json_ld_scripts, structured_data_for

register = template.Library()


@register.simple_tag(takes_context=True)
def page_preview(context):
    """`{% page_preview as preview %}`: what a link to the page shows where it is shared (social_previews); None
    where no page is rendered."""
    return preview_for(context)


@register.simple_tag(takes_context=True)
def structured_data(context):
    """The page's JSON-LD scripts (newsroom.structured_data); nothing where no page is rendered."""
    preview = preview_for(context)
    if preview is None:
        return ""
    return json_ld_scripts(structured_data_for(preview, context["request"], context))


@register.inclusion_tag("components/share_links.html", takes_context=True)
def share_links(context):
    """Links to share the page on Facebook, through the device's share sheet (Zalo…) and by copying its address:
    no script or frame of anyone else's."""
    return {"preview": preview_for(context)}


@register.simple_tag
def first_published_by(alias):
    """`{% first_published_by page as outlet %}`: the outlet that first published the story an alias shows."""
    return first_publisher(alias)
