"""Wagtail's own search index (the admin's page search), written in bulk at a fraction of the stock cost.

On PostgreSQL, Wagtail's database backend (modelsearch) builds an entry by reading every search field five
times (for the title, the body, the autocomplete and the two plain texts) and compiling Django expressions for
each value: an archive import spent more time there than in creating its pages. This backend writes the same
rows from one reading of each field, in plain SQL. Searching is modelsearch's, unchanged; other databases get
the stock backend.
"""

from django.db import connection

from modelsearch.backends.database import SearchBackend as stock_backend
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    ObjectIndexer,
    PostgresIndex,
    PostgresSearchBackend,
)
from modelsearch.utils import get_content_type_pk

UPSERT = f"""
    INSERT INTO {IndexEntry._meta.db_table}
        (content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text)
    VALUES {{values}}
    ON CONFLICT (content_type_id, object_id)
    DO UPDATE SET title = EXCLUDED.title,
                  title_norm = 1.0,
                  autocomplete = EXCLUDED.autocomplete,
                  body = EXCLUDED.body,
                  title_text = EXCLUDED.title_text,
                  body_text = EXCLUDED.body_text
"""
# What modelsearch writes for an entry with no text of a kind.
EMPTY_VECTOR = ("to_tsvector(COALESCE(%s, ''))", [""])


def SearchBackend(params):  # Wagtail calls a backend module's SearchBackend
    if connection.vendor == "postgresql":
        return BulkPostgresSearchBackend(params)
    return stock_backend(params)


class FieldsReadOnce(ObjectIndexer):
    """modelsearch's indexer, reading each search field of its object once however often it is asked."""

    def __init__(self, obj, backend):
        super().__init__(obj, backend)
        self._prepared = {}

    def prepare_field(self, obj, field):
        # Related objects (tags, authors) are read through their parent's field, which is remembered whole.
        if obj is not self.obj:
            return super().prepare_field(obj, field)
        if id(field) not in self._prepared:
            self._prepared[id(field)] = list(super().prepare_field(obj, field))
        return self._prepared[id(field)]

    def as_vector(self, texts, for_autocomplete=False):
        """SQL and parameters for a weighted tsvector of the texts, as modelsearch's SearchVector would give."""
        texts = [(text.strip(), weight) for text, weight in texts]
        texts = [(text, weight) for text, weight in texts if text]
        if not texts:
            return EMPTY_VECTOR
        config = self.autocomplete_config if for_autocomplete else self.config
        function = (
            "to_tsvector(%s::regconfig, COALESCE(%s, ''))" if config else "to_tsvector(COALESCE(%s, ''))"
        )
        sql = " || ".join(f"setweight({function}, %s)" for _text in texts)
        params = [value for text, weight in texts for value in ([config] if config else []) + [text, weight]]
        return f"({sql})", params

    def row(self, content_type_pk):
        vectors = [self.title, self.autocomplete, self.body]
        sql = "(%s, %s, {}, {}, {}, 1.0, %s, %s)".format(*(vector_sql for vector_sql, _params in vectors))
        params = [content_type_pk, self.id]
        for _vector_sql, vector_params in vectors:
            params += vector_params
        return sql, [*params, self.title_text, self.body_text]


class BulkPostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        if not model.get_search_fields() or not objs:
            return
        content_type_pk = get_content_type_pk(model)
        rows = [FieldsReadOnce(obj, self.backend).row(content_type_pk) for obj in objs]
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                UPSERT.format(values=", ".join(sql for sql, _params in rows)),
                [param for _sql, params in rows for param in params],
            )
        self._refresh_title_norms()


class BulkPostgresSearchBackend(PostgresSearchBackend):
    index_class = BulkPostgresIndex
