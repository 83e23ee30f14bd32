"""How the content API (newsroom.api) shows a model's public fields: each app names them in its models'
`api_fields`, with these serializers where a field is more than its stored value, and the related rows those
fields read in `api_prefetch`, which the API loads for a whole page of results at once.

A related field shows only names or the rows its prefetch selected: a field that read its relation afresh would
cost a query per result, and would show whatever the relation holds (an unpublished movement, for one).
"""

from rest_framework import serializers

from wagtail.images import get_image_model
from wagtail.images.api.fields import ImageRenditionField

from newsroom.pictures import PICTURE_USES

from .languages import VIETNAMESE_CODE

# A picture as an app shows it: at the head of a story (the lead use, 960 px wide), in a listing (the card's
# 16:9 crop, 720 px), and a programme's square cover; each in JPEG, which every client reads. The same
# renditions the pages use, made when the page is published (newsroom.picture_renditions).
LEAD_PICTURE = PICTURE_USES["lead"].filter_spec(960, "jpeg")
CARD_PICTURE = PICTURE_USES["card"].filter_spec(720, "jpeg")
COVER_PICTURE = PICTURE_USES["cover"].filter_spec(480, "jpeg")
API_PICTURES = (LEAD_PICTURE, CARD_PICTURE, COVER_PICTURE)


def api_pictures():
    """Images with the API's renditions, for the prefetch of a picture field (`api_prefetch`)."""
    return get_image_model().objects.prefetch_renditions(*API_PICTURES)


def picture(filter_spec=LEAD_PICTURE, source=None):
    """The rendition of an image (url, full_url, width, height, alt), null without one: the image of the field
    of the API field's name, or of `source` (another field, or "*" for the image itself)."""
    return ImageRenditionField(filter_spec, **({"source": source} if source else {}))


class LanguageCodeField(serializers.Field):
    """The ISO 639 code of the language a row is in (`language`): an article or item that names none is in
    Vietnamese, as the search API says too."""

    def get_attribute(self, instance):
        language = super().get_attribute(instance)
        return language.code if language else VIETNAMESE_CODE

    def to_representation(self, code):
        return code


class NamesField(serializers.Field):
    """The names of the rows of a many-to-many relation (authors, fields of achievement), in their order."""

    def to_representation(self, related):
        return [row.name for row in related.all()]


class TagNamesField(serializers.Field):
    """A page's tags by name, in alphabetical order, read from the prefetched tags (Wagtail's own field asks the
    database for each page)."""

    def to_representation(self, tags):
        return sorted(tag.name for tag in tags.all())


class PageTitlesField(serializers.Field):
    """Related pages as {id, title}: the rows of the relation's prefetch, which selects the live, public ones."""

    def to_representation(self, pages):
        return [{"id": page.pk, "title": page.title} for page in pages.all()]
