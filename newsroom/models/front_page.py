"""What an outlet's home page shows: the editor's choices (the lead story, the featured articles and the sections
per column of newsroom.models.home_sections), filled with the newest articles where the editor chose nothing.

An article is shown once, in the first of these places it comes to: the lead story, the featured articles, the
station's newest broadcasts, the sections in the editor's order (each with the newest articles of its column not
already shown above). Only live, public articles are shown: a chosen article unpublished since leaves its place
to the newest ones. Beside them "Tin mới" lists the outlet's newest articles not in the places before the
sections; on a home whose editor composed no section it is the main listing.

Whatever the editor composed, the articles are read in one listing query holding every place at once: its rows
are the union of a subquery per place, each keeping the newest rows that place may need; the listing's pictures
and columns are read for the articles shown only. Each subquery keeps as many more rows as the places before it
may take from it, so that it still has enough once they are left out. Each reads one subtree (the outlet, the
station, whose home's path is read first, a column) by the prefix of its tree path, newest first, which the
indexes answer whatever the archive's size: a filter joining the places with OR, or matching a computed part of
the path, makes PostgreSQL read every article.
"""

import functools
import operator
from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch, Q, prefetch_related_objects

from wagtail.models import Page

from newsroom.pictures import listing_images

from .articles import ArticlePage, attach_columns, listing_prefetches
from .home_sections import MAX_FEATURED

# The order of every listing (ArticleQuerySet.for_listing): the places are filled in it.
NEWEST_FIRST = ("-publication_date", "-pk")
LATEST_ITEMS = 8
BROADCAST_KINDS = (ArticlePage.Kind.VIDEO, ArticlePage.Kind.AUDIO)


@dataclass
class FilledSection:
    column: Page
    title: str
    articles: list


@dataclass
class FrontPage:
    lead: ArticlePage | None
    featured: list
    broadcasts: list
    sections: list
    latest: list

    def articles(self):
        """Every article shown, once each ("Tin mới" may list one that a section shows too)."""
        lead = [self.lead] if self.lead is not None else []
        sections = [article for section in self.sections for article in section.articles]
        return list(dict.fromkeys(lead + self.featured + self.broadcasts + sections + self.latest))


def compose_front_page(home, broadcasters, broadcast_items):
    """The front page of `home`, with up to `broadcast_items` of the newest video and audio items of the outlets
    whose home pages are the queryset `broadcasters` (the station)."""
    choices = list(home.column_sections.select_related("column"))
    featured_ids = list(dict.fromkeys(choice.article_id for choice in home.featured_articles.all()))
    pinned = [pk for pk in (home.lead_story_id, *featured_ids) if pk]
    # How many of a subquery's rows the places before its own may take, besides the pinned articles, which every
    # subquery leaves out: the lead and the featured articles where the newest fill them, and the broadcasts.
    taken_before = 1 + MAX_FEATURED + broadcast_items
    broadcast_paths = tuple(broadcasters.values_list("path", flat=True))

    private = ArticlePage.objects.private_q()
    visible = ArticlePage.objects.live().exclude(private).exclude(pk__in=pinned)
    places = [newest(visible.in_outlet(home), LATEST_ITEMS + taken_before)]
    if broadcast_paths:
        stations = functools.reduce(operator.or_, (Q(path__startswith=path) for path in broadcast_paths))
        broadcasts = visible.filter(stations, kind__in=BROADCAST_KINDS)
        places.append(newest(broadcasts, broadcast_items + taken_before))
    places += newest_per_column(visible, choices, taken_before)
    candidates = keys(ArticlePage.objects.filter(pk__in=pinned)).union(*places, all=True)
    articles = list(ArticlePage.objects.listing_rows().filter(pk__in=candidates))
    for article in articles:
        article.is_broadcast = article.kind in BROADCAST_KINDS and article.path.startswith(broadcast_paths)
    front_page = fill_places(home, articles, choices, featured_ids, broadcast_items)
    # The candidates hold about twice what the places take: only those shown are completed.
    shown = front_page.articles()
    prefetch_related_objects(shown, *listing_prefetches())
    attach_columns(shown)
    return front_page


def fill_places(home, articles, choices, featured_ids, broadcast_items):
    """The front page from `articles` (newest first), which hold what every place may show."""
    by_pk = {article.pk: article for article in articles}
    shown = {home.lead_story_id, *featured_ids}

    def take(candidates, count):
        taken = [article for article in candidates if article.pk not in shown][:count]
        shown.update(article.pk for article in taken)
        return taken

    in_outlet = [article for article in articles if article.path.startswith(home.path)]
    lead = by_pk.get(home.lead_story_id) or next(iter(take(in_outlet, 1)), None)
    featured = [by_pk[pk] for pk in featured_ids if pk in by_pk and pk != home.lead_story_id]
    featured = featured or take(in_outlet, MAX_FEATURED)
    broadcasts = take([article for article in articles if article.is_broadcast], broadcast_items)
    latest = [article for article in in_outlet if article.pk not in shown][:LATEST_ITEMS]
    sections = [
        FilledSection(
            choice.column,
            choice.title,
            take(
                [article for article in articles if parent_path(article) == choice.column.path], choice.items
            ),
        )
        for choice in choices
    ]
    if lead is not None:
        attach_lead_picture(lead)
    return FrontPage(lead, featured, broadcasts, sections, latest)


def attach_lead_picture(lead):
    """`lead.lead_picture`: its image with the renditions of the "lead" use, wider than a card's."""
    images = listing_images("lead")
    prefetch_related_objects([lead], Prefetch("lead_image", queryset=images, to_attr="lead_picture"))


def newest(queryset, count):
    """The keys of the newest `count` articles of `queryset`, as a part of a union (unordered: SQLite orders no
    part of one, but a subquery in it)."""
    return keys(ArticlePage.objects.filter(pk__in=queryset.order_by(*NEWEST_FIRST).values("pk")[:count]))


def keys(queryset):
    return queryset.order_by().values("pk")


def newest_per_column(visible, choices, taken_before):
    """For each chosen column, its newest articles: as many as its sections show and `taken_before` more."""
    wanted = Counter()
    for choice in choices:
        wanted[choice.column] += choice.items
    return [newest(visible.in_column(column), items + taken_before) for column, items in wanted.items()]


def parent_path(page):
    return page.path[: -Page.steplen]
