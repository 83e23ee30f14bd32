from django.core.management.base import BaseCommand

from newsroom.outlets import ensure_all_outlets


class Command(BaseCommand):
    help = (
        "Create or update the three outlets: home pages, Sites with the host names from the settings "
        "(NEWSPAPER_HOST, BROADCAST_HOST, PORTAL_HOST in production), roles and review workflows."
    )

    def handle(self, *args, **options):
        for outlet, home in ensure_all_outlets().items():
            site = home.get_site()
            self.stdout.write(f"{home.get_outlet_display()}: {site.root_url if site else '-'} ({outlet})")
