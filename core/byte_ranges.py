"""Files that a player seeks in: answered with byte ranges (RFC 9110, section 14), so that a phone fetches only the
part it plays and iOS plays a video at all (it asks for `bytes=0-1` first and gives up on a server that sends the
whole file instead).

`stored_file_response` serves a file of a local storage: by Django, or, when PRIVATE_MEDIA_ACCEL_REDIRECT names the
web server's internal location for PRIVATE_MEDIA_ROOT, by the web server (README, Running in production), which
answers ranges itself. `ranged_file_response` answers with an open file. Either way the response carries the
headers of every file the site serves (core.downloads), shown inline; the caller says how long it may be cached.
"""

import os
import re
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe, quote_etag

from .downloads import harden_file_response

# One range-spec (RFC 9110, 14.1.1): `first-last`, `first-` (to the end) or `-length` (the last bytes). A position
# of more digits than any file's size is not one.
RANGE_SPEC = re.compile(r"(?P<first>[0-9]{1,30})-(?P<last>[0-9]{0,30})|-(?P<suffix>[0-9]{1,30})")
WHITESPACE = " \t"


class RangeNotSatisfiable(Exception):
    """The range asked for lies wholly past the end of the file."""


class FilePart:
    """`length` bytes of an open file from `start`, read like a file: FileResponse streams it in blocks and
    closes the file after."""

    def __init__(self, file, start, length):
        file.seek(start)
        self.file = file
        self.remaining = length

    def read(self, size=-1):
        size = self.remaining if size < 0 else min(size, self.remaining)
        data = self.file.read(size)
        self.remaining -= len(data)
        return data

    def close(self):
        self.file.close()


def stored_file_response(request, storage, name, *, content_type, filename):
    """The file `name` of `storage` (a storage on the local disk) as `content_type`, shown inline under
    `filename`; 404 when the file is not on the disk."""
    path = Path(storage.path(name))
    if not path.is_file():
        raise Http404("The file is not on the disk.")
    if web_server_uri := accel_redirect_uri(path):
        return web_server_file_response(web_server_uri, content_type, filename)
    try:
        file = storage.open(name, "rb")
    except FileNotFoundError as error:  # removed since it was looked for
        raise Http404("The file is not on the disk.") from error
    status = os.fstat(file.fileno())
    return ranged_file_response(
        request,
        file,
        size=status.st_size,
        content_type=content_type,
        filename=filename,
        modified=status.st_mtime,
    )


def accel_redirect_uri(path):
    """The URI under which the web server sends `path` itself, or None when Django sends it: no internal
    location is configured, or the file lies outside PRIVATE_MEDIA_ROOT, which is all the location maps."""
    prefix = settings.PRIVATE_MEDIA_ACCEL_REDIRECT
    root = Path(os.path.abspath(settings.PRIVATE_MEDIA_ROOT))  # as the storage makes its paths
    if not prefix or not path.is_relative_to(root):
        return None
    # Quoted: a header carries ASCII only, and nginx decodes the URI before it looks for the file.
    return quote(f"{prefix.rstrip('/')}/{path.relative_to(root).as_posix()}")


def web_server_file_response(uri, content_type, filename):
    """An empty answer that hands the file to the web server: it answers ranges, validators and HEAD itself,
    and keeps this response's Content-Type, Content-Disposition and Cache-Control."""
    response = HttpResponse(content_type=content_type)
    response["X-Accel-Redirect"] = uri
    return harden_file_response(response, filename, "inline")


def ranged_file_response(request, file, *, size, content_type, filename, modified=None):
    """The open binary `file` of `size` bytes, last changed at `modified` (seconds since the epoch; None: unknown,
    and then a range is honoured only without If-Range), as the answer to `request`: 200 with the whole file, 206
    with the one range asked for, 416 for a range past the end, or 304/412 when a precondition says so. `file` is
    closed here or by the response."""
    etag = None if modified is None else quote_etag(f"{round(modified * 1_000_000):x}-{size:x}")
    last_modified = None if modified is None else int(modified)
    # Preconditions come before the range (RFC 9110, 13.2.2); Django's own evaluation answers them.
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is not None:
        file.close()
    else:
        response = range_or_whole_response(request, file, size, content_type, etag, last_modified)
    response["Accept-Ranges"] = "bytes"
    if etag:
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
    return harden_file_response(response, filename, "inline")


def range_or_whole_response(request, file, size, content_type, etag, last_modified):
    header = request.headers.get("Range")
    # Ranges are defined for GET alone (RFC 9110, 14.2): a HEAD answers what a GET without one would.
    if header is None or request.method != "GET" or not range_still_applies(request, etag, last_modified):
        return file_part_response(request, file, 0, size, content_type)
    try:
        byte_range = requested_range(header, size)
    except RangeNotSatisfiable:
        file.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    if byte_range is None:
        return file_part_response(request, file, 0, size, content_type)
    start, end = byte_range
    response = file_part_response(request, file, start, end - start + 1, content_type, status=206)
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    return response


def range_still_applies(request, etag, last_modified):
    """If-Range (RFC 9110, 13.1.5): the range is sent only if the file is still the one the client holds part
    of; otherwise the whole file is. An entity tag is compared strongly (a weak one never matches), a date
    must be the file's exact Last-Modified."""
    validator = request.headers.get("If-Range")
    if validator is None:
        return True
    if validator.startswith(('"', "W/")):
        return etag is not None and validator == etag
    return last_modified is not None and parse_http_date_safe(validator) == last_modified


def requested_range(header, size):
    """(first byte, last byte) of the one range that `header` asks for in a file of `size` bytes, an end past
    the file clamped to it; None to send the whole file. RangeNotSatisfiable when it starts past the end or
    asks for the last 0 bytes.

    The whole file answers a header that is malformed, counts in another unit, or asks for several ranges: RFC
    9110 (14.2) lets a server ignore Range, and a player asks for one range at a time."""
    unit, equals, range_set = header.partition("=")
    specs = [spec.strip(WHITESPACE) for spec in range_set.split(",")]
    specs = [spec for spec in specs if spec]  # a list may hold empty elements (RFC 9110, 5.6.1)
    if not equals or unit.lower() != "bytes" or len(specs) != 1:
        return None
    match = RANGE_SPEC.fullmatch(specs[0])
    if match is None:
        return None
    if match["suffix"] is not None:
        return suffix_range(int(match["suffix"]), size)
    first = int(match["first"])
    last = int(match["last"]) if match["last"] else None
    if last is not None and last < first:
        return None  # backwards: not a range-spec
    if first >= size:
        raise RangeNotSatisfiable
    return first, size - 1 if last is None else min(last, size - 1)


def suffix_range(length, size):
    if length == 0:
        raise RangeNotSatisfiable
    if size == 0:
        return None  # the last bytes of an empty file are the whole (empty) file
    return max(size - length, 0), size - 1


def file_part_response(request, file, start, length, content_type, status=200):
    """`length` bytes of `file` from `start`, streamed in blocks; for a HEAD, only the headers."""
    if request.method == "HEAD":
        file.close()
        response = HttpResponse(status=status, content_type=content_type)
    else:
        response = FileResponse(FilePart(file, start, length), status=status, content_type=content_type)
    response["Content-Length"] = length
    return response
