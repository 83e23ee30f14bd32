"""The registry's spotlight on the outlets' home pages, through the newsroom's home-sections hook (registered in
exemplars/wagtail_hooks.py): a few of the profiles published most recently, those with a picture first, a
different few each day.

The profiles are drawn from the most recently published ones (POOL_SIZE) and the choice moves on by a
spotlight's width each day on the province's calendar, so a profile published today is not the only one seen
all week and the spotlight changes without anyone touching it. Each profile links to its address on the site
being read (the outlet's alias of the registry serves it), as the registry column does. Three queries for the
profiles and their pictures whatever the registry holds; the registry is found among the home's children, which
the header reads anyway.
"""

from django.db.models import Prefetch, prefetch_related_objects

from core.dates import local_today
from newsroom.models.base import UNLISTED_PAGE_FIELDS
from newsroom.models.sections import Section
from newsroom.pictures import listing_images

from .models import ExemplarIndexPage, ExemplarPage
from .models.shared import index_url_for_site

SECTION_TEMPLATE = "exemplars/includes/home_spotlight.html"
SPOTLIGHT_SIZE = 4
POOL_SIZE = 12


def spotlight_section(home, request):
    """The spotlight for `home`, or None while the registry has no published profile."""
    pool = list(
        ExemplarPage.objects.in_registry()
        .defer_streamfields()
        .defer(*UNLISTED_PAGE_FIELDS)
        .select_related("unit")
        .order_by("-first_published_at", "-pk")[:POOL_SIZE]
    )
    if not pool:
        return None
    registry_url = index_url_for_site(ExemplarIndexPage, request)
    if registry_url is None:
        return None
    profiles = of_the_day(pool, local_today())
    # The pictures of the profiles shown only, a third of the pool.
    prefetch_related_objects(profiles, Prefetch("lead_image", queryset=listing_images("portrait")))
    for profile in profiles:
        profile.url_here = f"{registry_url}{profile.slug}/"
    return Section(SECTION_TEMPLATE, {"profiles": profiles, "registry_url": registry_url})


def of_the_day(pool, day):
    """SPOTLIGHT_SIZE profiles of `pool` for `day`: those with a picture first, each group turned by the day."""
    turn = day.toordinal() * SPOTLIGHT_SIZE
    with_picture = [profile for profile in pool if profile.lead_image_id]
    without_picture = [profile for profile in pool if not profile.lead_image_id]
    return (turned(with_picture, turn) + turned(without_picture, turn))[:SPOTLIGHT_SIZE]


def turned(items, turn):
    if not items:
        return []
    start = turn % len(items)
    return items[start:] + items[:start]
