"""The images a page shows, and the picture uses (newsroom.pictures) each is shown with: an image field is the
page's lead picture, shown on its cards and at its head (and where a page type's `lead_picture_uses` says); an image in a body is shown in the text as wide as a
lead picture, and one in a list of images (a gallery) in the gallery."""

from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.images import get_image_model

LEAD_USES = ("card", "lead")
BODY_USES = ("lead",)
GALLERY_USES = ("gallery",)


def images_on(page):
    """(image, uses) for each image the page shows, in the order of its fields."""
    image_model = get_image_model()
    for field in page._meta.concrete_fields:
        if field.is_relation and field.related_model is image_model:
            image = getattr(page, field.name)
            if image is not None:
                yield image, getattr(page, "lead_picture_uses", LEAD_USES)
        elif isinstance(field, StreamField):
            stream = getattr(page, field.name)
            yield from _images_in(stream.stream_block, stream, BODY_USES, image_model)


def images_without_alt_text(page):
    """The images on `page` that would be shown without saying what they show."""
    missing = {}
    for image, _uses in images_on(page):
        if not image.description.strip():
            missing[image.pk] = image
    return list(missing.values())


def _images_in(block, value, uses, image_model):
    if value is None:
        return
    if isinstance(value, image_model):
        yield value, uses
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from _images_in(child.block, child.value, uses, image_model)
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from _images_in(block.child_block, item, GALLERY_USES, image_model)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from _images_in(child_block, value.get(name), uses, image_model)
