"""A broadcast's audio or video file, with what the station says about it: wagtailmedia's media item, kept in
private storage so that a file is reachable only through broadcasts.serving (which honours the broadcast time)."""

from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.search import index
from wagtailmedia.models import AbstractMedia, MediaQuerySet

from core.private_storage import PrivateStorage
from newsroom.models.images import picture_field
from newsroom.models.languages import language_field


class MediaItemQuerySet(MediaQuerySet):
    def on_air(self, now=None):
        """The items the public may play: those with no broadcast time, or whose broadcast time has come."""
        now = now or timezone.now()
        return self.filter(models.Q(broadcast_at__isnull=True) | models.Q(broadcast_at__lte=now))

    def newest_first(self):
        """Newest broadcast first, each item with its `aired_at`: its broadcast time, or for an item without one,
        when it was uploaded."""
        return self.annotate(aired_at=Coalesce("broadcast_at", "created_at")).order_by("-aired_at", "-pk")


class MediaItem(AbstractMedia):
    file = models.FileField(_("file"), upload_to="broadcasts", storage=PrivateStorage(), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    mime_type = models.CharField(_("content type"), max_length=100, blank=True, editable=False)
    poster = picture_field(
        _("poster"), help_text=_("The picture shown before the video plays, and the episode's cover.")
    )
    transcript = models.TextField(_("transcript"), blank=True)
    captions = models.FileField(
        _("captions (WebVTT)"),
        upload_to="broadcast-captions",
        storage=PrivateStorage(),
        blank=True,
        max_length=255,
    )
    broadcast_at = models.DateTimeField(
        _("broadcast date and time"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Before this time, only editors can play the item."),
    )
    programme = models.ForeignKey(
        "broadcasts.ProgrammePage",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="episodes",
    )
    language = language_field(_("broadcast language"), help_text=_("Leave empty for Vietnamese."))
    credits = models.TextField(
        _("credits"), blank=True, help_text=_("One line each: “Biên tập: …”, “Quay phim: …”.")
    )
    # The admin's add form that made the item (broadcasts.admin_forms): the same form sent twice adds one item.
    upload_token = models.UUIDField(null=True, unique=True, editable=False)

    objects = MediaItemQuerySet.as_manager()

    admin_form_fields = (
        "title",
        "file",
        "collection",
        "poster",
        "programme",
        "broadcast_at",
        "language",
        "transcript",
        "captions",
        "credits",
        "tags",
    )

    search_fields = AbstractMedia.search_fields + [
        index.SearchField("transcript"),
        index.FilterField("programme"),
        index.FilterField("language"),
        index.FilterField("broadcast_at"),
    ]

    class Meta(AbstractMedia.Meta):
        verbose_name = _("audio or video item")
        verbose_name_plural = _("audio and video items")

    @property
    def url(self):
        return reverse("broadcasts:media_file", args=(self.pk, self.filename))

    @property
    def captions_url(self):
        return reverse("broadcasts:captions_file", args=(self.pk,)) if self.captions else ""

    @property
    def is_video(self):
        return self.type == "video"

    def is_on_air(self, now=None):
        return self.broadcast_at is None or self.broadcast_at <= (now or timezone.now())

    def clean(self):
        # wagtailmedia's checks of the file's name (its extension) run even with no file, when the admin's form
        # has refused the upload: they would add an English "extension “” not allowed" to the form's own message
        # (broadcasts.admin_forms checks the name in the editor's language).
        if self.file:
            super().clean()
