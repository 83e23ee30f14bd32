"""What tips hold on to cannot be deleted in the admin, and the admin says why rather than fail: a tip form that
received tips (each tip points at it), and a unit tips were passed to (its officers read them). The database
refuses both (PROTECT) anyway; these hooks answer first."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from exemplars.models import Unit

from .models import Tip, TipPage


def refuse_deleting_tip_forms_with_tips(request, page):
    """The `before_delete_page` hook: back to the page's editor with a message when it is a form with tips."""
    if not (isinstance(page.specific, TipPage) and Tip.objects.filter(page_id=page.pk).exists()):
        return None
    messages.error(
        request,
        _("%(title)s cannot be deleted: it has received tips. Unpublish it to take it off the site.")
        % {"title": page.title},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


def refuse_deleting_units_with_tips(request, instances):
    """The `before_delete_snippet` hook: back to the listing with a message when a unit was passed tips."""
    held = [i for i in instances if isinstance(i, Unit) and Tip.objects.filter(unit=i).exists()]
    if not held:
        return None
    messages.error(
        request,
        _("%(names)s cannot be deleted: tips from the public were passed to it.")
        % {"names": ", ".join(map(str, held))},
    )
    return redirect(reverse(Unit.snippet_viewset.get_url_name("list")))
