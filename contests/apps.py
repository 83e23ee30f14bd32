from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContestsConfig(AppConfig):
    name = "contests"
    verbose_name = _("Writing contests")
    default_auto_field = "django.db.models.BigAutoField"
