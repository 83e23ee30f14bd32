"""An index of Wagtail's live pages by id (with the alias they copy), for the joins of a page type's own table to
its pages.

A page type with few pages (the exemplar profiles, some hundreds) asks which of its pages are live, and which are
not aliases: without an index holding those columns PostgreSQL reads the whole page table, every article of the
archive, to answer for a thousand profiles (the registry's count and its list of years, each request).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0012_page_children_index"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX newsroom_live_page_alias ON wagtailcore_page (id, alias_of_id) WHERE live",
            reverse_sql="DROP INDEX newsroom_live_page_alias",
        )
    ]
