"""What an attached file really is, read from its content: the extension a sender gives proves nothing.

A file is taken only if the judges can be given an anonymised copy of it: the copy is made once when the file
is sent, within the same budget as at every download (see anonymise/budget.py), and a file whose copy would be
over budget, or whose archive cannot be unpacked, is refused with the reason.
"""

import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError

from .anonymise import AnonymisationError, anonymise_isolated
from .anonymise.archive import UNPACKABLE_METHODS
from .anonymise.budget import MAX_FILE_BYTES, MAX_FILE_LABEL, MAX_ZIP_MEMBERS
from .anonymise.odt import ODT_MIMETYPE
from .models import FileKind

EXTENSIONS = {"docx": FileKind.DOCX, "odt": FileKind.ODT, "pdf": FileKind.PDF}


def check_entry_file(uploaded, accepted_kinds):
    """The file's kind, once its size, extension and content agree, the contest accepts it and the judges'
    copy can be made."""
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
    _check_judges_copy(uploaded, actual)
    return actual


def _check_judges_copy(uploaded, kind):
    """Refuses a file every download would refuse for a reason the entrant can mend (the error says which).

    A copy refused for another reason (XML the check cannot parse, a PDF pypdf cannot read) leaves the file to
    the organisers, as before: the judge's page says it cannot be shown.
    """
    uploaded.seek(0)
    try:
        anonymise_isolated(uploaded.read(), kind)
    except AnonymisationError as error:
        if error.entrant_message:
            raise ValidationError(error.entrant_message) from error
    finally:
        uploaded.seek(0)


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
    """By the members' names (their sizes are what they declare; the judges' copy counts what they hold)."""
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        return None
    names = {member.filename for member in members}
    if "word/document.xml" in names and "[Content_Types].xml" in names:
        return FileKind.DOCX
    # Only the methods the anonymiser unpacks: a bzip2 or LZMA read cannot be told to stop.
    if (
        "mimetype" in names
        and "content.xml" in names
        and archive.getinfo("mimetype").compress_type in UNPACKABLE_METHODS
    ):
        with archive.open("mimetype") as mimetype:
            if mimetype.read(len(ODT_MIMETYPE) + 1) == ODT_MIMETYPE:
                return FileKind.ODT
    return None
