"""Private files leave the site one way: as an attachment that the browser neither renders, sniffs, lets another
site embed, nor keeps in a cache, under a name that cannot break the header.

`private_file_response` serves a file; `make_private_download` hardens a response built elsewhere (a spreadsheet
export), so every private download carries the same headers. A file played in the page (core.byte_ranges) is
hardened the same way by `harden_file_response`, inline, and says itself how long it may be cached.
"""

import re
import unicodedata
from pathlib import PurePosixPath
from urllib.parse import quote

from django.http import FileResponse
from django.utils.cache import patch_cache_control

PRIVATE_DOWNLOAD_HEADERS = {
    # Served as the declared type only: a PDF never turns into HTML by sniffing.
    "X-Content-Type-Options": "nosniff",
    # Opened in a tab all the same (a PDF viewer does), the file runs no script and reaches nothing.
    "Content-Security-Policy": "default-src 'none'; sandbox",
    # Another site cannot embed it with the user's session.
    "Cross-Origin-Resource-Policy": "same-origin",
    # A link inside the file does not tell where it was downloaded from.
    "Referrer-Policy": "no-referrer",
}
FALLBACK_STEM = "file"
MAX_ASCII_STEM = 100
MAX_NAME = 150
MAX_EXTENSION = 16
# Letters that Unicode decomposition does not reduce to ASCII, in Vietnamese names.
ASCII_LETTERS = str.maketrans({"đ": "d", "Đ": "D"})
NOT_ASCII_NAME_CHARACTER = re.compile(r"[^A-Za-z0-9_.]+")


def private_file_response(file, filename, content_type):
    """The open `file`, as `content_type`, downloaded under `filename` (any characters; kept in filename*)."""
    return make_private_download(FileResponse(file, content_type=content_type), filename)


def make_private_download(response, filename):
    harden_file_response(response, filename)
    patch_cache_control(response, private=True, no_store=True)
    return response


def harden_file_response(response, filename, disposition="attachment"):
    """Every file's headers: `disposition` ("attachment" to download it, "inline" for a player) under
    `filename`, and PRIVATE_DOWNLOAD_HEADERS."""
    response["Content-Disposition"] = content_disposition(filename, disposition)
    for header, value in PRIVATE_DOWNLOAD_HEADERS.items():
        response[header] = value
    return response


def content_disposition(filename, disposition="attachment"):
    """`disposition` with an ASCII name every browser reads and, when the name is more than that, the name
    itself in RFC 5987 form (`filename*`), which browsers prefer."""
    name = clean_name(filename)
    ascii_name = ascii_filename(name)
    header = f'{disposition}; filename="{ascii_name}"'
    if name != ascii_name:
        header += f"; filename*=UTF-8''{quote(name, safe='')}"
    return header


def clean_name(filename):
    """The last part of `filename`, without control or invisible characters, of a reasonable length."""
    name = PurePosixPath(str(filename).replace("\\", "/")).name
    name = "".join(character for character in name if unicodedata.category(character)[0] != "C").strip()
    stem, extension = split_extension(name)
    extension = extension[:MAX_EXTENSION]
    return join_extension(stem[: MAX_NAME - len(extension) - 1] or FALLBACK_STEM, extension)


def ascii_filename(name):
    """`name` in letters, digits, dots, dashes and underscores only: Vietnamese letters lose their marks."""
    stem, extension = split_extension(name)
    return join_extension(ascii_part(stem)[:MAX_ASCII_STEM] or FALLBACK_STEM, ascii_part(extension))


def split_extension(name):
    stem, dot, extension = name.rpartition(".")
    return (stem, extension) if dot else (name, "")


def join_extension(stem, extension):
    return f"{stem}.{extension}" if extension else stem


def ascii_part(text):
    decomposed = unicodedata.normalize("NFKD", text.translate(ASCII_LETTERS))
    letters = "".join(character for character in decomposed if not unicodedata.combining(character))
    return NOT_ASCII_NAME_CHARACTER.sub("-", letters).strip("-.")
