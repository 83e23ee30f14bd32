"""The station's files through broadcasts.serving: ranges for the public once an item is on the air, nothing before
it but to the editors who may change it, and 404 for whatever does not match."""

from datetime import timedelta
from pathlib import Path

import pytest

from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Collection, GroupCollectionPermission

from broadcasts.models import MediaItem

AUDIO = bytes(range(256)) * 8
CAPTIONS = "WEBVTT\n\n00:00.000 --> 00:02.000\nXin chào quý thính giả.\n".encode()


@pytest.fixture
def make_item(db, private_files):
    """An item whose file holds every byte value in turn, so that a slice from the wrong offset shows."""

    def make(broadcast_at=None, filename="ban-tin.mp3", mime_type="audio/mpeg", captions=None):
        return MediaItem.objects.create(
            title="Bản tin thời sự",
            type="audio",
            file=ContentFile(AUDIO, name=filename),
            mime_type=mime_type,
            size=len(AUDIO),
            broadcast_at=broadcast_at,
            captions=ContentFile(captions, name="ban-tin.vtt") if captions else "",
        )

    return make


def an_hour(sign):
    return timezone.now() + sign * timedelta(hours=1)


@pytest.fixture
def embargoed(make_item):
    return make_item(broadcast_at=an_hour(+1), captions=CAPTIONS)


@pytest.fixture
def media_editor(make_user):
    """A user who may change the media of the root collection (and so of every collection)."""
    group = Group.objects.create(name="Biên tập phát thanh")
    GroupCollectionPermission.objects.create(
        group=group,
        collection=Collection.get_first_root_node(),
        permission=Permission.objects.get(content_type__app_label="wagtailmedia", codename="change_media"),
    )
    return make_user("bientap-phatthanh", group.name)


@pytest.fixture
def media_uploader(make_user):
    """A user who may add media, and change only those they uploaded themselves."""
    group = Group.objects.create(name="Phóng viên")
    GroupCollectionPermission.objects.create(
        group=group,
        collection=Collection.get_first_root_node(),
        permission=Permission.objects.get(content_type__app_label="wagtailmedia", codename="add_media"),
    )
    return make_user("phongvien", group.name)


def body(response):
    return b"".join(response.streaming_content)


def test_an_item_on_the_air_is_played_by_anyone_and_cached_for_a_day(client, make_item):
    item = make_item(broadcast_at=an_hour(-1))

    response = client.get(item.url)

    assert response.status_code == 200 and body(response) == AUDIO
    assert response["Content-Type"] == "audio/mpeg"
    assert response["Accept-Ranges"] == "bytes"
    assert response["Cache-Control"] == "public, max-age=86400"
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert "Cookie" not in response.get("Vary", "")
    assert response["Content-Disposition"] == 'inline; filename="ban-tin.mp3"'


def test_an_item_without_a_broadcast_time_is_on_the_air(client, make_item):
    item = make_item()

    assert client.get(item.url).status_code == 200


def test_a_listener_seeks_to_the_middle(client, make_item):
    item = make_item(broadcast_at=an_hour(-1))

    response = client.get(item.url, headers={"Range": "bytes=1000-1499"})

    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 1000-1499/{len(AUDIO)}"
    assert body(response) == AUDIO[1000:1500]


def test_a_range_past_the_end_is_416(client, make_item):
    item = make_item()

    response = client.get(item.url, headers={"Range": f"bytes={len(AUDIO)}-"})

    assert response.status_code == 416 and response["Content-Range"] == f"bytes */{len(AUDIO)}"


def test_head_gives_the_headers_without_the_file(client, make_item):
    item = make_item()

    response = client.head(item.url)

    assert response.status_code == 200 and response.content == b""
    assert response["Content-Length"] == str(len(AUDIO))


def test_before_its_broadcast_the_item_does_not_exist_for_the_public(client, embargoed):
    assert client.get(embargoed.url).status_code == 404
    assert client.get(embargoed.url, headers={"Range": "bytes=0-1"}).status_code == 404
    assert client.get(embargoed.captions_url).status_code == 404


def test_before_its_broadcast_a_user_without_media_permission_gets_404(client, embargoed, make_user):
    client.force_login(make_user("bandoc"))

    assert client.get(embargoed.url).status_code == 404
    assert client.get(embargoed.captions_url).status_code == 404


def test_before_its_broadcast_another_reporters_item_is_404_to_an_uploader(client, embargoed, media_uploader):
    client.force_login(media_uploader)

    assert client.get(embargoed.url).status_code == 404
    assert client.get(embargoed.captions_url).status_code == 404


def test_before_its_broadcast_an_editor_plays_it_and_nothing_keeps_a_copy(client, embargoed, media_editor):
    client.force_login(media_editor)

    response = client.get(embargoed.url, headers={"Range": "bytes=0-99"})

    assert response.status_code == 206 and body(response) == AUDIO[:100]
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control and "public" not in cache_control
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_before_its_broadcast_the_web_server_is_not_asked_either(client, embargoed, settings):
    settings.PRIVATE_MEDIA_ACCEL_REDIRECT = "/_private-media/"

    response = client.get(embargoed.url)

    assert response.status_code == 404 and "X-Accel-Redirect" not in response


def test_in_production_the_web_server_sends_the_bytes(client, make_item, settings):
    settings.PRIVATE_MEDIA_ACCEL_REDIRECT = "/_private-media/"
    item = make_item(broadcast_at=an_hour(-1))

    response = client.get(item.url, headers={"Range": "bytes=0-99"})

    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/_private-media/{item.file.name}"
    assert response["Content-Type"] == "audio/mpeg"
    assert response["Cache-Control"] == "public, max-age=86400"


def test_a_filename_that_is_not_the_items_is_404(client, make_item):
    item = make_item()

    response = client.get(reverse("broadcasts:media_file", args=(item.pk, "khac.mp3")))

    assert response.status_code == 404


def test_an_unknown_item_is_404(client, db):
    assert client.get(reverse("broadcasts:media_file", args=(999999, "ban-tin.mp3"))).status_code == 404


def test_a_file_missing_from_the_disk_is_404(client, make_item):
    item = make_item(captions=CAPTIONS)
    Path(item.file.path).unlink()
    Path(item.captions.path).unlink()

    assert client.get(item.url).status_code == 404
    assert client.get(item.captions_url).status_code == 404


def test_the_type_read_from_the_file_outranks_its_extension(client, make_item):
    item = make_item(filename="ban-tin.mp4", mime_type="audio/mp4")  # sound alone, in an MP4 container

    assert client.get(item.url)["Content-Type"] == "audio/mp4"


def test_without_a_stored_type_the_extension_tells_it(client, make_item):
    item = make_item(filename="ban-tin.ogg", mime_type="")

    assert client.get(item.url)["Content-Type"] == "audio/ogg"


def test_only_reading_is_allowed(client, make_item):
    item = make_item()

    assert client.post(item.url).status_code == 405


def test_captions_are_webvtt_in_utf_8_and_revalidated(client, make_item):
    item = make_item(broadcast_at=an_hour(-1), captions=CAPTIONS)

    response = client.get(item.captions_url)

    assert response.status_code == 200 and body(response) == CAPTIONS
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    assert response["Cache-Control"] == "public, no-cache"
    assert client.get(item.captions_url, headers={"If-None-Match": response["ETag"]}).status_code == 304


def test_an_item_without_captions_has_no_captions_file(client, make_item):
    item = make_item()

    assert item.captions_url == ""
    assert client.get(reverse("broadcasts:captions_file", args=(item.pk,))).status_code == 404


def test_before_its_broadcast_an_editor_reads_the_captions_uncached(client, embargoed, media_editor):
    client.force_login(media_editor)

    response = client.get(embargoed.captions_url)

    assert response.status_code == 200 and body(response) == CAPTIONS
    assert "no-store" in response["Cache-Control"]
