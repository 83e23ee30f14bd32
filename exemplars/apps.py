from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExemplarsConfig(AppConfig):
    name = "exemplars"
    verbose_name = _("Exemplars and movements")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.page_cache import purge_when_changed

        from .article_links import register_article_section
        from .attachment_files import connect_attachment_file_cleanup
        from .columns import register_column_section
        from .officer_groups import connect_officer_groups
        from .panels import add_article_panels, add_column_panels

        add_article_panels()
        add_column_panels()
        register_column_section()
        register_article_section()
        connect_attachment_file_cleanup()
        connect_officer_groups()
        # Profiles, movements and the registry's filters show these records: a change purges the page cache.
        shown = ["Unit", "Locality", "LocalityFormerName", "EmulationCluster", "AchievementField"]
        purge_when_changed(*map(self.get_model, shown))
