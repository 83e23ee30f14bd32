from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from .admin_views import EntryIndexView, EntryPermissionPolicy, entry_file
from .models import Entry

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
    items = (EntryViewSet,)


@hooks.register("register_admin_viewset")
def register_contest_viewsets():
    return ContestAdminGroup()


@hooks.register("register_admin_urls")
def register_entry_file_url():
    return [path("contests/entries/<int:pk>/file/", entry_file, name="contests_entry_file")]
