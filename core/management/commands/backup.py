from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.backups.errors import BackupError
from core.backups.making import make_backup, megabytes


class Command(BaseCommand):
    help = (
        "Write a backup of the database and of every folder of uploaded files (MEDIA_ROOT, PRIVATE_MEDIA_ROOT, "
        "the nominations' files) into one dated archive, readable by its owner only (README: Backups)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            metavar="FOLDER",
            help=f"Where to write it (default: BACKUP_DIR, {settings.BACKUP_DIR}).",
        )

    def handle(self, *args, output, **options):
        try:
            report = make_backup(Path(output or settings.BACKUP_DIR), log=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backup written: {report.path} ({megabytes(report.size)}, {report.seconds:.1f} s). It holds personal "
            "data: keep a copy off this machine, encrypted."
        )
