"""What a user reads on an admin screen, and where it leads: its text, the attributes a browser shows (tooltips,
labels read aloud, placeholders, alternative text, the words on buttons) and the labels inside the JSON Wagtail
renders for its scripts (the sidebar's menu, the StreamField's blocks, the admin's strings), with the HTML that
JSON carries. Hidden parts count: dialogs, dropdowns, inactive tabs and templates are all shown at some point."""

import json
import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString
from bs4.element import CData, Comment, Declaration, Doctype, ProcessingInstruction

from .catalogues import normalised

SHOWN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
BUTTON_INPUT_TYPES = {"submit", "button", "reset"}
# Wagtail's controllers show these values: a tooltip's text, and a button's text while it works ("Saving…").
SHOWN_DATA_ATTRIBUTES = ("data-w-tooltip-content-value", "data-w-progress-active-value")
# JSON in a data attribute: block definitions, counters' labels, options.
JSON_VALUE = re.compile(r"^\s*[\[{]")
# Names, icons, CSS classes, URLs and keys in JSON are lowercase words without spaces; labels are not.
IDENTIFIER = re.compile(r"^[a-z0-9_.:#/?=&%+-]*$")
NOT_TEXT = (Comment, CData, Declaration, Doctype, ProcessingInstruction)
# Code and keys shown as they are typed: a spreadsheet's column names, a keyboard shortcut.
LITERAL_ELEMENTS = {"code", "kbd", "samp"}
# An element whose text the scripts replace before they show it: the side panel's counter of issues.
SCRIPT_FILLED = "data-side-panel-toggle-counter"
SCRIPT_TEMPLATES = {"text/template", "text/html"}
ADMIN = "/admin/"


@dataclass
class Reading:
    """The strings a user reads on a screen, and the admin URLs it links to or loads (links, GET forms, data
    attributes, the sidebar's menu and the choosers named in JSON)."""

    strings: list = field(default_factory=list)
    urls: list = field(default_factory=list)

    def add_html(self, html):
        soup = BeautifulSoup(html, "html.parser")
        for node in soup.find_all(string=True):
            if isinstance(node, NavigableString) and not isinstance(node, NOT_TEXT):
                self.add_text_node(node)
        for element in soup.find_all(True):
            self.add_attributes(element)

    def add_text_node(self, node):
        parent = node.parent
        if parent.name == "script":
            self.add_script(parent.get("type", ""), str(node))
        elif parent.name not in LITERAL_ELEMENTS | {"style"} and not parent.has_attr(SCRIPT_FILLED):
            self.add_string(str(node))

    def add_script(self, kind, content):
        if kind == "application/json":
            self.add_json(json.loads(content))
        elif kind in SCRIPT_TEMPLATES:
            self.add_html(content)

    def add_attributes(self, element):
        for name in SHOWN_ATTRIBUTES + SHOWN_DATA_ATTRIBUTES:
            if isinstance(element.get(name), str):
                self.add_string(element[name])
        if element.name == "input" and element.get("type") in BUTTON_INPUT_TYPES:
            self.add_string(element.get("value", ""))
        if element.name == "form" and element.get("method", "get").lower() == "get":
            self.add_url(element.get("action", ""))
        for name, value in element.attrs.items():
            if name == "href" or (name.startswith("data-") and isinstance(value, str)):
                self.add_url(value)
            if name.startswith("data-") and isinstance(value, str) and JSON_VALUE.match(value):
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
