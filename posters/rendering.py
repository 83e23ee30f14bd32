"""The print-ready PDF of a poster (fpdf2): two designs, A4 and A3 portrait, the Be Vietnam Pro fonts embedded.

Every design is drawn on A4's grid in points and scaled to the sheet, so that A3 is the same poster larger. Text
is measured before it is drawn: a name shrinks to its smallest size and is then cut with an ellipsis, the other
blocks are cut at the lines left above the footer, so that nothing runs off its frame or over the QR code.
"""

from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import segno
from fpdf import FPDF
from fpdf.enums import MethodReturnValue

from django.utils.translation import gettext_lazy as _

FONTS = Path(__file__).parent / "fonts"
FAMILY = "BeVietnamPro"
FONT_FILES = {"": "BeVietnamPro-Regular.ttf", "B": "BeVietnamPro-Bold.ttf", "I": "BeVietnamPro-Italic.ttf"}
ELLIPSIS = "…"
# "The achievement in a few lines": a poster is read from across a room, the profile holds the rest.
ACHIEVEMENT_LINES = 8
A4_WIDTH = 595.28
# The formal design's photo frames, in the order it prefers them: width and height in A4 points.
FORMAL_FRAMES = {"portrait": (196, 245), "landscape": (400, 245)}

SIZES = {"A4": _("A4 (210 × 297 mm)"), "A3": _("A3 (297 × 420 mm)")}
DESIGNS = {
    "trang-trong": _("Formal: the portrait framed and centred, the masthead on a band at the top"),
    "hien-dai": _("Modern: the photo across the top, the name on a band of the outlet's colour"),
}

SCAN_PROMPT = "Quét mã QR để đọc câu chuyện đầy đủ"
TEXT_COLOUR = "#222222"
MUTED_COLOUR = "#555555"
GOLD = "#c9a227"
WHITE = "#ffffff"


def rgb(hex_colour):
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


@dataclass(frozen=True)
class Style:
    size: float
    weight: str = ""
    colour: str = TEXT_COLOUR
    align: str = "C"
    leading: float = 1.3

    @property
    def line_height(self):
        return self.size * self.leading


class Sheet:
    """An fpdf2 document of pages of one size, addressed in A4 points: every length passed in is scaled to the
    sheet. Its text is measured before it is drawn (`lines`, `shrunk_lines`), so that it fits its frame."""

    def __init__(self, size, title):
        self.pdf = FPDF(orientation="portrait", unit="pt", format=size)
        for style, file_name in FONT_FILES.items():
            self.pdf.add_font(FAMILY, style, FONTS / file_name)
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margin(0)
        self.pdf.set_title(title)
        self.pdf.set_lang("vi")
        self.pdf.set_creator("Nêu Gương")
        self.scale = self.pdf.w / A4_WIDTH
        self.width = A4_WIDTH
        self.height = self.pdf.h / self.scale

    def use(self, style, size=None):
        self.pdf.set_font(FAMILY, style.weight, (size or style.size) * self.scale)
        self.pdf.set_text_color(*rgb(style.colour))

    def lines(self, text, style, width, max_lines, size=None):
        """`text` broken into lines of `width`, at most `max_lines`, the last one cut with an ellipsis if the
        text goes on."""
        if not text or max_lines < 1:
            return []
        self.use(style, size)
        lines = self.pdf.multi_cell(
            width * self.scale, style.line_height, text, dry_run=True, output=MethodReturnValue.LINES
        )
        if len(lines) <= max_lines:
            return lines
        return [*lines[: max_lines - 1], self.with_ellipsis(lines[max_lines - 1], width)]

    def with_ellipsis(self, line, width):
        """`line` shortened, by words while it has more than one, until it and the ellipsis fit `width`."""
        line = line.rstrip()
        while line and self.pdf.get_string_width(line + ELLIPSIS) > width * self.scale:
            head, space, _tail = line.rpartition(" ")
            line = head.rstrip() if space and head else line[:-1].rstrip()
        return line + ELLIPSIS

    def shrunk_lines(self, text, style, width, max_lines, smallest):
        """`text` at the largest size from `style.size` down to `smallest` at which it fits `max_lines`; at the
        smallest it is cut. Returns (lines, the size used)."""
        size = style.size
        while size > smallest:
            self.use(style, size)
            lines = self.pdf.multi_cell(
                width * self.scale, 1, text, dry_run=True, output=MethodReturnValue.LINES
            )
            if len(lines) <= max_lines:
                break
            size -= 2
        size = max(size, smallest)
        return self.lines(text, style, width, max_lines, size=size), size

    def write(self, lines, style, x, y, width, size=None):
        """Draw `lines` from the top `y`; returns the y under them."""
        self.use(style, size)
        line_height = (size or style.size) * style.leading
        for line in lines:
            self.pdf.set_xy(x * self.scale, y * self.scale)
            self.pdf.cell(width * self.scale, line_height * self.scale, line, align=style.align)
            y += line_height
        return y

    def fill(self, colour, x, y, width, height):
        self.pdf.set_fill_color(*rgb(colour))
        self.pdf.rect(x * self.scale, y * self.scale, width * self.scale, height * self.scale, style="F")

    def picture(self, data, x, y, width, height):
        self.pdf.image(BytesIO(data), x * self.scale, y * self.scale, width * self.scale, height * self.scale)

    def qr_code(self, url, x, y, side):
        """The QR code of `url` as a PNG of whole modules, sharp at any print size (PDF viewers do not smooth
        it)."""
        png = BytesIO()
        segno.make(url, error="m").save(png, kind="png", scale=16, border=0)
        self.picture(png.getvalue(), x, y, side, side)

    def pdf_bytes(self):
        return bytes(self.pdf.output())


def line_height_of(lines, style, size=None):
    return len(lines) * (size or style.size) * style.leading


def lines_that_fit(space, style):
    return max(0, int(space // style.line_height))


def footer(sheet, content, accent, qr_left):
    """The QR code in a corner and, beside it, what it leads to; returns the top of the footer."""
    side, margin = 92, 40
    top = sheet.height - margin - side
    qr_x = margin if qr_left else sheet.width - margin - side
    sheet.qr_code(content.url, qr_x, top, side)
    text_x = margin + side + 16 if qr_left else margin
    text_width = sheet.width - 2 * margin - side - 16
    align = "L" if qr_left else "R"
    prompt = Style(12, "B", accent, align)
    address = Style(9, "", MUTED_COLOUR, align)
    y = sheet.write(sheet.lines(SCAN_PROMPT, prompt, text_width, 2), prompt, text_x, top + 18, text_width)
    sheet.write(sheet.lines(content.url, address, text_width, 2), address, text_x, y + 4, text_width)
    return top


def formal(sheet, content):
    """A band of the outlet's colour with its masthead, the heading, the portrait framed in the middle, the name,
    the line under it, the text (an achievement in quotes) and the footnote; the QR code bottom left."""
    accent = content.accent
    sheet.fill(accent, 0, 0, sheet.width, 64)
    sheet.fill(GOLD, 0, 64, sheet.width, 3)
    masthead = Style(15, "B", WHITE)
    sheet.write(sheet.lines(content.masthead, masthead, 515, 1), masthead, 40, 20, 515)
    heading = Style(20, "B", accent)
    y = sheet.write(sheet.lines(content.heading, heading, 515, 1), heading, 40, 88, 515)
    # A portrait, or a scene as wide as it comes: both frames are as high, the text below starts at one place.
    shape = next((shape for shape in FORMAL_FRAMES if shape in content.photos), None)
    if shape:
        frame_width, frame_height = FORMAL_FRAMES[shape]
        frame_x = (sheet.width - frame_width) / 2
        sheet.fill(GOLD, frame_x - 4, y + 10, frame_width + 8, frame_height + 8)
        sheet.picture(content.photos[shape], frame_x, y + 14, frame_width, frame_height)
        y += frame_height + 30
    else:
        sheet.fill(GOLD, (sheet.width - 80) / 2, y + 14, 80, 3)
        y += 50
    bottom = sheet.height - 160
    name_style = Style(34, "B", accent, leading=1.2)
    name_lines, name_size = sheet.shrunk_lines(content.name, name_style, 515, 2, smallest=20)
    y = sheet.write(name_lines, name_style, 40, y, 515, size=name_size) + 4
    post = Style(14, "", MUTED_COLOUR)
    y = sheet.write(sheet.lines(content.position_and_unit, post, 515, 2), post, 40, y, 515) + 14
    footnote = Style(12, "B", accent)
    footnote_lines = sheet.lines(content.footnote, footnote, 455, 2)
    quote = Style(13, "I", TEXT_COLOUR, leading=1.4)
    space = bottom - y - line_height_of(footnote_lines, footnote) - 10
    quoted = f"“{content.achievement}”" if content.achievement and content.quoted else content.achievement
    y = (
        sheet.write(
            sheet.lines(quoted, quote, 455, min(ACHIEVEMENT_LINES, lines_that_fit(space, quote))),
            quote,
            70,
            y,
            455,
        )
        + 10
    )
    sheet.write(footnote_lines, footnote, 70, y, 455)
    footer(sheet, content, accent, qr_left=True)
    sheet.fill(accent, 0, sheet.height - 12, sheet.width, 12)


def modern(sheet, content):
    """The masthead on a white strip, the photo across the page, the name on a band of the outlet's colour, then
    the text beside a rule and the footnote; the QR code bottom right. Without a photo the band grows."""
    accent = content.accent
    masthead = Style(12, "B", accent, "L")
    sheet.write(sheet.lines(content.masthead, masthead, 300, 1), masthead, 40, 16, 300)
    heading = Style(10, "B", MUTED_COLOUR, "R")
    sheet.write(sheet.lines(content.heading, heading, 215, 1), heading, 340, 17, 215)
    y = 48
    if "landscape" in content.photos:
        photo_height = sheet.width * 1100 / 1800
        sheet.picture(content.photos["landscape"], 0, y, sheet.width, photo_height)
        y += photo_height
    name_style = Style(32, "B", WHITE, "L", leading=1.2)
    name_lines, name_size = sheet.shrunk_lines(content.name, name_style, 515, 3, smallest=20)
    post = Style(13, "", WHITE, "L")
    post_lines = sheet.lines(content.position_and_unit, post, 515, 2)
    band_height = 48 + line_height_of(name_lines, name_style, name_size) + line_height_of(post_lines, post)
    if not content.photos:
        band_height = max(band_height, 300)
    sheet.fill(accent, 0, y, sheet.width, band_height)
    sheet.fill(GOLD, 40, y + band_height - 22, 64, 3)
    text_top = y + band_height - 30 - line_height_of(name_lines, name_style, name_size)
    text_top -= line_height_of(post_lines, post)
    sheet.write(post_lines, post, 40, sheet.write(name_lines, name_style, 40, text_top, 515, name_size), 515)
    y += band_height + 24
    bottom = sheet.height - 150
    footnote = Style(12, "B", accent, "L")
    footnote_lines = sheet.lines(content.footnote, footnote, 500, 2)
    body = Style(13, "", TEXT_COLOUR, "L", leading=1.45)
    space = bottom - y - line_height_of(footnote_lines, footnote) - 12
    body_lines = sheet.lines(
        content.achievement, body, 500, min(ACHIEVEMENT_LINES, lines_that_fit(space, body))
    )
    if body_lines:
        sheet.fill(accent, 40, y + 3, 3, line_height_of(body_lines, body) - 6)
    y = sheet.write(body_lines, body, 55, y, 500) + 12
    sheet.write(footnote_lines, footnote, 55, y, 500)
    footer(sheet, content, accent, qr_left=False)
    sheet.fill(accent, 0, sheet.height - 8, sheet.width, 8)


DRAWINGS = {"trang-trong": formal, "hien-dai": modern}


def render_poster(content, size, design):
    """The poster's PDF as bytes; `size` one of SIZES, `design` one of DESIGNS."""
    sheet = Sheet(size, content.name)
    sheet.pdf.add_page()
    DRAWINGS[design](sheet, content)
    return sheet.pdf_bytes()
