from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsroom.demo_setup import load_demo


class Command(BaseCommand):
    help = "Build the demo: three outlets, the plan's columns, an archive of articles and one user per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-users", action="store_true", help="Skip the demo logins (they have a published password)."
        )

    def handle(self, *args, no_users, **options):
        with_users = not no_users
        if with_users and not settings.DEBUG:
            raise CommandError("Demo logins have a published password: outside DEBUG use --no-users.")
        load_demo(self.stdout, with_users=with_users)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
