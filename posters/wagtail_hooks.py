from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from newsroom.scheduler import SCHEDULED_WORK_HOOK
from newsroom.social_previews import SHARE_IMAGE_HOOK

from .content import is_poster_subject
from .share_cards import make_due_share_cards, shared_card
from .views import PosterView, ShareCardView, may_view_in_admin


class PosterMenuItem(PageMenuItem):
    label = _("Download a poster")
    icon_name = "doc-full"
    url_name = "posters_poster"

    def is_shown(self, user):
        return is_poster_subject(self.page) and may_view_in_admin(self.page, user)


@hooks.register("register_admin_urls")
def register_poster_url():
    return [
        path("posters/<int:page_id>/", PosterView.as_view(), name="posters_poster"),
        path("posters/<int:page_id>/card/<str:shape>/", ShareCardView.as_view(), name="posters_share_card"),
    ]


@hooks.register("register_page_listing_more_buttons")
def poster_listing_button(page, user, next_url=None):
    yield PosterMenuItem(page=page, priority=40)


@hooks.register("register_page_header_buttons")
def poster_header_button(page, user, view_name, next_url=None):
    yield PosterMenuItem(page=page, priority=40)


# Cards are drawn on the scheduler's tick, not in the publishing request (posters.share_cards).
hooks.register(SCHEDULED_WORK_HOOK, make_due_share_cards)
hooks.register(SHARE_IMAGE_HOOK, shared_card)
