"""What is searchable: a registry of document sources keyed by model.

A source says which objects of its model are searchable (live, public, originals rather than aliases) and
turns a list of them into `Document`s. What must never be found (drafts, private pages, nominations, contest
entries) simply has no source, and a builder reads only the public fields its page shows.

Articles keep their own kind; exemplar profiles, movements, contests and anniversary columns have a kind of
their own (search.kinds). Each document belongs to the outlet whose home its page stands under: exemplars and
movements live once, on the portal's canonical indexes (the other outlets hold aliases of the indexes only).
`published_at` is an article's publication date, and for every other page the time it first went live.
A document holds the id of its page's picture, if any, for its hit to show.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.html import strip_tags

from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.rich_text import get_text_for_indexing

from contests.models import ContestPage, Judging
from contests.results import results_text
from core.vietnamese import normalize
from exemplars.models import AchievementField, EmulationCluster, ExemplarPage, Locality, MovementPage, Unit
from newsroom.models import ArticlePage, CampaignPage, HistoricEvent, OutletHomePage
from newsroom.models.articles import attach_places

from .engines.base import Document
from .kinds import CAMPAIGN, CONTEST, EXEMPLAR, MOVEMENT


@dataclass(frozen=True)
class Source:
    model: type
    # The searchable objects, with what `build` reads prefetched.
    searchable: Callable
    # Documents for a list of searchable objects (a list, so a source can fetch what they share at once).
    build: Callable


SOURCES = {}
# model -> function(obj) giving the searchable objects whose documents show something of obj.
DEPENDENTS = {}


def register(model, searchable, build):
    SOURCES[model] = Source(model=model, searchable=searchable, build=build)


def register_dependents(model, dependents):
    DEPENDENTS[model] = dependents


def source_for(model):
    return SOURCES.get(model)


def dependents_of(obj):
    """The objects to index again when `obj` changes, because their documents show its name or text."""
    dependents = DEPENDENTS.get(type(obj))
    return list(dependents(obj)) if dependents else []


def document_key(model, pk):
    return f"{model._meta.label_lower}:{pk}"


def published_pages(model):
    """The live, public originals of a page model: never a draft, a private page or an alias."""
    return model.objects.live().public().filter(alias_of__isnull=True)


# Articles.


def searchable_articles():
    return published_pages(ArticlePage).prefetch_related("tagged_items__tag", "authors").order_by("pk")


def article_documents(articles):
    content_type = ContentType.objects.get_for_model(ArticlePage)
    articles = list(articles)
    attach_places(articles)
    return [_article_document(article, content_type) for article in articles]


def _article_document(article, content_type):
    column = article.column.title if article.column else ""
    tags = [item.tag.name for item in article.tagged_items.all()]
    authors = [author.name for author in article.authors.all()]
    return Document(
        key=document_key(ArticlePage, article.pk),
        content_type_id=content_type.pk,
        object_id=article.pk,
        url=article.get_full_url() or article.url_path,
        title=normalize(article.title),
        text=normalize(
            "\n".join([article.standfirst, *(strip_tags(text) for text in article.body_text)]).strip()
        ),
        extra_text=normalize("\n".join([", ".join(tags), column, ", ".join(authors)])),
        outlet=article.outlet_home.outlet if article.outlet_home else "",
        kind=article.kind,
        column=column,
        published_at=article.publication_date,
        external_id=article.external_id,
        image_id=_picture_id(article),
    )


# Exemplar profiles: what the profile page shows, never anything of the nomination behind it.


def searchable_exemplars():
    return (
        published_pages(ExemplarPage)
        .select_related("unit__locality", "unit__cluster")
        .prefetch_related(
            "unit__locality__former_names",
            "achievement_fields",
            "awards",
            "tagged_items__tag",
            Prefetch(
                "movements", queryset=published_pages(MovementPage).order_by("-start_date", "sort_name")
            ),
        )
        .order_by("pk")
    )


def exemplar_documents(exemplars):
    return _page_documents(ExemplarPage, exemplars, _exemplar_document)


def _exemplar_document(exemplar):
    unit = exemplar.unit
    locality = unit.locality if unit else None
    who = [exemplar.position, unit.name if unit else ""]
    where = [locality.name if locality else "", unit.cluster.name if unit and unit.cluster else ""]
    achievements = exemplar.achievements.stream_block.get_searchable_content(exemplar.achievements)
    return {
        "kind": EXEMPLAR,
        "exemplar_kind": exemplar.subject_kind,
        "text": [
            _listed(who + where),
            exemplar.summary,
            *achievements,
            *map(_award_line, exemplar.awards.all()),
        ],
        "extra_text": [
            exemplar.subject_kind_name,
            # The names the locality had (its district before 1 July 2025): an old article's names find it.
            _listed(former.name for former in locality.former_names.all()) if locality else "",
            _listed(field.name for field in exemplar.achievement_fields.all()),
            _listed(movement.title for movement in exemplar.movements.all()),
            _listed(item.tag.name for item in exemplar.tagged_items.all()),
        ],
    }


def _award_line(award):
    return _listed([award.title, award.decision_number, award.issuing_authority])


# Emulation movements.


def searchable_movements():
    return published_pages(MovementPage).select_related("launching_unit").order_by("pk")


def movement_documents(movements):
    return _page_documents(MovementPage, movements, _movement_document)


def _movement_document(movement):
    return {
        "kind": MOVEMENT,
        "text": [
            movement.launcher_name,
            *(get_text_for_indexing(html) for html in (movement.goals, movement.criteria, movement.results)),
        ],
        "extra_text": [movement.launch_level_name],
    }


# Writing contests: the contest page only; its entries have no source and are never indexed.


def searchable_contests():
    # The judging row tells whether results are out: only published results cost queries of their own.
    return (
        published_pages(ContestPage).select_related("judging").prefetch_related("categories").order_by("pk")
    )


def contest_documents(contests):
    return _page_documents(ContestPage, contests, _contest_document)


def _contest_document(contest):
    return {
        "kind": CONTEST,
        "text": contest_text(contest),
        "extra_text": [_listed(category.name for category in contest.categories.all())],
    }


def contest_text(contest):
    """The parts of a contest's searchable text, in reading order: its theme, rules and published results."""
    return [contest.theme, get_text_for_indexing(contest.rules), results_text(contest)]


# Special anniversary columns.


def searchable_campaigns():
    return published_pages(CampaignPage).select_related("event", "tag").order_by("pk")


def campaign_documents(campaigns):
    return _page_documents(CampaignPage, campaigns, _campaign_document)


def _campaign_document(campaign):
    sections = campaign.sections.stream_block.get_searchable_content(campaign.sections)
    return {
        "kind": CAMPAIGN,
        "text": [get_text_for_indexing(campaign.introduction), *sections],
        "extra_text": [campaign.event.name, campaign.event.place, campaign.tag.name if campaign.tag else ""],
    }


# What the page sources share.


def _page_documents(model, pages, describe):
    """Documents of pages whose `describe(page)` gives kind, text and extra_text parts (and exemplar_kind)."""
    content_type = ContentType.objects.get_for_model(model)
    outlets = _outlets(pages)
    return [_page_document(page, content_type, outlets[page.pk], **describe(page)) for page in pages]


def _page_document(page, content_type, outlet, kind, text, extra_text, exemplar_kind=None):
    return Document(
        key=document_key(type(page), page.pk),
        content_type_id=content_type.pk,
        object_id=page.pk,
        url=page.get_full_url() or page.url_path,
        title=normalize(page.title),
        text=_joined(text),
        extra_text=_joined(extra_text),
        outlet=outlet,
        kind=kind,
        column="",
        published_at=_went_live(page),
        exemplar_kind=exemplar_kind,
        image_id=_picture_id(page),
    )


def _picture_id(page):
    """The id of the picture the page's cards show, or None: its first image field (a lead or hero image, as
    newsroom.page_images reads it), read without fetching the image."""
    field = _picture_field(type(page))
    return getattr(page, field) if field else None


@cache
def _picture_field(model):
    image_model = get_image_model()
    fields = model._meta.concrete_fields
    return next((field.attname for field in fields if field.related_model is image_model), None)


def _went_live(page):
    # A page made live in code, without a publish, has no publishing dates: it counts as live from now.
    return page.first_published_at or page.last_published_at or timezone.now()


def _outlets(pages):
    """{page pk: the outlet of the home the page stands under}, in one query."""
    home_path = {page.pk: page.path[: 2 * Page.steplen] for page in pages}
    outlets = dict(
        OutletHomePage.objects.filter(path__in=set(home_path.values())).values_list("path", "outlet")
    )
    return {pk: outlets.get(path, "") for pk, path in home_path.items()}


def _joined(parts):
    return normalize("\n".join(part.strip() for part in parts if part and part.strip()))


def _listed(names):
    return ", ".join(name for name in names if name)


register(ArticlePage, searchable_articles, article_documents)
register(ExemplarPage, searchable_exemplars, exemplar_documents)
register(MovementPage, searchable_movements, movement_documents)
register(ContestPage, searchable_contests, contest_documents)
register(CampaignPage, searchable_campaigns, campaign_documents)

# A profile shows its unit, the unit's locality (and its former names: see search.signals) and cluster, its
# fields and its live movements; a movement shows its launching unit; a column shows its event.
register_dependents(MovementPage, lambda movement: movement.exemplars.all())
register_dependents(Unit, lambda unit: [*unit.exemplars.all(), *unit.launched_movements.all()])
register_dependents(Locality, lambda locality: ExemplarPage.objects.filter(unit__locality=locality))
register_dependents(EmulationCluster, lambda cluster: ExemplarPage.objects.filter(unit__cluster=cluster))
register_dependents(AchievementField, lambda field: field.exemplars.all())
register_dependents(HistoricEvent, lambda event: event.campaigns.all())
register_dependents(Judging, lambda judging: [judging.contest])  # a contest shows its published results
