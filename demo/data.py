"""The demo's content, kept as data files in data/: JSON for what nests, CSV for plain tables, and the archive
in the import format (docs/archive-format.md), with the recent stories in that format dated from the load."""

import csv
import json
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
ARCHIVE = DATA_DIR / "archive.jsonl"
RECENT_STORIES = DATA_DIR / "recent_stories.jsonl"


def read_json(name):
    with (DATA_DIR / name).open(encoding="utf-8") as file:
        return json.load(file)


def read_csv(name):
    """The rows of a CSV file with a header line, as dicts."""
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def read_jsonl(path):
    """The objects of a JSON Lines file, one a line."""
    with path.open(encoding="utf-8") as file:
        return [json.loads(line) for line in file if line.strip()]
