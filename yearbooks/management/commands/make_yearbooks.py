from django.core.management.base import BaseCommand

from yearbooks.making import make_due_yearbooks


class Command(BaseCommand):
    help = "Make every yearbook waiting to be made (the scheduler makes one a tick), then stop."

    def handle(self, *args, **options):
        made = make_due_yearbooks()
        self.stdout.write(f"{made} yearbook(s) made.")
