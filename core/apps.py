from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Shared services")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .page_cache import connect_wagtail_changes

        connect_wagtail_changes()
        post_migrate.connect(create_cache_tables, sender=self, dispatch_uid="core_cache_tables")


def create_cache_tables(using, **kwargs):
    """The tables of the caches kept in the database (the shared cache without Redis, the content API's) exist as
    soon as the database is migrated: the first saves of a new site (`setup`, `load_demo`) already purge them."""
    call_command("createcachetable", database=using, verbosity=0)
