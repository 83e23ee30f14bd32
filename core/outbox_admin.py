"""The administrators' screen of the outbox (Settings → Outgoing e-mails): every e-mail, those that failed
first, with the number of attempts and the last error, and a "Retry now" button on each one that waits or
failed. While some e-mail has failed for good, the dashboard of whoever may view the screen says so.

Viewing needs core.view_outgoingmail and retrying core.change_outgoingmail: superusers have both, and they may
grant them to a group. Nobody adds, edits or deletes an e-mail here. The bodies are not shown: they may hold
personal data, and the subject, the recipients and the error are what a failure is diagnosed with.
"""

import datetime
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.utils.urlpatterns import decorate_urlpatterns

from .models import OutgoingMail
from .outbox import retry_now

Status = OutgoingMail.Status
RETRYABLE = {Status.PENDING, Status.FAILED}
ERROR_SHOWN_IN_LIST = 160


def field_label(name):
    return capfirst(OutgoingMail._meta.get_field(name).verbose_name)


def recipients_text(mail):
    return ", ".join(mail.recipients)


def shortened_error(mail):
    return Truncator(mail.last_error).chars(ERROR_SHOWN_IN_LIST)


class OutgoingMailPermissionPolicy(ModelPermissionPolicy):
    """E-mails are written by the application only: people may view them and retry them, nothing else."""

    PERMISSIONS = {"view": "view", "retry": "change"}

    def user_has_permission(self, user, action):
        permission = self.PERMISSIONS.get(action)
        return permission is not None and super().user_has_permission(user, permission)


def may_view(user):
    return policy_registry.get_by_type(OutgoingMail).user_has_permission(user, "view")


def administrators_only(view):
    """Every route refuses whoever may not view the outbox, before any e-mail is looked up."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not may_view(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


class OutgoingMailIndexView(IndexView):
    # Failed first (the status values sort that way), then waiting; the newest first within each.
    default_ordering = ("status", "-created_at")


class OutgoingMailInspectView(InspectView):
    template_name = "core/outgoing_mail_inspect.html"
    retry_url_name = None

    def get_recipients_display_value(self):
        return recipients_text(self.object)

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return "—"
        # Wagtail's template localises a date without moving it to the user's time zone, as the listing does.
        return timezone.localtime(value) if isinstance(value, datetime.datetime) else value

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object.status in RETRYABLE and self.user_has_permission("retry"):
            context["retry_url_name"] = self.retry_url_name
        return context


class RetryView(View):
    """One attempt at once (POST only); the administrator is told how it went."""

    http_method_names = ["post"]
    inspect_url_name = None

    def post(self, request, pk):
        if not policy_registry.get_by_type(OutgoingMail).user_has_permission(request.user, "retry"):
            raise PermissionDenied
        mail = get_object_or_404(OutgoingMail, pk=pk)
        status = retry_now(mail.pk)
        mail.refresh_from_db()
        subject = Truncator(mail.subject).chars(80)
        if status == Status.SENT:
            messages.success(request, _("“%(subject)s” was sent.") % {"subject": subject})
        elif status == Status.SENDING:
            messages.warning(request, _("“%(subject)s” is being sent right now.") % {"subject": subject})
        else:
            messages.error(
                request,
                _("“%(subject)s” could not be sent: %(error)s")
                % {"subject": subject, "error": shortened_error(mail)},
            )
        return redirect(self.inspect_url_name, mail.pk)


class OutgoingMailViewSet(ModelViewSet):
    model = OutgoingMail
    icon = "mail"
    menu_label = gettext_lazy("Outgoing e-mails")
    add_to_settings_menu = True
    url_prefix = "outgoing-mail"
    url_namespace = "core_outgoing_mail"
    index_view_class = OutgoingMailIndexView
    inspect_view_class = OutgoingMailInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    # Never shown: the policy refuses adding and editing. ModelViewSet builds the form all the same.
    form_fields = ["status"]
    list_display = [
        "subject",
        Column("recipients", label=field_label("recipients"), accessor=recipients_text),
        "status",
        "attempts",
        Column("last_error", label=field_label("last_error"), accessor=shortened_error),
        "created_at",
        "next_attempt_at",
        "sent_at",
    ]
    list_filter = ["status"]
    inspect_view_fields = [
        "subject",
        "recipients",
        "from_email",
        "status",
        "attempts",
        "created_at",
        "next_attempt_at",
        "sent_at",
        "last_error",
    ]

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(retry_url_name=self.get_url_name("retry"), **kwargs)

    def get_urlpatterns(self):
        routes = [
            *super().get_urlpatterns(),
            path(
                "retry/<int:pk>/",
                RetryView.as_view(inspect_url_name=self.get_url_name("inspect")),
                name="retry",
            ),
        ]
        return decorate_urlpatterns(routes, administrators_only)

    def get_permissions_to_register(self):
        """Only the permissions that mean something here: view, and change (retry)."""
        return (
            super()
            .get_permissions_to_register()
            .filter(codename__in=["view_outgoingmail", "change_outgoingmail"])
        )


class FailedMailPanel(Component):
    name = "failed_outgoing_mail"
    template_name = "core/failed_mail_panel.html"
    order = 40

    def render_html(self, parent_context=None):
        request = parent_context["request"]
        if not may_view(request.user):
            return ""
        failed = OutgoingMail.objects.filter(status=Status.FAILED).count()
        if not failed:
            return ""
        listing_url = f"{reverse(f'{OutgoingMailViewSet.url_namespace}:index')}?status={Status.FAILED}"
        return render_to_string(
            self.template_name, {"failed": failed, "listing_url": listing_url}, request=request
        )
