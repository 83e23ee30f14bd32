"""Fixtures of the station's broadcasts: programmes under the station's index and their media items, with files in
a private storage of the test's own."""

import datetime
import shutil
from urllib.parse import urlsplit

import pytest

from django.core.files.base import ContentFile
from django.utils import timezone

from broadcasts.models import MediaItem, ProgrammeIndexPage, ProgrammePage
from newsroom.models import Language, Outlet
from tests.conftest import require_service
from tests.run_folder import shared_folder

from .media_samples import shared_media_samples


@pytest.fixture
def private_files(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def languages(db):
    """{code: Language}: Vietnamese, Ê Đê and M'nông, as setup makes them."""
    Language.ensure_standard()
    return {language.code: language for language in Language.objects.all()}


@pytest.fixture
def programme_index(outlets, languages):
    home = outlets[Outlet.BROADCAST]
    index = home.add_child(instance=ProgrammeIndexPage(title="Chương trình", slug="chuong-trinh"))
    index.save_revision().publish()
    return index


@pytest.fixture
def new_programme(programme_index):
    """A published programme; pass `language` as a code ("rad") or leave it out for Vietnamese."""

    def make(title, language=None, **fields):
        programme = ProgrammePage(
            title=title, language=Language.objects.get(code=language) if language else None, **fields
        )
        programme_index.add_child(instance=programme)
        programme.save_revision().publish()
        return programme

    return make


@pytest.fixture
def new_media_item(private_files):
    """A media item with a small file, on the air since an hour ago unless given another broadcast time."""

    def make(title, kind="audio", **fields):
        extension, mime_type = ("mp4", "video/mp4") if kind == "video" else ("mp3", "audio/mpeg")
        fields.setdefault("broadcast_at", timezone.now() - datetime.timedelta(hours=1))
        return MediaItem.objects.create(
            title=title,
            type=kind,
            file=ContentFile(b"\0" * 64, name=f"tap.{extension}"),
            size=64,
            mime_type=mime_type,
            **fields,
        )

    return make


def visit(client, target, route="", **params):
    """The reader's GET of the page `target` (or of one of its routes, e.g. "12/") on the page's own site."""
    _site_id, root_url, path = target.get_url_parts()
    return client.get(path + route, params, HTTP_HOST=urlsplit(root_url).hostname)


@pytest.fixture(scope="session")
def media_samples(tmp_path_factory):
    """{name: path} of short audio and video files made with ffmpeg, and of broken ones (media_samples.py), made
    once per run: tests only read them."""
    require_service(shutil.which("ffmpeg"), "Debian's ffmpeg (apt-get install ffmpeg)")
    return shared_media_samples(shared_folder(tmp_path_factory) / "media-samples")
