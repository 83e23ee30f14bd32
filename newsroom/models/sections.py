"""Sections other apps put on newsroom pages through hooks, so that the newsroom needs to know none of them.

Each function registered on a hook takes (page, request) and returns a Section, or None when it has nothing to
show there; the page renders the sections in hook order.
"""

from dataclasses import dataclass, field

from wagtail import hooks

# In the header of every page of an outlet's site, after its menu; called with the outlet's home page.
HEADER_SECTIONS_HOOK = "newsroom_header_sections"
# Above a column's articles, on its front page only.
COLUMN_SECTIONS_HOOK = "newsroom_column_sections"
# Under an article's text, before its tags.
ARTICLE_SECTIONS_HOOK = "newsroom_article_sections"
# On an outlet's home page, where each outlet's template places them (templates/pages/home/).
HOME_SECTIONS_HOOK = "newsroom_home_sections"


@dataclass
class Section:
    """A block of a page: `template` is rendered with `section` set to `context`."""

    template: str
    context: dict = field(default_factory=dict)


def sections_for(hook_name, page, request):
    found = (section_for(page, request) for section_for in hooks.get_hooks(hook_name))
    return [section for section in found if section is not None]
