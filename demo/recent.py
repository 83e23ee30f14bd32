"""The demo's recent stories (data/recent_stories.jsonl): the archive's format, each dated a number of days
before the load at an hour of its own, so that the outlets' home pages lead with news of the week the demo is
tried in. Once loaded, a story keeps its date: loading the demo again adds only the missing ones."""

from .data import RECENT_STORIES, read_jsonl
from .dating import days_before
from .importing import import_new_articles


def load_recent_stories(today):
    import_new_articles(RECENT_STORIES, [dated(story, today) for story in read_jsonl(RECENT_STORIES)])


def dated(story, today):
    """The story as an archive line, `days_before` the load's day at its `time`."""
    fields = {key: value for key, value in story.items() if key not in ("days_before", "time")}
    fields["published_at"] = days_before(today, story["days_before"], story["time"]).isoformat()
    return fields
