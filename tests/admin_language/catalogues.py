"""The English the admin could show, read from the catalogues it draws on, and how much of Wagtail's English the
project's own Vietnamese catalogue (locale/wagtail, README "Admin strings") translates.

Every msgid of Django's own catalogue, of every installed app's (Django's contrib apps, Wagtail's, the
third-party apps' and ours) and of the project's LOCALE_PATHS is English the admin may print. An app's English
catalogue is read where it ships one; otherwise any language's, since the msgids are the same in all of them.

`wagtail_msgids_translated()` counts how many of Wagtail's msgids the project's catalogue translates; the tests
print it (`pytest tests/admin_language -rA` shows it).
"""

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.utils.text import capfirst

from tests.newsroom.test_admin_translations import po_entries

DOMAINS = ("django", "djangojs")
DJANGO_LOCALE = Path(django.__file__).parent / "conf" / "locale"
PROJECT_WAGTAIL_LOCALE = Path(settings.BASE_DIR) / "locale" / "wagtail"

# Strings that are English msgids and yet what a Vietnamese admin should show as they are: Vietnamese writes
# them so (loanwords kept by the glossary and by Vietnamese government sites), or they are no words at all.
VIETNAMESE_AS_IT_STANDS = {
    "Email",  # "email" is the everyday Vietnamese word (thư điện tử is kept for formal letters)
    "Video",  # ours: the article type; Vietnamese writes "video"
    "English",  # the language chooser names each language in itself (Tiếng Việt, English)
    "%(size)d byte",  # a file's size: Vietnamese names the unit "byte" too (Django's Vietnamese keeps it)
}

# Printf and format placeholders of a msgid: %(name)s, %s, %d, {name}, {0}.
PLACEHOLDER = re.compile(r"%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[sdifrx]|%[sdif]|\{\w*\}")
# A msgid says something in English only with a letter (":" and "…" are msgids too); one with placeholders is
# matched as a template only where its own words say something: "%(title)s (%(id)s)" would match any text.
ENGLISH_LETTER = re.compile(r"[A-Za-z]")
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
WHITESPACE = re.compile(r"\s+")


def normalised(text):
    return WHITESPACE.sub(" ", text).strip()


def catalogue_file(locale_dir, domain):
    """The .po file of `domain` under a locale/ folder: the English one, else the first in another language."""
    english = locale_dir / "en" / "LC_MESSAGES" / f"{domain}.po"
    if english.exists():
        return english
    return next(iter(sorted(locale_dir.glob(f"*/LC_MESSAGES/{domain}.po"))), None)


def catalogue_files(domain, locale_dirs):
    files = [catalogue_file(folder, domain) for folder in locale_dirs if folder.is_dir()]
    return [path for path in files if path]


def app_locale_dirs(app_configs):
    return [Path(config.path) / "locale" for config in app_configs]


def admin_locale_dirs():
    """Every locale/ folder the admin's translations come from: Django's, the installed apps', LOCALE_PATHS."""
    return [DJANGO_LOCALE, *app_locale_dirs(apps.get_app_configs()), *map(Path, settings.LOCALE_PATHS)]


def entry_keys(path):
    """{(context, msgid)} of a catalogue's entries."""
    return {(context, msgid) for _flags, msgid, _plural, _msgstrs, context in po_entries(path) if msgid}


def texts(path):
    """Every English text of a catalogue: its msgids and its entries' plural msgids."""
    return {
        text
        for _flags, msgid, plural, _msgstrs, _context in po_entries(path)
        for text in (msgid, plural)
        if text
    }


@dataclass(frozen=True)
class EnglishStrings:
    """The admin's English: msgids whole, and those with placeholders as templates ("Page %(n)s of %(total)s")."""

    exact: frozenset
    templates: re.Pattern | None
    # A screen repeats most of its strings (the menu, the header): each is matched against the templates once.
    matched: dict = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, msgids):
        """Each msgid also capitalised, as the admin shows field names and models' names ("root page")."""
        texts = {variant for text in msgids for variant in (normalised(text), capfirst(normalised(text)))}
        texts -= VIETNAMESE_AS_IT_STANDS
        with_placeholders = {text for text in texts if PLACEHOLDER.search(text)}
        patterns = sorted(
            template_pattern(text)
            for text in with_placeholders
            if ENGLISH_WORD.search(PLACEHOLDER.sub(" ", text))
        )
        templates = re.compile("|".join(patterns)) if patterns else None
        exact = {text for text in texts - with_placeholders if ENGLISH_LETTER.search(text)}
        return cls(frozenset(exact), templates)

    def __contains__(self, text):
        if text in self.exact:
            return True
        if text not in self.matched:
            self.matched[text] = bool(self.templates and self.templates.fullmatch(text))
        return self.matched[text]


def template_pattern(text):
    literals = PLACEHOLDER.split(text.replace("%%", "%"))
    return "(?:" + ".+?".join(re.escape(literal) for literal in literals) + ")"


@cache
def english_strings():
    """Every msgid of both domains, in every catalogue the admin reads."""
    found = set()
    for domain in DOMAINS:
        for path in catalogue_files(domain, admin_locale_dirs()):
            found |= texts(path)
    return EnglishStrings.of(found)


def wagtail_app_configs():
    return [config for config in apps.get_app_configs() if config.name.split(".")[0] == "wagtail"]


def wagtail_msgids(domain):
    """{(context, msgid)} of Wagtail's installed apps' English catalogues of `domain`."""
    found = set()
    for path in catalogue_files(domain, app_locale_dirs(wagtail_app_configs())):
        found |= entry_keys(path)
    return found


def translated_entries(path):
    """{(context, msgid)} that a .po file translates: every msgstr filled in, not fuzzy."""
    return {
        (context, msgid)
        for flags, msgid, _plural, msgstrs, context in po_entries(path)
        if msgid and all(msgstrs) and "fuzzy" not in flags
    }


def project_catalogue(domain):
    return PROJECT_WAGTAIL_LOCALE / "vi" / "LC_MESSAGES" / f"{domain}.po"


def wagtail_msgids_translated():
    """{domain: (msgids of Wagtail's installed apps the project's catalogue translates, msgids in all)}."""
    counts = {}
    for domain in DOMAINS:
        wagtail = wagtail_msgids(domain)
        counts[domain] = (len(wagtail & translated_entries(project_catalogue(domain))), len(wagtail))
    return counts


def describe_translated_counts(counts):
    return "; ".join(
        f"{domain}: {translated} of {total} Wagtail msgids" for domain, (translated, total) in counts.items()
    )
