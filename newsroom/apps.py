from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = _("Newsroom")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from newsroom import api_cache, picture_renditions  # noqa: F401 (connect the signal receivers)
        from newsroom.image_encoding import encode_avif_faster

        encode_avif_faster()
