"""What is searchable: a registry of document sources keyed by model.

A source says which objects of its model are searchable (live, public, originals rather than aliases) and
turns a list of them into `Document`s. What must never be found (drafts, private pages, nominations, contest
entries) simply has no source, and a builder reads only the public fields its page shows.

Articles keep their own kind; exemplar profiles, movements, contests and anniversary columns have a kind of
their own (search.kinds); a broadcast's episode is a video or an audio item, as an article of those kinds is.
Each document belongs to the outlet whose home its page stands under (an episode, its programme's): exemplars and
movements live once, on the portal's canonical indexes (the other outlets hold aliases of the indexes only).
`published_at` is an article's publication date, an episode's broadcast time, and for every other page the time
it first went live. A document holds the id of its page's picture, if any, for its hit to show, and the code of
its language (an article's or an episode's; Vietnamese for the others and for an item that names none).

A source whose objects become searchable with time alone, without being saved (an episode when its broadcast
time comes), says which did in a span of time (`released`): the scheduler indexes them
(search.indexing.index_released).
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.html import strip_tags

from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex
from wagtail.rich_text import get_text_for_indexing

from broadcasts.models import MediaItem, ProgrammePage
from contests.models import ContestPage, Judging
from contests.results import results_text
from core.vietnamese import normalize
from exemplars.models import AchievementField, EmulationCluster, ExemplarPage, Locality, MovementPage, Unit
from newsroom.models import ArticlePage, CampaignPage, HistoricEvent, Language, OutletHomePage
from newsroom.models.articles import attach_places
from newsroom.models.languages import VIETNAMESE_CODE

from .engines.base import Document
from .kinds import CAMPAIGN, CONTEST, EXEMPLAR, MOVEMENT


@dataclass(frozen=True)
class Source:
    model: type
    # The searchable objects, with what `build` reads prefetched.
    searchable: Callable
    # Documents for a list of searchable objects (a list, so a source can fetch what they share at once).
    build: Callable
    # function(since, until) -> the objects that may have become searchable by time alone in that span.
    released: Callable | None = None


SOURCES = {}
# model -> function(obj) giving the searchable objects whose documents show something of obj.
DEPENDENTS = {}


def register(model, searchable, build, released=None):
    SOURCES[model] = Source(model=model, searchable=searchable, build=build, released=released)


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
    return (
        published_pages(ArticlePage)
        .select_related("language")
        .prefetch_related("tagged_items__tag", "authors")
        .order_by("pk")
    )


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
        language=_language_code(article.language),
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


# A broadcast's episodes: the media items of a live, public programme whose broadcast time has come. What is
# said in them (the transcript) is their text; an item before its broadcast time is in neither index.


def searchable_episodes():
    return (
        MediaItem.objects.on_air()
        .filter(programme__in=published_pages(ProgrammePage))
        .select_related("programme", "language")
        .prefetch_related("tags")
        .order_by("pk")
    )


def released_episodes(since, until):
    return MediaItem.objects.filter(broadcast_at__gt=since, broadcast_at__lte=until)


def episode_documents(items):
    content_type = ContentType.objects.get_for_model(MediaItem)
    items = list(items)
    outlets = _outlets({item.programme for item in items})
    return [_episode_document(item, content_type, outlets[item.programme_id]) for item in items]


def _episode_document(item, content_type, outlet):
    programme = item.programme
    return Document(
        key=document_key(MediaItem, item.pk),
        content_type_id=content_type.pk,
        object_id=item.pk,
        url=episode_url(programme, item),
        title=normalize(item.title),
        text=normalize(item.transcript.strip()),
        extra_text=_joined([item.credits, programme.title, _listed(tag.name for tag in item.tags.all())]),
        outlet=outlet,
        kind=item.type,
        # The station's programmes are its columns: a hit shows its programme, and the facet counts by it.
        column=programme.title,
        published_at=item.broadcast_at or item.created_at,
        language=_language_code(item.language),
        image_id=_picture_id(item) or _picture_id(programme),
    )


def episode_url(programme, item):
    """The episode's page: a route of its programme's page."""
    page_url = programme.get_full_url() or programme.url_path
    return page_url + programme.reverse_subpage("episode", args=(item.pk,))


def articles_showing(item):
    """The live articles whose body shows the media item (its title and transcript are their text)."""
    references = ReferenceIndex.get_references_to(item).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    return ArticlePage.objects.filter(
        pk__in=[int(pk) for pk in references.values_list("object_id", flat=True)]
    )


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
        language=VIETNAMESE_CODE,
        image_id=_picture_id(page),
    )


def _picture_id(obj):
    """The id of the picture the cards of a page (or a media item) show, or None: its first image field (a lead
    or hero image, as newsroom.page_images reads it; an item's poster, a programme's cover), read without
    fetching the image."""
    field = _picture_field(type(obj))
    return getattr(obj, field) if field else None


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


def _language_code(language):
    return language.code if language else VIETNAMESE_CODE


def _joined(parts):
    return normalize("\n".join(part.strip() for part in parts if part and part.strip()))


def _listed(names):
    return ", ".join(name for name in names if name)


register(ArticlePage, searchable_articles, article_documents)
register(ExemplarPage, searchable_exemplars, exemplar_documents)
register(MovementPage, searchable_movements, movement_documents)
register(ContestPage, searchable_contests, contest_documents)
register(CampaignPage, searchable_campaigns, campaign_documents)
register(MediaItem, searchable_episodes, episode_documents, released=released_episodes)

# A profile shows its unit, the unit's locality (and its former names: see search.signals) and cluster, its
# fields and its live movements; a movement shows its launching unit; a column shows its event.
register_dependents(MovementPage, lambda movement: movement.exemplars.all())
register_dependents(Unit, lambda unit: [*unit.exemplars.all(), *unit.launched_movements.all()])
register_dependents(Locality, lambda locality: ExemplarPage.objects.filter(unit__locality=locality))
register_dependents(EmulationCluster, lambda cluster: ExemplarPage.objects.filter(unit__cluster=cluster))
register_dependents(AchievementField, lambda field: field.exemplars.all())
register_dependents(HistoricEvent, lambda event: event.campaigns.all())
register_dependents(Judging, lambda judging: [judging.contest])  # a contest shows its published results
# An episode shows its programme's title (and picture); an article shows what is said in the items its body
# plays; the articles and items that name a language hold its code (those that name none hold Vietnamese's).
register_dependents(ProgrammePage, lambda programme: programme.episodes.all())
register_dependents(MediaItem, articles_showing)
register_dependents(
    Language,
    lambda language: [
        *ArticlePage.objects.filter(language=language),
        *MediaItem.objects.filter(language=language),
    ],
)
