"""What an attached file really is, read from its content: the extension a sender gives proves nothing."""

import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError

from .models import FileKind

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILE_LABEL = "10 MB"
# A document expands a few times when unzipped; far more is a zip bomb, or not a document.
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_ZIP_MEMBERS = 2000
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
EXTENSIONS = {"docx": FileKind.DOCX, "odt": FileKind.ODT, "pdf": FileKind.PDF}


def check_entry_file(uploaded, accepted_kinds):
    """The file's kind, once its size, extension and content agree and the contest accepts it."""
    if uploaded.size > MAX_FILE_BYTES:
        raise ValidationError(f"Tệp quá lớn: tối đa {MAX_FILE_LABEL}.")
    claimed = EXTENSIONS.get(PurePath(uploaded.name).suffix.lower().lstrip("."))
    accepted_names = ", ".join(kind.upper() for kind in accepted_kinds)
    if claimed not in accepted_kinds:
        raise ValidationError(f"Cuộc thi chỉ nhận tệp {accepted_names}.")
    actual = sniff_kind(uploaded)
    if actual != claimed:
        raise ValidationError(
            f"Nội dung tệp không phải là {claimed.upper()} như đuôi tên tệp cho biết. "
            f"Hãy lưu lại bài dưới dạng {accepted_names} rồi gửi lại."
        )
    return actual


def sniff_kind(uploaded):
    """PDF, DOCX or ODT by content, or None."""
    uploaded.seek(0)
    head = uploaded.read(5)
    uploaded.seek(0)
    if head == b"%PDF-":
        return FileKind.PDF
    if head[:4] != b"PK\x03\x04":
        return None
    try:
        with zipfile.ZipFile(uploaded) as archive:
            return _office_kind(archive)
    except (zipfile.BadZipFile, OSError, EOFError):
        return None
    finally:
        uploaded.seek(0)


def _office_kind(archive):
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS or sum(member.file_size for member in members) > MAX_UNZIPPED_BYTES:
        return None
    names = {member.filename for member in members}
    if "word/document.xml" in names and "[Content_Types].xml" in names:
        return FileKind.DOCX
    if "mimetype" in names and "content.xml" in names:
        with archive.open("mimetype") as mimetype:
            if mimetype.read(len(ODT_MIMETYPE) + 1) == ODT_MIMETYPE:
                return FileKind.ODT
    return None
