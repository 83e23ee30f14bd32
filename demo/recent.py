"""The demo's recent stories (data/recent_stories.jsonl): the archive's format, each dated a number of days
before the load at an hour of its own, so that the outlets' home pages lead with news of the week the demo is
tried in. Once loaded, a story keeps its date: loading the demo again adds only the missing ones."""

import json

from newsroom.importer.run import import_archive
from newsroom.models import ArticlePage

from .data import RECENT_STORIES, read_jsonl
from .dating import days_before


class DemoDataError(Exception):
    """A line of the demo's own data that the importer refuses: a mistake in the data file."""


def load_recent_stories(today):
    stories = read_jsonl(RECENT_STORIES)
    loaded = set(
        ArticlePage.objects.filter(external_id__in=[story["external_id"] for story in stories]).values_list(
            "external_id", flat=True
        )
    )
    lines = [json.dumps(dated(story, today)) for story in stories if story["external_id"] not in loaded]
    if lines:
        import_archive(lines, on_error=refuse)


def dated(story, today):
    """The story as an archive line, `days_before` the load's day at its `time`."""
    fields = {key: value for key, value in story.items() if key not in ("days_before", "time")}
    fields["published_at"] = days_before(today, story["days_before"], story["time"]).isoformat()
    return fields


def refuse(error):
    raise DemoDataError(f"{RECENT_STORIES.name}, {error}")
