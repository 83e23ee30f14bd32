"""Zip archives read a member at a time, counting what really unpacks, and written back without traces.

zipfile trusts the sizes an archive declares: read whole, a member said to hold 1 KB inflates all its data in
one call before the size is checked (300 MB of zeros in a 300 KB upload took 630 MB). Members are read here in
chunks of CHUNK_BYTES, each counted against the budget before the next is unpacked. Only the two methods office
documents use are opened: bzip2 and LZMA decompressors cannot be told to stop, one read of a few bytes of them
can unpack gigabytes.

The copy's members get a fixed date and no extra fields, which can carry the entrant's clock and user ids.
"""

import io
import zipfile
import zlib
from contextlib import contextmanager
from itertools import chain

from .budget import RESAVE, refusal
from .errors import AnonymisationError
from .pictures import is_picture, without_metadata

CHUNK_BYTES = 64 * 1024
UNPACKABLE_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
FIXED_DATE = (1980, 1, 1, 0, 0, 0)
# What zipfile and zlib raise on a damaged or unusual archive (NotImplementedError: an unsupported compression).
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,
    RuntimeError,
    ValueError,
)
DAMAGED = refusal("tệp bị hỏng, không giải nén được", RESAVE)
UNUSUAL_METHOD = refusal("tệp được nén theo cách Word và LibreOffice không dùng", RESAVE)


@contextmanager
def reading(data):
    """The archive, opened for reading; a damaged one is refused."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_ERRORS as error:
        raise AnonymisationError(f"The archive cannot be read: {error}", DAMAGED) from error
    with archive:
        yield archive


def members(archive, budget):
    """The members in archive order; refuses too many or too large by their own account, duplicate names,
    encryption and unusual methods."""
    infos = archive.infolist()
    budget.count_members(len(infos))
    budget.check_unpacked(sum(info.file_size for info in infos))
    if len({info.filename for info in infos}) != len(infos):
        raise AnonymisationError("The archive holds two members of the same name.")
    for info in infos:
        if info.flag_bits & 0x1:
            raise AnonymisationError("The archive is encrypted.")
        if info.compress_type not in UNPACKABLE_METHODS:
            raise AnonymisationError(
                f"{info.filename} is compressed with method {info.compress_type}.", UNUSUAL_METHOD
            )
    return infos


def unpacked_chunks(archive, info, budget):
    """The member's bytes as they unpack, each chunk counted before the next is unpacked."""
    try:
        with archive.open(info) as member:
            while chunk := member.read(CHUNK_BYTES):
                budget.unpack(len(chunk))
                yield chunk
    except ZIP_ERRORS as error:
        raise AnonymisationError(f"{info.filename} cannot be unpacked: {error}", DAMAGED) from error


def read_part(archive, info, budget):
    """The whole member, within the size of one part."""
    return joined_part(info.filename, unpacked_chunks(archive, info, budget), budget)


def joined_part(name, chunks, budget):
    parts, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        budget.read_part(name, size)
        parts.append(chunk)
    return b"".join(parts)


def is_stored(info):
    return info.compress_type == zipfile.ZIP_STORED


class Copy:
    """The archive a judge receives, written member by member (a context manager: closed however it ends)."""

    def __init__(self):
        self.buffer = io.BytesIO()
        self.archive = zipfile.ZipFile(self.buffer, "w")

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        self.archive.close()

    def add(self, name, content, stored):
        self.archive.writestr(self._info(name, stored), content)

    def add_chunks(self, name, chunks, stored):
        """A member copied as it unpacks, never whole in memory."""
        with self.archive.open(self._info(name, stored), "w") as member:
            for chunk in chunks:
                member.write(chunk)

    def getvalue(self):
        """The archive's bytes, once closed."""
        return self.buffer.getvalue()

    @staticmethod
    def _info(name, stored):
        info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
        info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        return info


def copy_part(archive, info, copy, budget, rewrite=None):
    """The member into the copy, read whole and rewritten by rewrite(content, name), or else copied as it is."""
    if rewrite:
        copy.add(info.filename, rewrite(read_part(archive, info, budget), info.filename), is_stored(info))
    else:
        copy_member(archive, info, copy, budget)


def copy_member(archive, info, copy, budget):
    """A member the format does not rewrite: a picture loses its metadata, anything else is copied as it is."""
    chunks = unpacked_chunks(archive, info, budget)
    first = next(chunks, b"")
    if is_picture(first):
        picture = joined_part(info.filename, chain([first], chunks), budget)
        copy.add(info.filename, without_metadata(picture, info.filename, budget), is_stored(info))
    else:
        copy.add_chunks(info.filename, chain([first], chunks), is_stored(info))
