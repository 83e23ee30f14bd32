"""The station's broadcasts as search engines read them (newsroom.structured_data): a VideoObject or AudioObject for
each item on the air that a story embeds, and for an episode's own page. An item before its broadcast time is
left out, as the page leaves out its player."""

from django.utils.text import Truncator

from core.dates import iso_duration
from newsroom.models import ArticlePage
from newsroom.models.languages import VIETNAMESE_CODE
from newsroom.social_previews import DESCRIPTION_LENGTH, local_iso
from newsroom.structured_data import image_urls

from .models import ProgrammePage


def broadcast_structured_data(preview, request, context):
    page, episode = preview.page, context.get("episode")
    if isinstance(page, ProgrammePage) and episode is not None:
        shown = [(episode, preview.description)]
    elif isinstance(page, ArticlePage):
        shown = [
            (block.value["item"], block.value["caption"])
            for block in page.body
            if block.block_type == "media"
        ]
    else:
        return []
    objects = (
        media_object(item, caption, preview, request)
        for item, caption in shown
        if item is not None and item.is_on_air()
    )
    return [data for data in objects if data]


def media_object(item, description, preview, request):
    """VideoObject: Google requires its name, a thumbnail and its upload date (here, its broadcast); a video with no
    picture at all (no poster, no picture of the page or the outlet) is left out. AudioObject asks for no picture."""
    data = {
        "@type": "VideoObject" if item.is_video else "AudioObject",
        "name": item.title,
        "uploadDate": local_iso(item.broadcast_at or item.created_at),
        "contentUrl": request.build_absolute_uri(item.url),
        "inLanguage": item.language.code if item.language_id else VIETNAMESE_CODE,
    }
    description = description or Truncator(" ".join(item.transcript.split())).chars(DESCRIPTION_LENGTH)
    if description:
        data["description"] = description
    if item.duration:
        data["duration"] = iso_duration(item.duration)
    if item.mime_type:
        data["encodingFormat"] = item.mime_type
    thumbnails = thumbnail_urls(item, preview, request)
    if thumbnails:
        data["thumbnailUrl"] = thumbnails
    elif item.is_video:
        return None
    return data


def thumbnail_urls(item, preview, request):
    """The item's poster, else the picture the page is shared with."""
    if item.poster_id:
        return image_urls(item.poster, request)
    return [preview.image.url] if preview.image else []
