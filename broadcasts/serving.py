"""The station's audio, video and captions as players and podcast apps fetch them: with byte ranges
(core.byte_ranges), and before an item's broadcast time only to the editors who may change it. For everyone else
an item not yet on the air does not exist (404, not 403: a refusal would tell that it is coming)."""

import mimetypes
import os

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from wagtail.permissions import policy_registry

from core.byte_ranges import stored_file_response

from .models import MediaItem

# A media file is stored under a new name when it is replaced, and the name is in its URL: caches keep it a day.
MEDIA_CACHE_SECONDS = 24 * 60 * 60
CAPTIONS_TYPE = "text/vtt; charset=utf-8"
UNKNOWN_TYPE = "application/octet-stream"


@require_safe
def media_file(request, pk, filename):
    item, on_air = playable_item(request, pk)
    if filename != item.filename:
        raise Http404("No such file.")
    response = stored_file_response(
        request, item.file.storage, item.file.name, content_type=media_type(item), filename=item.filename
    )
    if on_air:
        patch_cache_control(response, public=True, max_age=MEDIA_CACHE_SECONDS)
        # Podcast players on the web fetch enclosures from their own origin; a broadcast is meant to travel.
        response["Cross-Origin-Resource-Policy"] = "cross-origin"
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
def captions_file(request, pk):
    item, on_air = playable_item(request, pk)
    if not item.captions:
        raise Http404("The item has no captions.")
    name = os.path.basename(item.captions.name)
    response = stored_file_response(
        request, item.captions.storage, item.captions.name, content_type=CAPTIONS_TYPE, filename=name
    )
    if on_air:
        # The captions' URL stays when an editor corrects them: caches keep them but ask each time (ETag).
        patch_cache_control(response, public=True, no_cache=True)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


def playable_item(request, pk):
    """(the item, whether it is on the air) when the public may play it or the user may change it; else 404.
    The user is looked at only before the broadcast, so that an on-air file's response does not vary by cookie."""
    item = get_object_or_404(MediaItem, pk=pk)
    if item.is_on_air():
        return item, True
    if policy_registry.get_by_type(MediaItem).user_has_permission_for_instance(request.user, "change", item):
        return item, False
    raise Http404("No such item.")


def media_type(item):
    return item.mime_type or mimetypes.guess_type(item.filename)[0] or UNKNOWN_TYPE
