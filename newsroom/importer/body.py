"""The body's HTML from the archive made into what Wagtail's rich text editor could have saved."""

from functools import cache

from bs4 import BeautifulSoup
from bs4 import Tag as HTMLElement

from django.utils.html import escape

from wagtail.admin.rich_text.converters.editor_html import DbWhitelister, EditorHTMLConverter
from wagtail.whitelist import allow_without_attributes

from newsroom.blocks import RICH_TEXT_FEATURES

from .lines import InvalidLine

# How deep the body's HTML may nest (docs/archive-format.md); ArchiveHTMLWhitelister.clean says why.
BODY_MAX_NESTING = 100

# Elements whose content is code or an embedded document, never article text: they go with everything inside.
# The whitelist alone would unwrap them and leave `alert(1)` or a stylesheet as visible text.
DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "frame", "object", "embed", "noscript", "template", "svg", "math", "head"}
)


class ArchiveHTMLWhitelister(DbWhitelister):
    """Wagtail's whitelist for the body's rich text features, for HTML that did not come from Wagtail."""

    def __init__(self, converter_rules):
        super().__init__(converter_rules)
        # The paragraph block offers quotes in the editor, but the editor-HTML rules have no entry for them.
        self.element_rules["blockquote"] = allow_without_attributes

    def clean_tag_node(self, doc, tag):
        if tag.name in DROPPED_WITH_CONTENT:
            tag.decompose()
            return
        # These mark links and embeds by this site's own ids; archive HTML cannot mean any of ours.
        for attribute in ("data-linktype", "data-embedtype"):
            tag.attrs.pop(attribute, None)
        super().clean_tag_node(doc, tag)

    def clean(self, html):
        # Wagtail's clean(), with the nesting checked between parsing and cleaning: cleaning recurses a few calls
        # per level, and HTML a few hundred elements deep would exhaust Python's stack.
        doc = BeautifulSoup(html, "html.parser")
        if nesting_depth(doc) > BODY_MAX_NESTING:
            raise InvalidLine(f"body: HTML nested more than {BODY_MAX_NESTING} elements deep")
        self.clean_node(doc, doc)
        return doc.decode(formatter=escape)


def nesting_depth(doc):
    deepest, pending = 0, [(doc, 0)]
    while pending:
        element, depth = pending.pop()
        deepest = max(deepest, depth)
        pending += [(child, depth + 1) for child in element.children if isinstance(child, HTMLElement)]
    return deepest


@cache
def body_whitelister():
    return ArchiveHTMLWhitelister(EditorHTMLConverter(features=RICH_TEXT_FEATURES).converter_rules)


def sanitise_body(html):
    return body_whitelister().clean(html).strip() if html else ""
