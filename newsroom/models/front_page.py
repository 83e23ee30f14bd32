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

The SQL of that union depends on the home's shape only (the paths of its outlet, the station and its columns, the
pinned articles, the restricted sections), which changes when an editor recomposes the page, not when articles
are published: it is built once per shape and kept (candidate_keys_sql), as building its forty-odd querysets
costs a request more CPU than PostgreSQL takes to answer it. Every request still reads the shape and the rows.
"""

import functools
import operator
from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch, Q, prefetch_related_objects
from django.db.models.expressions import RawSQL

from wagtail.models import Page

from core.view_restrictions import view_restrictions
from newsroom.pictures import listing_images

from .articles import ArticlePage, attach_columns
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


def compose_front_page(home, station_paths, broadcast_items):
    """The front page of `home`, with up to `broadcast_items` of the newest video and audio items of the outlets
    whose home pages have the tree paths `station_paths` (the station)."""
    choices = list(home.column_sections.select_related("column"))
    featured_ids = list(dict.fromkeys(choice.article_id for choice in home.featured_articles.all()))
    shape = FrontPageShape(
        outlet_path=home.path,
        pinned=tuple(pk for pk in (home.lead_story_id, *featured_ids) if pk),
        station_paths=tuple(station_paths),
        broadcast_items=broadcast_items,
        columns=columns_wanted(choices),
        restricted_paths=tuple(sorted(restriction.page.path for restriction in view_restrictions())),
    )
    candidates = RawSQL(*candidate_keys_sql(shape))
    articles = list(ArticlePage.objects.listing_rows().filter(pk__in=candidates))
    for article in articles:
        article.is_broadcast = article.kind in BROADCAST_KINDS and article.path.startswith(
            shape.station_paths
        )
    front_page = fill_places(home, articles, choices, featured_ids, broadcast_items)
    # The candidates hold about twice what the places take: only those shown are completed, the lead story's
    # picture with the larger renditions it is shown with.
    shown = front_page.articles()
    lead_image = {front_page.lead.lead_image_id} if front_page.lead else set()
    images = listing_images("card", more_uses={"lead": lead_image - {None}})
    prefetch_related_objects(shown, Prefetch("lead_image", queryset=images))
    attach_columns(shown)
    return front_page


@dataclass(frozen=True)
class FrontPageShape:
    """What the query of a front page's candidates is made of, each read for the request: equal shapes make the
    same SQL whatever the articles."""

    outlet_path: str
    pinned: tuple  # the lead's and the featured articles' keys, chosen by the editor
    station_paths: tuple
    broadcast_items: int
    columns: tuple  # (a chosen column's path, how many articles its sections show), in the editor's order
    restricted_paths: tuple  # the pages under a view restriction: they and their descendants are private


def columns_wanted(choices):
    wanted = Counter()
    for choice in choices:
        wanted[choice.column.path] += choice.items
    return tuple(wanted.items())


@functools.lru_cache(maxsize=256)
def candidate_keys_sql(shape):
    """The SQL and parameters of the keys of every article the places of `shape` may show: a union of the
    pinned articles and, for each place, its newest live, public articles besides the pinned ones."""
    # How many of a subquery's rows the places before its own may take, besides the pinned articles, which every
    # subquery leaves out: the lead and the featured articles where the newest fill them, and the broadcasts.
    taken_before = 1 + MAX_FEATURED + shape.broadcast_items
    visible = ArticlePage.objects.live().exclude(pk__in=shape.pinned)
    for path in shape.restricted_paths:
        visible = visible.exclude(below(path, inclusive=True))
    places = [newest(visible.filter(below(shape.outlet_path)), LATEST_ITEMS + taken_before)]
    if shape.station_paths:
        stations = functools.reduce(operator.or_, (Q(path__startswith=path) for path in shape.station_paths))
        broadcasts = visible.filter(stations, kind__in=BROADCAST_KINDS)
        places.append(newest(broadcasts, shape.broadcast_items + taken_before))
    places += [
        newest(visible.filter(children_of(path)), items + taken_before) for path, items in shape.columns
    ]
    candidates = keys(ArticlePage.objects.filter(pk__in=shape.pinned)).union(*places, all=True)
    return candidates.query.sql_with_params()


def below(path, inclusive=False):
    """The pages under the page at `path` (and that page, `inclusive`), as Wagtail's descendant_of_q."""
    depth = len(path) // Page.steplen
    return (
        Q(path__startswith=path, depth__gte=depth) if inclusive else Q(path__startswith=path, depth__gt=depth)
    )


def children_of(path):
    return Q(path__startswith=path, depth=len(path) // Page.steplen + 1)


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
    return FrontPage(lead, featured, broadcasts, sections, latest)


def newest(queryset, count):
    """The keys of the newest `count` articles of `queryset`, as a part of a union (unordered: SQLite orders no
    part of one, but a subquery in it)."""
    return keys(ArticlePage.objects.filter(pk__in=queryset.order_by(*NEWEST_FIRST).values("pk")[:count]))


def keys(queryset):
    return queryset.order_by().values("pk")


def parent_path(page):
    return page.path[: -Page.steplen]
