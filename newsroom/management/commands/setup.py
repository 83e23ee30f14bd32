from django.core.management.base import BaseCommand

from newsroom.setup import set_up


class Command(BaseCommand):
    help = (
        "Create what a production site needs, on an empty database or over an existing one (idempotent): the "
        "outlets with the host names from the settings (NEWSPAPER_HOST, BROADCAST_HOST, PORTAL_HOST in "
        "production), their roles and review workflows, and what the other apps add: their roles, the shared "
        "indexes, every unit's column and the search index."
    )

    def handle(self, *args, **options):
        for line in set_up():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("The site is set up."))
