"""A page's share cards for social networks and Zalo (Pillow): 1200 × 630 and 1080 × 1080 JPEGs with the
heading, the photo, the name, the line under it, the text in a few lines and the outlet's masthead.

Each text block is measured before it is drawn, as on the posters: the name shrinks, then every block is cut
with an ellipsis at its lines, so that every line drawn lies inside the card (`CardText.box`).
"""

from dataclasses import dataclass
from io import BytesIO

from PIL import Image, ImageDraw, ImageFont, ImageOps

from .rendering import ELLIPSIS, FONT_FILES, FONTS, GOLD, WHITE

CARD_SIZES = {"wide": (1200, 630), "square": (1080, 1080)}
MARGIN = 56


@dataclass(frozen=True)
class CardText:
    text: str
    box: tuple


def font(weight, size):
    return ImageFont.truetype(str(FONTS / FONT_FILES[weight]), size)


def wrapped(draw, text, typeface, width, max_lines):
    """`text` in lines no wider than `width`, at most `max_lines`, the last one cut with an ellipsis if the text
    goes on; a word wider than the line is cut too."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=typeface) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
    if line:
        lines.append(line)
    lines = [fitted(draw, each, typeface, width, cut=False) for each in lines]
    if len(lines) <= max_lines:
        return lines
    return [*lines[: max_lines - 1], fitted(draw, lines[max_lines - 1], typeface, width, cut=True)]


def fitted(draw, line, typeface, width, *, cut):
    """`line` as it is if it fits and is not `cut`, else shortened until it and an ellipsis fit."""
    if not cut and draw.textlength(line, font=typeface) <= width:
        return line
    while line and draw.textlength(line + ELLIPSIS, font=typeface) > width:
        head, space, _tail = line.rpartition(" ")
        line = head if space and head else line[:-1]
    return line.rstrip() + ELLIPSIS


class Card:
    def __init__(self, shape, accent):
        self.width, self.height = CARD_SIZES[shape]
        self.image = Image.new("RGB", (self.width, self.height), accent)
        self.draw = ImageDraw.Draw(self.image)
        self.texts = []

    def block(self, text, typeface, x, y, width, max_lines, colour=WHITE, leading=1.25):
        """Draw `text` from the top `y`; returns the y under it."""
        step = round(typeface.size * leading)
        for line in wrapped(self.draw, text, typeface, width, max_lines) if text else []:
            self.draw.text((x, y), line, font=typeface, fill=colour)
            self.texts.append(CardText(line, self.draw.textbbox((x, y), line, font=typeface)))
            y += step
        return y

    def name(self, text, x, y, width, max_lines, largest, smallest):
        size = largest
        while size > smallest and len(wrapped(self.draw, text, font("B", size), width, 99)) > max_lines:
            size -= 4
        return self.block(text, font("B", size), x, y, width, max_lines, leading=1.15)

    def photo(self, data, x, y, width, height):
        with Image.open(BytesIO(data)) as photo:
            self.image.paste(ImageOps.fit(photo.convert("RGB"), (width, height)), (x, y))

    def jpeg(self):
        output = BytesIO()
        self.image.save(output, "JPEG", quality=88, optimize=True)
        return output.getvalue()


def wide_card(content):
    card = Card("wide", content.accent)
    text_x = MARGIN
    # A scene has no portrait: its landscape crop is cut again to the card's side.
    photo = content.photos.get("portrait") or content.photos.get("landscape")
    if photo:
        card.photo(photo, card.width - 504, 0, 504, card.height)
    text_width = (card.width - 504 if content.photos else card.width) - 2 * MARGIN
    card.block(content.heading, font("B", 22), text_x, MARGIN, text_width, 1, colour=GOLD)
    y = card.name(content.name, text_x, MARGIN + 50, text_width, 3, largest=60, smallest=36) + 10
    y = card.block(content.position_and_unit, font("", 26), text_x, y, text_width, 2) + 18
    lines_left = max(0, (card.height - 110 - y) // 36)
    card.block(content.achievement, font("I", 26), text_x, y, text_width, min(4, lines_left), leading=1.35)
    card.block(content.masthead, font("B", 24), text_x, card.height - MARGIN - 30, text_width, 1, colour=GOLD)
    return card


def square_card(content):
    card = Card("square", content.accent)
    y = 0
    if "landscape" in content.photos:
        card.photo(content.photos["landscape"], 0, 0, card.width, 540)
        y = 540
    text_width = card.width - 2 * MARGIN
    y = card.block(content.heading, font("B", 24), MARGIN, y + 44, text_width, 1, colour=GOLD) + 16
    y = card.name(content.name, MARGIN, y, text_width, 3, largest=64 if y > 300 else 80, smallest=38) + 10
    y = card.block(content.position_and_unit, font("", 30), MARGIN, y, text_width, 2) + 18
    lines_left = max(0, (card.height - 120 - y) // 42)
    card.block(content.achievement, font("I", 30), MARGIN, y, text_width, min(6, lines_left), leading=1.35)
    card.block(content.masthead, font("B", 26), MARGIN, card.height - MARGIN - 32, text_width, 1, colour=GOLD)
    return card


CARDS = {"wide": wide_card, "square": square_card}


def share_card(content, shape):
    """The card of `shape` ("wide": 1200 × 630, "square": 1080 × 1080) with the texts drawn on it."""
    return CARDS[shape](content)
