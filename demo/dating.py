"""How the demo is dated, so that it reads as a newsroom in use on the day it is loaded.

- What happened keeps its own date, given in the data files: the archive's articles (their text names their
  dates), the profiles (publication, awards), the movements (publication, period) and the 2025 contest, closed
  with its results.
- What a visitor comes to try is dated from the load: the recent stories (a few days before it), the writing
  contest taking entries, the nomination round.

No story, profile, movement or contest shows the load's own moment as its publication date: the demo publishes
and re-publishes them as of the date they carry, in the admin, the sitemap and the search index alike. (The
columns and indexes that hold them are the site's furniture, published when the demo is built.)
"""

import datetime

from wagtail.models import Page, Revision

from core.dates import LOCAL_TIME_ZONE


def data_moment(text):
    """An ISO 8601 moment from a data file; the files give the province's offset, +07:00."""
    return datetime.datetime.fromisoformat(text)


def days_before(today, days, clock):
    """`clock` ("HH:MM", the province's time) on the day `days` before `today`."""
    day = today - datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time.fromisoformat(clock), tzinfo=LOCAL_TIME_ZONE)


def add_published_child(parent, page, published_at):
    """Add `page` under `parent`, published at `published_at` (Wagtail keeps a first publication it is given)."""
    page.first_published_at = published_at
    parent.add_child(instance=page)
    publish_as_of(page, published_at)
    return page


def publish_as_of(page, moment):
    """Publish the page's current state as a revision of `moment`.

    As the archive import does, it leaves no entry in the audit log: that records editors' actions, and loading
    the demo is none.
    """
    revision = page.save_revision()
    revision.publish(log_action=False)
    Revision.objects.filter(pk=revision.pk).update(created_at=moment)
    Page.objects.filter(pk=page.pk).update(last_published_at=moment, latest_revision_created_at=moment)
    page.last_published_at = page.latest_revision_created_at = moment
