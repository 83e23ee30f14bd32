"""The search page's context, the JSON search API and autocomplete: one service behind all three.

A hit shows its page's picture (its `image_id`): the images of a page of hits are read at once, with their card
renditions, so that a page costs the same number of queries however many of its hits have one. The page names
languages by their Vietnamese names, read once a page.
"""

from functools import cache
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.dates import LOCAL_TIME_ZONE
from newsroom.models.languages import VIETNAMESE_CODE
from newsroom.pictures import PICTURE_USES, listing_images, picture

from . import service
from .engines.base import SearchQuery
from .highlight import highlight, snippet
from .params import (
    MAX_QUERY_LENGTH,
    InvalidParameter,
    describe_exemplar_kind,
    describe_kind,
    describe_outlet,
    language_names,
    read_prefix,
    read_query,
)
from .schema import FACET_FIELDS

AUTOCOMPLETE_LIMIT = 8
# What the API gives of a hit's picture: the card's JPEG (the format every client reads) at its largest width.
CARD = PICTURE_USES["card"]
API_PICTURE_FILTER = CARD.filter_spec(max(CARD.widths), "jpeg")
# The width of a hit's thumbnail (search/static/search/hits.css), narrower than a card's: the browser picks the
# card's smallest rendition wherever it is enough.
HIT_PICTURE_SIZES = "(min-width: 40rem) 12rem, 6.5rem"
FACET_LABELS = {
    "outlet": "Cơ quan báo chí",
    "kind": "Loại tin",
    "language": "Ngôn ngữ",
    "column": "Chuyên mục",
    "year": "Năm",
    "exemplar_kind": "Loại điển hình",
}


@require_GET
def search_api(request):
    try:
        query = read_query(request.GET)
    except InvalidParameter as error:
        return JsonResponse({"error": str(error)}, status=400)
    results = service.search(query)
    images = _images_of(results.hits)
    return JsonResponse(
        {
            "engine": results.engine,
            "count": results.count,
            "approximate_count": results.approximate_count,
            "page": query.page,
            "page_size": query.page_size,
            "corrected": results.corrected or None,
            "results": [
                _hit_json(request, hit, query.text, results.corrected, images.get(hit.image_id))
                for hit in results.hits
            ],
            "facets": {
                name: [{"value": value.value, "count": value.count} for value in values]
                for name, values in results.facets.items()
            },
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def autocomplete_api(request):
    try:
        prefix = read_prefix(request.GET)
    except InvalidParameter as error:
        return JsonResponse({"error": str(error)}, status=400)
    completions = service.autocomplete(prefix, AUTOCOMPLETE_LIMIT) if prefix else []
    return JsonResponse(
        {"results": [{"title": item.title, "url": item.url} for item in completions]},
        json_dumps_params={"ensure_ascii": False},
    )


def _hit_json(request, hit, text, corrected, image):
    return {
        "id": hit.key,
        "external_id": hit.external_id,
        "title": hit.title,
        "url": hit.url,
        "snippet": str(snippet(hit.text, f"{text} {corrected}")),
        "outlet": hit.outlet,
        "kind": hit.kind,
        "language": hit.language,
        "column": hit.column,
        "exemplar_kind": hit.exemplar_kind,
        "published_at": _local_iso(hit.published_at),
        "score": hit.score,
        "approximate": hit.approximate,
        "image": _picture_json(request, image),
    }


def _picture_json(request, image):
    """The hit's picture as the API gives it (its absolute URL, size and alt text), or None."""
    if image is None:
        return None
    rendition = image.get_rendition(API_PICTURE_FILTER)
    return {
        "url": request.build_absolute_uri(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.default_alt_text,
    }


def _images_of(hits):
    """{image id: image} of the hits' pictures with their card renditions, in a fixed number of queries. An
    image deleted since its page was indexed is left out: the hit shows no picture."""
    ids = {hit.image_id for hit in hits if hit.image_id is not None}
    return listing_images("card").in_bulk(ids) if ids else {}


def _local_iso(moment):
    return timezone.localtime(moment, LOCAL_TIME_ZONE).isoformat()


def search_page_context(request):
    """Everything the search page shows: the query, results with snippets, facets, pages, or why not."""
    try:
        query = read_query(request.GET, require_text=False)
    except InvalidParameter as error:
        # The box shows the query again, without what may have made it invalid: a NUL, the excess.
        return {
            "error": str(error),
            "query_text": request.GET.get("q", "")[:MAX_QUERY_LENGTH].replace("\x00", ""),
        }
    if not query.text:
        return {"query_text": ""}
    results = service.search(query)
    if query.page > 1 and not results.hits and results.count:
        last_page = -(-results.count // query.page_size)
        query = SearchQuery(**{**vars(query), "page": last_page})
        results = service.search(query)
    marked_query = f"{query.text} {results.corrected}"
    images = _images_of(results.hits)
    describers = _describers()
    hits = [_hit_view(hit, marked_query, images.get(hit.image_id), describers) for hit in results.hits]
    start = (query.page - 1) * query.page_size + 1
    full_hits = [view for view in hits if not view["hit"].approximate]
    return {
        "query_text": query.text,
        "results": results,
        "full_count": results.count - results.approximate_count,
        # Approximate hits follow the others, in a list of their own under a heading that says what they are.
        "hits": full_hits,
        "approximate_hits": [view for view in hits if view["hit"].approximate],
        "approximate_start": start + len(full_hits),
        "facets": _facet_views(request.GET, results.facets, query.filters, describers),
        "filters": [
            _filter_view(request.GET, name, value, describers) for name, value in query.filters.items()
        ],
        "sort": query.sort,
        "sort_links": _sort_links(request.GET),
        "page_obj": Paginator(range(results.count), query.page_size).get_page(query.page),
        "query_prefix": _link(request.GET, page=None),
        "corrected_link": _link(request.GET, q=results.corrected, page=None) if results.corrected else "",
        "unfiltered_link": _link({"q": query.text}) if query.filters else "",
    }


def _describers():
    """{facet: how the page names its values}; the languages' names are read once, when first needed."""
    names = cache(language_names)
    return {
        "outlet": describe_outlet,
        "kind": describe_kind,
        "language": lambda code: names().get(code, code),
        "column": str,
        "year": str,
        "exemplar_kind": describe_exemplar_kind,
    }


def _hit_view(hit, marked_query, image, describers):
    return {
        "hit": hit,
        "picture": _hit_picture(image) if image else None,
        "title": highlight(hit.title, marked_query),
        "snippet": snippet(hit.text, marked_query),
        "outlet": describe_outlet(hit.outlet),
        "kind": describe_kind(hit.kind),
        "exemplar_kind": describe_exemplar_kind(hit.exemplar_kind) if hit.exemplar_kind else "",
        # Vietnamese goes without saying; another language is named on the hit.
        "language": describers["language"](hit.language) if hit.language != VIETNAMESE_CODE else "",
    }


def _hit_picture(image):
    """The <picture> of a hit's thumbnail: a card's, sized for the thumbnail."""
    return picture(image, "card", css_class="search-hit__image", sizes=HIT_PICTURE_SIZES)


def _facet_views(params, facets, filters, describers):
    views = []
    for name in FACET_FIELDS:
        values = facets.get(name, [])
        if not values:
            continue
        label, describe = FACET_LABELS[name], describers[name]
        options = [
            {
                "label": describe(value.value),
                "count": value.count,
                "selected": filters.get(name) == value.value,
                "link": _link(params, **{name: None if filters.get(name) == value.value else value.value}),
            }
            for value in values
        ]
        views.append({"name": name, "label": label, "options": options})
    return views


def _filter_view(params, name, value, describers):
    return {
        "label": FACET_LABELS[name],
        "value": describers[name](value),
        "remove_link": _link(params, **{name: None}),
    }


def _sort_links(params):
    return {"relevance": _link(params, sort=None, page=None), "date": _link(params, sort="date", page=None)}


def _link(params, **changes):
    """A query string: the current parameters with some changed (None removes one); filters reset the page."""
    values = {key: params.get(key) for key in ("q", *FACET_FIELDS, "sort", "page")}
    if any(key in FACET_FIELDS for key in changes):
        values["page"] = None
    values.update(changes)
    return urlencode({key: value for key, value in values.items() if value not in (None, "")})
