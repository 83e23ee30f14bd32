"""What an uploaded file really is, read from its content: the name a sender gives proves nothing.

Each type is recognised by what its format requires, read strictly:

- PDF: the header `%PDF-` at the very first byte;
- DOCX: a zip whose directory (read whole, of at most MAX_ZIP_MEMBERS members) holds the package's content
  types and the main document part, which is what Word opens;
- ODT: a zip whose first member is `mimetype`, stored and without an extra field (the OpenDocument packaging
  rule, so that the type reads from the file's first bytes), holding exactly the ODT media type, with the
  document's content.xml in the directory;
- JPEG, PNG, WebP: their signatures.

Anything else, an archive that cannot be read included, is of no known type. Which types an upload may be is
each app's rule; this module only says what a file is.
"""

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import filetype

# filetype reads signatures from the head of a file; ODT's first member lies within it.
HEAD_SIZE = 8192
PDF_SIGNATURE = b"%PDF-"
ZIP_SIGNATURE = b"PK\x03\x04"
# More members than an honest document has: its directory is not read any further.
MAX_ZIP_MEMBERS = 2000
DOCX_PARTS = frozenset({"[Content_Types].xml", "word/document.xml"})


@dataclass(frozen=True)
class FileType:
    # The canonical extension, without its dot: also the value apps store for the type.
    extension: str
    mime: str
    # Every name ending a file of this type may carry.
    suffixes: tuple[str, ...]


PDF = FileType("pdf", "application/pdf", (".pdf",))
DOCX = FileType("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",))
ODT = FileType("odt", "application/vnd.oasis.opendocument.text", (".odt",))
JPEG = FileType("jpg", "image/jpeg", (".jpg", ".jpeg"))
PNG = FileType("png", "image/png", (".png",))
WEBP = FileType("webp", "image/webp", (".webp",))
FILE_TYPES = {file_type.extension: file_type for file_type in (PDF, DOCX, ODT, JPEG, PNG, WEBP)}
# By filetype's names for them; it knows many more images, none of which we take.
IMAGES = {JPEG.extension: JPEG, PNG.extension: PNG, WEBP.extension: WEBP}


def named_file_type(name):
    """The type a file's name claims by its ending, or None."""
    suffix = PurePath(name).suffix.lower()
    return next((file_type for file_type in FILE_TYPES.values() if suffix in file_type.suffixes), None)


def sniff_file_type(upload):
    """The type of the open binary file `upload` by its content, or None; the file is left at its start."""
    upload.seek(0)
    head = upload.read(HEAD_SIZE)
    try:
        if head.startswith(PDF_SIGNATURE):
            return PDF
        if head.startswith(ZIP_SIGNATURE):
            return _package_type(upload, head)
        image = filetype.image_match(head)
        return IMAGES.get(image.extension) if image else None
    finally:
        upload.seek(0)


def _package_type(upload, head):
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            # The names only, never the sizes the members declare: whoever unpacks a member counts its bytes.
            if len(members) > MAX_ZIP_MEMBERS:
                return None
            names = {member.filename for member in members}
            if DOCX_PARTS.issubset(names):
                return DOCX
            if "content.xml" in names and "mimetype" in names and _is_odt_package(archive, head):
                return ODT
            return None
    except (zipfile.BadZipFile, OSError, EOFError):
        return None


def _is_odt_package(archive, head):
    """filetype reads the first member's header (named `mimetype`, no extra field, the media type's start);
    the directory must list that same member, stored, before it is read: its content is the whole media type."""
    guess = filetype.document_match(head)
    if guess is None or guess.extension != ODT.extension:
        return False
    mimetype = archive.getinfo("mimetype")
    if mimetype.header_offset != 0 or mimetype.compress_type != zipfile.ZIP_STORED:
        return False
    expected = ODT.mime.encode()
    with archive.open(mimetype) as content:
        return content.read(len(expected) + 1) == expected
