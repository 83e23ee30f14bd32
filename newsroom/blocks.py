"""The blocks of an article's body: text, pictures and galleries, quotes, embeds, sound and video, documents."""

import html
import re

from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtailmedia.blocks import AbstractMediaChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "blockquote", "document-link"]

# What Wagtail's get_text_for_indexing() does with an HTML parser: a space after each block, tags dropped.
BLOCK_END = re.compile(r"(?:</(?:p|h\d|li|blockquote)>|<(?:br|hr)\s*/?>)", re.IGNORECASE)
TAG = re.compile(r"<[^>]*>")


class ParagraphBlock(blocks.RichTextBlock):
    """Rich text whose searchable text is read with regular expressions rather than an HTML parser.

    What a paragraph holds is Wagtail's own markup, cleaned on the way in, so tags are plain to find; the
    parser took longer than anything else in reading an article for search, and an archive import reads
    hundreds of thousands of them.
    """

    def get_searchable_content(self, value):
        if not self.search_index:
            return []
        text = TAG.sub("", BLOCK_END.sub(lambda end: f"{end.group()} ", force_str(value.source)))
        return [html.unescape(text).strip()]


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)
    credit = blocks.CharBlock(label=_("credit"), required=False, max_length=120)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "components/blocks/image.html"


class GalleryBlock(blocks.ListBlock):
    """Photos in a sequence, each with its caption: a photo story, or a profile's pictures."""

    def __init__(self, **kwargs):
        super().__init__(CaptionedImageBlock(), **kwargs)

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "components/blocks/gallery.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "components/blocks/quote.html"


class MediaItemChooserBlock(AbstractMediaChooserBlock):
    """An audio or video item of the station's library (wagtailmedia's media model), shown in the player."""

    def bulk_to_python(self, values):
        # What the player shows beside the file: a body with several items reads each of these once.
        items = super().bulk_to_python(values)
        prefetch_related_objects([item for item in items if item is not None], "language", "poster")
        return items

    def render_basic(self, value, context=None):
        if not value:
            return ""
        return render_to_string("components/player.html", {"item": value})

    def get_searchable_content(self, value):
        # Before its broadcast time the page says only when the item airs: its transcript is not found either.
        # When it airs, the search's scheduled work indexes again the pages that embed it.
        if not value:
            return []
        return [value.title, value.transcript] if value.is_on_air() else [value.title]


class MediaBlock(blocks.StructBlock):
    """A sound or video item, played by the browser with its transcript below."""

    item = MediaItemChooserBlock(label=_("audio or video item"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)

    class Meta:
        icon = "media"
        label = _("Audio or video")
        template = "components/blocks/media.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("title"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "components/blocks/document.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock(features=RICH_TEXT_FEATURES, label=_("Paragraph"))
    image = CaptionedImageBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(label=_("Embed"), icon="link")
    media = MediaBlock()
    document = DocumentBlock()
