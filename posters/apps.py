from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostersConfig(AppConfig):
    name = "posters"
    verbose_name = _("Posters")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connects the receivers that delete a page's share cards when it stops being public.
        from . import share_cards  # noqa: F401
