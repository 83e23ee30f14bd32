from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BroadcastsConfig(AppConfig):
    """The station's broadcasts: audio and video items, programmes and their episodes, podcast feeds."""

    name = "broadcasts"
    verbose_name = _("Broadcasts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import stored_files

        stored_files.connect(self.get_model("MediaItem"))
