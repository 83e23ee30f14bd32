from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostersConfig(AppConfig):
    name = "posters"
    verbose_name = _("Posters")
    default_auto_field = "django.db.models.BigAutoField"
