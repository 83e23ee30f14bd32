"""The demo's programmes (demo.programmes): real audio and video made for the repository (demo.make_media), in
Vietnamese and English, each episode with its transcript, dated weeks to a day before the load, playable at its
address and listed in the podcast feeds; the station's articles about an episode play it."""

import datetime
import json
import struct
import unicodedata
import xml.etree.ElementTree as ET

import pytest
from mutagen.mp4 import MP4

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from broadcasts.models import MediaItem, ProgrammePage
from demo.data import read_json
from demo.programmes import DATA_FILE, MANIFEST, MEDIA_DIR
from newsroom.models import ArticlePage, Outlet
from tests.demo.test_load_demo import DEMO

STATION_HOST = settings.OUTLET_HOSTS[Outlet.BROADCAST]
# The budget for the demo's media, and its length for each file.
MEDIA_BUDGET_BYTES = 3 * 1024 * 1024
SECONDS = (20, 60)


@pytest.fixture
def demo(db):
    DEMO.put()


def manifest():
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


def episodes():
    """(programme spec, episode spec) of every episode in the data file."""
    return [
        (programme, episode)
        for programme in read_json(DATA_FILE)["programmes"]
        for episode in programme["episodes"]
    ]


def top_level_boxes(path):
    """The names of an MP4 file's top-level boxes, in their order."""
    names, data, offset = [], path.read_bytes(), 0
    while offset < len(data):
        size, name = struct.unpack(">I4s", data[offset : offset + 8])
        if size == 1:
            size = struct.unpack(">Q", data[offset + 8 : offset + 16])[0]
        names.append(name.decode("ascii"))
        offset += size
    return names


def test_the_committed_media_are_short_real_files_with_the_facts_the_loader_takes():
    facts = manifest()
    files = {episode["file"] for _programme, episode in episodes()}
    assert set(facts) == files
    assert sum((MEDIA_DIR / name).stat().st_size for name in MEDIA_DIR.iterdir()) <= MEDIA_BUDGET_BYTES
    for name, fact in facts.items():
        path = MEDIA_DIR / name
        assert path.stat().st_size == fact["size"], name
        assert SECONDS[0] <= fact["duration"] <= SECONDS[1], name
        # What mutagen reads of the file agrees with what ffprobe read when it was made.
        assert MP4(path).info.length == pytest.approx(fact["duration"], abs=0.1), name
        assert MP4(path).info.codec == "mp4a.40.2", name  # AAC-LC
        # +faststart: the index comes before the media data, so a player starts before the whole file has come.
        boxes = top_level_boxes(path)
        assert boxes[0] == "ftyp" and boxes.index("moov") < boxes.index("mdat"), (name, boxes)
        assert fact["mime_type"] == {".m4a": "audio/mp4", ".mp4": "video/mp4"}[path.suffix]
        if path.suffix == ".mp4":
            assert (fact["width"], fact["height"]) == (720, 480)
    languages = {programme.get("language", "vi") for programme, _episode in episodes()}
    assert languages == {"vi", "en"}


def test_each_video_has_captions_timed_within_it_that_say_its_transcript():
    for _programme, episode in episodes():
        if not episode["file"].endswith(".mp4"):
            continue
        captions = (MEDIA_DIR / episode["captions"]).read_text(encoding="utf-8")
        assert captions.startswith("WEBVTT\n\n")
        cues = [cue.split("\n", 1) for cue in captions.removeprefix("WEBVTT\n\n").strip().split("\n\n")]
        ends = [timing.split(" --> ")[1] for timing, _text in cues]
        last_end = datetime.datetime.strptime(ends[-1], "%H:%M:%S.%f")
        assert last_end.minute * 60 + last_end.second < manifest()[episode["file"]]["duration"]
        assert " ".join(text for _timing, text in cues) == " ".join(episode["transcript"])


def test_the_demo_has_programmes_in_vietnamese_and_english_with_their_episodes(demo):
    programmes = {programme.title: programme for programme in ProgrammePage.objects.live()}
    assert set(programmes) == {"Gương sáng giữa đời thường", "Bản tin tiếng Anh"}
    assert programmes["Gương sáng giữa đời thường"].language is None
    assert programmes["Bản tin tiếng Anh"].language.code == "en"
    for programme in programmes.values():
        # Square, at least as large as Apple Podcasts asks.
        assert programme.cover.width == programme.cover.height >= 1400, programme.title

    items = MediaItem.objects.select_related("programme", "language")
    assert items.count() == len(episodes()) and {item.type for item in items} == {"audio", "video"}
    files = {episode["title"]: episode["file"] for _programme, episode in episodes()}
    now = timezone.now()
    for item in items:
        assert item.language == item.programme.language
        assert now - datetime.timedelta(weeks=4) < item.broadcast_at < now, item.title
        assert item.transcript and unicodedata.normalize("NFC", item.transcript) == item.transcript
        assert item.credits and item.poster_id, item.title
        assert item.size == item.file.size == manifest()[files[item.title]]["size"], item.title
        assert bool(item.captions) == item.is_video


def test_every_episode_plays_at_its_address_and_a_player_can_seek_in_it(client, demo):
    for item in MediaItem.objects.all():
        response = client.get(item.url, HTTP_HOST=STATION_HOST)
        assert response.status_code == 200, item.title
        assert response["Content-Type"] == item.mime_type
        with item.file.open("rb") as stored:
            assert b"".join(response.streaming_content) == stored.read()
        middle = item.size // 2
        seek = client.get(item.url, HTTP_HOST=STATION_HOST, HTTP_RANGE=f"bytes={middle}-")
        assert seek.status_code == 206
        assert seek["Content-Range"] == f"bytes {middle}-{item.size - 1}/{item.size}"
        if item.is_video:
            captions = client.get(item.captions_url, HTTP_HOST=STATION_HOST)
            assert captions.status_code == 200 and b"".join(captions.streaming_content).startswith(b"WEBVTT")


def test_the_stations_articles_about_an_episode_play_it(client, demo):
    for _programme, episode in episodes():
        if "article" not in episode:
            continue
        article = ArticlePage.objects.get(external_id=episode["article"], alias_of__isnull=True)
        first = article.body[0]
        assert first.block_type == "media" and first.value["item"].title == episode["title"]
        html = client.get(article.url, HTTP_HOST=STATION_HOST).content.decode()
        assert first.value["item"].url in html


def test_the_demos_feeds_list_its_episodes_by_programme_and_by_language(client, demo):
    def titles(url):
        response = client.get(url, HTTP_HOST=STATION_HOST)
        assert response.status_code == 200
        return [item.findtext("title") for item in ET.fromstring(response.content).iter("item")]

    for programme in ProgrammePage.objects.live():
        listed = titles(reverse("broadcasts:programme_podcast", args=(programme.pk,)))
        assert sorted(listed) == sorted(item.title for item in programme.episodes.all())
    english = [episode["title"] for programme, episode in episodes() if programme.get("language") == "en"]
    assert sorted(titles(reverse("broadcasts:language_podcast", args=("en",)))) == sorted(english)
    assert len(titles(reverse("broadcasts:language_podcast", args=("vi",)))) == len(episodes()) - len(english)
