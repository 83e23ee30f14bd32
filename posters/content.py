"""What a poster says about an exemplar: the public fields of the live profile only, never its nomination's."""

import html
import re
import unicodedata
from dataclasses import dataclass

from django.utils.html import strip_tags

from wagtail.models import Site

from exemplars.models import ExemplarPage
from newsroom.models import OutletHomePage, OutletIdentity

# Wide enough for 300 dpi over the largest photo frame of the A3 designs.
PHOTO_FILTERS = {
    "portrait": "fill-1000x1250-c75|format-jpeg|jpegquality-85",
    "landscape": "fill-1800x1100-c75|format-jpeg|jpegquality-85",
}
DEFAULT_ACCENT = "#a50e1e"


@dataclass(frozen=True)
class PosterContent:
    name: str
    position_and_unit: str
    achievement: str
    movements: str
    masthead: str
    url: str
    accent: str
    # {"portrait": JPEG bytes, "landscape": JPEG bytes}, empty without a photo.
    photos: dict


def vietnamese(text):
    """One line of NFC text: the fonts hold each accented letter as one glyph, and the PDF's text is searched as
    people type it."""
    return unicodedata.normalize("NFC", " ".join((text or "").split()))


def poster_content(page):
    """The poster's words and pictures for a live ExemplarPage."""
    site = page.get_site()
    return PosterContent(
        name=vietnamese(page.title),
        position_and_unit=vietnamese(", ".join(part for part in (page.position, unit_name(page)) if part)),
        achievement=vietnamese(achievement_text(page)),
        movements=vietnamese("; ".join(movement_titles(page))),
        masthead=vietnamese(masthead(site)),
        url=page.get_full_url(),
        accent=accent_colour(site),
        photos=photos(page.lead_image),
    )


def unit_name(page):
    return page.unit.name if page.unit else ""


def achievement_text(page):
    """The summary the profile gives for listings, else the text of its first paragraph of achievements."""
    if page.summary.strip():
        return page.summary
    for block in page.achievements:
        if block.block_type == "paragraph":
            return html.unescape(strip_tags(re.sub(r"<(br|/p)\b", r" \g<0>", block.value.source)))
    return ""


def movement_titles(page):
    return page.movements.live().public().order_by("title").values_list("title", flat=True)


def masthead(site):
    if site is None:
        return ""
    return OutletIdentity.for_site(site).full_name or site.site_name


def accent_colour(site):
    home = OutletHomePage.objects.filter(pk=site.root_page_id).first() if isinstance(site, Site) else None
    return home.brand_color if home else DEFAULT_ACCENT


def photos(image):
    """The lead image cropped for each design's frame; none where the image or its file is missing."""
    if image is None:
        return {}
    try:
        return {shape: rendition_bytes(image, spec) for shape, spec in PHOTO_FILTERS.items()}
    # Wagtail's SourceImageIOError, where the original file is gone, is an OSError.
    except OSError:
        return {}


def rendition_bytes(image, filter_spec):
    rendition = image.get_rendition(filter_spec)
    with rendition.file.open("rb") as file:
        return file.read()


def is_poster_subject(page):
    return page.specific_class is ExemplarPage and page.live
