from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.loading import load_demo


class Command(BaseCommand):
    help = (
        "Set the site up (the `setup` command), then build the demo on it: the plan's columns, an archive of "
        "articles, the exemplar registry, nominations, a writing contest, the station's programmes with their "
        "audio and video, and one user per role."
    )

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
