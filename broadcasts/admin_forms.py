"""The admin's form for the station's audio and video (WAGTAILMEDIA["MEDIA_FORM_BASE"]), used by wagtailmedia's
add, edit and chooser upload views.

What a file is comes from the file (broadcasts.probing): its kind, duration, dimensions, size and MIME type; the
editor types none of them. An upload is read where Django's upload handlers left it, on disk past
FILE_UPLOAD_MAX_MEMORY_SIZE, and is never read whole into memory. Captions must be WebVTT.

Nothing half-saved and no orphan file: a refused form stores nothing; the files are written before the row, and
removed again if the row cannot be saved; captions replaced or cleared are removed once the row is saved
(wagtailmedia's edit view removes a replaced media file itself); an item's files go with it when it is deleted
(broadcasts.stored_files). A replaced file is stored under a new name, since its name is in its URL, which caches
keep (broadcasts.serving).
"""

import os
import re
import tempfile
from contextlib import contextmanager
from uuid import uuid4

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext, gettext_lazy

from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.images.widgets import AdminImageChooser
from wagtailmedia.forms import BaseMediaForm
from wagtailmedia.settings import wagtailmedia_settings

from .probing import AUDIO, VIDEO, probe

KB = 1024
MB = 1024 * KB
GB = 1024 * MB
MAX_CAPTIONS_SIZE = 2 * MB
# The signature a WebVTT file opens with, after an optional byte order mark: "WEBVTT", alone on its line or
# followed by a space or a tab and anything.
WEBVTT_SIGNATURE = re.compile(r"\AWEBVTT(?:[ \t][^\r\n]*)?(?:\r\n|\r|\n|\Z)")
# The files an item keeps, each written by this form before the row.
FILE_FIELDS = ("file", "captions")
MEDIA_KINDS = (AUDIO, VIDEO)


def size_label(size):
    """A size as the admin's language writes it: "2 GB", "1,5 GB", "500 MB" (units of 1024 bytes)."""
    for unit, factor in (("GB", GB), ("MB", MB), ("KB", KB)):
        if size >= factor:
            amount = round(size / factor, 1)
            amount = int(amount) if amount == int(amount) else amount
            return f"{formats.number_format(amount)} {unit}"
    return f"{size} byte"


class MediaItemForm(BaseMediaForm):
    # The add form's own token: the same form sent twice (a double click, a page resent) adds one item.
    upload_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    class Meta(BaseMediaForm.Meta):
        widgets = {
            **BaseMediaForm.Meta.widgets,
            "poster": AdminImageChooser,
            "broadcast_at": AdminDateTimeInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.probed = None
        self.stored_names = {name: getattr(self.instance, name).name for name in FILE_FIELDS}
        if self.instance.pk:
            del self.fields["upload_token"]
        else:
            self.fields["upload_token"].initial = uuid4()
        if "file" in self.fields:
            self.fields["file"].help_text = gettext(
                "At most %(limit)s. The duration, the size and the picture's dimensions are read from the file."
            ) % {"limit": size_label(settings.BROADCAST_MAX_UPLOAD_SIZE)}
        if "captions" in self.fields:
            self.fields["captions"].help_text = gettext(
                "A WebVTT file (.vtt) in UTF-8, at most %(limit)s."
            ) % {"limit": size_label(MAX_CAPTIONS_SIZE)}
            self.fields["captions"].widget.attrs["accept"] = ".vtt,text/vtt"

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not isinstance(upload, UploadedFile):
            return upload
        # wagtailmedia's add view for "media" (either kind) leaves the kind to the file.
        kind = self.instance.type if self.instance.type in MEDIA_KINDS else None
        extensions = allowed_extensions(kind)
        if extensions and os.path.splitext(upload.name)[1].lstrip(".").lower() not in extensions:
            raise ValidationError(
                gettext_lazy("The file's name must end in one of: %(extensions)s."),
                code="invalid_extension",
                params={"extensions": ", ".join(f".{extension}" for extension in extensions)},
            )
        limit = settings.BROADCAST_MAX_UPLOAD_SIZE
        if upload.size > limit:
            raise ValidationError(
                gettext_lazy("This file is %(size)s; an upload may be at most %(limit)s."),
                code="too_large",
                params={"size": size_label(upload.size), "limit": size_label(limit)},
            )
        with path_on_disk(upload) as path:
            self.probed = probe(path).as_kind(kind)
        return upload

    def clean_captions(self):
        captions = self.cleaned_data.get("captions")
        if not isinstance(captions, UploadedFile):
            return captions
        if captions.size > MAX_CAPTIONS_SIZE:
            raise ValidationError(
                gettext_lazy("The captions file is %(size)s; it may be at most %(limit)s."),
                code="too_large",
                params={"size": size_label(captions.size), "limit": size_label(MAX_CAPTIONS_SIZE)},
            )
        captions.seek(0)
        content = captions.read()
        captions.seek(0)
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = ""
        if not WEBVTT_SIGNATURE.match(text):
            raise ValidationError(
                gettext_lazy(
                    "Captions must be a WebVTT file in UTF-8: a text file whose first line is “WEBVTT”."
                ),
                code="not_webvtt",
            )
        return captions

    def clean(self):
        cleaned_data = super().clean()
        token = cleaned_data.get("upload_token")
        earlier = type(self.instance).objects.filter(upload_token=token).first() if token else None
        if earlier is not None:
            raise ValidationError(
                gettext_lazy(
                    "This form was already sent: “%(title)s” was added then. It is not added twice."
                ),
                code="sent_twice",
                params={"title": earlier.title},
            )
        return cleaned_data

    def save(self, commit=True):
        item = super().save(commit=False)
        if "upload_token" in self.fields:
            item.upload_token = self.cleaned_data.get("upload_token")
        if self.probed is not None:
            take_facts(item, self.probed, self.cleaned_data["file"].size)
        if not commit:
            return item
        written = self.write_new_files(item)
        try:
            with transaction.atomic():
                item.save()
                self._save_m2m()
        except Exception:
            for storage, name in written:
                storage.delete(name)
            raise
        self.remove_replaced_captions(item)
        return item

    def new_uploads(self):
        return {
            name: self.cleaned_data[name]
            for name in FILE_FIELDS
            if name in self.changed_data and isinstance(self.cleaned_data.get(name), UploadedFile)
        }

    def write_new_files(self, item):
        """Store the new uploads under names unused by the files they replace: [(storage, name) of each]."""
        written = []
        for name, upload in self.new_uploads().items():
            field_file = getattr(item, name)
            field_file.save(self.new_file_name(item, name, upload.name), upload, save=False)
            written.append((field_file.storage, field_file.name))
        return written

    def new_file_name(self, item, name, upload_name):
        field = item._meta.get_field(name)
        if field.generate_filename(item, upload_name) != self.stored_names[name]:
            return upload_name
        root, extension = os.path.splitext(os.path.basename(upload_name))
        return field.storage.get_alternative_name(root, extension)

    def remove_replaced_captions(self, item):
        replaced = self.stored_names["captions"]
        if "captions" in self.changed_data and replaced and replaced != item.captions.name:
            item.captions.storage.delete(replaced)


def allowed_extensions(kind):
    """The endings wagtailmedia's settings allow a file of `kind` (None: of either kind); empty: any ending."""
    by_kind = {AUDIO: wagtailmedia_settings.AUDIO_EXTENSIONS, VIDEO: wagtailmedia_settings.VIDEO_EXTENSIONS}
    if kind:
        return by_kind[kind]
    return [*by_kind[AUDIO], *by_kind[VIDEO]] if all(by_kind.values()) else []


def take_facts(item, facts, size):
    item.type = facts.type
    item.duration = facts.duration
    item.width = facts.width
    item.height = facts.height
    item.mime_type = facts.mime_type
    item.size = size


@contextmanager
def path_on_disk(upload):
    """The path of the upload's bytes on disk: where the upload handler wrote it, or a copy of a small upload
    that Django kept in memory (at most FILE_UPLOAD_MAX_MEMORY_SIZE)."""
    if hasattr(upload, "temporary_file_path"):
        yield upload.temporary_file_path()
        return
    with tempfile.NamedTemporaryFile(prefix="upload-") as copy:
        for chunk in upload.chunks():
            copy.write(chunk)
        copy.flush()
        upload.seek(0)
        yield copy.name
