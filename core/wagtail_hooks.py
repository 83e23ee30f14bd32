from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import OutgoingMail
from .outbox_admin import FailedMailPanel, OutgoingMailPermissionPolicy, OutgoingMailViewSet

register_permission_policy(OutgoingMail, OutgoingMailPermissionPolicy(OutgoingMail))


@hooks.register("register_admin_viewset")
def register_outgoing_mail_viewset():
    return OutgoingMailViewSet()


@hooks.register("construct_homepage_panels")
def add_failed_mail_panel(request, panels):
    panels.append(FailedMailPanel())
