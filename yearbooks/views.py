"""The admin's "Yearbooks": the list of the books asked for, the form asking for one, a book's page (its progress,
refreshing itself while it is made), its download and its deletion, to whoever yearbooks.access lets make them
(and delete them)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import ButtonsColumnMixin, Column, TitleColumn
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets.button import Button, ButtonWithDropdown, HeaderButton

from core.dates import time_and_date
from core.downloads import private_file_response

from . import access
from .content import selected_profiles
from .forms import YearbookForm
from .models import Yearbook

NAME = "yearbooks"
# How often a book's page asks again while the book is made.
REFRESH_SECONDS = 5


def yearbook_url(yearbook):
    return reverse(f"{NAME}:detail", args=[yearbook.pk])


def download_url(yearbook):
    return reverse(f"{NAME}:download", args=[yearbook.pk])


def delete_url(yearbook):
    return reverse(f"{NAME}:delete", args=[yearbook.pk])


def delete_button(yearbook):
    return Button(_("Delete"), url=delete_url(yearbook), icon_name="bin", priority=30)


def requested(yearbook):
    return time_and_date(yearbook.requested_at)


def file_name(yearbook):
    return f"{yearbook.title}.pdf"


class YearbookAccessMixin:
    def dispatch(self, request, *args, **kwargs):
        if not access.makes_yearbooks(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class DownloadColumn(Column):
    """The link to a finished book's file; nothing for the others."""

    cell_template_name = "yearbooks/admin/download_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["download_url"] = download_url(instance) if instance.status == Yearbook.Status.DONE else ""
        return context


class TitleWithButtonsColumn(ButtonsColumnMixin, TitleColumn):
    """The title and, beside it, the row's buttons, as Wagtail's own listings show them."""

    def __init__(self, *args, buttons_for, **kwargs):
        super().__init__(*args, **kwargs)
        self.buttons_for = buttons_for

    def get_buttons(self, instance, parent_context):
        return self.buttons_for(instance)


class YearbookListView(YearbookAccessMixin, BaseListingView):
    page_title = gettext_lazy("Yearbooks")
    header_icon = "doc-full-inverse"
    paginate_by = 50
    index_url_name = f"{NAME}:index"

    @cached_property
    def columns(self):
        return [
            TitleWithButtonsColumn(
                "title", label=_("Title"), get_url=yearbook_url, buttons_for=self.get_list_buttons
            ),
            Column("status", label=_("Status"), accessor="get_status_display"),
            Column("progress", label=_("Profiles")),
            Column("requested_at", label=_("Asked for at"), accessor=requested),
            DownloadColumn("file", label=_("File")),
        ]

    @cached_property
    def deletes(self):
        return access.deletes_yearbooks(self.request.user)

    def get_list_buttons(self, yearbook):
        """The "more" menu of Wagtail's listings, for the books this user may delete."""
        if not self.deletes(yearbook):
            return []
        return [
            ButtonWithDropdown(
                buttons=[delete_button(yearbook)],
                icon_name="dots-horizontal",
                attrs={"aria-label": _("More options for '%(title)s'") % {"title": yearbook.title}},
            )
        ]

    @property
    def header_buttons(self):
        return [HeaderButton(_("New yearbook"), url=reverse(f"{NAME}:create"), icon_name="plus")]

    def get_base_queryset(self):
        return Yearbook.objects.all()


class YearbookCreateView(YearbookAccessMixin, WagtailAdminTemplateMixin, FormView):
    form_class = YearbookForm
    template_name = "yearbooks/admin/create.html"
    page_title = gettext_lazy("New yearbook")
    header_icon = "doc-full-inverse"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"mastheads": access.mastheads_for(self.request.user)}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{NAME}:index"), "label": _("Yearbooks")},
            {"url": "", "label": self.get_header_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            action_url=self.request.path, submit_button_label=_("Make the yearbook"), **kwargs
        )

    def form_valid(self, form):
        yearbook = form.save(commit=False)
        yearbook.requested_by = self.request.user
        yearbook.profiles_total = yearbook_profiles_count(form)
        yearbook.save()
        form.save_m2m()
        messages.success(
            self.request,
            _("The yearbook is being made in the background; this page shows how far it has gone."),
        )
        return redirect(yearbook_url(yearbook))


def yearbook_profiles_count(form):
    """How many profiles the selection holds now, shown until the making counts them again."""
    data = form.cleaned_data
    chosen = data.get("profiles")
    return selected_profiles(
        data.get("movement"), data.get("achievement_field"), data.get("year"), chosen or None
    ).count()


class YearbookDetailView(YearbookAccessMixin, WagtailAdminTemplateMixin, View):
    template_name = "yearbooks/admin/detail.html"
    header_icon = "doc-full-inverse"

    def get_page_title(self):
        return self.yearbook.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{NAME}:index"), "label": _("Yearbooks")},
            {"url": "", "label": self.get_header_title()},
        ]

    def get_header_more_buttons(self):
        if not access.deletes_yearbook(self.request.user, self.yearbook):
            return []
        return [delete_button(self.yearbook)]

    def get(self, request, yearbook_id):
        self.yearbook = get_object_or_404(
            Yearbook.objects.select_related("movement", "achievement_field", "requested_by"), pk=yearbook_id
        )
        yearbook = self.yearbook
        return self.render_to_response(
            self.get_context_data(
                yearbook=yearbook,
                requested_at=requested(yearbook),
                finished_at=yearbook.finished_at and time_and_date(yearbook.finished_at),
                chosen=yearbook.profiles.order_by("sort_name", "pk"),
                refresh_seconds=REFRESH_SECONDS if yearbook.is_in_progress else None,
                download_url=download_url(yearbook) if yearbook.status == Yearbook.Status.DONE else "",
            )
        )


class YearbookDownloadView(YearbookAccessMixin, View):
    """A finished book's PDF, as a private download; as often as it is asked for."""

    def get(self, request, yearbook_id):
        yearbook = get_object_or_404(Yearbook, pk=yearbook_id, status=Yearbook.Status.DONE)
        try:
            opened = yearbook.file.open("rb")
        except (FileNotFoundError, ValueError) as missing:
            raise Http404(_("The yearbook's file is missing.")) from missing
        return private_file_response(opened, file_name(yearbook), "application/pdf")


class YearbookDeleteView(WagtailAdminTemplateMixin, View):
    """Asks first (GET), deletes on POST only; the book's file goes with it (yearbooks.files)."""

    template_name = "yearbooks/admin/delete.html"
    page_title = gettext_lazy("Delete yearbook")
    header_icon = "bin"

    def dispatch(self, request, *args, **kwargs):
        # Refused before the book is looked for: who may not make books learns nothing of which ones exist.
        if not access.makes_yearbooks(request.user):
            raise PermissionDenied
        self.yearbook = get_object_or_404(
            Yearbook.objects.select_related("requested_by"), pk=kwargs["yearbook_id"]
        )
        if not access.deletes_yearbook(request.user, self.yearbook):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.yearbook.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{NAME}:index"), "label": _("Yearbooks")},
            {"url": yearbook_url(self.yearbook), "label": self.yearbook.title},
            {"url": "", "label": _("Delete")},
        ]

    def get(self, request, yearbook_id):
        return self.render_to_response(
            self.get_context_data(
                yearbook=self.yearbook,
                requested_at=requested(self.yearbook),
                delete_url=request.path,
                cancel_url=yearbook_url(self.yearbook),
            )
        )

    def post(self, request, yearbook_id):
        delete_yearbook(yearbook_id)
        messages.success(request, _("The yearbook “%(title)s” was deleted.") % {"title": self.yearbook.title})
        return redirect(f"{NAME}:index")


def delete_yearbook(pk):
    """The row as it stands now, deleted: the transaction (IMMEDIATE on SQLite, the row locked on PostgreSQL) waits
    for a worker storing the book, so the file named here is the one stored, or the worker finds no row after
    and removes its own (yearbooks.making.store)."""
    with transaction.atomic():
        Yearbook.objects.select_for_update().filter(pk=pk).delete()


class YearbookMenuItem(MenuItem):
    def is_shown(self, request):
        return access.makes_yearbooks(request.user)


class YearbookViewSet(ViewSet):
    name = NAME
    url_prefix = "yearbooks"
    icon = "doc-full-inverse"
    menu_label = gettext_lazy("Yearbooks")
    menu_order = 345
    add_to_admin_menu = True
    menu_item_class = YearbookMenuItem

    def get_urlpatterns(self):
        return [
            path("", YearbookListView.as_view(), name="index"),
            path("new/", YearbookCreateView.as_view(), name="create"),
            path("<int:yearbook_id>/", YearbookDetailView.as_view(), name="detail"),
            path("<int:yearbook_id>/download/", YearbookDownloadView.as_view(), name="download"),
            path("<int:yearbook_id>/delete/", YearbookDeleteView.as_view(), name="delete"),
        ]
