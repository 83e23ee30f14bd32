"""The administrators' screen of login locks in force, each with its unlock button (superusers only)."""

import logging

from axes.models import AccessAttempt

from django import forms
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from newsroom.login_locks import all_locks, locks_in_force

logger = logging.getLogger(__name__)


class UnlockForm(forms.Form):
    kind = forms.ChoiceField(choices=())
    username = forms.CharField(required=False)
    ip_address = forms.GenericIPAddressField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.locks = {lock.kind: lock for lock in all_locks()}
        self.fields["kind"].choices = [(kind, lock.label) for kind, lock in self.locks.items()]

    def unlock(self):
        """Forget the failures that hold this lock, and only those.

        Not axes' reset_attempts: it skips an empty username or address, and would then forget every failure.
        An empty one is the lock of clients without an address, stored as NULL.
        """
        lock = self.locks[self.cleaned_data["kind"]]
        username, ip_address = self.cleaned_data["username"] or None, self.cleaned_data["ip_address"] or None
        AccessAttempt.objects.filter(**lock.matching(username, ip_address)).delete()


class LoginLocksView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "newsroom/admin/login_locks.html"
    page_title = _("Login locks")
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            # A plain 403: Wagtail's admin would turn PermissionDenied into a redirect to the dashboard.
            return HttpResponseForbidden(gettext("Only administrators can see and lift login locks."))
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        # The header names the screen, after the admin's home.
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(policy=all_locks(), locks=locks_in_force(timezone.now()), **kwargs)

    def post(self, request):
        form = UnlockForm(request.POST)
        if not form.is_valid():
            messages.error(request, gettext("This lock could not be lifted: reload the page and try again."))
            return redirect("newsroom_login_locks")
        form.unlock()
        logger.info("Login lock lifted by %s: %s", request.user, form.cleaned_data)
        messages.success(request, gettext("The lock is lifted: the next login is checked as usual."))
        return redirect("newsroom_login_locks")
