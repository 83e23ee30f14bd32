from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from newsroom.admin_assignments import StoryAssignmentViewSet
from newsroom.api_cache import ensure_cache_table
from newsroom.assignments import AssignmentPermissionPolicy
from newsroom.dashboard import arrange_homepage_panels
from newsroom.models import Author, HistoricEvent, Language, StoryAssignment
from newsroom.republishing import REPUBLISH_LOG_ACTION, may_republish_elsewhere
from newsroom.setup import SETUP_STEPS_HOOK
from newsroom.views.login_locks import LoginLocksView
from newsroom.views.republish import RepublishView
from newsroom.wagtail_labels import name_wagtails_unnamed_fields

name_wagtails_unnamed_fields()


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = _("Authors")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "role"]
    search_fields = ["name"]


register_snippet(AuthorViewSet)


class RepublishMenuItem(PageMenuItem):
    label = _("Republish in another outlet")
    icon_name = "resubmit"
    url_name = "newsroom_republish"

    def is_shown(self, user):
        return may_republish_elsewhere(self.page, user)


@hooks.register("register_admin_urls")
def register_republish_url():
    return [path("newsroom/republish/<int:page_id>/", RepublishView.as_view(), name="newsroom_republish")]


@hooks.register("register_page_listing_more_buttons")
def republish_listing_button(page, user, next_url=None):
    yield RepublishMenuItem(page=page, priority=25)


@hooks.register("register_page_header_buttons")
def republish_header_button(page, user, view_name, next_url=None):
    yield RepublishMenuItem(page=page, priority=35)


@hooks.register("register_log_actions")
def register_republish_log_action(actions):
    actions.register_action(
        REPUBLISH_LOG_ACTION, _("Republish in another outlet"), _("Republished in another outlet")
    )


class HistoricEventViewSet(SnippetViewSet):
    model = HistoricEvent
    icon = "date"
    menu_label = _("Historic events")
    menu_order = 310
    add_to_admin_menu = True
    list_display = [
        "name",
        Column("date_label", label=_("Date"), sort_key="year"),
        "category",
        # A tick or a cross, not the value's Python name.
        BooleanColumn("recurs_yearly", label=_("Marked every year"), sort_key="recurs_yearly"),
        BooleanColumn("is_forward_event", label=_("Coming event"), sort_key="is_forward_event"),
    ]
    list_filter = ["category", "recurs_yearly", "is_forward_event"]
    search_fields = ["name"]


register_snippet(HistoricEventViewSet)


class LanguageViewSet(SnippetViewSet):
    model = Language
    icon = "globe"
    menu_label = _("Languages")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


register_snippet(LanguageViewSet)

# Editors assign their outlet's stories, journalists see their own (newsroom/assignments.py).
register_permission_policy(StoryAssignment, AssignmentPermissionPolicy(StoryAssignment))


@hooks.register("register_admin_viewset")
def register_assignment_viewset():
    return StoryAssignmentViewSet()


hooks.register(SETUP_STEPS_HOOK, ensure_cache_table)


@hooks.register("construct_homepage_panels")
def add_newsroom_panels(request, panels):
    arrange_homepage_panels(panels)


@hooks.register("insert_editor_js")
def vietnamese_slugs_js():
    """Slugs filled in from titles by the server's rules (page editor, snippets, copying a page)."""
    return format_html('<script src="{}"></script>', static("newsroom/admin/vietnamese-slug.js"))


@hooks.register("register_admin_urls")
def register_login_locks_url():
    return [path("newsroom/login-locks/", LoginLocksView.as_view(), name="newsroom_login_locks")]


@hooks.register("register_settings_menu_item")
def register_login_locks_menu_item():
    return AdminOnlyMenuItem(_("Login locks"), reverse("newsroom_login_locks"), icon_name="lock", order=900)
