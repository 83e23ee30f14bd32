from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from newsroom.setup import SETUP_STEPS_HOOK
from newsroom.structured_data import STRUCTURED_DATA_HOOK

from .admin_views import EntryIndexView, EntryPermissionPolicy, entry_file
from .dashboard import JudgePanel, OrganiserPanel
from .judge_views import judge_urls, judging_menu_item
from .models import Entry
from .models.contests import CONTEST_ROUTES_HOOK
from .organiser_views import JudgeAssignmentViewSet, JudgingViewSet
from .setup import set_up_contest_roles
from .structured_data import contest_structured_data
from .views import contest_routes

register_permission_policy(Entry, EntryPermissionPolicy(Entry))


class EntryViewSet(ModelViewSet):
    model = Entry
    icon = "doc-full"
    menu_label = _("Entries")
    index_view_class = EntryIndexView
    form_fields = ["status"]
    copy_view_enabled = False
    # An entry points at its contest only; indexing that reference would add queries while the contest is locked.
    add_to_reference_index = False
    list_display = [
        TitleColumn("anonymous_label", label=_("Entry"), url_name="entry:edit"),
        "title",
        "contest",
        "category",
        "full_name",
        "email",
        "submitted_at",
        "status",
        TitleColumn("file_name", label=_("File"), url_name="contests_entry_file"),
    ]
    list_filter = ["contest", "status"]
    search_fields = ["title", "full_name", "pen_name", "email", "receipt_code"]
    list_export = [
        "contest",
        "number",
        "receipt_code",
        "category",
        "title",
        "full_name",
        "pen_name",
        "credit",
        "email",
        "phone",
        "address",
        "submitted_at",
        "status",
        "file_name",
        "file_size",
        "text",
    ]
    export_filename = "bai-du-thi"


class ContestAdminGroup(ModelViewSetGroup):
    menu_label = _("Writing contests")
    menu_icon = "edit"
    menu_order = 320
    # Viewsets and menu items of the judging register themselves in this submenu through this hook.
    submenu_hook = "register_writing_contests_menu_item"
    items = (EntryViewSet,)


@hooks.register("register_admin_viewset")
def register_contest_viewsets():
    return ContestAdminGroup()


@hooks.register("register_admin_urls")
def register_entry_file_url():
    return [path("contests/entries/<int:pk>/file/", entry_file, name="contests_entry_file")]


# Judging, the organisers' side: judge assignments and the judging views (contests/organiser_views.py).
@hooks.register("register_admin_viewset")
def register_organiser_viewsets():
    return [JudgeAssignmentViewSet(), JudgingViewSet()]


# Judging, the judges' side: their contests, entries, score sheets and recusals (contests/judge_views.py).
@hooks.register("register_admin_urls")
def register_judge_urls():
    return judge_urls()


@hooks.register("register_admin_menu_item")
def register_judging_menu_item():
    return judging_menu_item()


@hooks.register("construct_homepage_panels")
def add_judging_panels(request, panels):
    """Each panel shows itself to its own role only (contests/dashboard.py)."""
    panels.extend([JudgePanel(), OrganiserPanel()])


hooks.register(SETUP_STEPS_HOOK, set_up_contest_roles)

# The public side of a contest page: its entry form, the status look-up and the results (contests/views.py).
hooks.register(CONTEST_ROUTES_HOOK, contest_routes)
hooks.register(STRUCTURED_DATA_HOOK, contest_structured_data)
