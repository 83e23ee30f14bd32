"""The station's podcast feeds, per programme and per broadcast language: RSS 2.0 with the tags Apple Podcasts
reads (the itunes namespace) and those of the Podcasting 2.0 namespace (podcast:guid, podcast:locked,
podcast:transcript).

A feed lists the episodes on the air, newest first: an episode whose broadcast time has not come is left out, as
its file is (broadcasts.serving). An episode keeps its GUID for life, whatever an editor changes in it, so that
podcast apps never list it twice. Reading a feed costs the same few queries however many episodes it has.
"""

import datetime
import html
import uuid
from collections import Counter
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import strip_tags
from django.utils.text import Truncator

from wagtail.images import get_image_model
from wagtail.models import Site

from newsroom.feeds import plain_text
from newsroom.models import Language, OutletIdentity
from newsroom.models.languages import VIETNAMESE_CODE, in_language

from .models import MediaItem, ProgrammeIndexPage, ProgrammePage

ITUNES_NAMESPACE = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST_NAMESPACE = "https://podcastindex.org/namespace/1.0"
# podcast:guid is the UUIDv5 of the feed's URL, without its scheme, in this namespace (the namespace's spec).
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
# Apple Podcasts asks for square artwork of 1400 to 3000 px, as JPEG or PNG.
ARTWORK_FILTER_SPEC = "fill-1400x1400|format-jpeg"
FEED_LENGTH = 300
EXCERPT_WORDS = 60
# Apple Podcasts reads at most 4000 bytes of a description.
DESCRIPTION_LENGTH = 1000
# A feed by language takes the category most of its episodes' programmes have; this one while it has no episode.
DEFAULT_CATEGORY = "News"
EPISODE_ROUTE = "episode"


def true_false(value):
    return "true" if value else "false"


class PodcastRss(Rss201rev2Feed):
    """Django's RSS 2.0 with the podcast tags: the channel's from `podcast` (a Podcast), each item's from
    `episode` (an Episode), which the feed passes through its extra keyword arguments."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:itunes": ITUNES_NAMESPACE,
            "xmlns:podcast": PODCAST_NAMESPACE,
        }

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        podcast = self.feed["podcast"]
        handler.addQuickElement("itunes:author", podcast.author)
        if podcast.image_url:
            handler.addQuickElement("itunes:image", None, {"href": podcast.image_url})
        handler.addQuickElement("itunes:category", None, {"text": podcast.category})
        handler.addQuickElement("itunes:explicit", true_false(podcast.explicit))
        handler.addQuickElement("itunes:type", "episodic")
        if podcast.owner_email:
            handler.startElement("itunes:owner", {})
            handler.addQuickElement("itunes:name", podcast.author)
            handler.addQuickElement("itunes:email", podcast.owner_email)
            handler.endElement("itunes:owner")
        handler.addQuickElement("podcast:guid", podcast.guid)
        locked_attributes = {"owner": podcast.owner_email} if podcast.owner_email else {}
        handler.addQuickElement("podcast:locked", "no", locked_attributes)

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        episode = item["episode"]
        handler.addQuickElement("itunes:duration", str(episode.duration))
        if episode.image_url:
            handler.addQuickElement("itunes:image", None, {"href": episode.image_url})
        handler.addQuickElement("itunes:explicit", true_false(episode.explicit))
        handler.addQuickElement("itunes:episodeType", "full")
        for transcript in episode.transcripts:
            handler.addQuickElement("podcast:transcript", None, transcript)


@dataclass(frozen=True)
class Station:
    """Who publishes a feed: the outlet of the site its pages stand on."""

    name: str
    email: str
    root_url: str


@dataclass(frozen=True)
class Episode:
    guid: str
    title: str
    description: str
    link: str
    pubdate: datetime.datetime
    enclosure_url: str
    size: int
    mime_type: str
    duration: int
    image_url: str
    explicit: bool
    # The attributes of each podcast:transcript element.
    transcripts: tuple


@dataclass(frozen=True)
class Podcast:
    title: str
    description: str
    link: str
    feed_url: str
    language: str
    author: str
    category: str
    explicit: bool
    image_url: str
    owner_email: str
    episodes: list

    @property
    def guid(self):
        address = self.feed_url.split("://", 1)[-1].rstrip("/")
        return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, address))


class PodcastFeed(Feed):
    """A podcast read from a Podcast that get_object() builds for the request."""

    feed_type = PodcastRss

    def get_feed(self, podcast, request):
        feed = super().get_feed(podcast, request)
        feed.feed["language"] = podcast.language
        return feed

    def title(self, podcast):
        return podcast.title

    def description(self, podcast):
        return podcast.description

    def link(self, podcast):
        return podcast.link

    def feed_url(self, podcast):
        return podcast.feed_url

    def feed_extra_kwargs(self, podcast):
        return {"podcast": podcast}

    def items(self, podcast):
        return podcast.episodes

    def item_title(self, episode):
        return episode.title

    def item_description(self, episode):
        return episode.description

    def item_link(self, episode):
        return episode.link

    def item_guid(self, episode):
        return episode.guid

    def item_guid_is_permalink(self, episode):
        return False

    def item_pubdate(self, episode):
        return episode.pubdate

    def item_enclosure_url(self, episode):
        return episode.enclosure_url

    def item_enclosure_length(self, episode):
        return episode.size

    def item_enclosure_mime_type(self, episode):
        return episode.mime_type

    def item_extra_kwargs(self, episode):
        return {"episode": episode}


class ProgrammePodcast(PodcastFeed):
    """/broadcasts/podcasts/<programme id>.xml: a live, public programme's episodes."""

    def get_object(self, request, pk):
        programme = get_object_or_404(
            ProgrammePage.objects.live().public().select_related("cover", "language"), pk=pk
        )
        station = station_of(programme, request)
        link = page_link(programme, request)
        language = programme.language.code if programme.language else VIETNAMESE_CODE
        cover = programme.cover or station_cover(programme)
        episodes = [
            episode_of(item, programme, link, language, request)
            for item in on_air_episodes(MediaItem.objects.filter(programme=programme))
        ]
        return Podcast(
            title=plain_text(programme.title),
            description=programme_description(programme, station),
            link=link,
            feed_url=station.root_url + reverse("broadcasts:programme_podcast", args=(programme.pk,)),
            language=language,
            author=plain_text(programme.podcast_author) or station.name,
            category=programme.podcast_category,
            explicit=programme.podcast_explicit,
            image_url=artwork_url(cover, request),
            owner_email=station.email,
            episodes=episodes,
        )


class LanguagePodcast(PodcastFeed):
    """/broadcasts/podcasts/language/<code>.xml: the episodes in one language, of every programme of the station
    (an episode with no language set is in Vietnamese)."""

    def get_object(self, request, code):
        language = get_object_or_404(Language, code=code)
        index = programme_index_for(request)
        station = station_of(index, request)
        programmes = ProgrammePage.objects.live().public().descendant_of(index)
        items = MediaItem.objects.filter(in_language(language), programme__in=programmes)
        items = list(on_air_episodes(items.select_related("programme")))
        categories = Counter(item.programme.podcast_category for item in items)
        name = plain_text(language.name)
        return Podcast(
            title=f"{name} · {station.name}",
            description=f"Các chương trình phát thanh, truyền hình bằng {name[:1].lower()}{name[1:]} "
            f"của {station.name}.",
            link=page_link(index, request),
            feed_url=station.root_url + reverse("broadcasts:language_podcast", args=(language.code,)),
            language=language.code,
            author=station.name,
            category=categories.most_common(1)[0][0] if categories else DEFAULT_CATEGORY,
            explicit=any(item.programme.podcast_explicit for item in items),
            image_url=artwork_url(index.cover, request),
            owner_email=station.email,
            episodes=[
                episode_of(item, item.programme, page_link(item.programme, request), language.code, request)
                for item in items
            ],
        )


def on_air_episodes(items):
    """The items on the air, newest first, with what an episode shows."""
    posters = get_image_model().objects.prefetch_renditions(ARTWORK_FILTER_SPEC)
    return (
        items.on_air()
        .select_related("language")
        .prefetch_related(Prefetch("poster", queryset=posters))
        .newest_first()[:FEED_LENGTH]
    )


def episode_of(item, programme, programme_link, feed_language, request):
    language = item.language.code if item.language else VIETNAMESE_CODE
    return Episode(
        guid=f"neu-guong-media-{item.pk}",
        title=plain_text(item.title),
        description=episode_description(item),
        link=episode_link(programme, programme_link, item.pk),
        pubdate=item.aired_at,
        enclosure_url=request.build_absolute_uri(item.url),
        size=item.size,
        mime_type=item.mime_type,
        duration=round(item.duration),
        image_url=artwork_url(item.poster, request),
        explicit=programme.podcast_explicit,
        transcripts=transcripts_of(item, "" if language == feed_language else language, request),
    )


def episode_description(item):
    """The start of the transcript, then the credits: what a listener reads before playing."""
    excerpt = Truncator(plain_text(item.transcript).strip()).words(EXCERPT_WORDS, truncate="…")
    parts = [part for part in (excerpt, plain_text(item.credits).strip()) if part]
    return "\n\n".join(parts) or plain_text(item.title)


def transcripts_of(item, language, request):
    """podcast:transcript's attributes: the plain text and, for a video with captions, the WebVTT file;
    `language` where the item's differs from the feed's."""
    language_attribute = {"language": language} if language else {}
    transcripts = []
    if item.transcript.strip():
        url = request.build_absolute_uri(reverse("broadcasts:transcript", args=(item.pk,)))
        transcripts.append({"url": url, "type": "text/plain", **language_attribute})
    if item.captions:
        url = request.build_absolute_uri(item.captions_url)
        transcripts.append({"url": url, "type": "text/vtt", "rel": "captions", **language_attribute})
    return tuple(transcripts)


def episode_link(programme, programme_link, pk):
    return programme_link + programme.reverse_subpage(EPISODE_ROUTE, args=(pk,))


def page_link(page, request):
    _site_id, root_url, page_path = url_parts(page, request)
    return root_url + page_path


def url_parts(page, request):
    """(site id, root URL, path) of a page; a page that no site reaches has no feed."""
    parts = page.get_url_parts(request)
    if parts is None:
        raise Http404("The page is on no site.")
    return parts


def programme_description(programme, station):
    intro = " ".join(html.unescape(strip_tags(programme.intro)).split())
    return (
        Truncator(plain_text(intro)).chars(DESCRIPTION_LENGTH)
        or f"{plain_text(programme.title)}, chương trình của {station.name}."
    )


def artwork_url(image, request):
    if image is None:
        return ""
    return request.build_absolute_uri(image.get_rendition(ARTWORK_FILTER_SPEC).url)


def station_cover(programme):
    """The station's cover, on the programmes' index: the artwork of a programme that has none of its own."""
    index = ProgrammeIndexPage.objects.ancestor_of(programme).select_related("cover").first()
    return index.cover if index else None


def programme_index_for(request):
    """The programmes' index of the request's site, or else the station's (the only one in practice)."""
    indexes = ProgrammeIndexPage.objects.live().public().select_related("cover")
    site = Site.find_for_request(request)
    index = (site and indexes.descendant_of(site.root_page).first()) or indexes.first()
    if index is None:
        raise Http404("No programmes.")
    return index


def station_of(page, request):
    site_id, root_url, _page_path = url_parts(page, request)
    identity = OutletIdentity.objects.filter(site_id=site_id).select_related("site").first()
    if identity and identity.full_name:
        return Station(plain_text(identity.full_name), identity.email, root_url)
    site = identity.site if identity else Site.objects.get(pk=site_id)
    return Station(plain_text(site.site_name), identity.email if identity else "", root_url)
