"""Organiser views: the entries with their contact details, their files, and exports. Permissions on each."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.views.generic import IndexView
from wagtail.permission_policies import ModelPermissionPolicy

from core.downloads import private_file_response
from core.file_types import FILE_TYPES
from core.vietnamese import slugify

from .exports import SafeSpreadsheetMixin
from .models import Entry


class EntryPermissionPolicy(ModelPermissionPolicy):
    """Entries come from the public form only, and are kept as sent: staff never add or delete one."""

    FORBIDDEN = {"add", "delete"}

    def user_has_permission(self, user, action):
        return action not in self.FORBIDDEN and super().user_has_permission(user, action)


class EntryIndexView(SafeSpreadsheetMixin, IndexView):
    """The entries listing, whose CSV and XLSX exports cannot carry spreadsheet formulas."""


def entry_file(request, pk):
    """The entry's file as an attachment, for organisers only; never rendered inline by the browser."""
    if not request.user.has_perm("contests.view_entry"):
        raise PermissionDenied
    entry = get_object_or_404(Entry, pk=pk)
    if not entry.file:
        raise Http404(_("This entry has no file."))
    return attachment_response(entry.file.open("rb"), entry.file_name, entry.file_kind)


def attachment_response(stream, filename, file_kind):
    """An entry's file (as sent, or a judge's anonymised copy) as a private download of the kind it proved."""
    return private_file_response(stream, safe_filename(filename, file_kind), FILE_TYPES[file_kind].mime)


def safe_filename(filename, file_kind):
    """The entrant's file name in ASCII, with the extension of the kind the content proved."""
    stem = slugify(filename.rsplit(".", 1)[0])[:80] or "bai-du-thi"
    return f"{stem}.{file_kind}"
