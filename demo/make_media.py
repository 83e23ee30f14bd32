"""Makes the demo's audio and video in media/, which the repository keeps: `make demo-media` after changing an
episode in data/broadcasts.json. Loading the demo only copies the files made here, and needs neither espeak-ng
nor ffmpeg.

Each transcript is spoken sentence by sentence by espeak-ng (Debian's package: its Vietnamese voice, and its
English one for the English programme; it has no Ê Đê or M'nông voice), and the sentences are joined with pauses
into one recording, so that a video's WebVTT captions show each sentence while it is spoken. ffmpeg encodes the
voice as AAC in an MP4 container: an .m4a for audio; for a video, over one still frame in H.264 (the episode's
poster, drawn as the demo draws its pictures, under the programme's and the episode's names). Both have their
index at the front (+faststart), so that a player starts and seeks before the whole file has come. What ffprobe
reads of each file is written to media/media.json, which the loader takes the items' facts from.
"""

import json
import re
import subprocess
import sys
import tempfile
import wave
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .data import read_json
from .pictures import DATA_FILE as PICTURES_FILE
from .pictures import drawing_of

MEDIA_DIR = Path(__file__).parent / "media"
MANIFEST = MEDIA_DIR / "media.json"
DATA_FILE = "broadcasts.json"

# espeak-ng's voice for a programme's language (empty: Vietnamese), at a newsreader's pace.
VOICES = {"": "vi", "en": "en"}
WORDS_PER_MINUTE = 140
# Seconds of silence before the first sentence, between sentences, between paragraphs and after the last.
LEAD_IN, SENTENCE_GAP, PARAGRAPH_GAP, TAIL = 0.6, 0.35, 0.8, 1.0
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

# The pictures' own 3:2, small: speech over a still frame needs few bits.
FRAME_SIZE = (720, 480)
MARGIN = 28
FRAME_RATE = 5
KEYFRAME_SECONDS = 5  # how finely a player seeks in a video
AUDIO_BITRATE = "40k"
VIDEO_QUALITY = "30"  # x264's constant rate factor
FONTS = Path("/usr/share/fonts/truetype/dejavu")  # Debian's fonts-dejavu-core: Vietnamese letters included
MIME_TYPES = {".m4a": "audio/mp4", ".mp4": "video/mp4"}
# No encoder version or date in the files: made again from the same data, they change only where ffmpeg does.
REPRODUCIBLE = ["-map_metadata", "-1", "-fflags", "+bitexact", "-flags", "+bitexact"]


def main():
    data, pictures = read_json(DATA_FILE), read_json(PICTURES_FILE)
    posters = {spec["key"]: spec for spec in pictures["pictures"]}
    manifest = {}
    with tempfile.TemporaryDirectory() as work:
        for programme in data["programmes"]:
            for episode in programme["episodes"]:
                manifest[episode["file"]] = make_episode(programme, episode, posters, Path(work))
    MANIFEST.write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    total = sum(facts["size"] for facts in manifest.values())
    for name, facts in sorted(manifest.items()):
        print(f"{name}: {facts['duration']:.1f} s, {facts['size'] / 1024:.0f} KB")
    print(f"{len(manifest)} files, {total / 1024 / 1024:.2f} MB")


def make_episode(programme, episode, posters, work):
    voice = VOICES[programme.get("language", "")]
    samples, rate, cues = spoken(episode["transcript"], voice, work)
    speech = work / "speech.wav"
    write_wav(speech, samples, rate)
    target = MEDIA_DIR / episode["file"]
    if target.suffix == ".mp4":
        still = work / "frame.png"
        frame(posters[episode["poster"]], programme["title"], episode["title"]).save(still)
        encode_video(still, speech, len(samples) / 2 / rate, target)
    else:
        encode_audio(speech, target)
    if "captions" in episode:
        (MEDIA_DIR / episode["captions"]).write_text(webvtt(cues), encoding="utf-8")
    return {**probe(target), "mime_type": MIME_TYPES[target.suffix], "size": target.stat().st_size}


def spoken(paragraphs, voice, work):
    """(16-bit mono samples, their rate, [(start, end, sentence)]): each sentence spoken, with pauses between."""
    pieces, cues, rate = [], [], None
    position = LEAD_IN
    for number, paragraph in enumerate(paragraphs):
        for sentence in SENTENCE_END.split(paragraph.strip()):
            sound, rate = speak(sentence, voice, work)
            seconds = len(sound) / 2 / rate
            cues.append((position, position + seconds, sentence))
            pieces.append((position, sound))
            position += seconds + SENTENCE_GAP
        if number < len(paragraphs) - 1:
            position += PARAGRAPH_GAP - SENTENCE_GAP
    end = position - SENTENCE_GAP + TAIL
    samples = bytearray(2 * round(end * rate))
    for start, sound in pieces:
        offset = 2 * round(start * rate)
        samples[offset : offset + len(sound)] = sound
    return bytes(samples), rate, cues


def speak(sentence, voice, work):
    path = work / "sentence.wav"
    run(["espeak-ng", "-v", voice, "-s", str(WORDS_PER_MINUTE), "-w", str(path), sentence])
    with wave.open(str(path)) as sound:
        if (sound.getnchannels(), sound.getsampwidth()) != (1, 2):
            raise SystemExit(
                f"espeak-ng wrote {sound.getnchannels()} channels of {sound.getsampwidth()} bytes"
            )
        return sound.readframes(sound.getnframes()), sound.getframerate()


def write_wav(path, samples, rate):
    with wave.open(str(path), "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(rate)
        sound.writeframes(samples)


def frame(poster, programme_title, episode_title):
    """The video's still: the poster's drawing, the programme's name and the episode's on a band across its foot."""
    drawing = drawing_of(
        poster["key"],
        poster["scene"],
        poster.get("light", "morning"),
        poster.get("shape", "landscape"),
        tuple(sorted(poster.get("options", {}).items())),
    )
    image = Image.open(BytesIO(drawing.jpeg)).convert("RGB").resize(FRAME_SIZE, Image.Resampling.LANCZOS)
    width, height = FRAME_SIZE
    band_top = round(height * 0.7)
    overlay = Image.new("RGBA", FRAME_SIZE, (0, 0, 0, 0))
    ImageDraw.Draw(overlay).rectangle((0, band_top, width, height), fill=(12, 20, 32, 200))
    image = Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
    draw = ImageDraw.Draw(image)
    draw.text((MARGIN, band_top + 14), programme_title.upper(), font=font(17), fill="#f2b233")
    title_font = font(26)
    lines = wrapped(episode_title, title_font, width - 2 * MARGIN)
    draw.multiline_text((MARGIN, band_top + 44), "\n".join(lines), font=title_font, fill="white", spacing=6)
    return image


def wrapped(text, text_font, width):
    """The text's lines, as many words on each as fit in `width` pixels."""
    lines = []
    for word in text.split():
        if lines and text_font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def font(size):
    path = FONTS / "DejaVuSans-Bold.ttf"
    if not path.exists():
        raise SystemExit(f"{path} is missing: apt-get install fonts-dejavu-core")
    return ImageFont.truetype(str(path), size)


def encode_audio(speech, target):
    run(
        ["ffmpeg", "-y", "-loglevel", "error", "-i", str(speech)]
        + ["-c:a", "aac", "-b:a", AUDIO_BITRATE, "-ac", "1"]
        + REPRODUCIBLE
        + ["-movflags", "+faststart", str(target)]
    )


def encode_video(still, speech, seconds, target):
    # The still is looped for as long as the voice speaks (-shortest overshoots with a looped image).
    run(
        ["ffmpeg", "-y", "-loglevel", "error", "-loop", "1", "-framerate", str(FRAME_RATE), "-i", str(still)]
        + ["-i", str(speech), "-t", f"{seconds:.3f}"]
        + ["-c:v", "libx264", "-preset", "veryslow", "-tune", "stillimage", "-crf", VIDEO_QUALITY]
        + ["-g", str(FRAME_RATE * KEYFRAME_SECONDS), "-pix_fmt", "yuv420p"]
        + ["-c:a", "aac", "-b:a", AUDIO_BITRATE, "-ac", "1"]
        + REPRODUCIBLE
        + ["-movflags", "+faststart", str(target)]
    )


def probe(path):
    """The file's duration in seconds and, for a video, its frame size, as ffprobe reads them."""
    output = run(
        [
            "ffprobe",
            "-v",
            "error",
            "-of",
            "json",
            "-show_entries",
            "format=duration:stream=codec_type,width,height",
        ]
        + [str(path)]
    )
    read = json.loads(output)
    facts = {"duration": round(float(read["format"]["duration"]), 2)}
    video = next((stream for stream in read["streams"] if stream["codec_type"] == "video"), None)
    if video:
        facts.update(width=video["width"], height=video["height"])
    return facts


def webvtt(cues):
    lines = ["WEBVTT", ""]
    for start, end, text in cues:
        lines += [f"{timestamp(start)} --> {timestamp(end)}", text, ""]
    return "\n".join(lines)


def timestamp(seconds):
    milliseconds = round(seconds * 1000)
    hours, milliseconds = divmod(milliseconds, 3_600_000)
    minutes, milliseconds = divmod(milliseconds, 60_000)
    return f"{hours:02}:{minutes:02}:{milliseconds // 1000:02}.{milliseconds % 1000:03}"


def run(command):
    try:
        return subprocess.run(command, check=True, capture_output=True, text=True).stdout
    except FileNotFoundError:
        sys.exit(f"{command[0]} is missing: apt-get install espeak-ng ffmpeg")
    except subprocess.CalledProcessError as error:
        sys.exit(f"{' '.join(command[:2])} failed:\n{error.stderr}")


if __name__ == "__main__":
    main()
