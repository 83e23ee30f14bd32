from django.core.management.base import BaseCommand

from newsroom.scheduler import run_due_publications, run_forever


class Command(BaseCommand):
    help = "Publish and expire scheduled pages on time: every --interval seconds, or once with --once."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=30, help="Seconds between two runs (default 30).")
        parser.add_argument(
            "--once", action="store_true", help="Run once and exit (for cron or a systemd timer)."
        )

    def handle(self, *args, interval, once, **options):
        if once:
            run_due_publications()
            return
        self.stdout.write(f"Scheduler running every {interval} s; stop it with Ctrl+C.")
        try:
            run_forever(interval)
        except KeyboardInterrupt:
            self.stdout.write("Scheduler stopped.")
