"""The page tree's index for a page's children (newsroom migration 0012): every public page asks for its home's
children (the menu, the search page), which the index of paths alone answers by reading the whole archive under
the home."""

from django.db import connection


def test_the_page_tree_is_indexed_by_depth_then_path(db):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "wagtailcore_page")
    assert any(
        constraint["index"] and constraint["columns"] == ["depth", "path"]
        for constraint in constraints.values()
    )
