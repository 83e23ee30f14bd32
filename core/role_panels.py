"""Dashboard panels that belong to one role: each app's panels say who they are for, and render nothing for
anyone else."""

from django.template.loader import render_to_string

from wagtail.admin.ui.components import Component


class RolePanel(Component):
    """A dashboard panel for one role. Each subclass gives `template_name` and `context_for(user)`, the template's
    context, or None for anyone outside the role: then nothing renders."""

    template_name = None

    def render_html(self, parent_context=None):
        request = parent_context["request"]
        context = self.context_for(request.user)
        if context is None:
            return ""
        return render_to_string(self.template_name, context, request=request)
