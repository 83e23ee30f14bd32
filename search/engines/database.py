"""The embedded engine: analysed documents and an inverted index in the site's own database (SQLite or
PostgreSQL), ranked in Python.

A query word is found through postings: the word itself, its misspelling key, a concatenation of it with its
neighbours (Ê Đê -> ede), the word cut into known words written apart (ede -> "e de", checked adjacent), or,
when the vocabulary lacks it, a known word one edit away. A document must have enough of the query's words
(QueryPlan.required_matches). Facets are counted over every match; the best matches by a cheap order (words
typed with marks found as typed, words found, words in the title, date) are ranked in Python
(search.engines.ranking), the rest follow. The words found as typed are found through postings too, so they
decide first over every match, however many others match in their title.

Every word of a document finds it (postings), but a search reads only a bounded part of each candidate:
ranking and quoted phrases read the first MAX_RANKED_TOKENS words of each part (search.engines.terms), and
snippets the first SNIPPET_SOURCE_LENGTH characters of its text, the only part stored.
"""

import dataclasses
import heapq
from collections import Counter
from itertools import chain, islice
from operator import itemgetter

from django.db import connection, transaction
from django.db.models import BooleanField, Count, Max, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan

from core.batching import batched
from search.analysis import within_one_edit
from search.models import Posting, SearchDocument, Term
from search.schema import FACET_FIELDS, IN_DATABASE, SHOWN, names, stored_values
from search.synonyms import thesaurus

from .base import Completion, FacetValue, Hit, SearchResults
from .ranking import Candidate, Statistics, marks_tier, score
from .terms import FEW_MATCHES, document_terms, query_plan, spaced, splits

# How many of the best matches get ranked in Python.
RANKED_CANDIDATES = 300
FUZZY_ALTERNATIVES = 3
MAX_TERM_LENGTH = Term._meta.get_field("term").max_length
WRITE_BATCH = 1000
# Fewer SQL parameters than any supported database allows.
READ_BATCH = 5000
# A match is a tuple of these: the first six make the cheap order of candidates, so tuples sort by it.
# `enough`: the document has the required words (QueryPlan.required_matches), else it is an approximate match.
ROW_FIELDS = ("enough", "as_typed", "matched", "title_matched", "published_at", "id", *FACET_FIELDS)
LIGHT_FIELDS = ROW_FIELDS[4:]
ENOUGH, AS_TYPED, PUBLISHED_AT, ID = (
    ROW_FIELDS.index(name) for name in ("enough", "as_typed", "published_at", "id")
)
# The light index (_LightIndex) of the whole index, read again when the index's version changes.
_light_cache = {}
# The analysed terms ranking reads, in columns of the same names.
CANDIDATE_FIELDS = tuple(field.name for field in dataclasses.fields(Candidate))
HIT_FIELDS = names(SHOWN)


@dataclasses.dataclass(frozen=True)
class _LightIndex:
    """What every search reads about every document, kept in memory until the index changes."""

    # Highest id and count: a changed document gets a new id, so any write changes the version.
    version: tuple
    # id -> the document's LIGHT_FIELDS.
    rows: dict
    # Folded title word -> ids of the documents with it in their title.
    titles: dict
    average_length: float


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
        _delete_documents(keys)
        rows = SearchDocument.objects.bulk_create(
            [_row(document, terms) for document, terms in analysed], batch_size=WRITE_BATCH
        )
        _insert_postings(
            (term, row.pk, term in terms.title_words)
            for row, (_document, terms) in zip(rows, analysed, strict=True)
            for term in _kept(terms.postings)
        )
        self._change_document_counts(changes)

    @transaction.atomic
    def remove(self, keys):
        vocabularies = self._vocabularies(keys)
        changes = Counter()
        for vocabulary in vocabularies.values():
            changes.subtract(vocabulary)
        _delete_documents(keys)
        self._change_document_counts(changes)

    @transaction.atomic
    def clear(self):
        # One DELETE a table: Django's cascade from documents to their postings would first read every document.
        with connection.cursor() as cursor:
            for model in (Posting, SearchDocument, Term):
                table, _columns = _quoted(model)
                cursor.execute(f"DELETE FROM {table}")

    def count(self):
        return SearchDocument.objects.count()

    def keys(self):
        return set(chain.from_iterable(self.key_batches()))

    def key_batches(self, size=READ_BATCH):
        """Every document's key, in sorted lists of at most `size`, each read after the previous one's last key:
        documents may be removed between batches."""
        keys = SearchDocument.objects.order_by("key").values_list("key", flat=True)
        batch = list(keys[:size])
        while batch:
            yield batch
            if len(batch) < size:
                return
            batch = list(keys.filter(key__gt=batch[-1])[:size])

    @transaction.atomic
    def refresh(self):
        """Recount every term's document frequency from the documents (after bulk or concurrent writes)."""
        counts = Counter()
        for words in SearchDocument.objects.values_list("vocabulary", flat=True).iterator(chunk_size=1000):
            counts.update(_vocabulary(words))
        Term.objects.all().delete()
        Term.objects.bulk_create(
            (Term(term=term, length=len(term), document_count=count) for term, count in counts.items()),
            batch_size=WRITE_BATCH,
        )

    def _vocabularies(self, keys):
        rows = SearchDocument.objects.filter(key__in=keys).values_list("key", "vocabulary")
        return {key: _vocabulary(words) for key, words in rows}

    def _change_document_counts(self, changes):
        """Apply the changes of document counts: new terms join the vocabulary, terms left in none leave it."""
        changes = {term: change for term, change in changes.items() if change}
        old = dict(Term.objects.filter(term__in=changes).values_list("term", "document_count"))
        new = {term: old.get(term, 0) + change for term, change in changes.items()}
        Term.objects.filter(term__in=[term for term in old if new[term] <= 0]).delete()
        table, (term_column, count_column) = _quoted(Term, "term", "document_count")
        with connection.cursor() as cursor:
            # One statement run for many rows, rather than a model instance per term and a CASE per row.
            cursor.executemany(
                f"UPDATE {table} SET {count_column} = %s WHERE {term_column} = %s",
                [(new[term], term) for term in old if new[term] > 0],
            )
        Term.objects.bulk_create(
            [
                Term(term=term, length=len(term), document_count=count)
                for term, count in new.items()
                if term not in old and count > 0
            ],
            batch_size=WRITE_BATCH,
        )

    # Searching.

    def search(self, query):
        plan = query_plan(query.text, thesaurus(), _known_words)
        if not plan.tokens:
            return SearchResults(count=0, hits=[], facets={})
        frequencies = self._prepare(plan)
        light = _light_index()
        counts = self._word_counts(plan, light)
        required = plan.required_matches()
        matches = _rows(counts, required, light, lambda words: words.bit_count() >= required)
        filtered = _filtered(matches, query.filters)
        if len(matches) < FEW_MATCHES and plan.can_widen:
            matches = _rows(counts, required, light, _approximate(plan, counts, len(light.rows)))
            filtered = _filtered(matches, query.filters)
        start = (query.page - 1) * query.page_size
        statistics = Statistics(
            document_count=len(light.rows),
            average_length=light.average_length,
            document_frequency=frequencies,
        )
        ordered, corrected = self._order(plan, filtered, query.sort, statistics, start + query.page_size)
        return SearchResults(
            count=len(filtered),
            hits=self._hits(ordered[start : start + query.page_size]),
            facets=_facets(matches, query.filters),
            corrected=plan.respelled or corrected,
            approximate_count=sum(not row[ENOUGH] for row in filtered),
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

    def _word_counts(self, plan, light):
        """For each document with any of the query's words: which it has (bit i: unique_tokens[i]), how many in
        its title, and how many of those typed with marks it has as typed."""
        tokens = plan.unique_tokens
        terms = {term for token in tokens for term in _direct_terms(token)}
        terms |= {piece for token in tokens for cut in _spaced_forms(token) for piece in cut}
        terms |= {token.exact for token in plan.marked_tokens}
        postings = _postings(terms)
        words, frequencies, in_title = {}, [], Counter()
        for position, token in enumerate(tokens):
            documents = self._documents_with(token, postings)
            frequencies.append(len(documents))
            for pk in documents:
                words[pk] = words.get(pk, 0) | 1 << position
            in_title.update(light.titles.get(token.folded, ()))
        as_typed = Counter()
        in_windows = self._documents_with_windows(plan, postings)
        for token in plan.marked_tokens:
            as_typed.update(set(postings[token.exact]).union(*in_windows.get(token.folded, [])))
        if plan.phrase:
            required = plan.required_matches()
            enough = [pk for pk, found in words.items() if found.bit_count() >= required]
            words = {pk: words[pk] for pk in _having(enough, [plan.folded_phrase])}
        return _WordCounts(words=words, frequencies=frequencies, in_title=in_title, as_typed=as_typed)

    def _documents_with_windows(self, plan, postings):
        """{folded word: the documents that have a window of words holding it as one of the thesaurus's forms}:
        they have the words of the window as the reader typed them, written another way."""
        marked = {token.folded for token in plan.marked_tokens}
        found = {}
        for window in plan.synonym_windows:
            words = plan.window_words(window)
            if marked.isdisjoint(words):
                continue
            documents = set().union(*(_documents_with_form(form, postings) for form in window.forms))
            for word in words:
                found.setdefault(word, []).append(documents)
        return found

    def _documents_with(self, token, postings):
        direct = set().union(*(postings.get(term, ()) for term in _direct_terms(token)))
        forms = _spaced_forms(token)
        spaced_apart = set()
        for cut in forms:
            spaced_apart |= set.intersection(*(postings.get(piece, set()) for piece in cut)) - direct
        return direct | set(_having(spaced_apart, [spaced(cut) for cut in forms]))

    def _order(self, plan, rows, sort, statistics, needed):
        """(id, score) of the rows in result order, at least the first `needed`; the query as corrected, or ""."""
        if sort == "date":
            newest = heapq.nlargest(needed, rows, key=itemgetter(ENOUGH, PUBLISHED_AT, ID))
            return [(row[ID], 0.0, not row[ENOUGH]) for row in newest], ""
        best = heapq.nlargest(RANKED_CANDIDATES, rows)
        rest = []
        if needed > len(best):
            chosen = {row[ID] for row in best}
            rest = sorted((row for row in rows if row[ID] not in chosen), reverse=True)
        candidates = SearchDocument.objects.filter(_id_in([row[ID] for row in best]))
        fields = {pk: Candidate(*values) for pk, *values in candidates.values_list("id", *CANDIDATE_FIELDS)}
        scores = {row[ID]: score(plan, fields[row[ID]], statistics) for row in best}
        best.sort(
            key=lambda row: (
                row[ENOUGH],
                row[AS_TYPED],
                round(scores[row[ID]][0], 6),
                row[PUBLISHED_AT],
                row[ID],
            ),
            reverse=True,
        )
        corrections = scores[best[0][ID]][1] if best else {}
        corrected = " ".join(corrections.get(token.folded, token.folded) for token in plan.tokens)
        tier = marks_tier(relevance for relevance, _fuzzy in scores.values())
        ordered = [(row[ID], row[AS_TYPED] * tier + scores[row[ID]][0], not row[ENOUGH]) for row in best]
        ordered += [(row[ID], 0.0, not row[ENOUGH]) for row in rest]
        return ordered, corrected if corrections else ""

    def _hits(self, page):
        """The hits of (id, score, approximate) in that order."""
        rows = SearchDocument.objects.filter(_id_in([pk for pk, *_ in page])).values("id", *HIT_FIELDS)
        by_id = {row.pop("id"): row for row in rows}
        return [
            Hit(**by_id[pk], score=round(value, 4), approximate=approximate)
            for pk, value, approximate in page
            if pk in by_id
        ]


@dataclasses.dataclass(frozen=True)
class _WordCounts:
    """What documents have of the query's words (_word_counts)."""

    # Document id -> a bit per query word it has.
    words: dict
    # For each query word, how many documents have it.
    frequencies: list
    # Document id -> how many of the query's words its title has; how many typed with marks it has as typed.
    in_title: Counter
    as_typed: Counter


def _rows(counts, required, light, accepts):
    """The rows (ROW_FIELDS) of the documents whose words `accepts`; `enough` marks those with the required
    number of words."""
    rows = light.rows
    return [
        (
            found.bit_count() >= required,
            counts.as_typed[pk],
            found.bit_count(),
            counts.in_title[pk],
            *rows[pk],
        )
        for pk, found in counts.words.items()
        if accepts(found) and pk in rows
    ]


def _approximate(plan, counts, document_count):
    """Whether a document's words make it a match, approximate or not (QueryPlan.approximate_requirements)."""
    required = plan.required_matches()
    requirements = plan.approximate_requirements(counts.frequencies, document_count)
    masks = [sum(1 << position for position in subset) for subset in requirements]
    return lambda found: found.bit_count() >= required or any(found & mask == mask for mask in masks)


def _known_words(words):
    """The words the index has (search.engines.terms.query_plan)."""
    return set(Term.objects.filter(term__in=words).values_list("term", flat=True))


def _delete_documents(keys):
    """Delete the documents with these keys, and their postings (Django's cascade), reading only their ids."""
    SearchDocument.objects.filter(key__in=keys).only("pk").delete()


def _row(document, terms):
    return SearchDocument(
        **stored_values(document, IN_DATABASE),
        **{name: getattr(terms, name) for name in CANDIDATE_FIELDS},
        vocabulary=spaced(sorted(terms.vocabulary)),
    )


def _insert_postings(rows):
    """Insert (term, document id, in title) rows: plain tuples, hundreds per document, no model instances."""
    table, columns = _quoted(Posting, "term", "document", "in_title")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY streams the rows in one statement; executemany would send them one by one.
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES (%s, %s, %s)", rows)


def _quoted(model, *fields):
    """The model's table and the fields' columns, quoted for raw SQL."""
    quote = connection.ops.quote_name
    return quote(model._meta.db_table), [quote(model._meta.get_field(name).column) for name in fields]


def _light_index():
    """Every document's light fields and title words, and the average length; read again when the index changes."""
    version = tuple(SearchDocument.objects.aggregate(Max("id"), Count("id")).values())
    cached = _light_cache.get("index")
    if cached is None or cached.version != version:
        cached = _read_light_index(version)
        _light_cache["index"] = cached
    return cached


def _read_light_index(version):
    rows, titles, total_length = {}, {}, 0
    fields = ("id", *LIGHT_FIELDS, "length", "title_folded")
    for pk, *light, length, title_folded in SearchDocument.objects.values_list(*fields).iterator(READ_BATCH):
        rows[pk] = tuple(light)
        total_length += length
        for word in _vocabulary(title_folded):
            titles.setdefault(word, []).append(pk)
    average_length = total_length / len(rows) if rows else 1.0
    return _LightIndex(version=version, rows=rows, titles=titles, average_length=average_length)


def _kept(terms):
    return {term for term in terms if len(term) <= MAX_TERM_LENGTH}


def _vocabulary(words):
    return _kept(words.split())


def _documents_with_form(form, postings):
    """The documents with the words of a form, adjacent."""
    documents = set.intersection(*(set(postings.get(word, ())) for word in form))
    return documents if len(form) == 1 else set(_having(documents, [spaced(form)]))


def _direct_terms(token):
    single_words = [form[0] for form in token.synonyms if len(form) == 1]
    return {token.folded, token.key, *token.joined, *token.fuzzy, *single_words}


def _spaced_forms(token):
    """The forms of the word found as adjacent words: its cuts into known words, its thesaurus's phrases."""
    return [*token.splits, *(form for form in token.synonyms if len(form) > 1)]


def _postings(terms):
    """The documents holding each term."""
    postings = {}
    # Raw rows, one term at a time: tens of thousands of ids for a common word, without conversions. The SQL
    # is the same for every term.
    sql, _params = _sql(Posting.objects.filter(term="").values_list("document_id"))
    with connection.cursor() as cursor:
        for term in terms:
            cursor.execute(sql, [term])
            postings[term] = set(chain.from_iterable(cursor.fetchall()))
    return postings


def _sql(queryset):
    return queryset.query.sql_with_params()


def _having(ids, needles):
    """The documents among ids whose folded text holds one of the needles (adjacent words)."""
    if not ids or not needles:
        return []
    condition = Q()
    for needle in needles:
        condition |= Q(_contains("folded", needle))
    found = []
    for batch in batched(ids, READ_BATCH):
        found += SearchDocument.objects.filter(condition, _id_in(batch)).values_list("id", flat=True)
    return found


def _id_in(ids):
    """A filter on document ids in plain SQL: the ORM would prepare thousands of ids one by one."""
    if not ids:
        return Q(pk__in=[])
    column = f"{connection.ops.quote_name(SearchDocument._meta.db_table)}.{connection.ops.quote_name('id')}"
    return RawSQL(f"{column} IN ({', '.join(['%s'] * len(ids))})", ids, output_field=BooleanField())


def _contains(field, needle):
    return GreaterThan(StrIndex(field, Value(needle)), 0)


def _filtered(rows, filters):
    for name, value in filters.items():
        position = ROW_FIELDS.index(name)
        rows = [row for row in rows if row[position] == value]
    return rows


def _facets(rows, filters):
    """Counts of each facet's values over the matches, with every filter applied but the facet's own."""
    facets = {}
    for name in FACET_FIELDS:
        kept = _filtered(rows, {key: value for key, value in filters.items() if key != name})
        counts = Counter(map(itemgetter(ROW_FIELDS.index(name)), kept))
        counts.pop(None, None)
        counts.pop("", None)
        facets[name] = [FacetValue(value=value, count=count) for value, count in counts.most_common()]
    return facets
