"""The exemplar registry on a newsroom column's front page, through the newsroom's column-sections hook.

A column linked to the registry (`ColumnRegistry`, set in the column's editor) shows the registry's live
profiles, read from the registry on every view: a profile published or unpublished there appears or goes in
every outlet's column with nobody touching the columns. Each profile links to its address on the site the
reader is on (the outlet's alias of the registry answers for it), so readers of the station stay on the
station. The section costs a fixed number of queries however many profiles the registry holds.
"""

from urllib.parse import urlencode

from django.db.models import Count, Q

from wagtail import hooks
from wagtail.models import Site

from newsroom.models.sections import COLUMN_SECTIONS_HOOK, Section

from .models import AchievementField, ExemplarIndexPage, ExemplarPage

SECTION_TEMPLATE = "components/registry_profiles.html"


def register_column_section():
    hooks.register(COLUMN_SECTIONS_HOOK, registry_section)


def registry_section(column, request):
    """The section showing the registry linked to `column`, or None when the column shows no registry."""
    link = next(iter(column.registry_links.all()), None)
    if link is None:
        return None
    canonical = canonical_registry(link.registry)
    base_url = registry_here(request, canonical).get_url(request)
    profiles = list(registry_profiles(canonical).newest_first().for_cards()[: link.profiles_shown])
    for profile in profiles:
        profile.url_here = f"{base_url}{profile.slug}/"
    kinds = kind_filters(canonical, base_url)
    return Section(
        SECTION_TEMPLATE,
        {
            "title": canonical.title,
            "profiles": profiles,
            "registry_url": base_url,
            "total": sum(kind["count"] for kind in kinds),
            "kinds": kinds,
            "fields": field_filters(canonical, base_url),
        },
    )


def registry_profiles(canonical):
    """The live, public profiles held by the canonical registry, each once."""
    return ExemplarPage.objects.in_registry().child_of(canonical)


def canonical_registry(registry):
    return registry.alias_of.specific if registry.alias_of_id else registry


def registry_here(request, canonical):
    """The registry as the reader's site shows it (its live alias of `canonical`, or `canonical`), else `canonical`."""
    site = Site.find_for_request(request)
    if site is None:
        return canonical
    on_site = (
        ExemplarIndexPage.objects.live()
        .descendant_of(site.root_page, inclusive=True)
        .filter(Q(pk=canonical.pk) | Q(alias_of=canonical))
        .first()
    )
    return on_site or canonical


def filtered_url(base_url, **filters):
    return f"{base_url}?{urlencode(filters)}"


def kind_filters(canonical, base_url):
    """Each subject kind the registry holds, with its count and the registry filtered by it."""
    counts = dict(
        registry_profiles(canonical).order_by().values_list("subject_kind").annotate(count=Count("pk"))
    )
    return [
        {"name": name, "count": counts[kind], "url": filtered_url(base_url, kind=kind)}
        for kind, name in ExemplarPage.SUBJECT_KIND_NAMES.items()
        if counts.get(kind)
    ]


def field_filters(canonical, base_url):
    """Each field of achievement the registry's profiles are in, with its count and the filtered registry."""
    fields = (
        AchievementField.objects.filter(exemplars__in=registry_profiles(canonical).values("pk"))
        .annotate(count=Count("exemplars"))
        .order_by("sort_order", "pk")
    )
    return [
        {"name": field.name, "count": field.count, "url": filtered_url(base_url, field=field.code)}
        for field in fields
    ]
