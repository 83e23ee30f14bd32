"""Scheduled publishing: Wagtail's `publish_scheduled` run on a clock, so pages go live and expire on time."""

import logging
import time

from django.core.management import call_command

logger = logging.getLogger(__name__)


def run_due_publications():
    """Publish what is due, unpublish what has expired. Safe to run at any moment, any number of times."""
    call_command("publish_scheduled", verbosity=0)


def run_forever(interval_seconds, sleep=time.sleep):
    while True:
        try:
            run_due_publications()
        except Exception:
            # A failing tick (database restarting, say) must not stop the next ones.
            logger.exception("Scheduled publishing failed; trying again in %s s", interval_seconds)
        sleep(interval_seconds)
