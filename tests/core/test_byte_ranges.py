"""Files a player seeks in (core.byte_ranges): each kind of Range header, If-Range, HEAD, preconditions, and the
hand-over to the web server."""

import io

import pytest

from django.core.files.base import ContentFile
from django.core.signals import request_finished
from django.db import close_old_connections
from django.http import FileResponse, Http404
from django.test import RequestFactory
from django.utils.http import http_date

from core.byte_ranges import ranged_file_response, stored_file_response
from core.private_storage import PrivateStorage

# Every byte value in turn: a slice taken from the wrong offset shows in its bytes.
CONTENT = bytes(range(256)) * 40
SIZE = len(CONTENT)
FILENAME = "Bản tin thời sự.mp3"


@pytest.fixture
def storage(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    return PrivateStorage()


@pytest.fixture
def name(storage):
    return storage.save("broadcasts/ban-tin.mp3", ContentFile(CONTENT))


def serve(storage, name, method="get", **headers):
    request = getattr(RequestFactory(), method)("/broadcasts/files/1/ban-tin.mp3", headers=headers)
    return stored_file_response(request, storage, name, content_type="audio/mpeg", filename=FILENAME)


def body(response):
    return b"".join(response.streaming_content)


def test_without_a_range_the_whole_file_is_streamed_with_every_header(storage, name):
    response = serve(storage, name)

    assert response.status_code == 200
    assert response.streaming and body(response) == CONTENT
    assert response["Content-Length"] == str(SIZE)
    assert response["Content-Type"] == "audio/mpeg"
    assert response["Accept-Ranges"] == "bytes"
    assert response["ETag"].startswith('"') and response["Last-Modified"]
    assert response["Content-Disposition"] == (
        "inline; filename=\"Ban-tin-thoi-su.mp3\"; filename*=UTF-8''B%E1%BA%A3n%20tin%20th%E1%BB%9Di%20s%E1%BB%B1.mp3"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_the_file_is_read_in_blocks_never_whole(storage, name):
    blocks = list(serve(storage, name).streaming_content)

    assert len(blocks) == -(-SIZE // FileResponse.block_size)
    assert max(map(len, blocks)) == FileResponse.block_size


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [
        ("bytes=0-99", 0, 99),  # the first bytes
        ("bytes=0-1", 0, 1),  # what iOS asks first
        ("bytes=4000-4999", 4000, 4999),  # the middle, where a listener seeks
        ("bytes=-500", SIZE - 500, SIZE - 1),  # the last bytes
        ("bytes=10000-", 10000, SIZE - 1),  # from a point to the end
        ("bytes=10000-99999", 10000, SIZE - 1),  # an end past the file, cut to it
        ("bytes=-99999", 0, SIZE - 1),  # more last bytes than the file has
        ("bytes=10239-10239", SIZE - 1, SIZE - 1),  # the last byte alone
        ("Bytes=5-9", 5, 9),  # the unit in any case
        ("bytes= 5-9 ,", 5, 9),  # a list's blanks and empty elements
    ],
)
def test_one_range_answers_206_with_exactly_its_bytes(storage, name, header, start, end):
    response = serve(storage, name, Range=header)

    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {start}-{end}/{SIZE}"
    assert response["Content-Length"] == str(end - start + 1)
    assert body(response) == CONTENT[start : end + 1]
    assert response["Accept-Ranges"] == "bytes" and response["Content-Type"] == "audio/mpeg"


@pytest.mark.parametrize("header", ["bytes=10240-", "bytes=20000-30000", "bytes=-0"])
def test_a_range_past_the_end_or_of_no_bytes_is_not_satisfiable(storage, name, header):
    response = serve(storage, name, Range=header)

    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{SIZE}"
    assert response.content == b""


@pytest.mark.parametrize(
    "header",
    [
        "bytes=abc",
        "bytes=99-5",  # backwards
        "bytes=--5",
        "bytes=1-2-3",
        "bytes=",
        "bytes",
        "items=0-5",  # a unit we do not count in
        "bytes=٠-٩",  # digits of another script
        "bytes=0-99,200-299",  # several ranges
        "bytes=0-0,-1",
        "bytes=0-99,20000-",
    ],
)
def test_a_malformed_or_multiple_range_is_ignored_for_the_whole_file(storage, name, header):
    response = serve(storage, name, Range=header)

    assert response.status_code == 200
    assert "Content-Range" not in response
    assert body(response) == CONTENT


def test_if_range_with_the_current_entity_tag_gets_the_range(storage, name):
    etag = serve(storage, name)["ETag"]

    response = serve(storage, name, Range="bytes=100-199", If_Range=etag)

    assert response.status_code == 206 and body(response) == CONTENT[100:200]


def test_if_range_with_the_current_date_gets_the_range(storage, name):
    last_modified = serve(storage, name)["Last-Modified"]

    response = serve(storage, name, Range="bytes=100-199", If_Range=last_modified)

    assert response.status_code == 206 and body(response) == CONTENT[100:200]


@pytest.mark.parametrize(
    "validator",
    ['"an-older-copy"', "Mon, 01 Jan 2001 00:00:00 GMT", "not a validator"],
)
def test_if_range_naming_another_copy_gets_the_whole_file(storage, name, validator):
    response = serve(storage, name, Range="bytes=100-199", If_Range=validator)

    assert response.status_code == 200 and body(response) == CONTENT


def test_if_range_with_a_weak_tag_never_matches(storage, name):
    etag = serve(storage, name)["ETag"]

    response = serve(storage, name, Range="bytes=100-199", If_Range=f"W/{etag}")

    assert response.status_code == 200 and body(response) == CONTENT


def test_a_changed_file_no_longer_matches_its_old_tag(storage, name):
    etag = serve(storage, name)["ETag"]
    path = storage.path(name)
    with open(path, "ab") as file:
        file.write(b"more")

    response = serve(storage, name, Range="bytes=100-199", If_Range=etag)

    assert response.status_code == 200 and body(response) == CONTENT + b"more"


def test_head_answers_the_headers_of_a_get_without_the_body(storage, name):
    get = serve(storage, name)
    head = serve(storage, name, method="head")

    assert head.status_code == 200 and head.content == b""
    for header in (
        "Content-Length",
        "Content-Type",
        "Accept-Ranges",
        "ETag",
        "Last-Modified",
        "Content-Disposition",
    ):
        assert head[header] == get[header]


def test_head_ignores_a_range_as_the_rfc_says(storage, name):
    response = serve(storage, name, method="head", Range="bytes=0-99")

    assert response.status_code == 200 and response["Content-Length"] == str(SIZE)


def test_a_player_revalidating_its_copy_gets_304(storage, name):
    etag = serve(storage, name)["ETag"]

    response = serve(storage, name, If_None_Match=etag)

    assert response.status_code == 304 and response["ETag"] == etag


def test_a_precondition_that_fails_gets_412(storage, name):
    response = serve(storage, name, If_Match='"another"')

    assert response.status_code == 412


@pytest.mark.parametrize(
    ("method", "headers"),
    [
        ("head", {}),
        ("get", {"Range": "bytes=20000-"}),
        ("get", {"If-None-Match": "*"}),
    ],
)
def test_a_response_without_a_body_closes_the_file(method, headers):
    file = io.BytesIO(CONTENT)
    request = getattr(RequestFactory(), method)("/", headers=headers)

    ranged_file_response(request, file, size=SIZE, content_type="audio/mpeg", filename="a.mp3", modified=1e9)

    assert file.closed


@pytest.fixture
def connections_not_checked_on_close():
    """What Django's test client does while a response closes: the end of the request does not check the database
    connections, which this test never opened (but a worker of a parallel run may hold one, from migrating)."""
    request_finished.disconnect(close_old_connections)
    yield
    request_finished.connect(close_old_connections)


def test_a_streamed_range_closes_the_file_with_the_response(connections_not_checked_on_close):
    file = io.BytesIO(CONTENT)
    request = RequestFactory().get("/", headers={"Range": "bytes=0-9"})
    response = ranged_file_response(request, file, size=SIZE, content_type="audio/mpeg", filename="a.mp3")

    assert body(response) == CONTENT[:10]
    response.close()
    assert file.closed


def test_without_a_modification_time_if_range_never_matches():
    request = RequestFactory().get("/", headers={"Range": "bytes=0-9", "If-Range": http_date(0)})

    response = ranged_file_response(
        request, io.BytesIO(CONTENT), size=SIZE, content_type="audio/mpeg", filename="a.mp3"
    )

    assert response.status_code == 200 and "ETag" not in response and body(response) == CONTENT


def test_an_empty_file_answers_its_last_bytes_with_itself(storage):
    name = storage.save("broadcasts/empty.mp3", ContentFile(b""))

    assert serve(storage, name, Range="bytes=-10").status_code == 200
    assert serve(storage, name, Range="bytes=0-").status_code == 416


def test_a_file_missing_from_the_disk_is_404(storage):
    with pytest.raises(Http404):
        serve(storage, "broadcasts/gone.mp3")


class TestTheWebServerSendsTheFile:
    @pytest.fixture(autouse=True)
    def handed_to_nginx(self, settings):
        settings.PRIVATE_MEDIA_ACCEL_REDIRECT = "/_private-media/"

    def test_the_response_is_empty_and_names_the_file_under_the_internal_location(self, storage, name):
        response = serve(storage, name, Range="bytes=0-99")

        assert response.status_code == 200 and response.content == b""
        assert response["X-Accel-Redirect"] == "/_private-media/broadcasts/ban-tin.mp3"
        assert response["Content-Type"] == "audio/mpeg"
        assert response["Content-Disposition"].startswith('inline; filename="Ban-tin-thoi-su.mp3"')
        assert response["X-Content-Type-Options"] == "nosniff"

    def test_a_vietnamese_file_name_is_quoted(self, storage):
        name = storage.save("broadcasts/bản tin.mp3", ContentFile(CONTENT))

        response = serve(storage, name)

        assert response["X-Accel-Redirect"] == "/_private-media/broadcasts/b%E1%BA%A3n%20tin.mp3"

    def test_a_file_outside_the_mapped_root_is_sent_by_django(self, settings, tmp_path):
        settings.NOMINATION_FILES_ROOT = tmp_path / "elsewhere"
        storage = PrivateStorage(root_setting="NOMINATION_FILES_ROOT")
        name = storage.save("a.mp3", ContentFile(CONTENT))

        response = serve(storage, name, Range="bytes=0-9")

        assert "X-Accel-Redirect" not in response
        assert response.status_code == 206 and body(response) == CONTENT[:10]

    def test_a_missing_file_is_404_before_the_web_server_is_asked(self, storage):
        with pytest.raises(Http404):
            serve(storage, "broadcasts/gone.mp3")
