from opensearchpy.exceptions import TransportError

from django.core.management.base import BaseCommand, CommandError

from search import indexing
from search.models import PendingIndexChange
from search.service import get_remote_engine

PROGRESS_EVERY = 5000


class Command(BaseCommand):
    help = (
        "Site search index: 'rebuild' indexes everything searchable from scratch (OpenSearch: into a new index, "
        "then swaps the alias, so searches go on meanwhile); 'update' indexes everything searchable, removes "
        "what no longer is and applies the changes queued for OpenSearch; 'status' compares the database and "
        "the indexes."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "update", "status"])

    def handle(self, *args, action, **options):
        if action == "status":
            self._status()
            return
        run = indexing.rebuild if action == "rebuild" else indexing.update
        try:
            count = run(progress=self._progress(indexing.searchable_count()))
        except indexing.OutdatedMapping as error:
            raise CommandError(str(error)) from error
        except TransportError as error:
            waiting = PendingIndexChange.objects.count()
            raise CommandError(
                f"OpenSearch failed: {error}. The embedded index is up to date; {waiting} changes wait in the "
                "queue for OpenSearch (run 'update' again when it is back)."
            ) from error
        self.stdout.write(f"{action}: {count} documents indexed")

    def _progress(self, total):
        def report(done):
            if done == total or done % PROGRESS_EVERY < indexing.BATCH_SIZE:
                self.stdout.write(f"opensearch: {done}/{total} documents")

        return report

    def _status(self):
        remote = get_remote_engine()
        try:
            counts_by_model = indexing.status()
            remote_lines = self._remote_status(remote) if remote is not None else []
        except TransportError as error:
            counts_by_model = indexing.status(with_remote=False)
            remote_lines = [f"opensearch: unavailable ({error})"]
        for model, counts in counts_by_model.items():
            line = f"{model}: {counts.searchable} searchable in the database, {counts.indexed} in the index"
            if counts.in_opensearch is not None:
                line += f", {counts.in_opensearch} in OpenSearch"
            self.stdout.write(line)
        self.stdout.write(f"index total: {indexing.get_engine().count()} documents")
        for line in remote_lines:
            self.stdout.write(line)
        if remote is not None:
            self.stdout.write(f"queue: {PendingIndexChange.objects.count()} changes wait for OpenSearch")

    def _remote_status(self, remote):
        live = remote.live_generation() or "no index yet"
        lines = [f"opensearch: alias {remote.alias} -> {live}, {remote.count()} documents"]
        if not remote.mapping_is_current():
            lines.append(
                "opensearch: the index has the mapping of an older version; run 'search_index rebuild'"
            )
        return lines
