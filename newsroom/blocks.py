"""The blocks of an article's body: text, pictures and galleries, quotes, embeds, sound and video, documents."""

import html
import re

from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

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


class MediaBlock(blocks.StructBlock):
    """A sound or video file from the document library, played by the browser."""

    kind = blocks.ChoiceBlock(choices=[("audio", _("Audio")), ("video", _("Video"))], label=_("kind"))
    file = DocumentChooserBlock(label=_("file"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)
    transcript = blocks.TextBlock(label=_("transcript"), required=False)

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
