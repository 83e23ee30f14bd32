"""The station's broadcasts plug into the newsroom through its hooks: the programmes index and the editorial
groups' rights on audio and video items, made by `manage.py setup`; what a shared episode shows and what search
engines read of the items on the air; and wagtailmedia's chooser in the admin's language (broadcasts.admin_views)."""

from django.urls import path, re_path

from wagtail import hooks

from newsroom.setup import SETUP_STEPS_HOOK
from newsroom.social_previews import SOCIAL_PREVIEW_HOOK
from newsroom.structured_data import STRUCTURED_DATA_HOOK

from . import admin_views
from .setup import grant_media_item_permissions, set_up_programmes
from .sharing import episode_preview
from .structured_data import broadcast_structured_data

hooks.register(SETUP_STEPS_HOOK, set_up_programmes)
hooks.register(SETUP_STEPS_HOOK, grant_media_item_permissions)
# An episode's page as a shared link and search engines see it; the items on the air a story embeds.
hooks.register(SOCIAL_PREVIEW_HOOK, episode_preview)
hooks.register(STRUCTURED_DATA_HOOK, broadcast_structured_data)


@hooks.register("register_admin_urls")
def register_media_chooser_urls():
    # At wagtailmedia's own addresses: this app's hooks are registered before wagtailmedia's (INSTALLED_APPS), so
    # these patterns come first.
    return [
        path("media/chooser/", admin_views.chooser, name="broadcasts_media_chooser"),
        re_path(
            r"^media/chooser/(?P<media_type>audio|video)/",
            admin_views.chooser,
            name="broadcasts_media_chooser_typed",
        ),
    ]
