"""What a nomination may carry as attachments, judged by content (magic bytes), never by the name alone."""

from dataclasses import dataclass
from pathlib import PurePath

import filetype

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_ATTACHMENT_SIZE = 10 * 1024 * 1024
# filetype reads the signature (and, for DOCX and ODT, the zip's first entries) from the head of the file.
HEAD_SIZE = 8192


@dataclass(frozen=True)
class AttachmentKind:
    mime: str
    extensions: tuple[str, ...]


ALLOWED_KINDS = {
    "pdf": AttachmentKind("application/pdf", (".pdf",)),
    "docx": AttachmentKind(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)
    ),
    "odt": AttachmentKind("application/vnd.oasis.opendocument.text", (".odt",)),
    "jpg": AttachmentKind("image/jpeg", (".jpg", ".jpeg")),
    "png": AttachmentKind("image/png", (".png",)),
    "webp": AttachmentKind("image/webp", (".webp",)),
}


def inspect_upload(upload, name):
    """The kind of `upload` if it is allowed, small enough and what its name says; else ValidationError."""
    if upload.size > MAX_ATTACHMENT_SIZE:
        raise ValidationError({"file": _("The file is larger than 10 MB.")})
    kind = ALLOWED_KINDS.get(detected_extension(upload))
    if kind is None:
        raise ValidationError({"file": _("Only PDF, DOCX, ODT, JPEG, PNG and WebP files are accepted.")})
    if PurePath(name).suffix.lower() not in kind.extensions:
        raise ValidationError({"file": _("The file's content does not match its name.")})
    return kind


def detected_extension(upload):
    upload.seek(0)
    head = upload.read(HEAD_SIZE)
    upload.seek(0)
    guess = filetype.guess(head)
    return guess.extension if guess else None
