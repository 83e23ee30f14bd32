"""What a tip may carry: up to MAX_PHOTOS photos (JPEG, PNG, WebP) or one short video (MP4), each within its
size, each file's content of the type its name claims (core.file_types reads the pictures; the video's ISO
base media header is read here: an MP4 declares itself in its first box)."""

from pathlib import PurePath

import filetype

from django.core.exceptions import ValidationError

from core.file_types import HEAD_SIZE, named_file_type, sniff_file_type

from .models import TipAttachment

MAX_PHOTOS = 4
MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_VIDEO_BYTES = 50 * 1024 * 1024
MAX_PHOTO_LABEL = "10 MB"
MAX_VIDEO_LABEL = "50 MB"
# Every file the form may take, with room for the text: a bigger body is refused unread.
MAX_REQUEST_BYTES = max(MAX_PHOTOS * MAX_PHOTO_BYTES, MAX_VIDEO_BYTES) + 1024 * 1024
PHOTO_KINDS = {TipAttachment.Kind.JPEG, TipAttachment.Kind.PNG, TipAttachment.Kind.WEBP}
MP4_SUFFIXES = (".mp4",)
FILES_HELP = (
    f"Tối đa {MAX_PHOTOS} ảnh JPEG, PNG hoặc WebP (mỗi ảnh tối đa {MAX_PHOTO_LABEL}), "
    f"hoặc một video MP4 ngắn (tối đa {MAX_VIDEO_LABEL})."
)
NOT_ACCEPTED = "Chỉ nhận ảnh JPEG, PNG, WebP hoặc video MP4."


def check_tip_files(uploads):
    """The kind of each upload, in order, once the set is one the form takes; ValidationError says why not."""
    kinds = [check_tip_file(upload) for upload in uploads]
    videos = kinds.count(TipAttachment.Kind.MP4)
    if videos and len(kinds) > 1:
        raise ValidationError("Chỉ gửi một video, hoặc các ảnh: không gửi cả hai cùng lúc.")
    if len(kinds) > MAX_PHOTOS:
        raise ValidationError(f"Tối đa {MAX_PHOTOS} ảnh cho một tin báo.")
    return kinds


def check_tip_file(upload):
    claimed = claimed_kind(upload.name)
    if claimed is None:
        raise ValidationError(f"Tệp “{upload.name}”: {NOT_ACCEPTED}")
    limit, label = (
        (MAX_VIDEO_BYTES, MAX_VIDEO_LABEL)
        if claimed == TipAttachment.Kind.MP4
        else (MAX_PHOTO_BYTES, MAX_PHOTO_LABEL)
    )
    if upload.size > limit:
        raise ValidationError(f"Tệp “{upload.name}” quá lớn: tối đa {label}.")
    if upload.size == 0 or content_kind(upload) != claimed:
        raise ValidationError(
            f"Nội dung tệp “{upload.name}” không phải là {claimed.label} như đuôi tên tệp cho biết."
        )
    return claimed


def claimed_kind(name):
    if PurePath(name).suffix.lower() in MP4_SUFFIXES:
        return TipAttachment.Kind.MP4
    file_type = named_file_type(name)
    if file_type is None or file_type.extension not in PHOTO_KINDS:
        return None
    return TipAttachment.Kind(file_type.extension)


def content_kind(upload):
    """The kind the upload's content proves, or None."""
    picture = sniff_file_type(upload)
    if picture is not None:
        return TipAttachment.Kind(picture.extension) if picture.extension in PHOTO_KINDS else None
    upload.seek(0)
    try:
        video = filetype.video_match(upload.read(HEAD_SIZE))
    finally:
        upload.seek(0)
    return TipAttachment.Kind.MP4 if video and video.extension == "mp4" else None
