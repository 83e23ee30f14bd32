from django import template
from django.utils.html import format_html

from newsroom import feeds

register = template.Library()


@register.simple_tag(takes_context=True)
def feed_link(context, page, title, route="feed", *route_args):
    """`{% feed_link page page.title %}` in the <head>: where browsers and feed readers find `page`'s feed at
    `route` (with its `route_args`), by its absolute address."""
    url = feeds.feed_url(page, context["request"], route, *route_args)
    return format_html('<link rel="alternate" type="application/rss+xml" title="{}" href="{}">', title, url)
