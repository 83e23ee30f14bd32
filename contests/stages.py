"""Where a contest stands, one answer for every role: the organisers' screens and the judges' read the same
stage, so nobody is offered to close a judging that has not begun."""

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Phase


class Stage(models.TextChoices):
    UPCOMING = "upcoming", _("Not taking entries yet")
    TAKING_ENTRIES = "taking_entries", _("Taking entries")
    SCORING = "scoring", _("Scoring open")
    JUDGING_CLOSED = "judging_closed", _("Judging closed")
    RESULTS_PUBLISHED = "results_published", _("Results published")


ENTRY_STAGES = {Phase.UPCOMING: Stage.UPCOMING, Phase.OPEN: Stage.TAKING_ENTRIES, Phase.CLOSED: Stage.SCORING}


def stage_of(contest, now=None):
    """The contest's stage; reads the judging row loaded by select_related when there is one."""
    judging = loaded_judging(contest)
    if judging is not None and judging.results_published:
        return Stage.RESULTS_PUBLISHED
    if judging is not None and judging.is_closed:
        return Stage.JUDGING_CLOSED
    return ENTRY_STAGES[contest.phase(now)]


def loaded_judging(contest):
    """The contest's judging row, or None while nobody has closed or published anything."""
    try:
        return contest.judging
    except ObjectDoesNotExist:
        return None
