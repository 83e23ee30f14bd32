"""OpenSearch, the engine for scale: the project's own archive index, fed the shared analyser's terms.

The index has an explicit mapping made from the search document's schema (search.schema; dynamic "strict"):
the term fields of search.analysis, already analysed and joined by spaces into text fields with a whitespace
analyzer, so that OpenSearch and the embedded engine match the same Vietnamese terms; and stored fields for
display and facets. Searches read an alias; a rebuild fills a new generation behind it, then swaps the alias.

- clients: the connections, one per kind of request, each with the timeouts its callers can bear;
- mapping: the index's mapping, made from the schema, and whether a generation has it;
- source: what the index holds of a document, its analysed terms included;
- generations: the generations behind the alias, their shards, and the swap;
- writes: bulk writes to every generation, with external versions;
- queries: what a search asks, and how it ranks;
- results: hits, facets and the corrected query, read from OpenSearch's answers;
- engine: the engine (search.engines.base.Engine) made of these.
"""
