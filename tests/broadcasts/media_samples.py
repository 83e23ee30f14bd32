"""Short audio and video files made with Debian's ffmpeg for the tests, and the broken files editors bring: cut
short, renamed, not media at all. Each is a few kilobytes, made once per test run: the first pytest-xdist worker
to ask writes them to the run's shared folder, the others read them there."""

import subprocess
from pathlib import Path

from tests.run_folder import locked

SECONDS = 2
TONE = ["-f", "lavfi", "-i", f"sine=frequency=440:duration={SECONDS}"]
PICTURE = ["-f", "lavfi", "-i", f"testsrc=size=320x240:rate=25:duration={SECONDS}"]
H264 = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]

# name: ffmpeg's arguments between its inputs and the output file
ENCODED = {
    "audio.mp3": [*TONE, "-c:a", "libmp3lame", "-b:a", "64k"],
    "audio.m4a": [*TONE, "-c:a", "aac", "-b:a", "64k"],
    "audio.ogg": [*TONE, "-c:a", "libvorbis"],
    "audio.wav": [*TONE, "-c:a", "pcm_s16le"],
    # The index (moov) first, as editors are told to export for the web: cut short, the file still opens.
    "video.mp4": [*PICTURE, *TONE, *H264, "-c:a", "aac", "-shortest", "-movflags", "+faststart"],
    # The index last, as ffmpeg and many cameras write it: cut short, the file has no index at all.
    "index-last.mp4": [*PICTURE, *TONE, *H264, "-c:a", "aac", "-shortest"],
    "video.webm": [*PICTURE, *TONE, "-c:v", "libvpx", "-b:v", "200k", "-c:a", "libopus", "-shortest"],
    "picture.png": [*PICTURE, "-frames:v", "1"],
    # A format browsers do not play; its first bytes (RIFF) look like a WAV's.
    "video.avi": [*PICTURE, "-c:v", "mpeg4"],
}


# Written last into the samples' folder: whoever sees it finds every sample whole.
MADE = ".made"


def shared_media_samples(folder):
    """{name: path} of the samples in `folder`, made there unless another process of the run made them."""
    folder = Path(folder)
    folder.mkdir(exist_ok=True)
    with locked(folder.with_name(f"{folder.name}.lock")):
        if not (folder / MADE).exists():
            make_media_samples(folder)
            (folder / MADE).touch()
    return {path.name: path for path in folder.iterdir() if path.name != MADE}


def make_media_samples(folder):
    """{name: path} of the samples, written into `folder`."""
    folder = Path(folder)
    samples = {}
    for name, arguments in ENCODED.items():
        samples[name] = folder / name
        ffmpeg(*arguments, samples[name])
    # A song's cover picture: a "video" stream that is no video.
    samples["cover.mp3"] = folder / "cover.mp3"
    ffmpeg(*TONE, *PICTURE, "-map", "0", "-map", "1", "-frames:v", "1", "-c:v", "mjpeg", "-c:a", "libmp3lame",
           "-disposition:v", "attached_pic", samples["cover.mp3"])  # fmt: skip
    # A phone's portrait video: stored 320 x 240 with a rotation of 90 degrees for the player to apply.
    samples["portrait.mp4"] = folder / "portrait.mp4"
    ffmpeg("-i", samples["video.mp4"], "-c", "copy", "-metadata:s:v:0", "rotate=90", samples["portrait.mp4"])
    for name in ("audio.mp3", "audio.wav", "video.mp4", "index-last.mp4"):
        samples[f"half-{name}"] = folder / f"half-{name}"
        content = samples[name].read_bytes()
        samples[f"half-{name}"].write_bytes(content[: len(content) // 2])
    samples["text.txt"] = folder / "text.txt"
    samples["text.txt"].write_text("Đây là một bài viết, không phải tệp âm thanh.\n" * 20, encoding="utf-8")
    samples["zeros"] = folder / "zeros"
    samples["zeros"].write_bytes(b"\0" * 4096)
    return samples


def ffmpeg(*arguments):
    subprocess.run(["ffmpeg", "-v", "error", "-y", *map(str, arguments)], check=True, timeout=60)
