"""People as flat figures: whole figures for the scenes (a crowd, a harvest, a stage) and busts for portraits.

Faces are left out of the small figures and kept to a few strokes on the busts: the pictures stand for the
demo's people, they do not pretend to be their likeness.
"""

from dataclasses import dataclass

from .canvas import mix, with_alpha

SKIN_TONES = ("#c98c62", "#b87a52", "#d9a27a", "#a8694a", "#e0b08c")
HAIR_COLOURS = ("#1d1612", "#2a1d16", "#151515", "#3a2a20")
CLOTHES = ("#2f5d8a", "#b03a2e", "#e0a526", "#3d7a4f", "#6b4a8a", "#d9d4c5", "#26456e", "#c2572b")
TROUSERS = ("#2b2b35", "#3a3f52", "#4a3b2f", "#22303f")
# The Ê Đê and M'nông dress: dark indigo cloth woven with red and yellow bands.
INDIGO = "#1f2542"
WEAVE_BANDS = ("#b8262b", "#e3b23c", "#f2f0e6")


@dataclass
class Person:
    clothes: str
    trousers: str
    skin: str
    hair: str
    traditional: bool = False  # the woven Ê Đê or M'nông dress
    skirt: bool = False
    hat: str = ""  # "non" (conical hat), "cap" (a uniform's peaked cap), "" (none)


def somebody(c, traditional_share=0.0, skirt_share=0.4):
    """A person of the crowd, with the picture's own random clothes."""
    traditional = c.rng.random() < traditional_share
    return Person(
        clothes=INDIGO if traditional else c.choice(CLOTHES),
        trousers=INDIGO if traditional else c.choice(TROUSERS),
        skin=c.choice(SKIN_TONES),
        hair=c.choice(HAIR_COLOURS),
        traditional=traditional,
        skirt=traditional or c.rng.random() < skirt_share,
    )


def figure(c, x, foot, height, person, pose="stand", distance=0.0):
    """A standing figure `height` tall with its feet at (x, foot). Poses: stand, raise (an arm up), hold (both
    hands in front), reach (picking, arms up and forward), strike (a gong), pound (a rice pestle). Returns the
    head's centre y."""
    h = height
    lit = lambda colour: c.lit(colour, distance)  # noqa: E731
    half = h * 0.115
    legs(c, x, foot, h, half, person, lit)
    hip = foot - h * 0.46
    head_r = h * 0.075
    neck = foot - h + head_r * 2.1
    shoulder_y = neck + h * 0.03
    c.rect(x - half, shoulder_y, x + half, hip + h * 0.02, lit(person.clothes), radius=h * 0.05)
    if person.traditional:
        for index, band in enumerate(WEAVE_BANDS):
            y = hip - h * (0.05 + index * 0.03)
            c.rect(x - half, y, x + half, y + h * 0.012, lit(band))
    arms(c, x, shoulder_y, half, h * 0.05, h, pose, lit(person.clothes), lit(person.skin))
    # Neck and head.
    c.rect(x - h * 0.025, neck - h * 0.02, x + h * 0.025, shoulder_y + h * 0.01, lit(person.skin))
    head_y = foot - h + head_r
    c.circle(x, head_y, head_r, lit(person.skin))
    c.ellipse(x, head_y - head_r * 0.35, head_r * 1.02, head_r * 0.7, lit(person.hair))
    if person.hat == "non":
        c.polygon(
            [
                (x - head_r * 2.3, head_y - head_r * 0.2),
                (x + head_r * 2.3, head_y - head_r * 0.2),
                (x, head_y - head_r * 2.2),
            ],
            lit("#e8d8a8"),
        )
    elif person.hat == "cap":
        c.rect(
            x - head_r * 1.1,
            head_y - head_r * 1.1,
            x + head_r * 1.1,
            head_y - head_r * 0.35,
            lit(mix(person.clothes, "#000000", 0.15)),
            radius=head_r * 0.4,
        )
        c.rect(
            x - head_r * 1.3, head_y - head_r * 0.5, x + head_r * 1.3, head_y - head_r * 0.3, lit("#1a1a1a")
        )
        c.circle(x, head_y - head_r * 0.75, head_r * 0.22, lit("#e3b23c"))
    return head_y


def legs(c, x, foot, h, half, person, lit):
    """Trousers, or a skirt to below the knee with the legs under it."""
    hip = foot - h * 0.46
    if person.skirt:
        c.polygon(
            [
                (x - half * 0.9, hip - h * 0.02),
                (x + half * 0.9, hip - h * 0.02),
                (x + half * 1.05, foot - h * 0.12),
                (x - half * 1.05, foot - h * 0.12),
            ],
            lit(person.trousers),
        )
        for leg in (-1, 1):
            leg_x = x + leg * half * 0.45
            c.rect(leg_x - h * 0.028, foot - h * 0.13, leg_x + h * 0.028, foot, lit(person.skin))
    else:
        for leg in (-1, 1):
            leg_x = x + leg * half * 0.5
            c.rect(leg_x - h * 0.045, hip - h * 0.02, leg_x + h * 0.045, foot, lit(person.trousers))


def arms(c, x, shoulder_y, half, width, h, pose, sleeve, skin):
    """Two arms from the shoulders: sleeve to the elbow, then the forearm in skin."""
    shapes = {
        "stand": ((-0.32, 0.05, -0.34, 0.28), (0.32, 0.05, 0.34, 0.28)),
        "raise": ((-0.3, 0.06, -0.33, 0.29), (0.28, -0.12, 0.33, -0.3)),
        "hold": ((-0.25, 0.1, -0.05, 0.17), (0.25, 0.1, 0.05, 0.17)),
        "reach": ((-0.2, -0.05, -0.05, -0.2), (0.26, -0.02, 0.35, -0.16)),
        "strike": ((-0.3, 0.08, -0.22, 0.2), (0.3, 0.0, 0.42, -0.08)),
        "pound": ((-0.12, -0.06, -0.02, -0.2), (0.12, -0.06, 0.02, -0.2)),
    }
    for side, (elbow_dx, elbow_dy, hand_dx, hand_dy) in zip((-1, 1), shapes[pose], strict=True):
        shoulder = (x + side * half * 0.85, shoulder_y + h * 0.03)
        elbow = (x + elbow_dx * h * 0.5 + side * half * 0.3, shoulder_y + h * 0.12 + elbow_dy * h * 0.5)
        hand = (x + hand_dx * h * 0.5 + side * half * 0.2, shoulder_y + h * 0.22 + hand_dy * h * 0.5)
        c.line([shoulder, elbow], sleeve, width)
        c.line([elbow, hand], skin, width * 0.8)
        c.circle(*hand, width * 0.5, skin)


def crowd(c, x0, x1, foot, height, count, traditional_share=0.0):
    """A row of `count` people standing between x0 and x1, their heights varying a little."""
    for index in range(count):
        x = x0 + (x1 - x0) * (index + 0.5) / count + c.jitter((x1 - x0) / count * 0.2)
        person = somebody(c, traditional_share)
        figure(c, x, foot + c.jitter(height * 0.03), height * c.rng.uniform(0.9, 1.06), person)


# Busts, for portraits.


@dataclass
class Sitter:
    """Who a portrait shows, as the picture's data describes them (data/pictures.json, `person`)."""

    skin: str = SKIN_TONES[0]
    hair: str = HAIR_COLOURS[0]
    hairstyle: str = "short"  # short, long, bun, side_part, cropped
    outfit: str = "shirt"  # shirt, white_coat, police, army, ao_dai, ede, youth, jacket
    colour: str = "#2f5d8a"
    background: str = "#d8e6e0"
    accent: str = "#f2c14e"
    glasses: bool = False
    headwear: str = ""  # "", "police_cap", "helmet", "scarf"


def bust(c, sitter):
    """A head-and-shoulders portrait filling the canvas; returns the face's box (the picture's focal point)."""
    w, h = c.width, c.height
    cx = w * 0.5
    c.rect(0, 0, w, h, sitter.background)
    # A large soft disc behind the head and a band of the accent colour give the portrait its frame.
    c.circle(cx, h * 0.42, w * 0.42, mix(sitter.background, "#ffffff", 0.35))
    c.polygon([(0, h * 0.78), (w, h * 0.62), (w, h * 0.7), (0, h * 0.86)], with_alpha(sitter.accent, 0.55))
    head_cx, head_cy = cx, h * 0.4
    rx, ry = w * 0.16, w * 0.2
    if sitter.hairstyle == "long":
        c.ellipse(head_cx, head_cy + ry * 0.55, rx * 1.3, ry * 1.45, sitter.hair)
    # Shoulders and clothes.
    outfit(c, sitter, cx, head_cy + ry, w, h)
    # Neck, ears, head.
    c.rect(
        cx - rx * 0.42,
        head_cy + ry * 0.5,
        cx + rx * 0.42,
        head_cy + ry * 1.25,
        mix(sitter.skin, "#000000", 0.12),
    )
    for side in (-1, 1):
        c.ellipse(head_cx + side * rx * 0.98, head_cy + ry * 0.08, rx * 0.16, ry * 0.16, sitter.skin)
    c.ellipse(head_cx, head_cy, rx, ry, sitter.skin)
    hair(c, sitter, head_cx, head_cy, rx, ry)
    face(c, sitter, head_cx, head_cy, rx, ry)
    headwear(c, sitter, head_cx, head_cy, rx, ry)
    return (head_cx - rx * 1.4, head_cy - ry * 1.5, head_cx + rx * 1.4, head_cy + ry * 1.3)


def outfit(c, sitter, cx, top, w, h):
    colour = {"white_coat": "#f4f6f7", "police": "#4f6b3a", "army": "#5b6b3a", "ede": INDIGO}.get(
        sitter.outfit, sitter.colour
    )
    c.ellipse(cx, h * 1.05, w * 0.52, h * 0.36, colour)
    c.rect(cx - w * 0.36, top + h * 0.05, cx + w * 0.36, h, colour, radius=w * 0.12)
    neck_open = [(cx - w * 0.08, top - h * 0.01), (cx + w * 0.08, top - h * 0.01), (cx, top + h * 0.09)]
    if sitter.outfit in ("shirt", "youth", "white_coat", "police", "army", "jacket"):
        c.polygon(neck_open, mix(sitter.skin, "#000000", 0.12))
    if sitter.outfit == "white_coat":
        c.polygon(
            [(cx - w * 0.11, top), (cx - w * 0.02, top + h * 0.2), (cx - w * 0.2, top + h * 0.05)], "#dfe4e6"
        )
        c.polygon(
            [(cx + w * 0.11, top), (cx + w * 0.02, top + h * 0.2), (cx + w * 0.2, top + h * 0.05)], "#dfe4e6"
        )
        c.rect(
            cx - w * 0.06, top + h * 0.03, cx + w * 0.06, top + h * 0.2, sitter.colour
        )  # the shirt under it
        # A stethoscope around the neck.
        c.arc(cx, top + h * 0.02, w * 0.13, 20, 160, "#2d3640", w * 0.012)
        c.line([(cx + w * 0.12, top + h * 0.06), (cx + w * 0.15, top + h * 0.17)], "#2d3640", w * 0.012)
        c.circle(cx + w * 0.15, top + h * 0.18, w * 0.022, "#8a949c")
    elif sitter.outfit in ("police", "army"):
        for side in (-1, 1):
            c.polygon(
                [
                    (cx + side * w * 0.08, top),
                    (cx + side * w * 0.2, top + h * 0.02),
                    (cx + side * w * 0.1, top + h * 0.1),
                ],
                "#b8262b" if sitter.outfit == "police" else "#c9a640",
            )
        if sitter.outfit == "army":
            for index in range(3):
                mx = cx - w * 0.22 + index * w * 0.05
                c.rect(
                    mx - w * 0.015,
                    top + h * 0.14,
                    mx + w * 0.015,
                    top + h * 0.17,
                    ("#b8262b", "#e3b23c", "#2f5d8a")[index],
                )
                c.circle(mx, top + h * 0.2, w * 0.018, "#e3b23c")
    elif sitter.outfit == "ao_dai":
        c.rect(cx - w * 0.07, top - h * 0.03, cx + w * 0.07, top + h * 0.03, sitter.colour, radius=w * 0.02)
        c.line(
            [(cx + w * 0.07, top + h * 0.01), (cx + w * 0.17, top + h * 0.09)],
            mix(sitter.colour, "#000000", 0.25),
            w * 0.008,
        )
    elif sitter.outfit == "ede":
        for index, band in enumerate(WEAVE_BANDS * 2):
            y = top + h * (0.13 + index * 0.022)
            c.rect(cx - w * 0.36, y, cx + w * 0.36, y + h * 0.009, band)
        c.rect(cx - w * 0.07, top - h * 0.02, cx + w * 0.07, top + h * 0.03, INDIGO, radius=w * 0.02)
    elif sitter.outfit == "youth":
        c.circle(cx - w * 0.2, top + h * 0.1, w * 0.03, "#b8262b")  # the Youth Union badge
        c.circle(cx - w * 0.2, top + h * 0.1, w * 0.012, "#e3b23c")
    elif sitter.outfit == "jacket":
        c.line([(cx, top + h * 0.09), (cx, h)], mix(sitter.colour, "#000000", 0.3), w * 0.01)
        c.rect(cx - w * 0.36, top + h * 0.2, cx + w * 0.36, top + h * 0.23, "#f2f0e6")  # a reflective band


def hair(c, sitter, cx, cy, rx, ry):
    colour = sitter.hair
    style = sitter.hairstyle
    c.ellipse(cx, cy - ry * 0.42, rx * 1.06, ry * 0.66, colour)
    if style in ("long", "bun"):
        for side in (-1, 1):
            c.ellipse(cx + side * rx * 0.9, cy - ry * 0.05, rx * 0.26, ry * 0.62, colour)
    if style == "bun":
        c.circle(cx, cy - ry * 1.05, rx * 0.38, colour)
    elif style == "side_part":
        c.polygon(
            [
                (cx - rx * 0.9, cy - ry * 0.35),
                (cx + rx * 0.2, cy - ry * 0.95),
                (cx + rx * 0.95, cy - ry * 0.3),
            ],
            colour,
        )
    elif style == "cropped":
        c.ellipse(cx, cy - ry * 0.55, rx * 0.98, ry * 0.5, colour)
    # The hairline: the face's skin over the lower edge of the hair.
    c.ellipse(cx, cy + ry * 0.12, rx * 0.86, ry * 0.8, sitter.skin)


def face(c, sitter, cx, cy, rx, ry):
    ink = "#2a1c16"
    eye_y = cy + ry * 0.05
    for side in (-1, 1):
        ex = cx + side * rx * 0.38
        c.ellipse(ex, eye_y, rx * 0.075, ry * 0.06, ink)
        brow_y = eye_y - ry * 0.2
        c.line(
            [(ex - rx * 0.16, brow_y + ry * 0.02), (ex + rx * 0.16, brow_y)],
            mix(sitter.hair, ink, 0.5),
            rx * 0.05,
        )
        c.circle(cx + side * rx * 0.5, cy + ry * 0.3, rx * 0.12, with_alpha("#e06c5a", 0.25))
    c.line(
        [(cx, cy + ry * 0.08), (cx - rx * 0.06, cy + ry * 0.28), (cx + rx * 0.03, cy + ry * 0.3)],
        mix(sitter.skin, ink, 0.35),
        rx * 0.03,
    )
    c.arc(cx, cy + ry * 0.28, rx * 0.25, 35, 145, "#8a3b32", rx * 0.045)
    if sitter.glasses:
        for side in (-1, 1):
            c.arc(cx + side * rx * 0.38, eye_y, rx * 0.2, 0, 360, "#2d3640", rx * 0.035)
        c.line([(cx - rx * 0.18, eye_y), (cx + rx * 0.18, eye_y)], "#2d3640", rx * 0.03)


def headwear(c, sitter, cx, cy, rx, ry):
    if sitter.headwear == "police_cap":
        c.ellipse(cx, cy - ry * 0.62, rx * 1.35, ry * 0.36, "#4f6b3a")
        c.rect(cx - rx * 1.05, cy - ry * 0.72, cx + rx * 1.05, cy - ry * 0.42, "#b8262b")
        c.ellipse(cx, cy - ry * 0.42, rx * 1.1, ry * 0.1, "#1c1c1c")
        c.circle(cx, cy - ry * 0.75, rx * 0.2, "#e3b23c")
        c.circle(cx, cy - ry * 0.75, rx * 0.09, "#b8262b")
    elif sitter.headwear == "helmet":
        c.ellipse(cx, cy - ry * 0.62, rx * 1.18, ry * 0.6, sitter.accent)
        c.rect(
            cx - rx * 1.18,
            cy - ry * 0.34,
            cx + rx * 1.18,
            cy - ry * 0.24,
            mix(sitter.accent, "#000000", 0.25),
        )
        c.rect(
            cx - rx * 0.5,
            cy - ry * 1.08,
            cx + rx * 0.5,
            cy - ry * 0.98,
            with_alpha("#ffffff", 0.45),
            radius=rx * 0.05,
        )
    elif sitter.headwear == "scarf":
        c.ellipse(cx, cy - ry * 0.72, rx * 1.15, ry * 0.45, sitter.accent)
        for index, band in enumerate(WEAVE_BANDS):
            y = cy - ry * (0.62 - index * 0.08)
            c.rect(cx - rx * 1.12, y, cx + rx * 1.12, y + ry * 0.04, band)
