"""Rows written with one executemany per table, each value prepared by its field as Model.save() would prepare
it: faster than QuerySet.bulk_create() and bulk_update() where the bulk import needs it (each function says why)."""

from collections import defaultdict

from django.db import connection
from django.db.models.fields import AutoFieldMixin


def insert_rows(model, objects):
    """Insert the rows of `model`'s own table; an automatic primary key is left to the database (and not read
    back).

    Two cases where bulk_create does not serve: it refuses models with multi-table inheritance (an article's
    own table, written once its page rows exist), and on PostgreSQL it sends each column as one array, which
    psycopg escapes character by character: for revisions' JSON that took longer than the rest of the import.
    """
    fields = [field for field in model._meta.local_concrete_fields if not isinstance(field, AutoFieldMixin)]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    rows = [
        [field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({placeholders})",
            rows,
        )


def update_rows(objects, field_names):
    """Write these fields of existing objects: one executemany per table.

    QuerySet.bulk_update() builds a CASE expression per field and row, and that alone took longer than the
    rest of an update batch.
    """
    fields_by_model = defaultdict(list)
    for name in field_names:
        field = objects[0]._meta.get_field(name)
        fields_by_model[field.model].append(field)
    quote = connection.ops.quote_name
    for model, fields in fields_by_model.items():
        assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
        rows = [
            [field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields] + [obj.pk]
            for obj in objects
        ]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(model._meta.pk.column)} = %s",
                rows,
            )
