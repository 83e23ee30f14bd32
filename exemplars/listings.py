"""The registry and the lists of exemplars and movements, each in a fixed number of queries however long."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Prefetch

from wagtail.images import get_image_model
from wagtail.models import Site

from newsroom.models import TagIndexPage
from newsroom.models.articles import LISTING_RENDITION

from .forms import RegistryFilterForm
from .models import ExemplarIndexPage, ExemplarPage
from .models.shared import index_for_site


def registry_exemplars():
    """Every live, public profile once (never an alias), in Vietnamese alphabetical order."""
    return ExemplarPage.objects.live().public().filter(alias_of__isnull=True).order_by("sort_name", "pk")


def exemplars_for_cards(exemplars):
    """Profiles with what a card shows: unit, locality, fields and a listing-size lead image."""
    images = get_image_model().objects.prefetch_renditions(LISTING_RENDITION)
    return exemplars.select_related("unit__locality", "unit__cluster").prefetch_related(
        Prefetch("lead_image", queryset=images), "achievement_fields"
    )


# A column shows the latest year's profiles first and, within a year, new factors and sudden deeds first:
# the plan asks for them to be praised promptly. Then the latest published, then by name.
COLUMN_ORDER = ("-year", "-is_new_factor", "-is_sudden_deed", "-first_published_at", "sort_name", "pk")


def registry_profiles(canonical_registry):
    """The live, public profiles held by `canonical_registry`, each once."""
    return registry_exemplars().child_of(canonical_registry)


def profiles_for_column(canonical_registry, limit):
    return list(exemplars_for_cards(registry_profiles(canonical_registry).order_by(*COLUMN_ORDER))[:limit])


def registry_page(request, per_page):
    """The filter form, one page of matching profiles and the query string that keeps the filters."""
    form = RegistryFilterForm(request.GET)
    exemplars = exemplars_for_cards(registry_exemplars().filter(**form.lookups()))
    page = Paginator(exemplars, per_page).get_page(request.GET.get("page"))
    return {"filter_form": form, "exemplars": page, "query_string": form.query_string()}


def live_movements(exemplar):
    return exemplar.movements.live().public().order_by("-start_date", "sort_name")


def registry_url(request, **filters):
    """The registry on this site (or the canonical one), filtered by `filters`."""
    registry = index_for_site(ExemplarIndexPage, Site.find_for_request(request))
    return f"{registry.get_url(request)}?{urlencode(filters)}" if registry else None


def tag_index_url(request):
    site = Site.find_for_request(request)
    tag_index = TagIndexPage.objects.live().child_of(site.root_page).first() if site else None
    return tag_index.get_url(request) if tag_index else None
