from urllib.parse import urlencode

from django import template

from wagtail.models import Site

from exemplars.models import ExemplarIndexPage, ExemplarPage, MovementPage
from exemplars.models.shared import index_for_site

register = template.Library()


@register.simple_tag(takes_context=True)
def registry_url(context, **filters):
    """The registry on the reader's site (or the canonical one), filtered by `filters`; "" without a registry."""
    request = context.get("request")
    registry = index_for_site(ExemplarIndexPage, Site.find_for_request(request))
    return f"{registry.get_url(request)}?{urlencode(filters)}" if registry else ""


@register.inclusion_tag("exemplars/includes/article_links.html", takes_context=True)
def article_exemplars_and_movements(context, article):
    """The live exemplars and movements `article` is about, in the order the editor gave them.

    Read through the article's own links, so a preview of unsaved links shows them too.
    """
    exemplar_ids = [link.exemplar_id for link in article.exemplar_links.all()]
    movement_ids = [link.movement_id for link in article.movement_links.all()]
    return {
        "request": context.get("request"),
        "exemplars": _in_order(ExemplarPage, exemplar_ids),
        "movements": _in_order(MovementPage, movement_ids),
    }


def _in_order(page_class, ids):
    if not ids:
        return []
    pages = page_class.objects.live().public().in_bulk(ids)
    return [pages[pk] for pk in ids if pk in pages]
