"""What every search engine takes and gives: documents in, ranked results with facets out.

The embedded database engine and OpenSearch implement `Engine`; the rest of the site only sees these types,
so switching engines changes no view, template or API. A document's and a hit's fields are the schema's
(search.schema).
"""

from collections.abc import Iterator
from dataclasses import dataclass, field, make_dataclass
from typing import Protocol

from search.schema import DESCRIBED, SHOWN

# Snippets and highlights come from the first this many characters of a document's text (several thousand
# words: all of nearly every article), and the engines store no more of it, so what a search reads of a
# document stays the same however long the document is.
SNIPPET_SOURCE_LENGTH = 20_000


def _snippet_source(document):
    """What an engine stores of the text for snippets: its first SNIPPET_SOURCE_LENGTH characters."""
    return document.text[:SNIPPET_SOURCE_LENGTH]


def _attribute(described):
    """make_dataclass's spec of a described field: an optional one may be left out, and is then None."""
    spec = (described.name, described.annotation)
    return (*spec, None) if described.optional else spec


Document = make_dataclass(
    "Document",
    [_attribute(described) for described in DESCRIBED],
    frozen=True,
    namespace={
        "__module__": __name__,
        "__doc__": "One searchable item, as its builder describes it: engine-neutral, not yet analysed.",
        "snippet_source": property(_snippet_source),
    },
)

Hit = make_dataclass(
    "Hit",
    [(shown.name, shown.annotation) for shown in SHOWN]
    # An approximate hit lacks some of the words the query requires (SearchResults.approximate_count).
    + [("score", float), ("approximate", bool, field(default=False))],
    frozen=True,
    namespace={
        "__module__": __name__,
        "__doc__": "One search result: what the document shows, and its score.",
    },
)


@dataclass(frozen=True)
class SearchQuery:
    text: str
    filters: dict = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    page_size: int = 10


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int


@dataclass(frozen=True)
class SearchResults:
    count: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    # The query as corrected when some word matched nothing: from the vocabulary, or read as typed with the
    # input method off ("" when no word was changed).
    corrected: str = ""
    # How many of `count` are approximate: when too few documents have the words a query requires, those with
    # about half of them follow (or stand alone), marked `approximate`; the facets count them too.
    approximate_count: int = 0
    # Which engine answered ("database", "opensearch"); set by the search service (search.service).
    engine: str = ""


@dataclass(frozen=True)
class Completion:
    title: str
    url: str


class Engine(Protocol):
    def index(self, documents: list[Document]) -> None: ...

    def remove(self, keys: list[str]) -> None: ...

    def clear(self) -> None: ...

    def refresh(self) -> None:
        """Bring derived statistics up to date after bulk writes."""

    def search(self, query: SearchQuery) -> SearchResults: ...

    def autocomplete(self, prefix: str, limit: int = 8) -> list[Completion]: ...

    def count(self) -> int: ...

    def keys(self) -> set[str]: ...

    def key_batches(self, size: int) -> Iterator[list[str]]:
        """Every document's key, in lists of at most `size`: a whole index walked in bounded memory, its
        documents removable between batches."""
