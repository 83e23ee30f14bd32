"""Names for the form fields and listing columns Wagtail's admin leaves unnamed, or names from the database.

Django then shows the name the code gives them, in English ("Password", "Email address", "Root page"), or a
permission's name as migrations stored it ("Can add page"), and no catalogue can translate it. Each label here
is a msgid the catalogues translate: a model field's own name, or Wagtail's own name for it, where there is one.
"""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.forms.auth import LoginForm
from wagtail.admin.forms.choosers import (
    AnchorLinkChooserForm,
    EmailLinkChooserForm,
    ExternalLinkChooserForm,
    PhoneLinkChooserForm,
)
from wagtail.admin.forms.workflows import WorkflowPageForm
from wagtail.models import GroupPagePermission, Page, Site, WorkflowPage
from wagtail.sites.views import IndexView as SiteIndexView
from wagtail.users.forms import PagePermissionsForm


def field_name(model, name):
    return capfirst(model._meta.get_field(name).verbose_name)


def form_field_labels():
    return {
        LoginForm: {"password": _("Password")},
        ExternalLinkChooserForm: {"link_text": _("Link text")},
        AnchorLinkChooserForm: {"link_text": _("Link text")},
        EmailLinkChooserForm: {
            "email_address": _("Email address"),
            "link_text": _("Link text"),
            "subject": pgettext_lazy("email", "Subject"),
            "body": pgettext_lazy("email", "Body"),
        },
        PhoneLinkChooserForm: {"phone_number": _("Phone number"), "link_text": _("Link text")},
        WorkflowPageForm: {"page": field_name(WorkflowPage, "page")},
        PagePermissionsForm: {"page": field_name(GroupPagePermission, "page")},
    }


def page_permission_label(permission):
    """What Wagtail calls a page permission in the headings of its table of them ("Publish any page")."""
    labels = {codename: label for codename, _heading, label in Page.permission_types}
    return labels.get(permission.codename, str(permission))


# The columns of Wagtail's list of sites named after their model fields.
SITE_COLUMNS = {"port", "site_name", "root_page"}


def name_wagtails_unnamed_fields():
    """Every instance of these forms copies its fields from the class: labelled once, at start-up."""
    for form, labels in form_field_labels().items():
        for name, label in labels.items():
            form.base_fields[name].label = label
    PagePermissionsForm.base_fields["permissions"].label_from_instance = page_permission_label
    for column in SiteIndexView.columns:
        if column.name in SITE_COLUMNS:
            column.label = field_name(Site, column.name)
