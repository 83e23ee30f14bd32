"""The pages' view restrictions, read once per reader's request.

Wagtail's PageQuerySet.public() reads every PageViewRestriction each time it is called, so a page showing several
listings (a home page: its articles, the most read, the registry's spotlight) read them as many times. A GET or
HEAD request changes no restriction: ViewRestrictionsMiddleware lets the querysets of such a request share one
reading, made when the first of them asks. Any other request, and code outside a request (commands, signals,
the search index), reads them afresh each time, as Wagtail does.

A page model's queryset takes PublicPageQuerySet as its base, in place of Wagtail's PageQuerySet.
"""

import contextvars

from django.db.models import Q

from wagtail.models import PageViewRestriction
from wagtail.query import PageQuerySet

READ_ONLY_METHODS = frozenset({"GET", "HEAD"})

_request_reading = contextvars.ContextVar("view_restrictions_of_the_request", default=None)


class _Reading:
    """The restrictions of one request, read when first asked for."""

    restrictions = None

    def get(self):
        if self.restrictions is None:
            self.restrictions = read_restrictions()
        return self.restrictions


def read_restrictions():
    return list(PageViewRestriction.objects.select_related("page"))


def view_restrictions():
    """Every view restriction, with its page: the request's reading within a read-only request, else a new one."""
    reading = _request_reading.get()
    return read_restrictions() if reading is None else reading.get()


class PublicPageQuerySet(PageQuerySet):
    def private_q(self):
        """Wagtail's own, from view_restrictions(): the restricted pages and their descendants."""
        q = Q()
        for restriction in view_restrictions():
            q |= self.descendant_of_q(restriction.page, inclusive=True)
        # No private section: a Q that matches no page.
        return q if q else Q(pk__in=[])


class ViewRestrictionsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in READ_ONLY_METHODS:
            return self.get_response(request)
        token = _request_reading.set(_Reading())
        try:
            return self.get_response(request)
        finally:
            _request_reading.reset(token)
