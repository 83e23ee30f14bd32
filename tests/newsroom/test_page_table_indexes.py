"""Our indexes on Wagtail's page table, each for a query every public page (or the registry) makes:

- by depth, then path (newsroom migration 0012): every public page asks for its home's children (the menu, the
  search page), which the index of paths alone answers by reading the whole archive under the home;
- by id, then alias, of live pages (newsroom migration 0013): a page type with few pages (the registry's
  profiles) joins its table to the live pages that are not aliases, which without it reads the whole page table,
  every article of the archive, on each request of the registry.
"""

import pytest

from django.db import connection


@pytest.mark.parametrize("columns", [["depth", "path"], ["id", "alias_of_id"]])
def test_wagtails_page_table_has_our_index(db, columns):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "wagtailcore_page")
    assert any(
        constraint["index"] and constraint["columns"] == columns for constraint in constraints.values()
    )
