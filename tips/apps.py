from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TipsConfig(AppConfig):
    """Tips from the public (phát hiện người tốt, việc tốt): a form on each outlet, a moderated queue."""

    name = "tips"
    verbose_name = _("Tips from the public")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from .notifications import tell_tipsters_of_published_story

        # Connected here, not through a Wagtail hook: a receiver must be connected before any command publishes.
        page_published.connect(tell_tipsters_of_published_story, dispatch_uid="tips_story_published")
