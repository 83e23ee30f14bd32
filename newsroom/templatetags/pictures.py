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
