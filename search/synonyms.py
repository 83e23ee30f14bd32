"""The press abbreviations and the editors' synonyms, as the engines read them for each query.

Two sources, one meaning per line: the dictionary in the repository (search/data/abbreviations.txt, read once
per process) and the groups the editors keep in the admin (search.models.SynonymGroup). Each form is a tuple of
folded words (search.analysis.folded_tokens), so "GD-ĐT", "GD&ĐT" and "gd dt" are one form; a form in several
groups has the forms of all of them.

The editors' groups take effect at the next search in every process, without a restart or a rebuild: each call
reads a version of the table in one aggregate query and builds the thesaurus again only when it changed.
"""

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.apps import apps
from django.db import connection

from .equivalents import folded_forms, written_forms

DICTIONARY = Path(__file__).resolve().parent / "data" / "abbreviations.txt"
SEPARATOR = "|"
COMMENT = "#"


@dataclass(frozen=True)
class Match:
    """A window of a query's folded words (words[start:end]) that is a form, and the other forms of its groups."""

    start: int
    end: int
    forms: tuple[tuple[str, ...], ...]


class Thesaurus:
    """Groups of equivalent forms, looked up by windows of a query's words."""

    def __init__(self, groups):
        """`groups`: iterables of forms, each form a tuple of folded words."""
        others = defaultdict(set)
        for group in groups:
            forms = set(group)
            for form in forms:
                others[form] |= forms - {form}
        self._alternatives = {form: tuple(sorted(found)) for form, found in others.items() if found}
        self._longest = max(map(len, self._alternatives), default=0)

    def alternatives(self, words):
        """Every window of `words` (a query's folded words) that is a form, the longest windows first, then from
        left to right: "ủy ban nhân dân tỉnh" matches the four words and, within them, "ủy ban"."""
        matches = []
        for size in range(min(self._longest, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                found = self._alternatives.get(tuple(words[start : start + size]))
                if found:
                    matches.append(Match(start=start, end=start + size, forms=found))
        return matches


def thesaurus():
    """The dictionary and the editors' groups as they are now."""
    return _thesaurus_of(_editors_version())


def read_dictionary(text):
    """The groups of a dictionary's text, each as {folded words: written form}: one group per line, the forms
    separated by "|"; blank lines and lines starting with "#" are none."""
    lines = (line.strip() for line in text.splitlines())
    return [folded_forms(line.split(SEPARATOR)) for line in lines if line and not line.startswith(COMMENT)]


@lru_cache(maxsize=1)
def dictionary():
    return read_dictionary(DICTIONARY.read_text(encoding="utf-8"))


def editors_groups():
    return [folded_forms(written_forms(forms)) for forms in _synonym_groups().values_list("forms", flat=True)]


def _editors_version():
    """What changes with every save and delete, whatever the order concurrent saves commit in: an added group
    raises the count or the highest id, a deleted one lowers the count, and every save adds one to the sum of
    saves (search.models.SynonymGroup.save). The last update time tells apart tables that reuse ids."""
    with connection.cursor() as cursor:
        cursor.execute(_version_query())
        return cursor.fetchone()


@lru_cache(maxsize=1)
def _version_query():
    """The version's SQL, written once: Django compiling the same aggregate for each search costs more than ten
    times the query (0.7 ms against 0.05 ms on SQLite)."""
    meta = _synonym_groups().model._meta
    quote = connection.ops.quote_name
    key, saves, updated_at = (quote(meta.get_field(name).column) for name in ("id", "saves", "updated_at"))
    return f"SELECT COUNT(*), MAX({key}), SUM({saves}), MAX({updated_at}) FROM {quote(meta.db_table)}"


def _synonym_groups():
    # Found by name rather than imported: search.models leads to the engines (its search page's views), and the
    # engines read this module.
    return apps.get_model("search", "SynonymGroup").objects


@lru_cache(maxsize=1)
def _thesaurus_of(version):
    # The version is read before the rows: a change committed in between is in the rows already, and the next
    # call, reading the new version, builds again.
    return Thesaurus([*dictionary(), *editors_groups()])
