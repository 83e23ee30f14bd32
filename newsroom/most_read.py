"""An outlet's "most read" list: its live, public articles ranked by the reads counted on its site
(newsroom/read_counting.py) today and yesterday on the province's calendar.

Two days rather than today alone: just after midnight today's counts are a handful of reads, and the list would
be drawn by chance; with yesterday's beside them it changes gradually, and a story leaves it two days after its
readers did. Ties go to the newer page.
"""

import datetime

from django.db.models import Sum

from core.dates import local_today
from newsroom.models import ArticlePage, DailyReads
from newsroom.models.base import UNLISTED_PAGE_FIELDS

WINDOW_DAYS = 2


def most_read(outlet_home, limit=5):
    """Up to `limit` articles of the outlet, most read first: a title and a date each, as the list shows them.

    Three queries whatever the limit: the private sections, the ranking and the articles (two when nothing was
    read).
    """
    if limit <= 0:
        return []
    readable = ArticlePage.objects.in_outlet(outlet_home).live().public()
    ranking = list(
        DailyReads.objects.filter(
            outlet=outlet_home.outlet, day__gte=window_start(), page__in=readable.values("pk")
        )
        .values_list("page")
        .annotate(total=Sum("reads"))
        .order_by("-total", "-page")[:limit]
    )
    if not ranking:
        return []
    rank = {page_id: position for position, (page_id, _total) in enumerate(ranking)}
    articles = readable.filter(pk__in=rank).defer_streamfields().defer(*UNLISTED_PAGE_FIELDS)
    return sorted(articles, key=lambda article: rank[article.pk])


def window_start():
    return local_today() - datetime.timedelta(days=WINDOW_DAYS - 1)
