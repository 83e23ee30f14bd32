from django.core.management.base import BaseCommand, CommandError

from core.backups.errors import BackupError
from core.backups.making import megabytes
from core.backups.restoring import check_backup, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup archive into this site's database and folders of files, which must be empty unless "
        "--replace is given. The archive is checked whole first; a restore that fails changes nothing "
        "(README: Backups)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The archive `manage.py backup` wrote.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Replace the database and files the site holds (deleted once the restore has succeeded).",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Read the archive through and say whether it would restore here, changing nothing.",
        )

    def handle(self, *args, archive, replace, check, **options):
        try:
            if check:
                self.describe(check_backup(archive), archive)
                return
            report = restore_backup(archive, replace=replace, log=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {archive} into the {report.target} in {report.seconds:.1f} s:")
        self.list_folders(report)
        self.stdout.write(
            "Next: `manage.py setup` if the host names differ from the backed-up site's, and "
            "`manage.py search_index rebuild` when OPENSEARCH_URL is set (OpenSearch's index is not backed up)."
        )

    def describe(self, report, archive):
        manifest = report.manifest
        self.stdout.write(
            f"{archive}: a {manifest.database['engine']} backup made {manifest.made}, {report.files} files, "
            f"{megabytes(report.size)}, each matching its checksum."
        )
        self.stdout.write(f"It would restore into the {report.target}:")
        self.list_folders(report)
        if report.behind:
            self.stdout.write(f"then migrate forward: {', '.join(report.behind)}.")
        if report.occupied:
            self.stdout.write(
                f"The site is not empty ({'; '.join(report.occupied)}): it would need --replace."
            )

    def list_folders(self, report):
        for setting, (folder, count) in report.folders.items():
            self.stdout.write(f"  {setting}: {count} files into {folder}")
