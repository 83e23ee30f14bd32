from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.page_cache import purge_when_changed

        from . import signals

        signals.connect()
        # Abbreviations and synonyms change what the search pages find: a change purges the page cache.
        purge_when_changed(self.get_model("SynonymGroup"))
