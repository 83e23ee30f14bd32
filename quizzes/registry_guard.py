"""What knowledge contests hold on to cannot be deleted in the admin, and the admin says why rather than fail:
a contest page with rounds (its rounds, attempts and results point at it), and the registry's units, communes
and wards that entrants belong to (each entrant is counted for exactly one of them in the participation report
and the collective prizes).

Rounds and entrants are left out of Wagtail's reference index (indexing each entrant would add queries to every
start in a round's last hour), so the delete views are told here, before they ask the database, which refuses
(PROTECT) anyway."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from exemplars.models import Locality, Unit

from .models import Entrant, QuizPage, QuizRound


def refuse_deleting_contests_with_rounds(request, page):
    """The `before_delete_page` hook: back to the page's editor with a message when it is a contest with rounds."""
    if not (isinstance(page.specific, QuizPage) and QuizRound.objects.filter(contest_id=page.pk).exists()):
        return None
    messages.error(
        request,
        _("%(title)s cannot be deleted: it has rounds. Unpublish it to take it off the site.")
        % {"title": page.title},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


def refuse_deleting_affiliations(request, instances):
    """The `before_delete_snippet` hook: back to the listing with a message when an instance has entrants."""
    held = [instance for instance in instances if _has_entrants(instance)]
    if not held:
        return None
    messages.error(
        request,
        _("%(names)s cannot be deleted: people took part in a knowledge contest as its members.")
        % {"names": ", ".join(map(str, held))},
    )
    return redirect(reverse(type(held[0]).snippet_viewset.get_url_name("list")))


def _has_entrants(instance):
    if isinstance(instance, Unit):
        return Entrant.objects.filter(unit=instance).exists()
    if isinstance(instance, Locality):
        return Entrant.objects.filter(locality=instance).exists()
    return False
