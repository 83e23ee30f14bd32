"""Whether a contest takes an attached file: its size, the type its name claims and the type its content proves
(core.file_types) must agree, and the contest must accept that type.

A file is taken only if the judges can be given an anonymised copy of it: the copy is made once when the file
is sent, within the same budget as at every download (see anonymise/budget.py), and a file whose copy would be
over budget, or whose archive cannot be unpacked, is refused with the reason.
"""

from django.core.exceptions import ValidationError

from core.file_types import named_file_type, sniff_file_type

from .anonymise import AnonymisationError, anonymise_isolated
from .anonymise.budget import MAX_FILE_BYTES, MAX_FILE_LABEL
from .models import FileKind


def check_entry_file(uploaded, accepted_kinds):
    """The file's kind, once its size, extension and content agree, the contest accepts it and the judges'
    copy can be made."""
    if uploaded.size > MAX_FILE_BYTES:
        raise ValidationError(f"Tệp quá lớn: tối đa {MAX_FILE_LABEL}.")
    claimed = named_file_type(uploaded.name)
    accepted_names = ", ".join(kind.upper() for kind in accepted_kinds)
    if claimed is None or claimed.extension not in accepted_kinds:
        raise ValidationError(f"Cuộc thi chỉ nhận tệp {accepted_names}.")
    if sniff_file_type(uploaded) != claimed:
        raise ValidationError(
            f"Nội dung tệp không phải là {claimed.extension.upper()} như đuôi tên tệp cho biết. "
            f"Hãy lưu lại bài dưới dạng {accepted_names} rồi gửi lại."
        )
    kind = FileKind(claimed.extension)
    _check_judges_copy(uploaded, kind)
    return kind


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
