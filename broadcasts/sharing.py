"""An episode's own page as a shared link shows it (newsroom.social_previews): the episode's title, its programme
and air time, its poster (else the programme's cover), and for a video Open Graph's video type."""

from core.dates import time_and_date
from newsroom.social_previews import PagePreview, local_iso
from newsroom.templatetags.canonical import canonical_url

from .models import ProgrammePage


def episode_preview(page, request, context):
    episode = context.get("episode")
    if not isinstance(page, ProgrammePage) or episode is None:
        return None
    aired_at = episode.broadcast_at or episode.created_at
    return PagePreview(
        page,
        episode.title,
        canonical_url(context),
        description=f"Chương trình {page.title}, phát sóng {time_and_date(aired_at)}.",
        type="video.other" if episode.is_video else "website",
        picture=episode.poster or page.cover,
        type_properties=video_properties(episode, aired_at) if episode.is_video else [],
        below_page=True,
    )


def video_properties(episode, aired_at):
    properties = [("video:release_date", local_iso(aired_at))]
    if episode.duration:
        properties.append(("video:duration", str(round(episode.duration))))
    return properties
