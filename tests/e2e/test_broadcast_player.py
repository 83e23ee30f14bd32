"""A listener on the station's site: opens a programme, plays its newest episode with the browser's own controls,
from the keyboard, and jumps to the middle; the player fetches the middle of the file by itself, which the
server answers with that part alone (206), not the whole file again."""

import re
import subprocess
from urllib.parse import urlsplit

import pytest

from django.core.files import File
from django.utils import timezone

from broadcasts.models import MediaItem, ProgrammeIndexPage, ProgrammePage
from newsroom.models import Outlet
from tests.conftest import require_service

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SECONDS = 60
MIDDLE = SECONDS / 2

# Playing and position as the page's script sees them.
PLAYS_FROM_THE_MIDDLE = """(middle) => {
  const audio = document.querySelector("audio");
  return !audio.paused && audio.currentTime >= middle && audio.currentTime < middle + 10 && audio.readyState >= 3;
}"""


@pytest.fixture
def sound(tmp_path):
    """A minute of sound as a broadcast file: uncompressed, ten megabytes, so that the middle lies far past what
    the player loads ahead and it has to ask the server for it."""
    require_service(subprocess.run(["which", "ffmpeg"], capture_output=True).returncode == 0, "ffmpeg")
    path = tmp_path / "ban-tin-toi.wav"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", f"sine=frequency=440:duration={SECONDS}"]
        + ["-ac", "2", "-ar", "44100", "-c:a", "pcm_s16le", str(path)],
        check=True,
    )
    return path


@pytest.fixture
def programme(outlets, settings, tmp_path, sound):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    index = outlets[Outlet.BROADCAST].add_child(
        instance=ProgrammeIndexPage(title="Chương trình", slug="chuong-trinh")
    )
    programme = index.add_child(instance=ProgrammePage(title="Thời sự tối", schedule="20 giờ hằng ngày"))
    programme.save_revision().publish()
    with sound.open("rb") as source:
        MediaItem.objects.create(
            title="Bản tin thời sự tối nay",
            type="audio",
            file=File(source, name=sound.name),
            size=sound.stat().st_size,
            mime_type="audio/wav",
            duration=SECONDS,
            programme=programme,
            broadcast_at=timezone.now(),
            transcript="Kính chào quý thính giả.",
        )
    return programme


def test_a_listener_plays_a_programme_and_jumps_to_its_middle(live_server, page, programme):
    files = []  # (status, the Range asked for, the response's headers) of each request for the file

    def note_file(response):
        if "/broadcasts/files/" in response.url:
            files.append((response.status, response.request.headers.get("range"), response.headers))

    page.on("response", note_file)
    _site, root_url, path = programme.get_url_parts()
    page.goto(f"http://{urlsplit(root_url).hostname}:{urlsplit(live_server.url).port}{path}")

    player = page.get_by_role("region", name="Số mới nhất")
    assert player.get_by_role("heading", name="Bản tin thời sự tối nay").is_visible()
    audio = page.locator("audio")
    assert audio.get_attribute("controls") is not None and audio.get_attribute("autoplay") is None
    # The keyboard reaches the player, whose own controls play it.
    audio.focus()
    page.keyboard.press("Space")
    page.wait_for_function(
        "() => !document.querySelector('audio').paused && document.querySelector('audio').currentTime > 0"
    )

    audio.evaluate("(audio, middle) => { audio.currentTime = middle; }", MIDDLE)
    page.wait_for_function(PLAYS_FROM_THE_MIDDLE, arg=MIDDLE)

    size = programme.episodes.get().size
    asked_past_the_start = [
        (status, start_of(asked), headers) for status, asked, headers in files if start_of(asked)
    ]
    # The jump to 0:30 asks for the bytes around the middle of the file, and gets them alone.
    assert any(0.4 * size < start <= 0.5 * size for _status, start, _headers in asked_past_the_start), files
    for status, start, headers in asked_past_the_start:
        assert status == 206
        assert re.fullmatch(rf"bytes {start}-\d+/{size}", headers["content-range"])


def start_of(asked_range):
    """Where a Range header (bytes=N- or bytes=N-M) starts; 0 for none."""
    return int(re.match(r"bytes=(\d+)-", asked_range).group(1)) if asked_range else 0
