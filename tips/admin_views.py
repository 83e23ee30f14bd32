"""The admin's side of tips: the editors' moderated queue, a tip's page with the decisions, its files, and the
read-only list of the tips passed to units as suggestions for nomination (tips.access says who sees what)."""

import django_filters

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views import View

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from core.dates import short_date, time_and_date
from core.downloads import private_file_response

from . import access
from .admin_forms import DECISION_FORMS
from .models import Tip, TipAttachment
from .moderation import CannotDecide

QUEUE = "tips"
SUGGESTIONS = "tip_suggestions"


def tip_url(tip):
    return reverse(f"{QUEUE}:tip", args=[tip.pk])


def received(tip):
    return time_and_date(tip.received_at)


class TipFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=Tip.Status.choices)

    class Meta:
        model = Tip
        fields = ["status"]


class QueueView(BaseListingView):
    """The tips of the outlets the user edits, those waiting first, each group newest first; filtered by status."""

    page_title = gettext_lazy("Tips from the public")
    header_icon = "mail"
    paginate_by = 50
    index_url_name = f"{QUEUE}:index"
    index_results_url_name = f"{QUEUE}:index_results"
    filterset_class = TipFilterSet
    columns = [
        TitleColumn("who", label=pgettext_lazy("tip", "Who"), get_url=tip_url),
        Column("place", label=gettext_lazy("Where")),
        Column("outlet", label=gettext_lazy("Outlet"), accessor="get_outlet_display"),
        Column("received_at", label=gettext_lazy("Received at"), accessor=received),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not access.moderates_tips(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        waiting_first = Case(When(status=Tip.Status.NEW, then=0), default=1)
        return access.moderated_tips(self.request.user).order_by(waiting_first, "-received_at", "-pk")


class SuggestionsView(BaseListingView):
    """Read only: the tips passed to the user's unit (every unit's for the Department's reviewers)."""

    page_title = gettext_lazy("Suggestions for nomination from the public")
    header_icon = "mail"
    paginate_by = 50
    index_url_name = f"{SUGGESTIONS}:index"
    columns = [
        TitleColumn("who", label=pgettext_lazy("tip", "Who"), get_url=tip_url),
        Column("place", label=gettext_lazy("Where")),
        Column("unit", label=gettext_lazy("Unit")),
        Column("received_at", label=gettext_lazy("Received at"), accessor=received),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not access.reads_suggestions(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return access.suggested_tips(self.request.user).select_related("unit").order_by("-received_at", "-pk")


class TipView(WagtailAdminTemplateMixin, View):
    """A tip with its files and what was decided; its outlet's editors decide a waiting tip here."""

    template_name = "tips/admin/tip.html"
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        self.tip = get_object_or_404(
            Tip.objects.select_related("locality", "unit", "assignment", "duplicate_of", "decided_by"),
            pk=kwargs["tip_id"],
        )
        if not access.may_see(request.user, self.tip):
            raise PermissionDenied
        self.may_decide = access.may_moderate(request.user, self.tip) and self.tip.is_pending
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Tip #%(number)s") % {"number": self.tip.pk}

    def get_page_subtitle(self):
        return self.tip.who

    def get_breadcrumbs_items(self):
        # Back to the list the user came from: the queue for its editors, the suggestions for the others.
        listing = (
            (reverse(f"{QUEUE}:index"), _("Tips from the public"))
            if access.may_moderate(self.request.user, self.tip)
            else (reverse(f"{SUGGESTIONS}:index"), _("Suggestions for nomination from the public"))
        )
        return [
            *self.breadcrumbs_items,
            {"url": listing[0], "label": listing[1]},
            {"url": "", "label": self.get_header_title()},
        ]

    def get(self, request, tip_id):
        return self.render_to_response(self.get_context_data(forms=self.decision_forms()))

    def post(self, request, tip_id):
        if not self.may_decide:
            raise PermissionDenied
        action = request.POST.get("action")
        if action not in DECISION_FORMS:
            raise Http404
        form = DECISION_FORMS[action](self.tip, request.POST, prefix=action)
        if form.is_valid():
            try:
                form.decide(request.user)
            except CannotDecide as refusal:
                messages.error(request, str(refusal))
            else:
                messages.success(request, form.success_message)
            return redirect(tip_url(self.tip))
        forms_shown = self.decision_forms() | {action: form}
        return self.render_to_response(self.get_context_data(forms=forms_shown), status=400)

    def decision_forms(self):
        if not self.may_decide:
            return {}
        return {action: form_class(self.tip, prefix=action) for action, form_class in DECISION_FORMS.items()}

    def get_context_data(self, **kwargs):
        tip = self.tip
        return super().get_context_data(
            tip=tip,
            received_at=time_and_date(tip.received_at),
            happened_on=short_date(tip.happened_on),
            decided_at=tip.decided_at and time_and_date(tip.decided_at),
            attachments=tip.attachments.all(),
            may_moderate=access.may_moderate(self.request.user, tip),
            duplicates=tip.duplicates.all() if access.may_moderate(self.request.user, tip) else [],
            **kwargs,
        )


class AttachmentView(View):
    """A tip's file, to whoever may see the tip, as a hardened private download."""

    def get(self, request, tip_id, attachment_id):
        attachment = get_object_or_404(
            TipAttachment.objects.select_related("tip"), pk=attachment_id, tip_id=tip_id
        )
        if not access.may_see(request.user, attachment.tip):
            raise PermissionDenied
        try:
            opened = attachment.file.open("rb")
        except FileNotFoundError as missing:
            raise Http404 from missing
        content_type = (
            "video/mp4" if attachment.is_video else f"image/{attachment_content_subtype(attachment)}"
        )
        return private_file_response(opened, attachment.file_name, content_type)


def attachment_content_subtype(attachment):
    return {"jpg": "jpeg"}.get(attachment.kind, attachment.kind)


class QueueMenuItem(MenuItem):
    def is_shown(self, request):
        return access.moderates_tips(request.user)


class SuggestionsMenuItem(MenuItem):
    def is_shown(self, request):
        return access.reads_suggestions(request.user)


class TipQueueViewSet(ViewSet):
    name = QUEUE
    url_prefix = "tips"
    icon = "mail"
    menu_label = gettext_lazy("Tips from the public")
    menu_order = 340
    add_to_admin_menu = True
    menu_item_class = QueueMenuItem

    def get_urlpatterns(self):
        return [
            path("", QueueView.as_view(), name="index"),
            path("results/", QueueView.as_view(results_only=True), name="index_results"),
            path("<int:tip_id>/", TipView.as_view(), name="tip"),
            path("<int:tip_id>/files/<int:attachment_id>/", AttachmentView.as_view(), name="attachment"),
        ]


class SuggestionsViewSet(ViewSet):
    name = SUGGESTIONS
    url_prefix = "tips/suggestions"
    icon = "mail"
    menu_label = gettext_lazy("Suggestions from the public")
    menu_order = 341
    add_to_admin_menu = True
    menu_item_class = SuggestionsMenuItem

    def get_urlpatterns(self):
        return [path("", SuggestionsView.as_view(), name="index")]
