"""The canvas the demo's illustrations are drawn on, their colours and their lights.

Pillow fills polygons without anti-aliasing: a canvas is drawn at SUPERSAMPLE times its size and reduced at the
end, which smooths every edge. Coordinates are given in the finished picture's pixels. Everything random comes
from the canvas's own generator, seeded by the picture: the same seed draws the same picture.
"""

import math
import random
from dataclasses import dataclass

from PIL import Image, ImageDraw

SUPERSAMPLE = 2


def rgb(value):
    """(r, g, b) of "#rrggbb"; a tuple is returned as it is."""
    if isinstance(value, tuple):
        return value
    return tuple(int(value[index : index + 2], 16) for index in (1, 3, 5))


def mix(first, second, share):
    """The colour `share` of the way from `first` to `second`."""
    first, second = rgb(first), rgb(second)
    return tuple(round(a + (b - a) * share) for a, b in zip(first, second, strict=True))


def with_alpha(colour, alpha):
    return (*rgb(colour), round(255 * alpha))


@dataclass(frozen=True)
class Light:
    """The time of day a scene is drawn in: its sky from top to horizon, its sun (or moon), and the haze that
    distant things fade into."""

    sky: tuple
    sun: str
    sun_height: float  # of the sky's height above the horizon, 0 at the horizon
    haze: str
    # How far the land's own colours are darkened: dusk and night are darker than noon.
    dimming: float = 0.0
    night: bool = False


LIGHTS = {
    "dawn": Light(("#2e3f73", "#c9879a", "#f6c27a"), "#fff2c6", 0.3, "#d9a58f"),
    "morning": Light(("#4f9fe0", "#a9d4f2", "#e4f1f7"), "#fffbe8", 0.7, "#c4dcea"),
    "noon": Light(("#2f86d1", "#8cc6ec", "#d6ecf7"), "#ffffff", 0.9, "#b9d7ea"),
    "afternoon": Light(("#5b8fd0", "#b8cfe6", "#f3dcb2"), "#fff4d0", 0.45, "#d8cdbb"),
    "dusk": Light(("#3a2a5c", "#c0566b", "#f59f5b"), "#ffd9a0", 0.12, "#b7707a", dimming=0.25),
    "night": Light(("#0a1633", "#1b2d57", "#33497a"), "#f4f1de", 0.75, "#2c3d63", dimming=0.55, night=True),
    "overcast": Light(("#8d9cab", "#b7c2cc", "#d8dde2"), "#eef0f2", 0.6, "#c3cbd3", dimming=0.1),
}


class Canvas:
    def __init__(self, width, height, seed, light="morning"):
        self.width, self.height = width, height
        self.rng = random.Random(seed)
        self.light = LIGHTS[light]
        self.image = Image.new("RGB", (width * SUPERSAMPLE, height * SUPERSAMPLE), "white")
        self.pen = ImageDraw.Draw(self.image, "RGBA")

    # Colour in this light.

    def lit(self, colour, distance=0.0):
        """`colour` darkened as the light dims, and faded into the haze with `distance` (0 near, 1 horizon)."""
        dimmed = mix(colour, "#10142a", self.light.dimming)
        return mix(dimmed, self.light.haze, min(max(distance, 0.0), 1.0) * 0.85)

    # Shapes, in the finished picture's pixels.

    def polygon(self, points, fill):
        self.pen.polygon([(x * SUPERSAMPLE, y * SUPERSAMPLE) for x, y in points], fill=fill)

    def rect(self, x0, y0, x1, y1, fill, radius=0):
        box = (x0 * SUPERSAMPLE, y0 * SUPERSAMPLE, x1 * SUPERSAMPLE, y1 * SUPERSAMPLE)
        if radius:
            self.pen.rounded_rectangle(box, radius * SUPERSAMPLE, fill=fill)
        else:
            self.pen.rectangle(box, fill=fill)

    def ellipse(self, cx, cy, rx, ry, fill):
        box = (
            (cx - rx) * SUPERSAMPLE,
            (cy - ry) * SUPERSAMPLE,
            (cx + rx) * SUPERSAMPLE,
            (cy + ry) * SUPERSAMPLE,
        )
        self.pen.ellipse(box, fill=fill)

    def circle(self, cx, cy, r, fill):
        self.ellipse(cx, cy, r, r, fill)

    def line(self, points, fill, width):
        self.pen.line(
            [(x * SUPERSAMPLE, y * SUPERSAMPLE) for x, y in points],
            fill=fill,
            width=max(1, round(width * SUPERSAMPLE)),
            joint="curve",
        )

    def arc(self, cx, cy, r, start, end, fill, width):
        box = ((cx - r) * SUPERSAMPLE, (cy - r) * SUPERSAMPLE, (cx + r) * SUPERSAMPLE, (cy + r) * SUPERSAMPLE)
        self.pen.arc(box, start, end, fill=fill, width=max(1, round(width * SUPERSAMPLE)))

    def gradient(self, y0, y1, colours, x0=0, x1=None):
        """Horizontal bands from `colours[0]` at y0 to `colours[-1]` at y1, evenly through the others."""
        x1 = self.width if x1 is None else x1
        top, bottom = round(y0 * SUPERSAMPLE), round(y1 * SUPERSAMPLE)
        steps = len(colours) - 1
        for row in range(top, bottom):
            position = (row - top) / max(bottom - top - 1, 1) * steps
            index = min(int(position), steps - 1)
            colour = mix(colours[index], colours[index + 1], position - index)
            self.pen.line([(x0 * SUPERSAMPLE, row), (x1 * SUPERSAMPLE, row)], fill=colour)

    # Random choices, from the picture's seed.

    def jitter(self, amount):
        return self.rng.uniform(-amount, amount)

    def choice(self, options):
        return self.rng.choice(options)

    def finished(self):
        return self.image.resize((self.width, self.height), Image.Resampling.LANCZOS)


def wave(width, amplitude, rng, waves=3, steps=64):
    """Offsets along a width: a smooth rolling line made of a few sine waves with random phases."""
    components = [
        (rng.uniform(0.6, 1.6) * (index + 1), rng.uniform(0, math.tau), 1 / (index + 1))
        for index in range(waves)
    ]
    total = sum(weight for _frequency, _phase, weight in components)
    return [
        (
            width * step / steps,
            amplitude
            * sum(
                weight * math.sin(math.tau * frequency * step / steps + phase)
                for frequency, phase, weight in components
            )
            / total,
        )
        for step in range(steps + 1)
    ]
