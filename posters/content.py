"""What a poster says about its page: an exemplar's profile, an emulation movement or a special anniversary column.

Only the public fields of the live page are read, never a nomination's. `poster_content` and `is_poster_subject`
are the entry points for every kind of page: the posters, the share cards and whatever else prints a page call
these two and nothing more specific.
"""

import html
import re
import unicodedata
from dataclasses import dataclass

from django.utils.html import strip_tags

from wagtail.models import Site

from core.dates import short_date
from exemplars.models import ExemplarPage, MovementPage
from newsroom.anniversaries import event_date_label
from newsroom.models import CampaignPage, OutletHomePage, OutletIdentity

# Wide enough for 300 dpi over the largest photo frame of the A3 designs.
PHOTO_FILTERS = {
    "portrait": "fill-1000x1250-c75|format-jpeg|jpegquality-85",
    "landscape": "fill-1800x1100-c75|format-jpeg|jpegquality-85",
}
# A movement's or a column's picture is a scene (a ceremony, a monument), not a face: it is not cut to a portrait.
SCENE = ("landscape",)
DEFAULT_ACCENT = "#a50e1e"

EXEMPLAR_HEADING = "GƯƠNG ĐIỂN HÌNH TIÊN TIẾN"
MOVEMENT_HEADING = "PHONG TRÀO THI ĐUA YÊU NƯỚC"
MOVEMENT_LABEL = "Phong trào: "
SENTENCE_ENDS = (".", "!", "?", "…", ":", ";", "”", '"', ")")


@dataclass(frozen=True)
class PosterContent:
    # The line above the name: what kind of page this is ("GƯƠNG ĐIỂN HÌNH TIÊN TIẾN", "KỶ NIỆM 50 NĂM").
    heading: str
    name: str
    # The line under the name: an exemplar's post and unit, who launched a movement and when, the event and
    # the dates of a column's anniversary.
    position_and_unit: str
    # The text in a few lines: an exemplar's achievement, a movement's goals, a column's introduction.
    achievement: str
    # Whether the text is set in quotes on the formal design: an exemplar's achievement is, a movement's goals
    # and a column's introduction are not anyone's words.
    quoted: bool
    # The last line above the footer: an exemplar's movements under their label, a movement's number of
    # exemplars; "" for nothing.
    footnote: str
    masthead: str
    url: str
    accent: str
    # {"portrait": JPEG bytes, "landscape": JPEG bytes} for an exemplar, only the landscape one for a scene;
    # empty without a photo.
    photos: dict


def vietnamese(text):
    """One line of NFC text: the fonts hold each accented letter as one glyph, and the PDF's text is searched as
    people type it."""
    return unicodedata.normalize("NFC", " ".join((text or "").split()))


def poster_content(page):
    """The poster's words and pictures for a live page of one of the kinds in CONTENT_OF."""
    page = page.specific
    return CONTENT_OF[type(page)](page)


def is_poster_subject(page):
    return page.specific_class in CONTENT_OF and page.live


def exemplar_content(page):
    return PosterContent(
        heading=EXEMPLAR_HEADING,
        name=vietnamese(page.title),
        position_and_unit=vietnamese(", ".join(part for part in (page.position, unit_name(page)) if part)),
        achievement=vietnamese(achievement_text(page)),
        quoted=True,
        footnote=movement_line(vietnamese("; ".join(movement_titles(page)))),
        photos=photos(page.lead_image),
        **outlet_and_address(page),
    )


def movement_content(page):
    return PosterContent(
        heading=MOVEMENT_HEADING,
        name=vietnamese(page.title),
        position_and_unit=vietnamese(launch_line(page)),
        achievement=vietnamese(sentences(page.goals) or sentences(page.results)),
        quoted=False,
        footnote=exemplar_count_line(page),
        photos=photos(page.lead_image, SCENE),
        **outlet_and_address(page),
    )


def column_content(page):
    anniversary = page.anniversary
    return PosterContent(
        heading=f"KỶ NIỆM {anniversary.number} NĂM",
        name=vietnamese(page.title),
        position_and_unit=vietnamese(
            f"{page.event.name} ({event_date_label(page.event)} – {anniversary.date_label})"
        ),
        achievement=vietnamese(sentences(page.introduction) or page.search_description),
        quoted=False,
        footnote="",
        photos=photos(page.hero_image, SCENE),
        **outlet_and_address(page),
    )


CONTENT_OF = {ExemplarPage: exemplar_content, MovementPage: movement_content, CampaignPage: column_content}


def outlet_and_address(page):
    site = page.get_site()
    return {"masthead": vietnamese(masthead(site)), "url": page.get_full_url(), "accent": accent_colour(site)}


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


def sentences(rich_text):
    """Rich text as one run of sentences: each paragraph, heading or item of a list ends with a full stop unless
    it ends with a mark of its own ("Mục tiêu: Đường làng sạch đẹp. Thu nhập tăng.")."""
    blocks = re.split(r"</(?:p|li|h[1-6])>", rich_text or "")
    texts = [" ".join(html.unescape(strip_tags(re.sub(r"<br\b", " <br", block))).split()) for block in blocks]
    return " ".join(text if text.endswith(SENTENCE_ENDS) else f"{text}." for text in texts if text)


def movement_titles(page):
    return page.movements.live().public().order_by("title").values_list("title", flat=True)


def movement_line(movements):
    """The movements under their label, unless their name already begins with it ("Phong trào “Ngày thứ Bảy
    tình nguyện”")."""
    if not movements or movements.casefold().startswith(MOVEMENT_LABEL.strip(" :").casefold()):
        return movements
    return MOVEMENT_LABEL + movements


def launch_line(page):
    """Who launched the movement and when: "UBND tỉnh phát động từ ngày 10/3/2025 đến ngày 31/12/2025"."""
    period = f"từ ngày {short_date(page.start_date)}"
    if page.end_date:
        period += f" đến ngày {short_date(page.end_date)}"
    launcher = page.launcher_name
    return f"{launcher} phát động {period}" if launcher else f"Phát động {period}"


def exemplar_count_line(page):
    count = page.exemplars.live().public().count()
    return f"{count} gương điển hình" if count else ""


def masthead(site):
    if site is None:
        return ""
    return OutletIdentity.for_site(site).full_name or site.site_name


def accent_colour(site):
    home = OutletHomePage.objects.filter(pk=site.root_page_id).first() if isinstance(site, Site) else None
    return home.brand_color if home else DEFAULT_ACCENT


def photos(image, shapes=tuple(PHOTO_FILTERS)):
    """The image cropped to each of `shapes`; none where the image or its file is missing."""
    if image is None:
        return {}
    try:
        return {shape: rendition_bytes(image, PHOTO_FILTERS[shape]) for shape in shapes}
    # Wagtail's SourceImageIOError, where the original file is gone, is an OSError.
    except OSError:
        return {}


def rendition_bytes(image, filter_spec):
    rendition = image.get_rendition(filter_spec)
    with rendition.file.open("rb") as file:
        return file.read()
