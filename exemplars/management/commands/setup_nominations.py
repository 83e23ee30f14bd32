from django.core.management.base import BaseCommand

from exemplars.setup import ensure_all_unit_columns, ensure_nomination_roles


class Command(BaseCommand):
    help = (
        "Create the nomination roles, and every unit's column on the portal and officers' group (idempotent)."
    )

    def handle(self, *args, **options):
        ensure_nomination_roles()
        columns = ensure_all_unit_columns()
        self.stdout.write(self.style.SUCCESS(f"Nomination roles ready; {len(columns)} unit columns."))
