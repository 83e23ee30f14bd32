"""An outlet's "most read" list: its live, public articles ranked by the reads counted on its site
(newsroom/read_counting.py) today and yesterday on the province's calendar.

Two days rather than today alone: just after midnight today's counts are a handful of reads, and the list would
be drawn by chance; with yesterday's beside them it changes gradually, and a story leaves it two days after its
readers did. Ties go to the newer page.
"""

import datetime

from django.db.models import OuterRef, Subquery, Sum

from core.dates import local_today
from newsroom.models import ArticlePage, DailyReads
from newsroom.models.base import UNLISTED_PAGE_FIELDS

WINDOW_DAYS = 2


def most_read(outlet_home, limit=5):
    """Up to `limit` articles of the outlet, most read first: a title and a date each, as the list shows them.

    One query whatever the limit (the private sections read once for the request's listings): the articles among
    the `limit` most read, each with its reads in the window, a count the database makes for those few only.
    """
    if limit <= 0:
        return []
    readable = ArticlePage.objects.in_outlet(outlet_home).live().public()
    reads = DailyReads.objects.filter(outlet=outlet_home.outlet, day__gte=window_start())
    ranking = (
        reads.filter(page__in=readable.values("pk"))
        .values("page")
        .annotate(total=Sum("reads"))
        .order_by("-total", "-page")
        .values("page")[:limit]
    )
    reads_of_each = (
        reads.filter(page=OuterRef("pk")).values("page").annotate(total=Sum("reads")).values("total")
    )
    articles = (
        readable.filter(pk__in=ranking)
        .annotate(reads_in_window=Subquery(reads_of_each))
        .defer_streamfields()
        .defer(*UNLISTED_PAGE_FIELDS)
    )
    return sorted(articles, key=lambda article: (-article.reads_in_window, -article.pk))


def window_start():
    return local_today() - datetime.timedelta(days=WINDOW_DAYS - 1)
