from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BroadcastsConfig(AppConfig):
    """The station's broadcasts: audio and video items, programmes and their episodes, podcast feeds."""

    name = "broadcasts"
    verbose_name = _("Broadcasts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.page_cache import purge_when_changed

        from . import stored_files

        stored_files.connect(self.get_model("MediaItem"))
        # Episodes, programmes and players show the items: a change purges the page cache. An item reaching its
        # broadcast time changes pages with no save: search.indexing.index_released purges them then.
        purge_when_changed(self.get_model("MediaItem"))
