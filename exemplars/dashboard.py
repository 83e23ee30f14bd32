"""The editors' dashboard panel: profiles drafted from approved nominations, waiting to be published."""

from django.template.loader import render_to_string

from wagtail.admin.ui.components import Component

from .models import ExemplarPage

PANEL_LIMIT = 20


def drafts_from_nominations(user):
    """Unpublished profiles created from an approved nomination that `user` may edit, newest first."""
    drafts = (
        ExemplarPage.objects.filter(live=False, nomination__isnull=False)
        .select_related("nomination__unit")
        .order_by("-latest_revision_created_at")
    )
    return [page for page in drafts[:PANEL_LIMIT] if page.permissions_for_user(user).can_edit()]


class ApprovedNominationDraftsPanel(Component):
    name = "approved_nomination_drafts"
    template_name = "exemplars/admin/approved_nomination_drafts_panel.html"
    order = 80

    def render_html(self, parent_context=None):
        request = parent_context["request"]
        drafts = drafts_from_nominations(request.user)
        # Nothing to say to someone with no waiting draft they could publish.
        if not drafts:
            return ""
        return render_to_string(self.template_name, {"drafts": drafts}, request=request)
