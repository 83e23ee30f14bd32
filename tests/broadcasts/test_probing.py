"""What broadcasts.probing reads of a file: its kind, duration, picture and MIME type from its content whatever its
name, with ffprobe and without it; and why it refuses the files it refuses."""

import shutil

import pytest

from django.core.exceptions import ValidationError

from broadcasts import probing
from broadcasts.probing import MediaFacts, probe


@pytest.fixture
def without_ffprobe(monkeypatch):
    """The server as a development machine without Debian's ffmpeg sees it."""
    monkeypatch.setattr(probing, "FFPROBE", "ffprobe-not-installed")


def renamed(path, tmp_path, name):
    """The file under another name, as an editor may have renamed it."""
    copy = tmp_path / name
    shutil.copyfile(path, copy)
    return copy


def refusal(path):
    with pytest.raises(ValidationError) as refused:
        probe(path)
    return refused.value.code


@pytest.mark.parametrize(
    ("sample", "mime_type"),
    [
        ("audio.mp3", "audio/mpeg"),
        ("audio.m4a", "audio/mp4"),
        ("audio.ogg", "audio/ogg"),
        ("audio.wav", "audio/wav"),
        # A song's cover picture is no video.
        ("cover.mp3", "audio/mpeg"),
    ],
)
def test_sound_is_audio_with_its_duration(media_samples, sample, mime_type):
    facts = probe(media_samples[sample])

    assert (facts.type, facts.mime_type, facts.width, facts.height) == ("audio", mime_type, None, None)
    assert facts.duration == pytest.approx(2, abs=0.1)


@pytest.mark.parametrize(
    ("sample", "mime_type"),
    [("video.mp4", "video/mp4"), ("index-last.mp4", "video/mp4"), ("video.webm", "video/webm")],
)
def test_a_picture_makes_a_video_with_its_dimensions(media_samples, sample, mime_type):
    facts = probe(media_samples[sample])

    assert (facts.type, facts.mime_type, facts.width, facts.height) == ("video", mime_type, 320, 240)
    assert facts.duration == pytest.approx(2, abs=0.1)


def test_a_phones_portrait_video_is_as_tall_as_players_show_it(media_samples):
    facts = probe(media_samples["portrait.mp4"])

    assert (facts.width, facts.height) == (240, 320)


def test_the_name_says_nothing(media_samples, tmp_path):
    as_text = probe(renamed(media_samples["audio.mp3"], tmp_path, "ghi-chu.txt"))
    as_video = probe(renamed(media_samples["audio.m4a"], tmp_path, "phong-su.mp4"))

    assert (as_text.type, as_text.mime_type) == ("audio", "audio/mpeg")
    assert (as_video.type, as_video.mime_type) == ("audio", "audio/mp4")
    assert refusal(renamed(media_samples["text.txt"], tmp_path, "ban-tin.mp3")) == "not_media"


@pytest.mark.parametrize(
    ("sample", "code"),
    [
        ("text.txt", "not_media"),
        ("picture.png", "not_media"),
        ("video.avi", "not_media"),
        ("zeros", "not_media"),
        ("half-audio.mp3", "cut_short"),
        ("half-audio.wav", "cut_short"),
        ("half-video.mp4", "cut_short"),
        ("half-index-last.mp4", "unreadable"),
    ],
)
def test_what_is_not_whole_audio_or_video_is_refused(media_samples, sample, code):
    assert refusal(media_samples[sample]) == code


def test_a_file_ffprobe_cannot_read_in_time_is_refused(media_samples, monkeypatch):
    monkeypatch.setattr(probing, "FFPROBE_TIMEOUT_SECONDS", 0)

    assert refusal(media_samples["video.webm"]) == "unreadable"


@pytest.mark.parametrize(
    ("sample", "kind", "message"),
    [("video.mp4", "audio", probing.IS_VIDEO), ("audio.m4a", "video", probing.IS_AUDIO)],
)
def test_a_file_of_the_other_kind_is_refused(media_samples, sample, kind, message):
    facts = probe(media_samples[sample])

    with pytest.raises(ValidationError) as refused:
        facts.as_kind(kind)

    assert refused.value.messages == [str(message)]
    assert facts.as_kind(None) is facts


# Without ffprobe.


def test_without_ffprobe_sound_is_read_by_mutagen(without_ffprobe, media_samples):
    facts = probe(media_samples["audio.ogg"])

    assert (facts.type, facts.mime_type, facts.width) == ("audio", "audio/ogg", None)
    assert facts.duration == pytest.approx(2, abs=0.1)


def test_without_ffprobe_an_mp4_takes_the_kind_it_is_added_as(without_ffprobe, media_samples):
    facts = probe(media_samples["video.mp4"])

    assert facts == MediaFacts(type=None, duration=facts.duration, mime_type=None, container="mp4")
    assert facts.duration == pytest.approx(2, abs=0.1)
    assert facts.as_kind("video").mime_type == "video/mp4"
    assert facts.as_kind("audio").mime_type == "audio/mp4"
    assert (facts.as_kind(None).type, facts.as_kind(None).width) == ("video", None)


@pytest.mark.parametrize(
    ("sample", "code"),
    [
        ("video.webm", "unreadable_here"),
        ("text.txt", "unreadable_here"),
        ("half-video.mp4", "cut_short"),
        ("half-index-last.mp4", "unreadable"),
    ],
)
def test_without_ffprobe_what_mutagen_cannot_read_is_refused(without_ffprobe, media_samples, sample, code):
    assert refusal(media_samples[sample]) == code
