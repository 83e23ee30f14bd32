"""Scheduled publishing: Wagtail's `publish_scheduled` run on a clock, so pages go live and expire on time.

The same clock sends the e-mails that are due from the outbox (core.outbox): retries of those the mail server
refused, and runs the work other apps give it through SCHEDULED_WORK_HOOK.
"""

import logging
import time

from django.core.management import call_command
from django.db import close_old_connections

from wagtail import hooks

from core.outbox import send_due_mail

# Other apps run work of their own on each tick through this hook (search: the index changes OpenSearch could
# not take when they were made), so the newsroom needs to know none of them. Each function takes no argument,
# runs after the publications and may be called at any moment, any number of times.
SCHEDULED_WORK_HOOK = "newsroom_scheduled_work"

logger = logging.getLogger(__name__)


def run_due_publications():
    """Publish what is due, unpublish what has expired. Safe to run at any moment, any number of times."""
    # Mail first: a mail server that is down fails no tick (each e-mail records its own error), and a page
    # that cannot be published must not hold back the e-mails.
    send_due_mail()
    call_command("publish_scheduled", verbosity=0)
    for work in hooks.get_hooks(SCHEDULED_WORK_HOOK):
        work()


def run_tick(interval_seconds):
    try:
        run_due_publications()
    except Exception:
        # A failing tick (database restarting, say) must not stop the next ones.
        logger.exception("Scheduled publishing failed; trying again in %s s", interval_seconds)
    finally:
        # What Django does after each request: drop a connection that broke or outlived CONN_MAX_AGE,
        # so the next tick reconnects instead of failing on a dead connection forever.
        close_old_connections()


def run_forever(interval_seconds, sleep=time.sleep):
    while True:
        run_tick(interval_seconds)
        sleep(interval_seconds)
