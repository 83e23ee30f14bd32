"""The podcast feeds, per programme and per language, as podcast apps read them: RSS 2.0 with the iTunes and
Podcasting 2.0 tags, the episodes on the air only, newest first, at a cost that does not grow with their number;
and the plain-text transcripts they link to."""

import datetime
import unicodedata
import uuid
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import feedparser
import pytest

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageViewRestriction

from broadcasts import podcasts
from broadcasts.models import MediaItem, ProgrammePage
from newsroom.models import Language, Outlet, OutletIdentity

NAMESPACES = {"itunes": podcasts.ITUNES_NAMESPACE, "podcast": podcasts.PODCAST_NAMESPACE}
STATION = "Đài Phát thanh và Truyền hình tỉnh Đắk Lắk"
STATION_EMAIL = "bientap@drt.example"


@pytest.fixture
def host():
    return settings.OUTLET_HOSTS[Outlet.BROADCAST]


@pytest.fixture
def station(programme_index, private_files):
    """The station's programmes' index, the station's name and email in its identity."""
    OutletIdentity.objects.update_or_create(
        site=programme_index.get_site(), defaults={"full_name": STATION, "email": STATION_EMAIL}
    )
    return programme_index


def feed(client, host, name, *args):
    response = client.get(reverse(f"broadcasts:{name}", args=args), HTTP_HOST=host)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    return response


def channel_of(response):
    return ET.fromstring(response.content).find("channel")


def item_titles(response):
    return [item.findtext("title") for item in channel_of(response).iter("item")]


def sized(item, size):
    """The item's size as an upload would have read it from its file."""
    MediaItem.objects.filter(pk=item.pk).update(size=size)


def days_ago(days, hour=19):
    return timezone.now().replace(hour=hour, minute=0, second=0, microsecond=0) - datetime.timedelta(
        days=days
    )


def test_the_podcast_guid_is_the_namespaces_uuid5_of_the_feeds_address_without_its_scheme():
    # The examples of the Podcasting 2.0 namespace's own page on podcast:guid.
    for feed_url, guid in (
        ("https://mp3s.nashownotes.com/pc20rss.xml", "917393e3-1b1e-5cef-ace4-edaa54e1f810"),
        ("https://podnews.net/rss/", "9b024349-ccf0-5f69-a609-6b82873eab3c"),
    ):
        assert podcasts.Podcast(**{**EMPTY_PODCAST, "feed_url": feed_url}).guid == guid


EMPTY_PODCAST = dict.fromkeys(
    (
        "title",
        "description",
        "link",
        "feed_url",
        "language",
        "author",
        "category",
        "image_url",
        "owner_email",
    ),
    "",
) | {"explicit": False, "episodes": []}


def test_a_programmes_feed_carries_every_tag_apple_and_podcast_index_require(
    client, host, station, new_programme, new_media_item, make_image
):
    cover = make_image("Bìa chương trình", size=(1600, 1600))
    programme = new_programme(
        "Gương sáng giữa đời thường",
        intro="<p>Những người tốt, việc tốt &amp; những tấm gương bình dị.</p>",
        cover=cover,
        podcast_category="Society & Culture",
    )
    poster = make_image("Tàu cá về bến")
    video = new_media_item(
        "Thuyền trưởng cứu 6 ngư dân",
        programme=programme,
        kind="video",
        duration=42.6,
        poster=poster,
        broadcast_at=days_ago(3),
        transcript="Đang đánh bắt cách bờ khoảng 70 hải lý, tàu cá nhận tin báo.",
        captions=ContentFile(b"WEBVTT\n", name="phu-de.vtt"),
        credits="Biên tập: Minh Tâm\nQuay phim: Hữu Hùng",
    )
    sized(video, 345_678)
    audio = new_media_item(
        "Con đường sáng đèn về buôn", programme=programme, duration=31, broadcast_at=days_ago(10)
    )

    response = feed(client, host, "programme_podcast", programme.pk)
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")

    # Apple's required channel tags: title, description, itunes:image, language, itunes:category, itunes:explicit.
    assert channel.findtext("title") == "Gương sáng giữa đời thường"
    assert channel.findtext("description") == "Những người tốt, việc tốt & những tấm gương bình dị."
    assert channel.findtext("language") == "vi"
    artwork = channel.find("itunes:image", NAMESPACES).get("href")
    rendition = cover.get_rendition(podcasts.ARTWORK_FILTER_SPEC)
    assert artwork == f"http://{host}{rendition.url}" and artwork.endswith(".jpg")
    assert (rendition.width, rendition.height) == (1400, 1400)
    assert channel.find("itunes:category", NAMESPACES).get("text") == "Society & Culture"
    assert channel.findtext("itunes:explicit", namespaces=NAMESPACES) == "false"
    # Recommended: itunes:author and link; and the owner Apple writes to.
    assert channel.findtext("itunes:author", namespaces=NAMESPACES) == STATION
    assert channel.findtext("link") == programme.get_full_url()
    assert channel.findtext("itunes:type", namespaces=NAMESPACES) == "episodic"
    owner = channel.find("itunes:owner", NAMESPACES)
    assert owner.findtext("itunes:name", namespaces=NAMESPACES) == STATION
    assert owner.findtext("itunes:email", namespaces=NAMESPACES) == STATION_EMAIL
    # Podcasting 2.0: the show's GUID from its canonical address, and leave to move it.
    feed_url = programme.get_site().root_url + f"/broadcasts/podcasts/{programme.pk}.xml"
    assert channel.find("atom:link", {"atom": "http://www.w3.org/2005/Atom"}).get("href") == feed_url
    guid = str(uuid.uuid5(podcasts.PODCAST_GUID_NAMESPACE, feed_url.removeprefix("http://")))
    assert channel.findtext("podcast:guid", namespaces=NAMESPACES) == guid
    locked = channel.find("podcast:locked", NAMESPACES)
    assert (locked.text, locked.get("owner")) == ("no", STATION_EMAIL)

    first, second = channel.findall("item")
    # Apple's required item tags: title and enclosure (its URL, length in bytes and type).
    assert [first.findtext("title"), second.findtext("title")] == [video.title, audio.title]
    enclosure = first.find("enclosure")
    assert enclosure.attrib == {
        "url": f"http://{host}/broadcasts/files/{video.pk}/{video.filename}",
        "length": "345678",
        "type": "video/mp4",
    }
    assert second.find("enclosure").get("type") == "audio/mpeg"
    # Recommended: guid, pubDate, description, itunes:duration, link, itunes:image, itunes:explicit.
    guid = first.find("guid")
    assert (guid.text, guid.get("isPermaLink")) == (f"neu-guong-media-{video.pk}", "false")
    assert parsedate_to_datetime(first.findtext("pubDate")) == video.broadcast_at
    assert first.findtext("description") == f"{video.transcript}\n\n{video.credits}"
    assert second.findtext("description") == audio.title
    assert first.findtext("itunes:duration", namespaces=NAMESPACES) == "43"
    assert second.findtext("itunes:duration", namespaces=NAMESPACES) == "31"
    assert first.findtext("link") == f"{programme.get_full_url()}{video.pk}/"
    poster_url = poster.get_rendition(podcasts.ARTWORK_FILTER_SPEC).url
    assert first.find("itunes:image", NAMESPACES).get("href") == f"http://{host}{poster_url}"
    assert second.find("itunes:image", NAMESPACES) is None
    assert first.findtext("itunes:explicit", namespaces=NAMESPACES) == "false"
    assert first.findtext("itunes:episodeType", namespaces=NAMESPACES) == "full"
    # Podcasting 2.0: the transcript as text, and the video's captions.
    assert [element.attrib for element in first.findall("podcast:transcript", NAMESPACES)] == [
        {"url": f"http://{host}/broadcasts/transcripts/{video.pk}.txt", "type": "text/plain"},
        {"url": f"http://{host}/broadcasts/captions/{video.pk}.vtt", "type": "text/vtt", "rel": "captions"},
    ]
    assert second.findall("podcast:transcript", NAMESPACES) == []


def test_feedparser_reads_the_feed_as_podcast_apps_do(
    client, host, station, new_programme, new_media_item, make_image
):
    programme = new_programme("Bản tin tiếng Anh", cover=make_image(size=(1600, 1600)), podcast_explicit=True)
    item = new_media_item(
        "Writing contest opens", programme=programme, duration=38.2, transcript="Good evening."
    )
    sized(item, 240_100)

    parsed = feedparser.parse(feed(client, host, "programme_podcast", programme.pk).content)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "rss20"
    assert parsed.feed.title == "Bản tin tiếng Anh"
    assert parsed.feed.author == STATION
    assert parsed.feed.image.href.endswith(".jpg")
    assert [tag.term for tag in parsed.feed.tags] == ["News"]
    assert parsed.feed.podcast_guid == channel_of(
        feed(client, host, "programme_podcast", programme.pk)
    ).findtext("podcast:guid", namespaces=NAMESPACES)
    (entry,) = parsed.entries
    assert entry.title == item.title and entry.id == f"neu-guong-media-{item.pk}"
    assert entry.itunes_duration == "38"
    (enclosure,) = entry.enclosures
    assert (enclosure.href, enclosure.length, enclosure.type) == (
        f"http://{host}{item.url}",
        "240100",
        "audio/mpeg",
    )
    assert entry.podcast_transcript == {
        "url": f"http://{host}/broadcasts/transcripts/{item.pk}.txt",
        "type": "text/plain",
    }


def test_an_episode_enters_the_feed_at_its_broadcast_time_newest_first(
    client, host, station, new_programme, new_media_item
):
    programme = new_programme("Gương sáng giữa đời thường")
    new_media_item("Tuần trước", programme=programme, broadcast_at=days_ago(7))
    new_media_item("Hôm qua", programme=programme, broadcast_at=days_ago(1))
    coming = new_media_item(
        "Ngày mai", programme=programme, broadcast_at=timezone.now() + datetime.timedelta(days=1)
    )
    new_media_item("Của chương trình khác", programme=new_programme("Bản tin tiếng Anh"))

    assert item_titles(feed(client, host, "programme_podcast", programme.pk)) == ["Hôm qua", "Tuần trước"]
    assert b"Ng\xc3\xa0y mai" not in feed(client, host, "programme_podcast", programme.pk).content

    MediaItem.objects.filter(pk=coming.pk).update(broadcast_at=timezone.now() - datetime.timedelta(minutes=1))
    assert item_titles(feed(client, host, "programme_podcast", programme.pk)) == [
        "Ngày mai",
        "Hôm qua",
        "Tuần trước",
    ]


def test_a_feed_holds_the_newest_episodes_up_to_its_length(
    client, host, station, new_programme, new_media_item, monkeypatch
):
    monkeypatch.setattr(podcasts, "FEED_LENGTH", 2)
    programme = new_programme("Gương sáng giữa đời thường")
    for days in (5, 1, 3):
        new_media_item(f"{days} ngày trước", programme=programme, broadcast_at=days_ago(days))
    assert item_titles(feed(client, host, "programme_podcast", programme.pk)) == [
        "1 ngày trước",
        "3 ngày trước",
    ]


def test_a_language_feed_holds_the_episodes_in_that_language_from_every_programme(
    client, host, station, new_programme, new_media_item
):
    ede, english = Language.objects.get(code="rad"), Language.objects.create(code="en", name="Tiếng Anh")
    vietnamese = Language.objects.get(code="vi")
    exemplars = new_programme("Gương sáng giữa đời thường")
    ede_programme = new_programme("Phát thanh tiếng Ê Đê", language="rad")
    new_media_item("Không chọn ngôn ngữ", programme=exemplars, broadcast_at=days_ago(4))
    new_media_item("Chọn tiếng Việt", programme=exemplars, language=vietnamese, broadcast_at=days_ago(2))
    new_media_item(
        "Bản tin Ê Đê", programme=ede_programme, language=ede, transcript="Ê Đê", broadcast_at=days_ago(3)
    )
    new_media_item(
        "Bản tin Ê Đê sắp phát",
        programme=ede_programme,
        language=ede,
        broadcast_at=timezone.now() + datetime.timedelta(hours=2),
    )
    new_media_item(
        "English segment",
        programme=exemplars,
        language=english,
        transcript="Hello.",
        broadcast_at=days_ago(1),
    )
    new_media_item("Không thuộc chương trình nào")

    vi_feed = feed(client, host, "language_podcast", "vi")
    assert item_titles(vi_feed) == ["Chọn tiếng Việt", "Không chọn ngôn ngữ"]
    channel = channel_of(vi_feed)
    assert channel.findtext("language") == "vi"
    assert channel.findtext("title") == f"Tiếng Việt · {STATION}"
    assert (
        channel.findtext("description")
        == f"Các chương trình phát thanh, truyền hình bằng tiếng Việt của {STATION}."
    )

    ede_channel = channel_of(feed(client, host, "language_podcast", "rad"))
    assert ede_channel.findtext("language") == "rad"
    assert [item.findtext("title") for item in ede_channel.iter("item")] == ["Bản tin Ê Đê"]
    (transcript,) = ede_channel.find("item").findall("podcast:transcript", NAMESPACES)
    assert "language" not in transcript.attrib

    assert item_titles(feed(client, host, "language_podcast", "en")) == ["English segment"]
    assert item_titles(feed(client, host, "language_podcast", "mng")) == []
    assert client.get("/broadcasts/podcasts/language/fr.xml", HTTP_HOST=host).status_code == 404

    # In its programme's Vietnamese feed, the English segment's transcript says its language.
    programme_channel = channel_of(feed(client, host, "programme_podcast", exemplars.pk))
    english_item = next(
        item for item in programme_channel.iter("item") if item.findtext("title") == "English segment"
    )
    assert english_item.find("podcast:transcript", NAMESPACES).get("language") == "en"


def test_the_station_cover_stands_in_for_a_programme_without_one_and_for_the_language_feeds(
    client, host, station, new_programme, new_media_item, make_image
):
    station.cover = make_image("Logo của Đài", size=(2000, 2000))
    station.save_revision().publish()
    programme = new_programme("Gương sáng giữa đời thường")
    new_media_item("Tập một", programme=programme)
    station_artwork = f"http://{host}{station.cover.get_rendition(podcasts.ARTWORK_FILTER_SPEC).url}"
    for response in (
        feed(client, host, "programme_podcast", programme.pk),
        feed(client, host, "language_podcast", "vi"),
    ):
        assert channel_of(response).find("itunes:image", NAMESPACES).get("href") == station_artwork


def test_only_a_live_public_programme_has_a_feed(
    client, host, station, new_programme, new_media_item, outlets
):
    draft = station.add_child(instance=ProgrammePage(title="Chương trình chưa đăng", live=False))
    private = new_programme("Chương trình nội bộ")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    new_media_item("Tập nội bộ", programme=private)
    for pk in (draft.pk, private.pk, outlets[Outlet.BROADCAST].pk, 999_999):
        response = client.get(reverse("broadcasts:programme_podcast", args=(pk,)), HTTP_HOST=host)
        assert response.status_code == 404, pk
    # Nor do its episodes reach the language feeds.
    assert item_titles(feed(client, host, "language_podcast", "vi")) == []


def test_markup_in_titles_is_text_in_the_xml_and_vietnamese_comes_out_composed(
    client, host, station, new_programme, new_media_item
):
    programme = new_programme("<b>Gương</b> & Sáng")
    decomposed = unicodedata.normalize("NFD", "Người giữ lửa cồng chiêng")
    new_media_item('<script>alert("x")</script> & <i>tập</i> 1', programme=programme, transcript=decomposed)
    new_media_item(decomposed, programme=programme)

    response = feed(client, host, "programme_podcast", programme.pk)
    assert b"<script>" not in response.content and b"<i>" not in response.content
    assert b"&lt;script&gt;" in response.content
    channel = channel_of(response)
    assert channel.findtext("title") == "<b>Gương</b> & Sáng"
    titles = item_titles(response)
    assert '<script>alert("x")</script> & <i>tập</i> 1' in titles
    assert "Người giữ lửa cồng chiêng" in titles
    assert unicodedata.normalize("NFC", response.content.decode()) == response.content.decode()
    assert response.content.decode().startswith('<?xml version="1.0" encoding="utf-8"?>')


def test_a_control_character_pasted_into_a_transcript_does_not_break_the_feed(
    client, host, station, new_programme, new_media_item
):
    programme = new_programme("Gương sáng")
    new_media_item("Tập\x0b 1", programme=programme, transcript="Kính chào\x0c quý thính giả.")

    response = feed(client, host, "programme_podcast", programme.pk)
    assert response.status_code == 200
    assert item_titles(response) == ["Tập 1"]
    assert "Kính chào quý thính giả." in channel_of(response).find("item").findtext("description")


def test_reading_a_feed_costs_the_same_queries_for_two_episodes_or_eight(
    client, host, station, new_programme, new_media_item, make_image
):
    english = Language.objects.create(code="en", name="Tiếng Anh")
    programme = new_programme("Gương sáng giữa đời thường", cover=make_image(size=(1500, 1500)))

    def add_episodes(count):
        for number in range(count):
            poster = make_image(f"Áp phích {number}")
            language = english if number % 2 else None
            new_media_item(
                f"Tập {number}", programme=programme, poster=poster, language=language, transcript="Lời."
            )

    def queries(name, *args):
        feed(client, host, name, *args)  # makes the posters' renditions
        with CaptureQueriesContext(connection) as captured:
            feed(client, host, name, *args)
        return len(captured)

    add_episodes(2)
    few = queries("programme_podcast", programme.pk), queries("language_podcast", "vi")
    add_episodes(6)
    assert (queries("programme_podcast", programme.pk), queries("language_podcast", "vi")) == few


def test_a_transcript_is_plain_text_once_its_item_is_on_the_air(client, host, db, new_media_item):
    text = "Chào quý thính giả.\nĐây là chương trình tiếng Ê Đê."
    on_air = new_media_item("Tập một", transcript=text)
    coming = new_media_item(
        "Tập hai", transcript=text, broadcast_at=timezone.now() + datetime.timedelta(hours=1)
    )
    silent = new_media_item("Tập ba")

    response = client.get(reverse("broadcasts:transcript", args=(on_air.pk,)), HTTP_HOST=host)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode("utf-8") == text + "\n"
    for item in (coming, silent):
        assert (
            client.get(reverse("broadcasts:transcript", args=(item.pk,)), HTTP_HOST=host).status_code == 404
        )
    assert client.post(reverse("broadcasts:transcript", args=(on_air.pk,)), HTTP_HOST=host).status_code == 405
