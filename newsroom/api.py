"""The content API for the outlets' apps (docs/api.md): Wagtail's API v2 at /api/v2/, read-only, with the pages,
images and documents of the site a request comes to.

Every request is a reader's: no login or session is read, so the API shows what any reader of that site may see.
Pages: its live pages under no view restriction, each with the fields its model names public (`api_fields`,
newsroom.models.api_fields); images and documents: those its pages show, outside restricted collections (an image
uploaded for a draft is not one of them). A listing gives each page's short fields, read for the whole list in a
fixed number of queries; the long texts (rich text, stream fields) come with a page's own address. Requests are
counted per client address (core.rate_limits: 429 with Retry-After past the limit), and answers are kept until
something readers see changes (newsroom.api_cache).
"""

import functools
import operator

from rest_framework import status
from rest_framework.exceptions import Throttled
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import CharField, IntegerField, Q, prefetch_related_objects
from django.db.models.functions import Cast

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Collection, CollectionViewRestriction, Page, ReferenceIndex, Site

from core import rate_limits

from . import api_cache
from .models.api_fields import API_PICTURES

RATE_LIMITED_ACTION = "content-api"


class AddressThrottle(BaseThrottle):
    """CONTENT_API_REQUESTS_PER_ADDRESS requests per client address in each window of core.rate_limits, counted
    in the cache that every server process shares."""

    def allow_request(self, request, view):
        try:
            return rate_limits.allow(request, RATE_LIMITED_ACTION, settings.CONTENT_API_REQUESTS_PER_ADDRESS)
        except rate_limits.CountingUnavailable:
            # Fails open: the API only reads what the public pages show, and refusing every app while the
            # shared cache is down would take the outlets' apps down with it.
            return True

    def wait(self):
        return rate_limits.seconds_until_next_window()


class ReaderAPIViewSet:
    """What every endpoint shares: JSON only, no login read, rate-limited, answers kept in the cache, and the
    related rows a page of results shows read for all of it at once (a model's `api_prefetch`)."""

    renderer_classes = [JSONRenderer]
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [AddressThrottle]

    def listing_view(self, request):
        return self.cached_response(request, super().listing_view)

    def detail_view(self, request, pk):
        return self.cached_response(request, super().detail_view, pk)

    def cached_response(self, request, view, *args):
        site = Site.find_for_request(request)
        return Response(api_cache.cached(request, site, lambda: view(request, *args).data))

    def paginate_queryset(self, queryset):
        results = list(super().paginate_queryset(queryset))
        self.prefetch(results)
        return results

    def get_object(self):
        instance = super().get_object()
        self.prefetch([instance])
        return instance

    def prefetch(self, objects):
        api_prefetch = getattr(type(objects[0]), "api_prefetch", None) if objects else None
        if api_prefetch:
            prefetch_related_objects(objects, *api_prefetch())

    def handle_exception(self, exc):
        # Wagtail's endpoints answer their errors as {"message": …}; a refused request is answered alike.
        if isinstance(exc, Throttled):
            return Response(
                {"message": f"too many requests from this address: try again in {exc.wait} seconds"},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
                headers={"Retry-After": str(exc.wait)},
            )
        return super().handle_exception(exc)


class PagesViewSet(ReaderAPIViewSet, PagesAPIViewSet):
    # The site is the one the request came to: `site=` would show another outlet's pages under this one's name.
    known_query_parameters = PagesAPIViewSet.known_query_parameters - {"site"}

    def get_base_queryset(self):
        """The live pages of the request's site under no view restriction, whoever asks."""
        site = Site.find_for_request(self.request)
        if site is None:
            return Page.objects.none()
        return public_pages_of(site)

    def prefetch(self, pages):
        prefetch_related_objects(pages, "alias_of", "locale")
        super().prefetch(pages)

    @classmethod
    def _get_serializer_class(cls, router, model, fields_config, show_details=False, nested=False):
        # A listing leaves the long texts out: their links, pictures and chosen pages are read for each page, and
        # a listing costs the same whatever its length. `fields=body` in a listing is refused as an unknown field.
        long_texts = [name for name in cls.get_body_fields_names(model) if is_long_text(model, name)]
        with_long_texts_in_details = type(
            cls.__name__, (cls,), {"detail_only_fields": [*cls.detail_only_fields, *long_texts]}
        )
        return super(cls, with_long_texts_in_details)._get_serializer_class(
            router, model, fields_config, show_details=show_details, nested=nested
        )


class ImagesViewSet(ReaderAPIViewSet, ImagesAPIViewSet):
    # The library's tags are the editors' words for finding pictures, not the readers'.
    meta_fields = ["type", "detail_url", "download_url"]
    listing_default_fields = ["id", "type", "detail_url", "title", "download_url"]

    def get_queryset(self):
        images = shown_on_site(self.model, Site.find_for_request(self.request))
        return images.prefetch_renditions(*API_PICTURES).order_by("id")


class DocumentsViewSet(ReaderAPIViewSet, DocumentsAPIViewSet):
    meta_fields = ["type", "detail_url", "download_url"]
    listing_default_fields = ["id", "type", "detail_url", "title", "download_url"]

    def get_queryset(self):
        return shown_on_site(self.model, Site.find_for_request(self.request)).order_by("id")


def public_pages_of(site):
    return Page.objects.live().public().descendant_of(site.root_page, inclusive=True)


def shown_on_site(model, site):
    """The images or documents (`model`) that the live, public pages of `site` show in a field, a block or a
    link (Wagtail's reference index of what each page holds), outside the collections under a view restriction."""
    if site is None:
        return model.objects.none()
    page_ids = public_pages_of(site).values_list(Cast("pk", output_field=CharField()), flat=True)
    shown_ids = (
        ReferenceIndex.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=page_ids,
            to_content_type=ContentType.objects.get_for_model(model),
        )
        .annotate(shown_id=Cast("to_object_id", output_field=IntegerField()))
        .values("shown_id")
    )
    return model.objects.filter(pk__in=shown_ids).exclude(collection__in=restricted_collections())


def restricted_collections():
    """The collections under a view restriction and those inside them: the API answers no one's login."""
    paths = list(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
    if not paths:
        return Collection.objects.none()
    return Collection.objects.filter(
        functools.reduce(operator.or_, (Q(path__startswith=path) for path in paths))
    )


def is_long_text(model, name):
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return isinstance(field, RichTextField | StreamField)


api_router = WagtailAPIRouter("content_api")
api_router.register_endpoint("pages", PagesViewSet)
api_router.register_endpoint("images", ImagesViewSet)
api_router.register_endpoint("documents", DocumentsViewSet)
