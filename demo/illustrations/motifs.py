"""The things in the demo's scenes: flags and banners, the longhouse and other buildings, gongs and jars, boats,
lamps and cranes. Each is drawn standing on `ground` (its base line) around `x`, `distance` fading it into
the haze."""

import math

from .canvas import mix, with_alpha

FLAG_RED = "#da251d"
FLAG_YELLOW = "#ffde00"
BANNER_RED = "#b3201c"
THATCH = "#8c6a3c"
TIMBER = "#5a3b24"
BAMBOO = "#c9a86a"
BRONZE = "#b7862f"


def star(c, cx, cy, r, colour, rotation=-90):
    points = []
    for index in range(10):
        radius = r if index % 2 == 0 else r * 0.382
        angle = math.radians(rotation + index * 36)
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    c.polygon(points, colour)


def vn_flag(c, x, y, w, wave_depth=0.0, distance=0.0):
    """The national flag, top left at (x, y): red with the yellow star, waving a little if asked."""
    h = w * 2 / 3
    steps = 12
    top = [
        (x + w * i / steps, y + wave_depth * h * math.sin(i / steps * math.pi * 1.5))
        for i in range(steps + 1)
    ]
    bottom = [(px, py + h) for px, py in reversed(top)]
    c.polygon([*top, *bottom], c.lit(FLAG_RED, distance))
    mid_y = y + h / 2 + wave_depth * h * math.sin(0.75 * math.pi)
    star(c, x + w / 2, mid_y, h * 0.3, c.lit(FLAG_YELLOW, distance))


def flagpole(c, x, ground, height, flag_width, distance=0.0):
    c.rect(x - height * 0.006, ground - height, x + height * 0.006, ground, c.lit("#d9d9d9", distance))
    vn_flag(c, x + height * 0.006, ground - height, flag_width, wave_depth=0.08, distance=distance)


def bunting(c, x0, x1, y, sag, count, distance=0.0):
    """A string of small red flags between two points, sagging in the middle."""
    for index in range(count):
        share = (index + 0.5) / count
        x = x0 + (x1 - x0) * share
        dy = sag * math.sin(share * math.pi)
        size = (x1 - x0) / count * 0.55
        colour = (FLAG_RED, FLAG_YELLOW)[index % 2]
        c.polygon(
            [(x - size / 2, y + dy), (x + size / 2, y + dy), (x, y + dy + size * 1.1)],
            c.lit(colour, distance),
        )
    c.line(
        [(x0 + (x1 - x0) * s / 20, y + sag * math.sin(s / 20 * math.pi)) for s in range(21)],
        c.lit("#3b3b3b", distance),
        1.5,
    )


def banner(c, x0, y0, x1, y1, colour=BANNER_RED, lines=2, star_mark=True):
    """A red banner with its lettering suggested by pale bars: the drawing carries no words to misspell."""
    c.rect(x0, y0, x1, y1, colour)
    c.rect(x0, y0, x1, y0 + (y1 - y0) * 0.06, mix(colour, "#000000", 0.25))
    width = x1 - x0
    line_h = (y1 - y0) / (lines * 2 + 1)
    for index in range(lines):
        share = 0.75 if index == 0 else 0.55
        lx0 = x0 + width * (1 - share) / 2
        ly = y0 + line_h * (1 + index * 2)
        c.rect(
            lx0, ly, lx0 + width * share, ly + line_h * 0.8, with_alpha("#f7e27a", 0.92), radius=line_h * 0.3
        )
    if star_mark:
        star(c, x0 + width * 0.07, (y0 + y1) / 2, (y1 - y0) * 0.3, FLAG_YELLOW)
        star(c, x1 - width * 0.07, (y0 + y1) / 2, (y1 - y0) * 0.3, FLAG_YELLOW)


def longhouse(c, x, ground, width, height, distance=0.0):
    """An Ê Đê longhouse (nhà dài): a long timber floor on stilts, bamboo walls, a tall thatched roof, and at
    the front end the notched ladder up to the open porch."""
    lit = lambda colour: c.lit(colour, distance)  # noqa: E731
    floor = ground - height * 0.32
    eave = floor - height * 0.22
    ridge_y = ground - height
    left, right = x - width / 2, x + width / 2
    # Stilts and the shade under the floor.
    c.rect(left + width * 0.04, floor, right - width * 0.02, ground, lit(mix(TIMBER, "#000000", 0.35)))
    for index in range(13):
        px = left + width * (0.06 + index * 0.075)
        c.rect(px - width * 0.006, floor, px + width * 0.006, ground, lit(TIMBER))
    # Floor, walls and the roof over them.
    c.rect(left, floor - height * 0.03, right, floor + height * 0.02, lit(TIMBER))
    c.rect(left + width * 0.05, eave, right - width * 0.02, floor - height * 0.02, lit(BAMBOO))
    for index in range(40):
        sx = left + width * (0.06 + index * 0.023)
        c.line([(sx, eave), (sx, floor - height * 0.02)], lit(mix(BAMBOO, TIMBER, 0.35)), 1.2)
    for door in (0.35, 0.62, 0.86):
        dx = left + width * door
        c.rect(
            dx - width * 0.018,
            eave + height * 0.05,
            dx + width * 0.018,
            floor - height * 0.02,
            lit("#3a2618"),
        )
    c.polygon(
        [
            (left - width * 0.03, eave + height * 0.04),
            (left + width * 0.08, ridge_y),
            (right - width * 0.04, ridge_y),
            (right + width * 0.03, eave + height * 0.04),
        ],
        lit(THATCH),
    )
    for index in range(30):
        tx = left + width * (0.02 + index * 0.033)
        c.line(
            [(tx + width * 0.02, ridge_y + height * 0.02), (tx, eave + height * 0.03)],
            lit(mix(THATCH, "#3a2a18", 0.35)),
            1.5,
        )
    c.rect(
        left + width * 0.08,
        ridge_y - height * 0.015,
        right - width * 0.04,
        ridge_y + height * 0.015,
        lit("#6d4f2a"),
    )
    # The porch at the front end, and its ladder.
    c.rect(
        left - width * 0.09, floor - height * 0.03, left + width * 0.02, floor + height * 0.02, lit(TIMBER)
    )
    c.polygon(
        [
            (left - width * 0.08, floor),
            (left - width * 0.05, floor),
            (left - width * 0.12, ground),
            (left - width * 0.15, ground),
        ],
        lit("#7a5232"),
    )
    for step in range(4):
        share = (step + 1) / 5
        sx = left - width * (0.065 + 0.07 * share)
        sy = floor + (ground - floor) * share
        c.rect(sx - width * 0.012, sy - height * 0.01, sx + width * 0.012, sy, lit("#4a3020"))
    return (left, ridge_y, right, ground)


def house(c, x, ground, width, height, wall, roof, distance=0.0, windows=2):
    """A one-storey house with a tiled gable roof, its door in the middle."""
    lit = lambda colour: c.lit(colour, distance)  # noqa: E731
    eave = ground - height * 0.58
    left, right = x - width / 2, x + width / 2
    c.rect(left, eave, right, ground, lit(wall))
    c.polygon([(left - width * 0.06, eave), (x, ground - height), (right + width * 0.06, eave)], lit(roof))
    c.rect(
        left - width * 0.06,
        eave - height * 0.02,
        right + width * 0.06,
        eave + height * 0.02,
        lit(mix(roof, "#000000", 0.25)),
    )
    c.rect(x - width * 0.08, ground - height * 0.38, x + width * 0.08, ground, lit("#6b4226"))
    for index in range(windows):
        side = -1 if index % 2 == 0 else 1
        wx = x + side * width * (0.28 + 0.1 * (index // 2))
        c.rect(
            wx - width * 0.07, eave + height * 0.12, wx + width * 0.07, eave + height * 0.3, lit("#3f6f8f")
        )
        c.rect(
            wx - width * 0.075,
            eave + height * 0.3,
            wx + width * 0.075,
            eave + height * 0.33,
            lit(mix(wall, "#000000", 0.2)),
        )


def long_building(c, x0, x1, ground, height, wall, roof, windows, door_every=0, distance=0.0):
    """A school's or a health station's building: a long block under a hipped roof, with a row of windows."""
    lit = lambda colour: c.lit(colour, distance)  # noqa: E731
    eave = ground - height * 0.72
    c.rect(x0, eave, x1, ground, lit(wall))
    c.polygon(
        [
            (x0 - height * 0.1, eave),
            (x0 + height * 0.25, ground - height),
            (x1 - height * 0.25, ground - height),
            (x1 + height * 0.1, eave),
        ],
        lit(roof),
    )
    c.rect(
        x0 - height * 0.1,
        eave - height * 0.02,
        x1 + height * 0.1,
        eave + height * 0.03,
        lit(mix(roof, "#000000", 0.25)),
    )
    for index in range(windows):
        wx = x0 + (x1 - x0) * (index + 0.5) / windows
        if door_every and index % door_every == door_every // 2:
            c.rect(
                wx - height * 0.08, eave + (ground - eave) * 0.25, wx + height * 0.08, ground, lit("#5a3a22")
            )
        else:
            top, bottom = eave + (ground - eave) * 0.28, eave + (ground - eave) * 0.7
            c.rect(wx - height * 0.07, top, wx + height * 0.07, bottom, lit("#37607e"))
            c.line([(wx, top), (wx, bottom)], lit(wall), 2)


def gong(c, cx, cy, r, distance=0.0):
    """A bronze gong seen face on: rings and the boss in the middle."""
    c.circle(cx, cy, r, c.lit(mix(BRONZE, "#3a2a10", 0.3), distance))
    c.circle(cx, cy, r * 0.92, c.lit(BRONZE, distance))
    for ring in (0.72, 0.5):
        c.arc(cx, cy, r * ring, 0, 360, c.lit(mix(BRONZE, "#3a2a10", 0.35), distance), r * 0.04)
    c.circle(cx, cy, r * 0.22, c.lit(mix(BRONZE, "#f3d58a", 0.4), distance))
    c.circle(cx - r * 0.3, cy - r * 0.35, r * 0.16, with_alpha("#fff2c0", 0.35))


def solar_lamp(c, x, ground, height, on=True, distance=0.0):
    """A solar street lamp: the pole, the panel on top, the lamp arm and, at dusk, its pool of light."""
    lit = lambda colour: c.lit(colour, distance)  # noqa: E731
    c.rect(x - height * 0.012, ground - height, x + height * 0.012, ground, lit("#8d949a"))
    c.polygon(
        [
            (x - height * 0.14, ground - height * 0.98),
            (x + height * 0.1, ground - height * 1.06),
            (x + height * 0.12, ground - height * 1.0),
            (x - height * 0.12, ground - height * 0.92),
        ],
        lit("#1f3b66"),
    )
    c.line(
        [(x, ground - height * 0.88), (x + height * 0.16, ground - height * 0.9)],
        lit("#8d949a"),
        height * 0.015,
    )
    lamp = (x + height * 0.17, ground - height * 0.88)
    c.ellipse(*lamp, height * 0.04, height * 0.015, lit("#e8e8e8"))
    if on:
        for step in range(6, 0, -1):
            c.circle(*lamp, height * 0.035 * step, with_alpha("#ffe9a8", 0.07))
        c.polygon(
            [
                (lamp[0] - height * 0.03, lamp[1]),
                (lamp[0] + height * 0.03, lamp[1]),
                (lamp[0] + height * 0.3, ground),
                (lamp[0] - height * 0.3, ground),
            ],
            with_alpha("#ffe9a8", 0.12),
        )


def fishing_boat(c, x, waterline, width, hull="#2f6fa8", distance=0.0):
    """A wooden fishing boat with its wheelhouse, mast and flag, riding on `waterline`."""
    lit = lambda colour: c.lit(colour, distance)  # noqa: E731
    h = width * 0.22
    c.polygon(
        [
            (x - width / 2, waterline - h),
            (x + width / 2, waterline - h * 1.25),
            (x + width * 0.38, waterline),
            (x - width * 0.42, waterline),
        ],
        lit(hull),
    )
    c.rect(x - width / 2, waterline - h, x + width / 2, waterline - h * 0.85, lit("#c2452d"))
    c.rect(x - width * 0.1, waterline - h * 2.1, x + width * 0.18, waterline - h, lit("#e9e4d4"))
    for index in range(3):
        wx = x - width * 0.06 + index * width * 0.08
        c.rect(wx, waterline - h * 1.85, wx + width * 0.05, waterline - h * 1.5, lit("#37607e"))
    c.rect(x - width * 0.28, waterline - h * 3.4, x - width * 0.26, waterline - h, lit("#5a3b24"))
    vn_flag(c, x - width * 0.26, waterline - h * 3.4, width * 0.14, wave_depth=0.1, distance=distance)
    c.ellipse(x, waterline + h * 0.15, width * 0.5, h * 0.12, with_alpha("#0c2a40", 0.25))


def tower_crane(c, x, ground, height, distance=0.0):
    """A tower crane: a lattice mast, the jib and its counterweight, a hook on its cable."""
    lit = lambda colour: c.lit(colour, distance)  # noqa: E731
    yellow = lit("#e3a524")
    m = height * 0.03
    c.line([(x - m, ground), (x - m, ground - height)], yellow, height * 0.008)
    c.line([(x + m, ground), (x + m, ground - height)], yellow, height * 0.008)
    for index in range(16):
        y0 = ground - height * index / 16
        y1 = ground - height * (index + 1) / 16
        c.line([(x - m, y0), (x + m, y1)], yellow, height * 0.005)
    top = ground - height
    c.rect(x - height * 0.25, top - height * 0.02, x + height * 0.55, top + height * 0.01, yellow)
    c.rect(x - height * 0.25, top - height * 0.01, x - height * 0.17, top + height * 0.06, lit("#55595e"))
    c.line([(x, top - height * 0.1), (x + height * 0.5, top)], lit("#55595e"), height * 0.004)
    c.line([(x, top - height * 0.1), (x - height * 0.22, top)], lit("#55595e"), height * 0.004)
    hook_x = x + height * 0.38
    c.line([(hook_x, top), (hook_x, top + height * 0.35)], lit("#3b3b3b"), height * 0.003)
    c.rect(
        hook_x - height * 0.05,
        top + height * 0.35,
        hook_x + height * 0.05,
        top + height * 0.38,
        lit("#8d949a"),
    )


def tank_monument(c, x, ground, height, distance=0.0):
    """A victory monument: a tank on a tall stepped pedestal before a slender column, on a round flower bed."""
    lit = lambda colour: c.lit(colour, distance)  # noqa: E731
    stone = "#d8d2c4"
    c.ellipse(x, ground, height * 0.55, height * 0.06, lit("#5f8f3e"))
    for index, flower in enumerate(("#e8c31c", "#d9442f", "#e8c31c")):
        c.ellipse(
            x + (index - 1) * height * 0.3, ground - height * 0.01, height * 0.12, height * 0.025, lit(flower)
        )
    c.polygon(
        [
            (x - height * 0.06, ground - height * 0.02),
            (x - height * 0.025, ground - height),
            (x + height * 0.025, ground - height),
            (x + height * 0.06, ground - height * 0.02),
        ],
        lit("#ece7da"),
    )
    star(c, x, ground - height * 1.03, height * 0.05, lit(FLAG_YELLOW))
    c.rect(
        x - height * 0.3, ground - height * 0.12, x + height * 0.3, ground, lit(mix(stone, "#000000", 0.12))
    )
    c.rect(x - height * 0.24, ground - height * 0.3, x + height * 0.24, ground - height * 0.12, lit(stone))
    # The tank on top: tracks, hull, turret and gun.
    base = ground - height * 0.3
    c.rect(
        x - height * 0.22, base - height * 0.06, x + height * 0.22, base, lit("#3d4a34"), radius=height * 0.03
    )
    c.rect(x - height * 0.18, base - height * 0.11, x + height * 0.2, base - height * 0.05, lit("#556b45"))
    c.ellipse(x - height * 0.02, base - height * 0.13, height * 0.1, height * 0.05, lit("#556b45"))
    c.line(
        [(x + height * 0.06, base - height * 0.14), (x + height * 0.34, base - height * 0.18)],
        lit("#3d4a34"),
        height * 0.018,
    )
