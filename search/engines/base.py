"""What every search engine takes and gives: documents in, ranked results with facets out.

The embedded database engine and OpenSearch implement `Engine`; the rest of the site only sees these types,
so switching engines changes no view, template or API.
"""

import datetime
from dataclasses import dataclass, field
from typing import Protocol

# The filters a query may carry, which are also the facets counted over its matches.
FACET_FIELDS = ("outlet", "kind", "column", "year", "exemplar_kind")
# Snippets and highlights come from the first this many characters of a document's text (several thousand
# words: all of nearly every article), and the engines store no more of it, so what a search reads of a
# document stays the same however long the document is.
SNIPPET_SOURCE_LENGTH = 20_000


@dataclass(frozen=True)
class Document:
    """One searchable item, as its builder describes it: engine-neutral, not yet analysed."""

    key: str
    content_type_id: int
    object_id: int
    url: str
    title: str
    text: str
    extra_text: str
    outlet: str
    kind: str
    column: str
    published_at: datetime.datetime
    external_id: str | None = None
    exemplar_kind: str | None = None

    @property
    def snippet_source(self):
        """What an engine stores of the text for snippets: its first SNIPPET_SOURCE_LENGTH characters."""
        return self.text[:SNIPPET_SOURCE_LENGTH]


@dataclass(frozen=True)
class SearchQuery:
    text: str
    filters: dict = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    page_size: int = 10


@dataclass(frozen=True)
class Hit:
    key: str
    url: str
    title: str
    text: str
    outlet: str
    kind: str
    column: str
    published_at: datetime.datetime
    external_id: str | None
    exemplar_kind: str | None
    score: float


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int


@dataclass(frozen=True)
class SearchResults:
    count: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    # The query as corrected from the vocabulary when some word matched nothing ("" when no word was changed).
    corrected: str = ""
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
