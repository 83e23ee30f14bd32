"""Which slug sent by the page editor was filled in from the title, rather than typed by the editor.

The editor fills the slug in from the title as it is typed (newsroom/static/newsroom/admin/vietnamese-slug.js,
with the rules of core.vietnamese.slugify). Where that script did not run (a copy of the admin's scripts from
before it, a script error), Wagtail's own filled it in: it keeps the title's ASCII letters, digits and
underscores, lower-cased, turns each run of spaces and hyphens into one hyphen, drops other punctuation, and
spells every other character through its transliteration table, which for Vietnamese means without its marks
(ô -> o), not at all (ế, ư, ơ and most letters with two marks) or, for đ, "dj" (Serbian). It cuts the result at
the field's length. A slug that every character of the title accounts for in that way was filled in; an editor
typing a slug of their own words does not write the title's letters back in the title's order.
"""

import re

from core.vietnamese import ASCII_SPELLINGS, fold, slugify

# Page.slug's length, at which Wagtail's script cuts the slug (then drops a hyphen left at the end).
SLUG_MAX_LENGTH = 255

SEPARATOR = None
DJ_LETTERS = frozenset("đĐ")
ASCII_KEPT = re.compile(r"[A-Za-z0-9_]")


def filled_in_from_title(slug, title, max_length=SLUG_MAX_LENGTH):
    """Whether `slug` is what a script made of `title`: ours (core.vietnamese.slugify), or Wagtail's."""
    return slug == slugify(title, max_length) or _spelled_by_wagtails_script(slug, title, max_length)


def _spelled_by_wagtails_script(slug, title, max_length):
    # The ways the slug can be read so far, each as (characters of the slug accounted for, a hyphen is due).
    readings = {(0, False)}
    reached_the_end = False
    for char in title.strip():
        spellings = _outdated_spellings(char)
        if spellings is SEPARATOR:
            readings = {(position, True) for position, _ in readings}
            continue
        readings = {
            reading
            for position, hyphen_due in readings
            for spelling in spellings
            for reading in _read(slug, position, hyphen_due, spelling)
        }
        reached_the_end = reached_the_end or any(position == len(slug) for position, _ in readings)
        if not readings:
            break
    if any(position == len(slug) for position, _ in readings):
        return True
    # A slug cut at the field's length ends wherever the cut fell.
    return reached_the_end and len(slug) >= max_length - 1


def _read(slug, position, hyphen_due, spelling):
    """The readings after `spelling` (a character's spelling, maybe empty), from `position` in the slug."""
    if not spelling:
        return [(position, hyphen_due)]
    if hyphen_due:
        if not slug.startswith("-", position):
            return []
        position += 1
    return [(position + len(spelling), False)] if slug.startswith(spelling, position) else []


def _outdated_spellings(char):
    """SEPARATOR, or the spellings a script that misspells Vietnamese may have given `char`."""
    if ASCII_KEPT.match(char):
        return {char.lower()}
    if char == "-" or char.isspace():
        return SEPARATOR
    if char.isascii():
        return {""}
    spellings = {"", _ascii_spelling(char)}
    if char in DJ_LETTERS:
        spellings.add("dj")
    return spellings


def _ascii_spelling(char):
    spelling = fold(char).lower().translate(ASCII_SPELLINGS)
    return spelling if spelling.isascii() and spelling.isalnum() else ""
