from django.core.management.base import BaseCommand

from newsroom.importer.lines import archive_lines
from newsroom.importer.run import INDEX_BATCH_SIZE, index_archive

from .import_archive import Progress, open_lines


class Command(BaseCommand):
    help = (
        "Index for search (the admin's search and the archive search) the articles a JSON Lines file imported "
        "with `import_archive --index-later`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="The JSON Lines file that was imported, or - to read standard input."
        )
        parser.add_argument(
            "--batch-size", type=int, default=INDEX_BATCH_SIZE, help="Articles indexed at a time."
        )

    def handle(self, *args, file, batch_size, **options):
        progress = Progress(self.stderr, every=0)
        with open_lines(file) as stream:
            indexed = index_archive(archive_lines(stream), batch_size=batch_size)
        self.stdout.write(f"{indexed} articles indexed ({progress.rate(indexed):.0f} articles/s).")
