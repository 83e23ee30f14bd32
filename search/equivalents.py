"""Groups of equivalent forms (an abbreviation, the words it stands for, another spelling): how a written form
becomes the words a search matches, and the limits a group keeps. The dictionary in search/data and the
editors' groups (search.models.SynonymGroup) follow the same rules."""

import unicodedata

from search.analysis import folded_tokens

MIN_FORMS = 2
# More forms than this are no group of equivalents but a list of related words.
MAX_FORMS = 20
MAX_FORM_LENGTH = 100


def written_forms(text):
    """The forms of a text written one per line: in NFC, stripped, without blank lines."""
    lines = (unicodedata.normalize("NFC", line).strip() for line in text.splitlines())
    return [line for line in lines if line]


def folded_forms(forms):
    """{folded words: the first form written so}: forms that differ only in marks, case or punctuation are one,
    and a form with no word to search for is none."""
    folded = {}
    for form in forms:
        words = tuple(folded_tokens(form))
        if words:
            folded.setdefault(words, form.strip())
    return folded
