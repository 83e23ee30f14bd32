"""Snippets with the query's words marked: <mark> around every word that matched, in any of its spellings.

Both read only the first SNIPPET_SOURCE_LENGTH characters of a text, so marking a page of results costs the
same however long its documents are.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.analysis import MAX_JOINED_WORDS, folded_tokens, misspelling_key, query_terms
from search.engines.base import SNIPPET_SOURCE_LENGTH

WORD = re.compile(r"\d+(?:[/.,-]\d+)+|[^\W_]+(?:'[^\W_]+)*")
SNIPPET_WORDS = 36
WORDS_BEFORE_FIRST_MATCH = 6
ELLIPSIS = "…"


def marked_terms(query):
    """What a word of a text may fold to, alone or joined with its neighbours, to count as matched."""
    terms = query_terms(query)
    return set(terms.joined) | set(terms.folded), set(terms.keys)


def highlight(text, query):
    """The whole text, HTML-escaped, with matched words marked in its first SNIPPET_SOURCE_LENGTH characters."""
    source = text[:SNIPPET_SOURCE_LENGTH]
    words = list(WORD.finditer(source))
    marked = _render(source, words, _matched(words, *marked_terms(query)), 0, len(source))
    return mark_safe(marked + escape(text[SNIPPET_SOURCE_LENGTH:]))


def snippet(text, query):
    """The passage of the text's first SNIPPET_SOURCE_LENGTH characters with the most matched words, escaped
    and marked; the start when none match."""
    source = text[:SNIPPET_SOURCE_LENGTH]
    words = list(WORD.finditer(source))
    if not words:
        return ""
    matched = _matched(words, *marked_terms(query))
    first = _best_window(matched)
    last = min(first + SNIPPET_WORDS, len(words)) - 1
    start, end = words[first].start(), words[last].end()
    marked = _render(source, words, matched, start, end)
    prefix = ELLIPSIS if first > 0 else ""
    suffix = ELLIPSIS if last < len(words) - 1 or len(text) > len(source) else ""
    return mark_safe(f"{prefix}{marked}{suffix}")


def _matched(words, terms, keys):
    folded = [folded_tokens(word.group()) for word in words]
    matched = [False] * len(words)
    for index in range(len(words)):
        for size in range(1, MAX_JOINED_WORDS + 1):
            window = folded[index : index + size]
            if len(window) < size:
                break
            joined = "".join(token for tokens in window for token in tokens)
            pieces = window[0] if size == 1 else [joined]
            if any(piece in terms or misspelling_key(piece) in keys for piece in pieces):
                matched[index : index + size] = [True] * size
    return matched


def _best_window(matched):
    """The first word of the window of SNIPPET_WORDS with the most matches, a few words before its first."""
    counts = [sum(matched[start : start + SNIPPET_WORDS]) for start in range(len(matched))]
    best = max(range(len(matched)), key=lambda start: (counts[start], -start))
    if not counts[best]:
        return 0
    first_match = matched.index(True, best)
    return max(0, first_match - WORDS_BEFORE_FIRST_MATCH)


def _render(text, words, matched, start, end):
    pieces, position = [], start
    for word, is_matched in zip(words, matched, strict=True):
        if not is_matched or word.start() < start or word.end() > end:
            continue
        pieces += [escape(text[position : word.start()]), f"<mark>{escape(word.group())}</mark>"]
        position = word.end()
    pieces.append(escape(text[position:end]))
    return mark_safe("".join(pieces))
