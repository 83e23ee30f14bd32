"""The embedded engine: analysed documents and an inverted index in the site's own database (SQLite or
PostgreSQL), ranked in Python.

A query word is found through postings: the word itself, its misspelling key, a concatenation of it with its
neighbours (Ê Đê -> ede), the word cut into known words written apart (ede -> "e de", checked adjacent), or,
when the vocabulary lacks it, a known word one edit away. A document must have enough of the query's words
(QueryPlan.required_matches). Facets are counted over every match; the best matches by a cheap order (words
found, words in the title, date) are ranked in Python (search.engines.ranking), the rest follow.
"""

import heapq
from collections import Counter
from itertools import islice

from django.db import connection, transaction
from django.db.models import Max, Q, Value
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan

from search.analysis import within_one_edit
from search.models import Posting, SearchDocument, Term

from .base import FACET_FIELDS, Completion, FacetValue, Hit, SearchResults
from .ranking import Candidate, Statistics, score
from .terms import document_terms, query_plan, spaced, splits

# How many of the best matches get ranked in Python.
RANKED_CANDIDATES = 300
FUZZY_ALTERNATIVES = 3
MAX_TERM_LENGTH = Term._meta.get_field("term").max_length
WRITE_BATCH = 1000
# Fewer SQL parameters than any supported database allows.
READ_BATCH = 5000
LIGHT_FIELDS = ("id", "published_at", *FACET_FIELDS)
# The light rows of the whole index and the index's version (highest id, count) they were read at: a changed
# document gets a new id, so any write changes the version.
_light_cache = {}
CANDIDATE_FIELDS = ("exact", "folded", "keys", "title_exact", "title_folded", "length")
HIT_FIELDS = ("key", "url", "title", "text", "outlet", "kind", "column", "published_at")
HIT_FIELDS += ("external_id", "exemplar_kind")


class DatabaseEngine:
    # Writing.

    @transaction.atomic
    def index(self, documents):
        keys = [document.key for document in documents]
        old_vocabularies = self._vocabularies(keys)
        analysed = [
            (document, document_terms(document.title, document.text, document.extra_text))
            for document in documents
        ]
        changes = Counter()
        for document, terms in analysed:
            changes.update(_kept(terms.vocabulary))
            changes.subtract(old_vocabularies.get(document.key, ()))
        SearchDocument.objects.filter(key__in=keys).delete()
        rows = SearchDocument.objects.bulk_create(
            [_row(document, terms) for document, terms in analysed], batch_size=WRITE_BATCH
        )
        _insert_postings(
            sorted(
                (term, row.pk, term in terms.title_words)
                for row, (_document, terms) in zip(rows, analysed, strict=True)
                for term in _kept(terms.postings)
            )
        )
        self._change_document_counts(changes)

    @transaction.atomic
    def remove(self, keys):
        vocabularies = self._vocabularies(keys)
        changes = Counter()
        for vocabulary in vocabularies.values():
            changes.subtract(vocabulary)
        SearchDocument.objects.filter(key__in=keys).delete()
        self._change_document_counts(changes)

    @transaction.atomic
    def clear(self):
        Posting.objects.all().delete()
        SearchDocument.objects.all().delete()
        Term.objects.all().delete()

    def count(self):
        return SearchDocument.objects.count()

    def keys(self):
        return set(SearchDocument.objects.values_list("key", flat=True))

    @transaction.atomic
    def refresh(self):
        """Recount every term's document frequency from the documents (after bulk or concurrent writes)."""
        counts = Counter()
        for folded in SearchDocument.objects.values_list("folded", flat=True).iterator(chunk_size=1000):
            counts.update(_vocabulary(folded))
        Term.objects.all().delete()
        Term.objects.bulk_create(
            (Term(term=term, length=len(term), document_count=count) for term, count in counts.items()),
            batch_size=WRITE_BATCH,
        )

    def _vocabularies(self, keys):
        rows = SearchDocument.objects.filter(key__in=keys).values_list("key", "folded")
        return {key: _vocabulary(folded) for key, folded in rows}

    def _change_document_counts(self, changes):
        changes = {term: change for term, change in changes.items() if change}
        existing = {term.term: term for term in Term.objects.filter(term__in=changes)}
        for term, change in changes.items():
            existing.setdefault(term, Term(term=term, length=len(term), document_count=0))
            existing[term].document_count += change
        gone = [term.term for term in existing.values() if term.document_count <= 0]
        kept = [term for term in existing.values() if term.document_count > 0]
        Term.objects.filter(term__in=gone).delete()
        Term.objects.bulk_update(
            [term for term in kept if term.pk], ["document_count"], batch_size=WRITE_BATCH
        )
        Term.objects.bulk_create([term for term in kept if not term.pk], batch_size=WRITE_BATCH)

    # Searching.

    def search(self, query):
        plan = query_plan(query.text)
        if not plan.tokens:
            return SearchResults(count=0, hits=[], facets={})
        frequencies = self._prepare(plan)
        matches = self._matches(plan)
        filtered = [row for row in matches if _passes(row, query.filters)]
        start = (query.page - 1) * query.page_size
        ordered, corrected = self._order(plan, filtered, query.sort, frequencies, start + query.page_size)
        page_rows = ordered[start : start + query.page_size]
        return SearchResults(
            count=len(filtered),
            hits=self._hits(page_rows),
            facets=_facets(matches, query.filters),
            corrected=corrected,
        )

    def autocomplete(self, prefix, limit=8):
        """Titles whose words start with the query's words, the last one a prefix; diacritics ignored."""
        plan = query_plan(prefix)
        if not plan.tokens:
            return []
        *whole, last = plan.tokens
        condition = Q(_contains("title_folded", f" {last.folded}"))
        for token in whole:
            condition &= Q(_contains("title_folded", f" {token.folded} "))
        rows = (
            SearchDocument.objects.filter(condition)
            .order_by("-published_at", "-id")
            .values_list("title", "url")[:limit]
        )
        return [Completion(title=title, url=url) for title, url in rows]

    def _prepare(self, plan):
        """Fill in each word's splits and fuzzy alternatives from the vocabulary; its document frequencies."""
        tokens = plan.unique_tokens
        cuts = {token.folded: splits(token.folded) for token in tokens}
        wanted = {token.folded for token in tokens} | {token.key for token in tokens}
        wanted |= {term for token in tokens for term in token.joined}
        wanted |= {piece for pieces in cuts.values() for cut in pieces for piece in cut}
        frequencies = dict(Term.objects.filter(term__in=wanted).values_list("term", "document_count"))
        for token in tokens:
            token.splits = [cut for cut in cuts[token.folded] if all(piece in frequencies for piece in cut)]
            known = token.folded in frequencies or token.splits
            if not known and token.folded in plan.fuzzy_candidates:
                token.fuzzy = self._near_words(token.folded)
        return frequencies

    def _near_words(self, word):
        """Vocabulary words one edit away, the most frequent first."""
        near = Term.objects.filter(length__range=(len(word) - 1, len(word) + 1)).order_by("-document_count")
        words = near.values_list("term", flat=True).iterator(chunk_size=2000)
        return list(islice((term for term in words if within_one_edit(term, word)), FUZZY_ALTERNATIVES))

    def _matches(self, plan):
        """The light rows (facets, date) of every document with enough of the query's words."""
        tokens = plan.unique_tokens
        terms = {term for token in tokens for term in _direct_terms(token)}
        terms |= {piece for token in tokens for cut in token.splits for piece in cut}
        postings, titles = _postings(terms)
        found = Counter()
        in_title = Counter()
        for token in tokens:
            found.update(self._documents_with(token, postings))
            in_title.update(titles.get(token.folded, ()))
        ids = [pk for pk, count in found.items() if count >= plan.required_matches()]
        if plan.phrase:
            ids = _having(ids, [plan.folded_phrase])
        light = _light_rows()["rows"]
        rows = [dict(zip(LIGHT_FIELDS, light[pk], strict=True)) for pk in ids if pk in light]
        for row in rows:
            row["matched"] = found[row["id"]]
            row["title_matched"] = in_title[row["id"]]
        return rows

    def _documents_with(self, token, postings):
        direct = set().union(*(postings.get(term, ()) for term in _direct_terms(token)))
        spaced_apart = set()
        for cut in token.splits:
            spaced_apart |= set.intersection(*(postings.get(piece, set()) for piece in cut)) - direct
        return direct | set(_having(spaced_apart, [spaced(cut) for cut in token.splits]))

    def _order(self, plan, rows, sort, frequencies, needed):
        """The rows in result order, at least the first `needed` of them; the query as corrected, or ""."""
        if sort == "date":
            return sorted(rows, key=lambda row: (row["published_at"], row["id"]), reverse=True), ""
        best = heapq.nlargest(RANKED_CANDIDATES, rows, key=_cheap_order)
        chosen = {row["id"] for row in best}
        rest = [] if needed <= len(best) else [row for row in rows if row["id"] not in chosen]
        rest.sort(key=_cheap_order, reverse=True)
        light = _light_rows()
        statistics = Statistics(
            document_count=len(light["rows"]),
            average_length=light["average_length"],
            document_frequency=frequencies,
        )
        candidates = SearchDocument.objects.filter(id__in=[row["id"] for row in best])
        fields = {row["id"]: row for row in candidates.values("id", *CANDIDATE_FIELDS)}
        for row in best:
            candidate = Candidate(**{name: fields[row["id"]][name] for name in CANDIDATE_FIELDS})
            row["score"], row["fuzzy"] = score(plan, candidate, statistics)
        best.sort(key=lambda row: (round(row["score"], 6), row["published_at"], row["id"]), reverse=True)
        corrections = best[0]["fuzzy"] if best else {}
        corrected = " ".join(corrections.get(token.folded, token.folded) for token in plan.tokens)
        return best + rest, corrected if corrections else ""

    def _hits(self, page_rows):
        rows = SearchDocument.objects.filter(id__in=[row["id"] for row in page_rows]).values(
            "id", *HIT_FIELDS
        )
        by_id = {row.pop("id"): row for row in rows}
        return [
            Hit(**by_id[row["id"]], score=round(row.get("score", 0.0), 4))
            for row in page_rows
            if row["id"] in by_id
        ]


def _row(document, terms):
    return SearchDocument(
        key=document.key,
        content_type_id=document.content_type_id,
        object_id=document.object_id,
        url=document.url,
        title=document.title,
        text=document.text,
        outlet=document.outlet,
        kind=document.kind,
        column=document.column,
        published_at=document.published_at,
        year=document.published_at.year,
        external_id=document.external_id,
        exemplar_kind=document.exemplar_kind,
        exact=terms.exact,
        folded=terms.folded,
        keys=terms.keys,
        title_exact=terms.title_exact,
        title_folded=terms.title_folded,
        length=terms.length,
    )


def _insert_postings(rows):
    """Insert (term, document id, in title) rows: plain tuples, hundreds per document, no model instances."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(Posting._meta.get_field(name).column) for name in ("term", "document", "in_title"))
    sql = f"INSERT INTO {quote(Posting._meta.db_table)} ({columns}) VALUES (%s, %s, %s)"
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _cheap_order(row):
    return row["matched"], row["title_matched"], row["published_at"], row["id"]


def _light_rows():
    """Every document's facets and date by id, and the average length; read again when the index changes."""
    version = (SearchDocument.objects.aggregate(Max("id"))["id__max"], SearchDocument.objects.count())
    if _light_cache.get("version") != version:
        rows = SearchDocument.objects.values_list(*LIGHT_FIELDS, "length").iterator(chunk_size=READ_BATCH)
        by_id, total_length = {}, 0
        for *row, length in rows:
            by_id[row[0]] = tuple(row)
            total_length += length
        average_length = total_length / len(by_id) if by_id else 1.0
        _light_cache.update(version=version, rows=by_id, average_length=average_length)
    return _light_cache


def _kept(terms):
    return {term for term in terms if len(term) <= MAX_TERM_LENGTH}


def _vocabulary(folded):
    return _kept(folded.split()) - {"|"}


def _direct_terms(token):
    return {token.folded, token.key, *token.joined, *token.fuzzy}


def _postings(terms):
    """The documents holding each term, and those holding it in their title."""
    postings = {term: set() for term in terms}
    with connection.cursor() as cursor:
        # Raw rows, one term at a time: tens of thousands of ids for a common word, without conversions.
        for term in terms:
            cursor.execute(*_sql(Posting.objects.filter(term=term).values_list("document_id")))
            postings[term] = {document_id for (document_id,) in cursor.fetchall()}
    titles = {}
    title_rows = Posting.objects.filter(term__in=terms, in_title=True).values_list("term", "document_id")
    for term, document_id in title_rows:
        titles.setdefault(term, set()).add(document_id)
    return postings, titles


def _sql(queryset):
    return queryset.query.sql_with_params()


def _batches(ids):
    ids = list(ids)
    for start in range(0, len(ids), READ_BATCH):
        yield ids[start : start + READ_BATCH]


def _having(ids, needles):
    """The documents among ids whose folded text holds one of the needles (adjacent words)."""
    if not ids or not needles:
        return []
    condition = Q()
    for needle in needles:
        condition |= Q(_contains("folded", needle))
    found = []
    for batch in _batches(ids):
        found += SearchDocument.objects.filter(condition, id__in=batch).values_list("id", flat=True)
    return found


def _contains(field, needle):
    return GreaterThan(StrIndex(field, Value(needle)), 0)


def _passes(row, filters):
    return all(row[name] == value for name, value in filters.items())


def _facets(rows, filters):
    """Counts of each facet's values over the matches, with every filter applied but the facet's own."""
    facets = {}
    for name in FACET_FIELDS:
        others = {key: value for key, value in filters.items() if key != name}
        kept = [row for row in rows if _passes(row, others)] if others else rows
        counts = Counter(row[name] for row in kept)
        counts.pop(None, None)
        counts.pop("", None)
        facets[name] = [FacetValue(value=value, count=count) for value, count in counts.most_common()]
    return facets
