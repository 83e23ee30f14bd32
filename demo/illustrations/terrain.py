"""Sky and land: the layers a landscape is built of, from the sky down to the field in front."""

from .canvas import mix, wave, with_alpha

BASALT = "#9c4a2c"  # the Central Highlands' red basalt soil
COFFEE = "#2f6a35"
FOREST = "#2b5a3a"


def sky(c, horizon):
    """The sky down to `horizon`, with its sun or moon; at night with stars."""
    light = c.light
    c.gradient(0, horizon, light.sky)
    if light.night:
        for _star in range(90):
            x, y = c.rng.uniform(0, c.width), c.rng.uniform(0, horizon * 0.8)
            c.circle(x, y, c.rng.uniform(0.8, 2.0), with_alpha("#ffffff", c.rng.uniform(0.4, 0.9)))


def sun(c, x, horizon, radius):
    """The sun (the moon at night) at `x`, as high as the light puts it, with a glow around it."""
    light = c.light
    y = horizon - light.sun_height * horizon * 0.9
    for step in range(8, 0, -1):
        c.circle(x, y, radius * (1 + step * 0.35), with_alpha(light.sun, 0.05))
    c.circle(x, y, radius, light.sun)
    if light.night:
        # A crescent: the sky's own colour over part of the disc.
        c.circle(x + radius * 0.45, y - radius * 0.2, radius * 0.9, mix(light.sky[1], light.sky[0], 0.3))
    return y


def ridge(c, base, amplitude, colour, distance, waves=3):
    """A line of hills whose crest rolls around `base`, filled down to the bottom of the picture; returns the
    crest as (x, y) points."""
    crest = [(x, base + offset) for x, offset in wave(c.width, amplitude, c.rng, waves)]
    c.polygon([(0, c.height), *crest, (c.width, c.height)], c.lit(colour, distance))
    return crest


def ranges(c, top, bottom, colour, count=4):
    """`count` lines of hills from the horizon at `top` to `bottom`, fading with distance."""
    crests = []
    for index in range(count):
        share = index / max(count - 1, 1)
        base = top + (bottom - top) * share
        crests.append(ridge(c, base, 26 + 30 * share, colour, distance=1 - share * 0.9, waves=3 + index % 2))
    return crests


def height_at(crest, x):
    """The y of a crest line at `x`."""
    for (x0, y0), (x1, y1) in zip(crest, crest[1:], strict=False):
        if x0 <= x <= x1:
            return y0 + (y1 - y0) * (x - x0) / max(x1 - x0, 1e-6)
    return crest[-1][1]


def field_rows(c, top, bottom, rows, draw_row, nearest_only=False):
    """Rows across a field from `top` (far) to `bottom` (near), closer together in the distance; each row is
    drawn by draw_row(y, nearness 0..1, contour offsets), far rows first. With nearest_only the rows are the
    front of a field: all of them near."""
    contour = wave(c.width, 1.0, c.rng, waves=2, steps=96)
    for index in range(rows):
        share = index / max(rows - 1, 1)
        nearness = 0.7 + 0.3 * share if nearest_only else share
        y = top + (bottom - top) * share**1.7
        draw_row(y, nearness, contour)


def coffee_field(c, top, bottom, rows=14, cherries=0.0, soil=BASALT, bush=COFFEE, in_front=False):
    """Rows of round coffee bushes on red soil, following the slope's contour; `cherries` is the share of
    bushes carrying ripe red fruit. In front, the nearest rows are drawn over what is there (the people
    picking among them)."""
    if not in_front:
        c.rect(0, top - 4, c.width, c.height, c.lit(soil, 0.3))

    def row(y, nearness, contour):
        radius = 7 + 46 * nearness
        distance = 0.55 * (1 - nearness)
        sway = 6 + 30 * nearness
        x = c.rng.uniform(-radius, radius)
        while x < c.width + radius:
            dy = sway * contour[min(int(x / c.width * 96), 96)][1]
            r = radius * c.rng.uniform(0.85, 1.1)
            c.ellipse(
                x + r * 0.15,
                y + dy + r * 0.35,
                r * 1.05,
                r * 0.55,
                c.lit(mix(soil, "#000000", 0.4), distance),
            )
            c.ellipse(x, y + dy, r, r * 0.82, c.lit(bush, distance))
            c.ellipse(
                x - r * 0.25,
                y + dy - r * 0.28,
                r * 0.55,
                r * 0.4,
                c.lit(mix(bush, "#9fd27a", 0.35), distance),
            )
            if cherries and c.rng.random() < cherries and nearness > 0.25:
                for _berry in range(int(3 + 6 * nearness)):
                    bx, by = x + c.jitter(r * 0.7), y + dy + c.jitter(r * 0.5)
                    c.circle(bx, by, 1.5 + 3.5 * nearness, c.lit("#c0262d", distance))
            x += radius * c.rng.uniform(2.0, 2.4)

    field_rows(c, top, bottom, rows, row, nearest_only=in_front)


def tree(c, x, base, height, trunk, crown, distance, slim=True):
    """A tree standing at (x, base): a slim trunk with a high crown (rubber) or a round crown (fruit trees)."""
    h = height
    if slim:
        c.rect(x - h * 0.018, base - h, x + h * 0.018, base, c.lit(trunk, distance))
        for blob in range(3):
            c.ellipse(
                x + c.jitter(h * 0.12),
                base - h * (0.95 + blob * 0.08),
                h * 0.2,
                h * 0.15,
                c.lit(mix(crown, "#0b2414", blob * 0.15), distance),
            )
    else:
        c.rect(x - h * 0.05, base - h * 0.45, x + h * 0.05, base, c.lit(trunk, distance))
        c.ellipse(x, base - h * 0.7, h * 0.42, h * 0.38, c.lit(crown, distance))
        c.ellipse(
            x - h * 0.12, base - h * 0.8, h * 0.2, h * 0.16, c.lit(mix(crown, "#a8d98a", 0.3), distance)
        )


def tree_line(c, crest, spacing, height, trunk, crown, distance, slim=True):
    """Trees standing along a crest line; returns each as (x, base, height)."""
    trees = []
    x = c.rng.uniform(0, spacing)
    while x < c.width + spacing:
        base = height_at(crest, x) + height * 0.05
        h = height * c.rng.uniform(0.85, 1.15)
        tree(c, x, base, h, trunk, crown, distance, slim)
        trees.append((x, base, h))
        x += spacing * c.rng.uniform(0.8, 1.2)
    return trees


def terraces(c, top, bottom, colours, bands=9):
    """Rice paddies in bands, from `top` to `bottom`, each edged by a bund."""
    edges = []
    for index in range(bands + 1):
        nearness = index / bands
        y = top + (bottom - top) * nearness**1.5
        edges.append([(x, y + offset) for x, offset in wave(c.width, 6 + 26 * nearness, c.rng, 2)])
    for index, (upper, lower) in enumerate(zip(edges, edges[1:], strict=False)):
        distance = 0.6 * (1 - index / bands)
        c.polygon([*upper, *reversed(lower)], c.lit(colours[index % len(colours)], distance))
        c.line(upper, c.lit("#6b5a35", distance), 1.5 + 3 * index / bands)
    return edges


def water(c, top, bottom, colour="#3f86b5"):
    """Still water from `top` to `bottom`, paler towards the far shore, with ripples of light."""
    c.gradient(
        top,
        bottom,
        [c.lit(mix(colour, c.light.haze, 0.5)), c.lit(colour), c.lit(mix(colour, "#0c2a40", 0.3))],
    )
    for _ripple in range(70):
        nearness = c.rng.random()
        y = top + (bottom - top) * nearness
        x = c.rng.uniform(0, c.width)
        length = 20 + 120 * nearness
        c.line([(x, y), (x + length, y)], with_alpha("#ffffff", 0.25), 1 + 2 * nearness)
