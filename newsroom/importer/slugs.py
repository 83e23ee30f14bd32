"""Slugs for new articles: made from their titles, unique among the pages of their column."""

from collections import Counter, defaultdict

from wagtail.models import Page

from core.vietnamese import slugify

from .wagtail_bulk import children_of

# Room for the "-2", "-3"... that keeps sibling slugs unique within Page.slug's 255 characters.
SLUG_MAX_LENGTH = Page._meta.get_field("slug").max_length - 10
FALLBACK_SLUG = "bai-viet"


def sibling_slugs(column, articles):
    """A slug per article, unique among the column's pages: a title already used gets -2, -3...

    Free slugs are found by exact lookups of numbered candidates, which every database answers from the slug
    index (a prefix search would scan the column on SQLite), a window of candidates per round.
    """
    bases = [slugify(article.title, max_length=SLUG_MAX_LENGTH) or FALLBACK_SLUG for article in articles]
    siblings = children_of(column).values_list("slug", flat=True)
    still_needed = Counter(bases)
    next_number = dict.fromkeys(still_needed, 1)
    free = defaultdict(list)
    while still_needed:
        candidates = {}
        for base, count in still_needed.items():
            window = range(next_number[base], next_number[base] + 4 * count)
            candidates.update((numbered_slug(base, number), base) for number in window)
            next_number[base] = window.stop
        taken = set(siblings.filter(slug__in=candidates))
        for slug, base in candidates.items():
            if slug not in taken and still_needed[base]:
                free[base].append(slug)
                still_needed[base] -= 1
        still_needed = +still_needed
    return [free[base].pop(0) for base in bases]


def numbered_slug(base, number):
    return base if number == 1 else f"{base}-{number}"
