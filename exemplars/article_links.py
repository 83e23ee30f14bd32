"""The exemplars and movements an article is about, under its text, through the newsroom's article-sections hook.

Read through the article's own links, in the order the editor gave them, so a preview of unsaved links shows
them too; only live, public pages are shown.
"""

from wagtail import hooks

from newsroom.models.sections import ARTICLE_SECTIONS_HOOK, Section

from .models import ExemplarPage, MovementPage

SECTION_TEMPLATE = "exemplars/includes/article_links.html"


def register_article_section():
    hooks.register(ARTICLE_SECTIONS_HOOK, article_links_section)


def article_links_section(article, request):
    """The section linking `article` to its exemplars and movements, or None when it names none that is live."""
    exemplars = _live_in_order(ExemplarPage, [link.exemplar_id for link in article.exemplar_links.all()])
    movements = _live_in_order(MovementPage, [link.movement_id for link in article.movement_links.all()])
    if not exemplars and not movements:
        return None
    return Section(SECTION_TEMPLATE, {"exemplars": exemplars, "movements": movements})


def _live_in_order(page_class, ids):
    if not ids:
        return []
    pages = page_class.objects.live().public().in_bulk(ids)
    return [pages[pk] for pk in ids if pk in pages]
