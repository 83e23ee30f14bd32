"""The demo's articles go in through the archive importer (docs/archive-format.md), each once: an article the
demo loaded keeps what was added to it since, its pictures and gallery (demo.picture_uses), which the archive's
format does not carry. Importing its line again would set the archive's body over the page's; and the
importer compares only bodies of text with the archive's, failing the line of a page whose body holds a
picture."""

import json

from newsroom.importer.run import import_archive
from newsroom.models import ArticlePage


class DemoDataError(Exception):
    """A line of the demo's own data that the importer refuses: a mistake in the data file."""


def import_new_articles(path, articles):
    """Import the `articles` (archive lines as dicts, from the file at `path`) not loaded yet."""
    loaded = set(
        ArticlePage.objects.filter(
            external_id__in=[article["external_id"] for article in articles]
        ).values_list("external_id", flat=True)
    )
    lines = [json.dumps(article) for article in articles if article["external_id"] not in loaded]
    if lines:
        import_archive(lines, on_error=lambda error: refuse(path, error))


def refuse(path, error):
    raise DemoDataError(f"{path.name}, {error}")
