"""What an uploaded audio or video file really is, read from its content: the name a sender gives proves nothing.

Two readers look at the file. mutagen (pure Python) reads the audio formats and MP4/M4A, Ogg, FLAC, WAV and MP3:
it gives the duration. ffprobe, from Debian's ffmpeg, reads the streams: whether there is a picture, its
dimensions, and the formats mutagen cannot read (WebM). Both are handed the file under a name that says nothing
of its type, since both weigh a file's extension in choosing how to read it.

ffprobe is optional, so that a development machine runs without ffmpeg: without it, what mutagen reads is taken
(an MP4's duration, with the dimensions left empty and the kind the editor chose), and any other file is refused
with a message saying that the server cannot read its format.

A file is refused (ValidationError, in the admin's language) when it is not audio or video in a format browsers
play, when it cannot be read, when it holds less than its own headers declare (cut short while copied), when it
has nothing to play, and, through `MediaFacts.as_kind`, when it is a video added as audio or the other way round.
"""

import json
import logging
import os
import shutil
import struct
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import mutagen
from mutagen.aac import AAC
from mutagen.flac import FLAC
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4
from mutagen.oggflac import OggFLAC
from mutagen.oggopus import OggOpus
from mutagen.oggspeex import OggSpeex
from mutagen.oggtheora import OggTheora
from mutagen.oggvorbis import OggVorbis
from mutagen.wave import WAVE

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

AUDIO = "audio"
VIDEO = "video"

FFPROBE = "ffprobe"
# Reading a file's headers takes ffprobe well under a second; a file that keeps it busy longer is not taken.
FFPROBE_TIMEOUT_SECONDS = 60

# The containers taken, with the MIME type of each kind they may hold: those browsers play natively.
MIME_TYPES = {
    "mp3": {AUDIO: "audio/mpeg"},
    "mp4": {AUDIO: "audio/mp4", VIDEO: "video/mp4"},
    "ogg": {AUDIO: "audio/ogg", VIDEO: "video/ogg"},
    "webm": {AUDIO: "audio/webm", VIDEO: "video/webm"},
    "flac": {AUDIO: "audio/flac"},
    "wav": {AUDIO: "audio/wav"},
    "aac": {AUDIO: "audio/aac"},
}
# mutagen's readers of those containers, each tried only when the file's first bytes match it.
MUTAGEN_CONTAINERS = {
    MP3: "mp3",
    MP4: "mp4",
    OggVorbis: "ogg",
    OggOpus: "ogg",
    OggFLAC: "ogg",
    OggSpeex: "ogg",
    OggTheora: "ogg",
    FLAC: "flac",
    WAVE: "wav",
    AAC: "aac",
}
# What mutagen's reading says of the kind: Theora is video; an MP4 may hold a picture or not, which mutagen does
# not say; the others hold sound only.
MUTAGEN_KINDS = {OggTheora: VIDEO, MP4: None}
# ffprobe's demuxers of the same containers, by the name it reports; it may use no other (-format_whitelist),
# so that a playlist or a reference file cannot make it open anything but the upload itself.
FFPROBE_CONTAINERS = {
    "mov,mp4,m4a,3gp,3g2,mj2": "mp4",
    "matroska,webm": "webm",
    "ogg": "ogg",
    "mp3": "mp3",
    "wav": "wav",
    "flac": "flac",
    "aac": "aac",
}
FFPROBE_DEMUXERS = "mov,matroska,webm,ogg,mp3,wav,flac,aac"
# What ffprobe says of a file it recognises as another format (a picture, AVI, a playlist).
NOT_TAKEN_FORMAT = b"Format not on whitelist"
# Formats whose headers declare how many bytes of sound follow them (MP3's Xing/Info header, WAV's data chunk):
# mutagen's bitrate times its duration is that count.
DECLARED_SIZE_CONTAINERS = {"mp3", "wav"}

NOT_PLAYABLE = _(
    "This is not an audio or video file in a format browsers play. Upload audio as MP3, M4A, AAC, Ogg, Opus, "
    "FLAC or WAV, and video as MP4, WebM or Ogg."
)
UNREADABLE_HERE = _(
    "The server cannot read this file's format. Upload audio as MP3, M4A, Ogg, FLAC or WAV, or video as "
    "MP4; or ask the administrator to install ffmpeg, which reads WebM."
)
DAMAGED = _("This file is damaged and cannot be read. Export or copy it again, then upload it.")
CUT_SHORT = _(
    "This file is incomplete: it ends before the length its own headers declare (it was probably cut short "
    "while being copied or downloaded). Export or copy it again, then upload it."
)
NOTHING_TO_PLAY = _("This file has nothing to play: its duration is zero.")
IS_VIDEO = _("This file is a video: upload it with “Add video”.")
IS_AUDIO = _("This file has sound only, no picture: upload it with “Add audio”.")


@dataclass(frozen=True)
class MediaFacts:
    """What a file holds. `type` is None where the server could not tell (an MP4 read without ffprobe), and
    `as_kind` then takes the kind the editor chose."""

    type: str | None
    duration: float
    mime_type: str | None
    container: str
    width: int | None = None
    height: int | None = None

    def as_kind(self, media_type):
        """These facts for an item added as `media_type` ("audio", "video", or None: whichever the file is); a
        file of the other kind is refused. An MP4 of unknown kind added as either is taken as a video."""
        if self.type is None:
            media_type = media_type or VIDEO
            return replace(self, type=media_type, mime_type=MIME_TYPES[self.container][media_type])
        if media_type and self.type != media_type:
            raise ValidationError(IS_VIDEO if self.type == VIDEO else IS_AUDIO, code="wrong_kind")
        return self


def probe(path):
    """The MediaFacts of the file at `path`, read from its content; ValidationError when it is refused."""
    with nameless(path) as source:
        reading, mutagen_failed = read_with_mutagen(source)
        streams = read_streams(source)
    if streams is None:
        facts = facts_from_mutagen(reading, mutagen_failed)
    elif streams is False:
        if reading is not None or mutagen_failed:
            raise ValidationError(DAMAGED, code="unreadable")
        raise ValidationError(NOT_PLAYABLE, code="not_media")
    else:
        facts = facts_from_streams(streams, reading)
    if facts.duration <= 0:
        raise ValidationError(NOTHING_TO_PLAY, code="empty")
    if is_cut_short(path, facts.container, reading):
        raise ValidationError(CUT_SHORT, code="cut_short")
    return facts


@contextmanager
def nameless(path):
    """The file at `path` under a name without an extension, for as long as the block runs."""
    with tempfile.TemporaryDirectory(prefix="probe-") as folder:
        link = Path(folder) / "media"
        link.symlink_to(Path(path).resolve())
        yield link


def read_with_mutagen(source):
    """(mutagen's reading of the file or None, whether a reader matching its first bytes failed on it)."""
    try:
        return mutagen.File(source, options=list(MUTAGEN_CONTAINERS)), False
    except mutagen.MutagenError:
        return None, True


def read_streams(source):
    """ffprobe's description of the file ({"format": …, "streams": […]}); None when ffprobe is not installed,
    False when it could not read the file. A file ffprobe recognises as a format not taken is refused, and one
    it cannot read in time."""
    command = shutil.which(FFPROBE)
    if command is None:
        return None
    arguments = [
        command,
        *("-v", "error", "-protocol_whitelist", "file", "-format_whitelist", FFPROBE_DEMUXERS),
        *("-print_format", "json", "-show_format", "-show_streams", f"file:{source}"),
    ]
    try:
        result = subprocess.run(arguments, capture_output=True, timeout=FFPROBE_TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        logger.warning("ffprobe read an upload for more than %s s; it was refused.", FFPROBE_TIMEOUT_SECONDS)
        raise ValidationError(DAMAGED, code="unreadable") from None
    if NOT_TAKEN_FORMAT in result.stderr:
        raise ValidationError(NOT_PLAYABLE, code="not_media")
    if result.returncode != 0:
        return False
    description = json.loads(result.stdout)
    if description.get("format", {}).get("format_name") not in FFPROBE_CONTAINERS:
        return False
    return description


def facts_from_mutagen(reading, mutagen_failed):
    """What mutagen alone tells, ffprobe being absent."""
    if mutagen_failed:
        raise ValidationError(DAMAGED, code="unreadable")
    if reading is None:
        raise ValidationError(UNREADABLE_HERE, code="unreadable_here")
    container = MUTAGEN_CONTAINERS[type(reading)]
    media_type = MUTAGEN_KINDS.get(type(reading), AUDIO)
    return MediaFacts(
        type=media_type,
        duration=reading.info.length,
        mime_type=MIME_TYPES[container][media_type] if media_type else None,
        container=container,
    )


def facts_from_streams(description, reading):
    """What ffprobe tells, with mutagen's duration where mutagen read the file."""
    container = FFPROBE_CONTAINERS[description["format"]["format_name"]]
    streams = description.get("streams", [])
    # A cover picture in an MP3, M4A or FLAC is a "video" stream of one frame, marked as an attached picture.
    pictures = [
        stream
        for stream in streams
        if stream.get("codec_type") == VIDEO and not stream.get("disposition", {}).get("attached_pic")
    ]
    sounds = [stream for stream in streams if stream.get("codec_type") == AUDIO]
    if not pictures and not sounds:
        raise ValidationError(NOT_PLAYABLE, code="not_media")
    media_type = VIDEO if pictures else AUDIO
    if media_type not in MIME_TYPES[container]:
        raise ValidationError(NOT_PLAYABLE, code="not_media")
    width, height = shown_dimensions(pictures[0]) if pictures else (None, None)
    if reading is not None:
        duration = reading.info.length
    else:
        duration = float(description["format"].get("duration") or 0)
    return MediaFacts(
        type=media_type,
        duration=duration,
        mime_type=MIME_TYPES[container][media_type],
        container=container,
        width=width,
        height=height,
    )


def shown_dimensions(stream):
    """(width, height) of a video stream as players show it: a phone's portrait video is stored sideways, with
    a rotation of 90 degrees for the player to apply."""
    width, height = stream.get("width"), stream.get("height")
    rotations = [side_data.get("rotation", 0) for side_data in stream.get("side_data_list", [])]
    if any(abs(int(rotation)) % 180 == 90 for rotation in rotations):
        return height, width
    return width, height


def is_cut_short(path, container, reading):
    """Whether the file holds less than its headers declare, where its format declares it."""
    size = os.path.getsize(path)
    if container == "mp4":
        return mp4_declared_size(path, size) > size
    if container in DECLARED_SIZE_CONTAINERS and reading is not None and reading.info.bitrate:
        declared_bytes = reading.info.bitrate * reading.info.length / 8
        # More than a hundredth of the sound missing (mutagen rounds the bitrate it derives from the declared
        # count); the tags that may precede the sound only add to the size.
        return declared_bytes - size > declared_bytes / 100
    return False


def mp4_declared_size(path, size):
    """How many bytes an MP4's top-level boxes declare (ISO/IEC 14496-12: each starts with a 32-bit size and
    a type; a size of 1 is followed by a 64-bit size, a size of 0 runs to the end of the file)."""
    declared = 0
    with open(path, "rb") as stream:
        while declared + 8 <= size:
            stream.seek(declared)
            box_size, _box_type = struct.unpack(">I4s", stream.read(8))
            if box_size == 1:
                (box_size,) = struct.unpack(">Q", stream.read(8))
            elif box_size == 0:
                return size
            if box_size < 8:
                raise ValidationError(DAMAGED, code="unreadable")
            declared += box_size
    return declared
