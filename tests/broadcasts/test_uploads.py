"""Audio and video uploaded in the admin (wagtailmedia's views, broadcasts.admin_forms): what a file is comes from
the file; a refused upload says why in Vietnamese and leaves no row and no file; replaced and deleted files go;
uploads are read from disk, never whole in memory; and only the editorial groups reach any of it."""

import json
import shutil
import uuid
from pathlib import Path

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.db.models.signals import pre_save
from django.test.client import Client, ClientHandler
from django.urls import reverse

from wagtail.models import GroupCollectionPermission

from broadcasts.models import MediaItem
from broadcasts.setup import grant_media_item_permissions
from contests.setup import JUDGES_GROUP, ensure_contest_roles
from exemplars.setup import ensure_unit_officers
from newsroom.models import Outlet
from newsroom.outlets import editors_group_name, journalists_group_name
from tests.broadcasts.media_samples import ffmpeg
from tests.conftest import peak_memory
from tests.exemplars.conftest import assert_refused, new_unit

CAPTIONS = "WEBVTT\n\n00:00.000 --> 00:02.000\nXin chào quý thính giả.\n".encode()
# What the admin says, in Vietnamese, of each refused file.
NOT_MEDIA = "Đây không phải tệp âm thanh hoặc video ở định dạng trình duyệt phát được."
CUT_SHORT = "Tệp không trọn vẹn"
DAMAGED = "Tệp bị hỏng, không đọc được."
IS_AUDIO = "Tệp này chỉ có tiếng, không có hình: hãy tải lên bằng “Thêm âm thanh”."
IS_VIDEO = "Tệp này là video: hãy tải lên bằng “Thêm video”."
NOT_SAVED = "Không lưu được bản âm thanh, video do có lỗi."
WRONG_ENDING = "Tên tệp phải có một trong các đuôi: .mp3, .m4a, .aac, .ogg, .oga, .opus, .wav, .flac."
# A big upload's peak of Python allocations may not reach a tenth of the file.
BIG_UPLOAD_BYTES = 30 * 1024 * 1024


@pytest.fixture
def media_groups(outlets):
    grant_media_item_permissions(outlets)


@pytest.fixture
def editor(media_groups, make_user):
    return make_user("bientap.dai", editors_group_name(Outlet.BROADCAST))


@pytest.fixture
def journalist(media_groups, make_user):
    return make_user("phongvien.bao", journalists_group_name(Outlet.NEWSPAPER))


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client


def upload(path, name=None):
    path = Path(path)
    return SimpleUploadedFile(name or path.name, path.read_bytes())


def add(client, media_type, file, **fields):
    data = {"title": "Bản tin thời sự", "file": file, "upload_token": str(uuid.uuid4()), **fields}
    return client.post(reverse("wagtailmedia:add", args=(media_type,)), data)


def edit(client, item, **fields):
    data = {"title": item.title, "transcript": item.transcript, **fields}
    return client.post(reverse("wagtailmedia:edit", args=(item.pk,)), data)


def stored_files(root):
    return sorted(str(path.relative_to(root)) for path in Path(root).rglob("*") if path.is_file())


def assert_refused_upload(response, message, private_files):
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert NOT_SAVED in page
    # No second message in English (wagtailmedia's check of the name's extension, of no file at all).
    assert "is not allowed" not in page
    assert not MediaItem.objects.exists()
    assert stored_files(private_files) == []


# Uploads taken: the facts come from the file.


def test_an_audio_upload_is_stored_privately_with_what_the_file_says(as_editor, media_samples, private_files):
    response = add(as_editor, "audio", upload(media_samples["audio.mp3"], "ban-tin-sang.mp3"))

    assert response.status_code == 302
    item = MediaItem.objects.get()
    assert (item.type, item.mime_type, item.width, item.height) == ("audio", "audio/mpeg", None, None)
    assert item.duration == pytest.approx(2, abs=0.1)
    assert item.size == media_samples["audio.mp3"].stat().st_size
    assert stored_files(private_files) == ["broadcasts/ban-tin-sang.mp3"]
    assert (private_files / item.file.name).read_bytes() == media_samples["audio.mp3"].read_bytes()


@pytest.mark.parametrize(("sample", "mime_type"), [("video.mp4", "video/mp4"), ("video.webm", "video/webm")])
def test_a_video_upload_takes_its_dimensions_from_the_file(
    as_editor, media_samples, private_files, sample, mime_type
):
    response = add(as_editor, "video", upload(media_samples[sample], f"phong-su.{sample.split('.')[1]}"))

    assert response.status_code == 302
    item = MediaItem.objects.get()
    assert (item.type, item.mime_type, item.width, item.height) == ("video", mime_type, 320, 240)
    assert item.duration == pytest.approx(2, abs=0.1)


@pytest.mark.parametrize(("sample", "kind"), [("audio.m4a", "audio"), ("video.mp4", "video")])
def test_added_as_audio_or_video_an_item_takes_the_kind_of_its_file(as_editor, media_samples, sample, kind):
    # Both are MP4 files; the name says nothing either way.
    response = add(as_editor, "media", upload(media_samples[sample], "tap-moi.mp4"))

    assert response.status_code == 302
    assert (MediaItem.objects.get().type, MediaItem.objects.get().mime_type) == (kind, f"{kind}/mp4")


def test_the_editor_types_no_fact_the_file_gives(as_editor):
    page = as_editor.get(reverse("wagtailmedia:add", args=("video",))).content.decode()

    for field in ("duration", "width", "height", "thumbnail", "size", "mime_type"):
        assert f'name="{field}"' not in page
    assert "Tối đa 2 GB. Thời lượng, dung lượng và kích thước khung hình được đọc từ tệp." in page


def test_replacing_the_file_removes_the_old_one_and_stores_the_new_under_a_new_name(
    as_editor, media_samples, private_files
):
    add(as_editor, "audio", upload(media_samples["audio.mp3"], "ban-tin.mp3"))
    item = MediaItem.objects.get()
    old_name = item.file.name

    response = edit(as_editor, item, file=upload(media_samples["cover.mp3"], "ban-tin.mp3"))

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.file.name != old_name
    assert stored_files(private_files) == [item.file.name]
    assert (private_files / item.file.name).read_bytes() == media_samples["cover.mp3"].read_bytes()
    assert item.size == media_samples["cover.mp3"].stat().st_size


def test_editing_without_a_new_file_keeps_the_file_and_its_facts(as_editor, media_samples, private_files):
    add(as_editor, "video", upload(media_samples["video.mp4"], "phong-su.mp4"))
    item = MediaItem.objects.get()

    response = edit(as_editor, item, title="Phóng sự: Buôn Đôn mùa nước nổi")

    assert response.status_code == 302
    edited = MediaItem.objects.get()
    assert edited.title == "Phóng sự: Buôn Đôn mùa nước nổi"
    assert (edited.file.name, edited.width, edited.duration) == (item.file.name, 320, item.duration)
    assert stored_files(private_files) == [item.file.name]


def test_captions_replaced_or_cleared_leave_no_file_behind(as_editor, media_samples, private_files):
    add(as_editor, "video", upload(media_samples["video.mp4"], "phong-su.mp4"))
    item = MediaItem.objects.get()

    edit(as_editor, item, captions=SimpleUploadedFile("phu-de.vtt", CAPTIONS))
    item.refresh_from_db()
    first_captions = item.captions.name
    assert (private_files / first_captions).read_bytes() == CAPTIONS

    edit(as_editor, item, captions=SimpleUploadedFile("phu-de.vtt", CAPTIONS + b"\n"))
    item.refresh_from_db()
    assert item.captions.name != first_captions
    assert stored_files(private_files) == sorted([item.file.name, item.captions.name])

    edit(as_editor, item, **{"captions-clear": "on"})
    item.refresh_from_db()
    assert not item.captions
    assert stored_files(private_files) == [item.file.name]


def test_deleting_an_item_removes_its_file_and_captions(
    as_editor, media_samples, private_files, django_capture_on_commit_callbacks
):
    add(
        as_editor,
        "video",
        upload(media_samples["video.mp4"], "phong-su.mp4"),
        captions=SimpleUploadedFile("phu-de.vtt", CAPTIONS),
    )
    item = MediaItem.objects.get()
    assert len(stored_files(private_files)) == 2

    with django_capture_on_commit_callbacks(execute=True):
        response = as_editor.post(reverse("wagtailmedia:delete", args=(item.pk,)))

    assert response.status_code == 302
    assert not MediaItem.objects.exists()
    assert stored_files(private_files) == []


def test_the_choosers_upload_takes_a_file_and_chooses_it(as_editor, media_samples, private_files):
    response = as_editor.post(
        reverse("wagtailmedia:chooser_upload", args=("audio",)),
        {
            "media-chooser-upload-title": "Bản tin tiếng Ê Đê",
            "media-chooser-upload-file": upload(media_samples["audio.ogg"], "ban-tin-ede.ogg"),
        },
    )

    item = MediaItem.objects.get()
    assert json.loads(response.content)["step"] == "media_chosen"
    assert json.loads(response.content)["result"]["id"] == item.pk
    assert (item.mime_type, item.duration) == ("audio/ogg", pytest.approx(2, abs=0.1))


def test_the_choosers_upload_refuses_a_video_as_audio(as_editor, media_samples, private_files):
    response = as_editor.post(
        reverse("wagtailmedia:chooser_upload", args=("audio",)),
        {
            "media-chooser-upload-title": "Phóng sự",
            "media-chooser-upload-file": upload(media_samples["video.mp4"], "phong-su.m4a"),
        },
    )

    reply = json.loads(response.content)
    assert reply["step"] == "chooser"
    assert IS_VIDEO in reply["html"]
    assert not MediaItem.objects.exists()
    assert stored_files(private_files) == []


# Refused uploads: a clear message in Vietnamese, no row, no file.


@pytest.mark.parametrize(
    ("media_type", "sample", "name", "message"),
    [
        pytest.param("audio", "text.txt", "ban-tin.mp3", NOT_MEDIA, id="text renamed .mp3"),
        pytest.param("video", "picture.png", "phong-su.mp4", NOT_MEDIA, id="PNG renamed .mp4"),
        pytest.param("audio", "zeros", "ban-tin.mp3", NOT_MEDIA, id="NUL bytes named .mp3"),
        pytest.param("audio", "half-audio.mp3", "ban-tin.mp3", CUT_SHORT, id="MP3 cut short"),
        pytest.param("video", "half-video.mp4", "phong-su.mp4", CUT_SHORT, id="MP4 cut short"),
        pytest.param("video", "half-index-last.mp4", "phong-su.mp4", DAMAGED, id="MP4 cut before its index"),
        pytest.param("video", "audio.m4a", "phong-su.mp4", IS_AUDIO, id="audio uploaded as video"),
        pytest.param("audio", "video.mp4", "ban-tin.m4a", IS_VIDEO, id="video uploaded as audio"),
        pytest.param("audio", "audio.mp3", "ban-tin.wma", WRONG_ENDING, id="a name without an audio ending"),
    ],
)
def test_a_file_that_is_not_what_it_should_be_is_refused(
    as_editor, media_samples, private_files, media_type, sample, name, message
):
    response = add(as_editor, media_type, upload(media_samples[sample], name))

    assert_refused_upload(response, message, private_files)


def test_a_file_over_the_limit_is_refused_with_the_limit(as_editor, media_samples, private_files, settings):
    settings.BROADCAST_MAX_UPLOAD_SIZE = 10 * 1024

    response = add(as_editor, "audio", upload(media_samples["audio.mp3"]))

    assert_refused_upload(response, "Tệp này nặng 16,2 KB; mỗi tệp tải lên tối đa 10 KB.", private_files)


@pytest.mark.parametrize(
    "captions",
    [
        pytest.param(b"1\n00:00:00,000 --> 00:00:02,000\nXin ch\xe0o\n", id="SubRip"),
        pytest.param("WEBVTT\n\nXin chào".encode("utf-16"), id="UTF-16"),
        pytest.param(b"WEBVTTX\n", id="another first line"),
    ],
)
def test_captions_that_are_not_webvtt_in_utf8_are_refused(as_editor, media_samples, private_files, captions):
    response = add(
        as_editor,
        "video",
        upload(media_samples["video.mp4"]),
        captions=SimpleUploadedFile("phu-de.vtt", captions),
    )

    message = "Phụ đề phải là tệp WebVTT mã UTF-8: tệp văn bản có dòng đầu tiên là “WEBVTT”."
    assert_refused_upload(response, message, private_files)


def test_webvtt_with_a_byte_order_mark_and_a_header_is_taken(as_editor, media_samples, private_files):
    captions = "\ufeffWEBVTT Phụ đề tiếng Việt\r\n\r\n00:00.000 --> 00:02.000\r\nXin chào\r\n".encode()

    response = add(
        as_editor,
        "video",
        upload(media_samples["video.mp4"]),
        captions=SimpleUploadedFile("phu-de.vtt", captions),
    )

    assert response.status_code == 302
    assert (private_files / MediaItem.objects.get().captions.name).read_bytes() == captions


def test_a_nul_in_the_title_is_refused_in_vietnamese(as_editor, media_samples, private_files):
    response = add(as_editor, "audio", upload(media_samples["audio.mp3"]), title="Bản tin\x00")

    assert response.status_code == 400
    assert "ký tự NUL" in response.content.decode()
    assert not MediaItem.objects.exists()
    assert stored_files(private_files) == []


def test_markup_in_the_title_and_transcript_is_shown_as_text(as_editor, media_samples, private_files):
    markup = '<script>alert("xss")</script><b>đậm</b>'
    add(as_editor, "audio", upload(media_samples["audio.mp3"]), title=markup, transcript=markup)
    item = MediaItem.objects.get()

    pages = [
        as_editor.get(reverse("wagtailmedia:index")).content.decode(),
        as_editor.get(reverse("wagtailmedia:edit", args=(item.pk,))).content.decode(),
    ]

    for page in pages:
        assert "<script>alert" not in page
        assert "<b>đậm</b>" not in page
        assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in page


def test_the_same_form_sent_twice_adds_one_item(as_editor, media_samples, private_files):
    data = {"title": "Bản tin thời sự", "upload_token": str(uuid.uuid4())}
    url = reverse("wagtailmedia:add", args=("audio",))
    first = as_editor.post(url, {**data, "file": upload(media_samples["audio.mp3"], "ban-tin.mp3")})
    item = MediaItem.objects.get()

    second = as_editor.post(url, {**data, "file": upload(media_samples["audio.mp3"], "ban-tin.mp3")})

    assert first.status_code == 302
    assert second.status_code == 200
    message = "Biểu mẫu này đã được gửi: “Bản tin thời sự” đã được thêm khi đó, không thêm lần thứ hai."
    assert message in second.content.decode()
    assert list(MediaItem.objects.all()) == [item]
    assert stored_files(private_files) == [item.file.name]


def test_a_row_that_cannot_be_saved_leaves_no_file(as_editor, media_samples, private_files):
    def database_fails(**kwargs):
        raise DatabaseError("the database went away")

    pre_save.connect(database_fails, sender=MediaItem, dispatch_uid="test-database-fails")
    try:
        with pytest.raises(DatabaseError):
            add(
                as_editor,
                "video",
                upload(media_samples["video.mp4"]),
                captions=SimpleUploadedFile("phu-de.vtt", CAPTIONS),
            )
    finally:
        pre_save.disconnect(dispatch_uid="test-database-fails", sender=MediaItem)

    assert not MediaItem.objects.exists()
    assert stored_files(private_files) == []


# Big uploads are read from disk.


def multipart_file(path, boundary, fields, file_field, file_name, source):
    """Write a multipart/form-data body to `path`, copying `source` in chunks."""
    with open(path, "wb") as body:
        for name, value in fields.items():
            body.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            )
        body.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{file_name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode()
        )
        with open(source, "rb") as content:
            shutil.copyfileobj(content, body)
        body.write(f"\r\n--{boundary}--\r\n".encode())


@pytest.fixture(scope="module")
def big_recording(tmp_path_factory, media_samples):
    """A WAV file of BIG_UPLOAD_BYTES and a little more: three minutes of stereo sound."""
    path = tmp_path_factory.mktemp("big") / "phong-su-dai.wav"
    seconds = BIG_UPLOAD_BYTES // (44_100 * 2 * 2) + 1
    ffmpeg(
        "-f", "lavfi", "-i", f"sine=duration={seconds}", "-ac", "2", "-ar", "44100", "-c:a", "pcm_s16le", path
    )
    return path


@pytest.mark.parametrize(
    ("url_name", "prefix"),
    [("wagtailmedia:add", ""), ("wagtailmedia:chooser_upload", "media-chooser-upload-")],
)
def test_a_big_upload_goes_from_the_request_to_storage_without_being_held_in_memory(
    as_editor, big_recording, private_files, tmp_path, url_name, prefix
):
    boundary = uuid.uuid4().hex
    body = tmp_path / "body"
    multipart_file(
        body, boundary, {f"{prefix}title": "Phóng sự dài"}, f"{prefix}file", "phong-su-dai.wav", big_recording
    )
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": reverse(url_name, args=("audio",)),
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "CONTENT_TYPE": f"multipart/form-data; boundary={boundary}",
        "CONTENT_LENGTH": str(body.stat().st_size),
        "HTTP_COOKIE": as_editor.cookies.output(header="", sep=";").strip(),
    }

    def post():
        with open(body, "rb") as stream:
            # The test client's handler: Django's, but for the connection it leaves open and CSRF left unchecked.
            ClientHandler(enforce_csrf_checks=False)({**environ, "wsgi.input": stream})

    peak = peak_memory(post)
    print(
        f"{url_name}: {big_recording.stat().st_size / 2**20:.0f} MB posted, Python's peak {peak / 2**20:.1f} MB"
    )

    item = MediaItem.objects.get()
    assert item.size == big_recording.stat().st_size > BIG_UPLOAD_BYTES
    assert (private_files / item.file.name).stat().st_size == item.size
    assert peak < BIG_UPLOAD_BYTES / 10


# Who may upload.


def test_every_outlets_journalists_and_editors_may_add_and_change_media_items(outlets):
    grant_media_item_permissions(outlets)
    grant_media_item_permissions(outlets)

    for outlet in Outlet.values:
        for group in (journalists_group_name(outlet), editors_group_name(outlet)):
            granted = GroupCollectionPermission.objects.filter(
                group__name=group, permission__content_type__app_label="wagtailmedia"
            )
            assert sorted(grant.permission.codename for grant in granted) == ["add_media", "change_media"]


def test_a_journalist_chooses_an_item_someone_else_uploaded(
    client, as_editor, journalist, media_samples, private_files
):
    add(as_editor, "audio", upload(media_samples["audio.mp3"]), title="Bản tin của Đài")
    item = MediaItem.objects.get()
    client.force_login(journalist)

    listing = client.get(reverse("wagtailmedia:chooser"))
    chosen = client.get(reverse("wagtailmedia:media_chosen", args=(item.pk,)))

    assert "Bản tin của Đài" in json.loads(listing.content)["html"]
    assert json.loads(chosen.content)["result"]["id"] == item.pk


@pytest.fixture
def judge(db, make_user):
    ensure_contest_roles()
    return make_user("giamkhao", JUDGES_GROUP)


@pytest.fixture
def unit_officer(outlets, make_user):
    group = ensure_unit_officers(new_unit("Sở Y tế", kind="department"))
    return make_user("canbo.so-y-te", group.name)


@pytest.mark.parametrize("role", ["judge", "unit_officer"])
def test_other_roles_neither_reach_the_media_nor_upload(
    client, request, role, editor, media_samples, private_files
):
    as_editor = Client()
    as_editor.force_login(editor)
    add(as_editor, "audio", upload(media_samples["audio.mp3"]), title="Bản tin của Đài")
    item = MediaItem.objects.get()
    client.force_login(request.getfixturevalue(role))

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailmedia:index") not in dashboard
    for url in (
        reverse("wagtailmedia:index"),
        reverse("wagtailmedia:add", args=("audio",)),
        reverse("wagtailmedia:edit", args=(item.pk,)),
        reverse("wagtailmedia:delete", args=(item.pk,)),
        reverse("wagtailmedia:media_chosen", args=(item.pk,)),
    ):
        assert_refused(client.get(url))
    # The chooser itself opens for anyone in the admin (wagtailmedia checks no permission there): it shows them
    # no item and no upload form.
    chooser = json.loads(client.get(reverse("wagtailmedia:chooser")).content)["html"]
    assert "Bản tin của Đài" not in chooser
    assert "media-chooser-upload-file" not in chooser
    assert_refused(add(client, "audio", upload(media_samples["audio.mp3"])))
    assert_refused(
        client.post(
            reverse("wagtailmedia:chooser_upload", args=("audio",)),
            {
                "media-chooser-upload-title": "Bản tin",
                "media-chooser-upload-file": upload(media_samples["audio.mp3"]),
            },
        )
    )
    assert_refused(client.post(reverse("wagtailmedia:delete", args=(item.pk,))))
    assert list(MediaItem.objects.all()) == [item]
    assert stored_files(private_files) == [item.file.name]
