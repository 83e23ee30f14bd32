from django import template

from newsroom import pictures

register = template.Library()


@register.simple_tag
def picture_for(image, use, eager=False, css_class="", sizes=""):
    """`{% picture_for page.lead_image "lead" eager=True %}`: the image as newsroom.pictures shows it for `use`;
    nothing when there is no image."""
    if not image:
        return ""
    return pictures.picture(image, use, eager=eager, css_class=css_class, sizes=sizes)


@register.simple_tag
def poster_url(image):
    """`<video poster="{% poster_url item.poster %}">`: one rendition of the image, as newsroom.pictures makes
    posters; nothing when there is no image."""
    return pictures.poster_url(image) if image else ""
