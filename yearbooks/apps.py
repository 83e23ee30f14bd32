from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class YearbooksConfig(AppConfig):
    name = "yearbooks"
    verbose_name = _("Yearbooks")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .files import connect_yearbook_file_cleanup

        connect_yearbook_file_cleanup()
