"""What a user reads on an admin screen, and where it leads: its text, the attributes a browser shows (tooltips,
labels read aloud, placeholders, alternative text, the words on buttons) and the labels inside the JSON Wagtail
renders for its scripts (the sidebar's menu, the StreamField's blocks, the admin's strings), with the HTML that
JSON carries. Hidden parts count: dialogs, dropdowns, inactive tabs and templates are all shown at some point.

A crawl reads some 800 screens, so a screen is read in one pass of the standard library's HTML parser, without
building a tree: each text is held by the innermost element open around it, elements nest as Beautiful Soup nests
them on that parser (a void element such as <input> closes at once, an end tag closes every element opened after
the one it names, an end tag nothing opened is ignored), and texts are read before the elements' attributes, each
in the order of the page."""

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .catalogues import normalised

SHOWN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
BUTTON_INPUT_TYPES = {"submit", "button", "reset"}
# Wagtail's controllers show these values: a tooltip's text, and a button's text while it works ("Saving…").
SHOWN_DATA_ATTRIBUTES = ("data-w-tooltip-content-value", "data-w-progress-active-value")
# JSON in a data attribute: block definitions, counters' labels, options.
JSON_VALUE = re.compile(r"^\s*[\[{]")
# Names, icons, CSS classes, URLs and keys in JSON are lowercase words without spaces; labels are not.
IDENTIFIER = re.compile(r"^[a-z0-9_.:#/?=&%+-]*$")
# Code and keys shown as they are typed: a spreadsheet's column names, a keyboard shortcut.
LITERAL_ELEMENTS = {"code", "kbd", "samp"}
# An element whose text the scripts replace before they show it: the side panel's counter of issues.
SCRIPT_FILLED = "data-side-panel-toggle-counter"
SCRIPT_TEMPLATES = {"text/template", "text/html"}
ADMIN = "/admin/"
# Elements that hold nothing: they close where they open (HTML's void elements, and the older ones).
VOID_ELEMENTS = {
    *("area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "menuitem", "meta"),
    *("param", "source", "track", "wbr", "basefont", "bgsound", "command", "frame", "image", "isindex"),
    *("nextid", "spacer"),
}


@dataclass(frozen=True)
class Element:
    name: str
    attrs: dict


class Page(HTMLParser):
    """An HTML document as texts, each with the element holding it (None at the top), and elements, in order.
    Comments, declarations and processing instructions end a text and are not read."""

    def __init__(self, html):
        super().__init__()
        self.texts, self.elements = [], []
        self.open, self.pieces = [], []
        # Void elements closed at their start tag, whose end tag may still come: it is then no end tag at all.
        self.closed_at_start = []
        self.feed(html)
        self.close()
        self.end_text()

    def handle_starttag(self, tag, attrs):
        self.start(tag, attrs)
        if tag in VOID_ELEMENTS:
            self.end(tag)
            self.closed_at_start.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.start(tag, attrs)
        self.end(tag)

    def handle_endtag(self, tag):
        if tag in self.closed_at_start:
            self.closed_at_start.remove(tag)
        else:
            self.end(tag)

    def handle_data(self, data):
        self.pieces.append(data)

    def handle_comment(self, data):
        self.end_text()

    handle_decl = handle_pi = unknown_decl = handle_comment

    def start(self, tag, attrs):
        self.end_text()
        element = Element(tag, {name: "" if value is None else value for name, value in attrs})
        self.elements.append(element)
        self.open.append(element)

    def end(self, tag):
        self.end_text()
        names = [element.name for element in self.open]
        if tag in names:
            del self.open[len(names) - 1 - names[::-1].index(tag) :]

    def end_text(self):
        if self.pieces:
            self.texts.append(("".join(self.pieces), self.open[-1] if self.open else None))
            self.pieces = []


@dataclass
class Reading:
    """The strings a user reads on a screen, and the admin URLs it links to or loads (links, GET forms, data
    attributes, the sidebar's menu and the choosers named in JSON)."""

    strings: list = field(default_factory=list)
    urls: list = field(default_factory=list)

    def add_html(self, html):
        page = Page(html)
        for text, parent in page.texts:
            self.add_text(text, parent)
        for element in page.elements:
            self.add_attributes(element)

    def add_text(self, text, parent):
        if parent is None:
            self.add_string(text)
        elif parent.name == "script":
            self.add_script(parent.attrs.get("type", ""), text)
        elif parent.name not in LITERAL_ELEMENTS | {"style"} and SCRIPT_FILLED not in parent.attrs:
            self.add_string(text)

    def add_script(self, kind, content):
        if kind == "application/json":
            self.add_json(json.loads(content))
        elif kind in SCRIPT_TEMPLATES:
            self.add_html(content)

    def add_attributes(self, element):
        name, attrs = element.name, element.attrs
        for shown in SHOWN_ATTRIBUTES + SHOWN_DATA_ATTRIBUTES:
            if shown in attrs:
                self.add_string(attrs[shown])
        if name == "input" and attrs.get("type") in BUTTON_INPUT_TYPES:
            self.add_string(attrs.get("value", ""))
        if name == "form" and attrs.get("method", "get").lower() == "get":
            self.add_url(attrs.get("action", ""))
        for attribute, value in attrs.items():
            if attribute == "href" or attribute.startswith("data-"):
                self.add_url(value)
            if attribute.startswith("data-") and JSON_VALUE.match(value):
                self.add_json(parsed_json(value))

    def add_json(self, value):
        """The labels in JSON: its strings that are not identifiers, and the text of the HTML some carry."""
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            for item in value:
                self.add_json(item)
        elif isinstance(value, str) and value.startswith(ADMIN):
            self.add_url(value)
        elif isinstance(value, str) and not IDENTIFIER.match(value):
            if "<" in value and ">" in value:
                self.add_html(value)
            else:
                self.add_string(value)

    def add_string(self, text):
        text = normalised(text)
        if text:
            self.strings.append(text)

    def add_url(self, url):
        if url.startswith(ADMIN):
            self.urls.append(url)


def parsed_json(value):
    """A data attribute's JSON, or nothing where the value only starts like JSON (a CSS selector "[…]")."""
    try:
        return json.loads(value)
    except ValueError:
        return None


def read_response(response):
    """The Reading of an admin response: an HTML page, or the JSON of a dialog (a chooser's)."""
    reading = Reading()
    content = response.content.decode(response.charset or "utf-8")
    if response["Content-Type"].startswith("application/json"):
        reading.add_json(json.loads(content))
    else:
        reading.add_html(content)
    return reading
