"""One line's fields, validated and cleaned: the ArchiveArticle a line becomes, or the InvalidLine that says why
it cannot."""

import datetime
import json
import re
import unicodedata
from dataclasses import dataclass

from wagtail.models import Page
from wagtail.rich_text import RichText

from core.dates import LOCAL_TIME_ZONE
from core.vietnamese import normalize
from newsroom.models import ArticlePage, Author, Outlet, Tag
from newsroom.models.articles import publication_date_in_range

from .body import sanitise_body
from .lines import InvalidLine, json_object

# Limits that a real archive fits with room to spare (docs/archive-format.md says why); past them a line is
# refused, so one line can cost neither the memory nor the hours that a runaway export would.
BODY_MAX_LENGTH = 200_000
MAX_TAGS = 30
MAX_AUTHORS = 10

TITLE_MAX_LENGTH = Page._meta.get_field("title").max_length
EXTERNAL_ID_MAX_LENGTH = ArticlePage._meta.get_field("external_id").max_length
STANDFIRST_MAX_LENGTH = ArticlePage._meta.get_field("standfirst").max_length
TAG_MAX_LENGTH = Tag._meta.get_field("name").max_length
AUTHOR_MAX_LENGTH = Author._meta.get_field("name").max_length

# Characters no text field may hold: NUL, which PostgreSQL cannot store; lone surrogates, which a JSON escape
# can spell ("\ud800") but UTF-8 cannot encode; and the other control characters but tab, line feed and carriage
# return, which XML 1.0 forbids, so that Django refuses to write them into a column's RSS feed.
UNSTORABLE_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


@dataclass(frozen=True)
class ArchiveArticle:
    """One valid line of the archive, cleaned: the values an ArticlePage gets."""

    line_number: int
    external_id: str
    outlet: str
    column: str
    kind: str
    title: str
    standfirst: str
    body_html: str
    published_at: datetime.datetime
    tags: tuple[str, ...]
    authors: tuple[str, ...]

    @property
    def body(self):
        return [("paragraph", RichText(self.body_html))] if self.body_html else []


def parse_line(line_number, text):
    data = json_object(text)
    return ArchiveArticle(
        line_number=line_number,
        external_id=external_id(data),
        outlet=choice(data, "outlet", Outlet.values),
        column=required_text(data, "column", TITLE_MAX_LENGTH),
        kind=choice(data, "kind", ArticlePage.Kind.values, default=ArticlePage.Kind.ARTICLE),
        title=required_text(data, "title", TITLE_MAX_LENGTH),
        standfirst=optional_text(data, "summary", STANDFIRST_MAX_LENGTH),
        body_html=sanitise_body(optional_text(data, "body", BODY_MAX_LENGTH)),
        published_at=published_at(data),
        tags=names(text_list(data, "tags"), "tags", TAG_MAX_LENGTH, MAX_TAGS, spelling=normalize),
        authors=names(optional_text(data, "author").split(","), "author", AUTHOR_MAX_LENGTH, MAX_AUTHORS),
    )


def external_id(data):
    """The id the archive files the line's article under, which a re-import finds it by."""
    return required_text(data, "external_id", EXTERNAL_ID_MAX_LENGTH)


def required_text(data, key, max_length):
    value = optional_text(data, key, max_length)
    if not value:
        raise InvalidLine(f"{key} is missing or empty")
    return value


def optional_text(data, key, max_length=None):
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidLine(f"{key} must be a string, not {json_type(value)}")
    refuse_unstorable(key, value)
    # Archives mix composed and decomposed Vietnamese; stored text is composed (NFC) so it compares equal.
    value = unicodedata.normalize("NFC", value).strip()
    if max_length is not None and len(value) > max_length:
        raise InvalidLine(f"{key} is longer than {max_length} characters")
    return value


def choice(data, key, allowed, default=None):
    value = data.get(key)
    if value is None and default is not None:
        return default
    if not isinstance(value, str) or value not in allowed:
        raise InvalidLine(f"{key} must be one of {', '.join(allowed)}, not {shown(value)}")
    return value


def text_list(data, key):
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InvalidLine(f"{key} must be a list of strings")
    for item in value:
        refuse_unstorable(key, item)
    return value


def refuse_unstorable(key, value):
    if found := UNSTORABLE_CHARACTER.search(value):
        raise InvalidLine(f"{key} contains a character that cannot be stored (U+{ord(found.group()):04X})")


def names(values, key, max_length, max_count, spelling=lambda name: name):
    """Distinct, non-empty names in their first order; the same name in another case counts once."""
    if sum(1 for value in values if value.strip()) > max_count:
        raise InvalidLine(f"{key}: more than {max_count} names")
    distinct = {}
    for value in values:
        name = " ".join(spelling(unicodedata.normalize("NFC", value)).split())
        if len(name) > max_length:
            raise InvalidLine(f"{key}: {name[:40]!r}... is longer than {max_length} characters")
        if name:
            distinct.setdefault(name.casefold(), name)
    return tuple(distinct.values())


def published_at(data):
    value = data.get("published_at")
    if not isinstance(value, str) or not value.strip():
        raise InvalidLine("published_at is missing or not a string")
    try:
        moment = datetime.datetime.fromisoformat(value.strip())
    except ValueError:
        raise InvalidLine(f"published_at is not an ISO 8601 date and time: {shown(value)}") from None
    # A time without an offset is a time on the province's clocks.
    moment = moment if moment.tzinfo else moment.replace(tzinfo=LOCAL_TIME_ZONE)
    if not publication_date_in_range(moment):
        raise InvalidLine(
            f"published_at {shown(value)} is out of range: "
            "from 1900-01-01 (province time) to one year from now"
        )
    return moment


def shown(value):
    """A value as an error message quotes it: short, and with unprintable characters escaped."""
    if isinstance(value, str):
        return repr(value[:60]) + ("..." if len(value) > 60 else "")
    if isinstance(value, bool | int | float) or value is None:
        return json.dumps(value)[:60]
    return json_type(value)


def json_type(value):
    return {bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "an object"}.get(
        type(value), type(value).__name__
    )
