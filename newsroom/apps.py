from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = _("Newsroom")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from core.page_cache import content_changed, purge_when_changed
        from newsroom import api_cache, picture_renditions  # noqa: F401 (connect the signal receivers)
        from newsroom.assignments import close_assignments_of_published_story
        from newsroom.image_encoding import encode_avif_faster
        from newsroom.signals import pages_bulk_published

        encode_avif_faster()
        # What public pages show besides the pages' own revisions: a change purges the page cache.
        purge_when_changed(*map(self.get_model, ["Author", "HistoricEvent", "Language", "OutletIdentity"]))
        pages_bulk_published.connect(content_changed, dispatch_uid="page_cache_pages_imported")
        page_published.connect(
            close_assignments_of_published_story, dispatch_uid="assignments_story_published"
        )
