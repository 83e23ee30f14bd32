"""What a nomination may carry as attachments, judged by content (core.file_types), never by the name alone."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.file_types import DOCX, JPEG, ODT, PDF, PNG, WEBP, named_file_type, sniff_file_type

MAX_ATTACHMENT_SIZE = 10 * 1024 * 1024
ALLOWED_TYPES = (PDF, DOCX, ODT, JPEG, PNG, WEBP)


def inspect_upload(upload, name):
    """The FileType of `upload` if it is allowed, small enough and what its name says; else ValidationError."""
    if upload.size > MAX_ATTACHMENT_SIZE:
        raise ValidationError({"file": _("The file is larger than 10 MB.")})
    file_type = sniff_file_type(upload)
    if file_type not in ALLOWED_TYPES:
        raise ValidationError({"file": _("Only PDF, DOCX, ODT, JPEG, PNG and WebP files are accepted.")})
    if named_file_type(name) != file_type:
        raise ValidationError({"file": _("The file's content does not match its name.")})
    return file_type
