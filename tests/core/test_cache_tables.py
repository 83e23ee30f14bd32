"""The caches kept in the database have their tables as soon as the database is migrated: the first saves of a
new site purge them, before `setup` runs."""

from django.core.management import call_command
from django.db import connection


def test_migrating_makes_the_tables_of_the_caches_kept_in_the_database(db):
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE content_api_cache")
    call_command("migrate", verbosity=0)
    assert "content_api_cache" in connection.introspection.table_names()
