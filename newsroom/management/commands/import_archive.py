import sys
import time
from contextlib import nullcontext
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsroom.importer.indexing import IndexingFailed
from newsroom.importer.lines import archive_lines
from newsroom.importer.run import BATCH_SIZE, import_archive


class Command(BaseCommand):
    help = (
        "Import archive articles from a JSON Lines file (see docs/archive-format.md) as published articles. "
        "Re-running a file updates the articles it imported before. Bad lines are reported and skipped; "
        "the exit status is 1 if any line failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The JSON Lines file, or - to read standard input.")
        parser.add_argument(
            "--batch-size", type=int, default=BATCH_SIZE, help="Lines written per transaction."
        )
        parser.add_argument(
            "--progress-every",
            type=int,
            default=10_000,
            metavar="LINES",
            help="Report progress on stderr every this many lines (0: never).",
        )
        parser.add_argument(
            "--index-later",
            action="store_true",
            help="Do not index the articles for search while importing (faster); "
            "run `index_archive FILE` afterwards, until then search does not find them.",
        )

    def handle(self, *args, file, batch_size, progress_every, index_later, **options):
        progress = Progress(self.stderr, progress_every)
        with open_lines(file) as stream:
            try:
                stats = import_archive(
                    archive_lines(stream),
                    on_error=lambda error: self.stderr.write(f"Skipped {error}"),
                    on_batch=progress.report,
                    batch_size=batch_size,
                    index=not index_later,
                )
            except IndexingFailed as error:
                raise CommandError(
                    f"Search indexing failed ({error}). The articles written so far are saved; once the cause "
                    f"is fixed, re-run the import, then `manage.py index_archive {file}`."
                ) from error
        superseded = f", {stats.superseded} superseded by a later line" if stats.superseded else ""
        self.stdout.write(
            f"{stats.lines} lines: {stats.created} created, {stats.updated} updated, "
            f"{stats.unchanged} unchanged, {stats.failed} failed{superseded} "
            f"({progress.rate(stats.lines):.0f} lines/s)."
        )
        if index_later:
            self.stdout.write(
                f"Search does not find these articles yet: run `manage.py index_archive {file}`."
            )
        if stats.failed:
            raise CommandError(f"{stats.failed} lines were not imported; see the messages above.")


def open_lines(file):
    """The file as a binary stream, read a line at a time (importer.lines.archive_lines): each line is decoded on its
    own, so one bad byte costs one line."""
    if file == "-":
        return nullcontext(sys.stdin.buffer)
    path = Path(file)
    if not path.is_file():
        raise CommandError(f"No such file: {file}")
    return path.open("rb")


class Progress:
    def __init__(self, stream, every):
        self.stream = stream
        self.every = every
        self.started = time.monotonic()
        self.reported_lines = 0

    def rate(self, lines):
        return lines / max(time.monotonic() - self.started, 1e-9)

    def report(self, stats):
        if not self.every or stats.lines - self.reported_lines < self.every:
            return
        self.reported_lines = stats.lines
        self.stream.write(
            f"{stats.lines} lines read: {stats.created} created, {stats.updated} updated, "
            f"{stats.failed} failed; {self.rate(stats.lines):.0f} lines/s"
        )
