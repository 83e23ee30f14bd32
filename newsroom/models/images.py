"""The newsroom's pictures: Wagtail's image with the alt text required, and the caption and credit a press
photo carries wherever it is shown."""

from rest_framework import serializers

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.api import APIField
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.images.models import Image as WagtailImage

from .api_fields import CARD_PICTURE, picture

# An alt text says what the picture shows in a sentence or two; screen readers read it whole.
ALT_TEXT_MAX_LENGTH = 255


class NewsroomImage(AbstractImage):
    # Wagtail's `description` is the alt text of every <img> it renders (`default_alt_text`); here it is required.
    description = models.CharField(
        _("alt text"),
        max_length=ALT_TEXT_MAX_LENGTH,
        help_text=_(
            "What the picture shows, for readers who cannot see it: who, doing what, where. "
            "Do not start with “Image of” and do not repeat the caption."
        ),
    )
    caption = models.CharField(
        _("caption"),
        max_length=500,
        blank=True,
        help_text=_("Shown under the picture wherever it appears; a page may give its own."),
    )
    credit = models.CharField(
        _("credit"),
        max_length=120,
        blank=True,
        help_text=_("The photographer or the source, e.g. “Ảnh: Hữu Hùng”."),
    )

    admin_form_fields = WagtailImage.admin_form_fields + ("caption", "credit")
    # What the content API shows of an image (newsroom.api): its alt text, caption and credit, and its renditions
    # for the head of a story and for a listing.
    api_fields = [
        APIField("alt", serializer=serializers.CharField(source="default_alt_text")),
        APIField("caption"),
        APIField("credit"),
        APIField("lead", serializer=picture(source="*")),
        APIField("thumbnail", serializer=picture(CARD_PICTURE, source="*")),
    ]

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    @property
    def default_alt_text(self):
        # An image saved by the multiple uploader before its form was completed has no alt text yet; a page
        # refuses to publish with it (see newsroom.pictures.images_without_alt_text), and the title stands in.
        return self.description or self.title


class NewsroomRendition(AbstractRendition):
    image = models.ForeignKey(NewsroomImage, related_name="renditions", on_delete=models.CASCADE)

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


def picture_field(verbose_name, help_text=""):
    """A page's or a snippet's picture from the image library; an image deleted there leaves the field empty."""
    return models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=verbose_name,
        help_text=help_text,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
