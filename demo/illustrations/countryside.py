"""Scenes of the land and of work on it: coffee and rubber, durian, macadamia and pepper, rice, the sea, the
buôn's road, new houses, a bridge being built. Each draws on a canvas and returns the box its subject
stands in (the picture's focal point)."""

import math

from . import motifs, people, terrain
from .canvas import mix, with_alpha


def backdrop(c, horizon, hills="#3f6e4a", ranges=3, sun_x=None):
    """Sky, sun and lines of hills down to `horizon`; returns the nearest crest."""
    terrain.sky(c, horizon)
    terrain.sun(
        c, c.width * (sun_x if sun_x is not None else c.rng.uniform(0.2, 0.8)), horizon, c.height * 0.045
    )
    crests = terrain.ranges(c, horizon - c.height * 0.12, horizon, hills, count=ranges)
    return crests[-1]


def coffee_hills(c):
    """Rows of coffee on the slopes, a rubber plantation on the crest behind."""
    horizon = c.height * 0.42
    crest = backdrop(c, horizon, sun_x=0.7)
    terrain.tree_line(c, crest, c.width * 0.018, c.height * 0.09, "#cfc6b3", terrain.FOREST, distance=0.45)
    terrain.coffee_field(c, horizon + c.height * 0.04, c.height * 1.02, rows=15)
    return (c.width * 0.2, horizon - c.height * 0.2, c.width * 0.9, c.height * 0.9)


def coffee_harvest(c):
    horizon = c.height * 0.34
    backdrop(c, horizon, ranges=2, sun_x=0.25)
    terrain.coffee_field(c, horizon + c.height * 0.02, c.height * 0.78, rows=10, cherries=0.7)
    pickers = []
    for share in (0.22, 0.48, 0.74):
        person = people.somebody(c, traditional_share=0.5)
        person.hat = "non"
        x, foot, h = c.width * (share + c.jitter(0.03)), c.height * 0.84, c.height * 0.36
        # A basket (gùi) on the back, behind the picker.
        c.polygon(
            [
                (x - h * 0.2, foot - h * 0.82),
                (x + h * 0.02, foot - h * 0.82),
                (x - h * 0.02, foot - h * 0.55),
                (x - h * 0.17, foot - h * 0.55),
            ],
            c.lit("#a57d45"),
        )
        people.figure(c, x, foot, h, person, pose="reach")
        pickers.append(x)
    terrain.coffee_field(c, c.height * 0.8, c.height * 1.06, rows=3, cherries=0.9, in_front=True)
    return (min(pickers) - 120, c.height * 0.4, max(pickers) + 120, c.height * 0.9)


def coffee_cherries(c):
    """A branch heavy with ripe cherries, close up, and a hand picking them."""
    c.gradient(0, c.height, ["#9cc47a", "#4d7f3e", "#2b4f2c"])
    for _blur in range(26):
        c.circle(
            c.rng.uniform(0, c.width),
            c.rng.uniform(0, c.height),
            c.rng.uniform(30, 110),
            with_alpha(c.choice(["#c7e29a", "#2c5a2e", "#f1e7a8"]), 0.18),
        )
    branch = [
        (c.width * -0.05, c.height * 0.72),
        (c.width * 0.5, c.height * 0.5),
        (c.width * 1.05, c.height * 0.28),
    ]
    c.line(branch, "#5b3b22", c.height * 0.025)
    for index in range(9):
        share = (index + 0.5) / 9
        x = c.width * (-0.05 + 1.1 * share)
        y = c.height * (0.72 - 0.44 * share)
        for side in (-1, 1):
            leaf(
                c,
                x,
                y,
                c.height * 0.2,
                math.radians(-30 + side * 70 + c.jitter(15)),
                "#2f6a35" if side < 0 else "#3d7f3f",
            )
        for _berry in range(int(c.rng.uniform(6, 11))):
            bx, by = x + c.jitter(50), y + c.rng.uniform(-25, 35)
            ripe = c.rng.random() < 0.8
            colour = c.choice(["#c0262d", "#a51d25", "#d9412b"]) if ripe else c.choice(["#7ea640", "#c9a13a"])
            c.circle(bx, by, 24, mix(colour, "#000000", 0.2))
            c.circle(bx - 3, by - 3, 21, colour)
            c.circle(bx - 8, by - 9, 6, with_alpha("#ffffff", 0.45))
    # A hand coming in from the lower right towards the cherries.
    skin = "#b87a52"
    hand_x, hand_y = c.width * 0.66, c.height * 0.5
    c.polygon(
        [
            (c.width * 1.05, c.height * 0.95),
            (c.width * 0.92, c.height * 1.05),
            (hand_x - 20, hand_y + 80),
            (hand_x + 70, hand_y + 20),
        ],
        "#2f5d8a",
    )
    c.ellipse(hand_x, hand_y + 40, 70, 55, skin)
    for finger in range(4):
        c.line(
            [(hand_x - 30 + finger * 22, hand_y + 10), (hand_x - 60 + finger * 20, hand_y - 50 - finger * 4)],
            skin,
            26,
        )
    c.line([(hand_x - 50, hand_y + 60), (hand_x - 100, hand_y + 20)], skin, 28)
    return (hand_x - 420, hand_y - 260, hand_x + 200, hand_y + 220)


def leaf(c, x, y, length, angle, colour):
    """A pointed leaf from (x, y) along `angle`."""
    points = []
    for step in range(13):
        share = step / 12
        along = length * share
        across = length * 0.22 * math.sin(share * math.pi)
        points.append((along, across))
    outline = points + [(along, -across) for along, across in reversed(points)]
    cos, sin = math.cos(angle), math.sin(angle)
    c.polygon([(x + a * cos - b * sin, y + a * sin + b * cos) for a, b in outline], colour)
    c.line([(x, y), (x + length * cos, y + length * sin)], mix(colour, "#c8e6a0", 0.4), 2)


def coffee_drying(c):
    """Raised drying racks of red and brown cherries before a shed, the hills behind."""
    horizon = c.height * 0.36
    backdrop(c, horizon, ranges=2, sun_x=0.8)
    c.rect(0, horizon, c.width, c.height, c.lit("#b9a27a", 0.1))
    motifs.house(
        c,
        c.width * 0.8,
        horizon + c.height * 0.22,
        c.width * 0.3,
        c.height * 0.3,
        "#d8c8a8",
        "#7a5232",
        windows=2,
    )
    racks = []
    for row in range(3):
        y = c.height * (0.5 + row * 0.16)
        x0 = c.width * (0.06 - row * 0.03)
        x1 = c.width * (0.7 + row * 0.05)
        thickness = 14 + row * 8
        for px in (x0 + 10, (x0 + x1) / 2, x1 - 10):
            c.rect(px - 5 - row, y, px + 5 + row, y + c.height * (0.08 + row * 0.03), c.lit("#5a3b24"))
        c.rect(x0, y - thickness, x1, y, c.lit("#3b2a1c"))
        for _bean in range(int((x1 - x0) / (5 - row))):
            c.circle(
                c.rng.uniform(x0 + 4, x1 - 4),
                y - thickness * c.rng.uniform(0.3, 1.0),
                3 + row * 2,
                c.lit(c.choice(["#8f1f22", "#6b2a1c", "#a8402a", "#4a2418"])),
            )
        racks.append((x0, y))
    rake = people.somebody(c, traditional_share=0.3)
    rake.hat = "non"
    people.figure(c, c.width * 0.42, c.height * 0.98, c.height * 0.34, rake, pose="hold")
    return (c.width * 0.05, c.height * 0.35, c.width * 0.75, c.height * 0.98)


def plantation(c, kind, growers=0):
    """Rows of a crop on the slopes: macadamia or durian trees (the fruit hanging under the crowns), or pepper
    (green columns on their posts); with `growers` standing in front."""
    horizon = c.height * 0.4
    backdrop(c, horizon, ranges=3)
    c.rect(0, horizon - 6, c.width, c.height, c.lit(terrain.BASALT, 0.25))
    rows = 6
    for row in range(rows):
        nearness = row / (rows - 1)
        base = horizon + (c.height * 1.05 - horizon) * nearness**1.4
        crest = [(x, base + offset) for x, offset in terrain.wave(c.width, 8 + 20 * nearness, c.rng, 2)]
        c.polygon(
            [(0, c.height), *crest, (c.width, c.height)],
            c.lit(mix(terrain.BASALT, "#6b8f3e", 0.35 - 0.05 * row), 0.5 * (1 - nearness)),
        )
        size = c.height * (0.08 + 0.3 * nearness)
        distance = 0.55 * (1 - nearness)
        if kind == "pepper":
            pepper_row(c, crest, size, distance)
            continue
        crown = "#3f7a3a" if kind == "macadamia" else "#2e5d33"
        trees = terrain.tree_line(c, crest, size, size * 0.8, "#5a3b24", crown, distance, slim=False)
        if kind == "durian" and nearness > 0.4:
            for x, base, h in trees:
                for _fruit in range(3):
                    durian(
                        c, x + c.jitter(h * 0.25), base - h * c.rng.uniform(0.42, 0.55), h * 0.045, distance
                    )
    if growers:
        people.crowd(
            c,
            c.width * 0.3,
            c.width * 0.3 + c.width * 0.09 * growers,
            c.height * 0.97,
            c.height * 0.36,
            growers,
            traditional_share=0.5,
        )
    return (c.width * 0.15, c.height * 0.3, c.width * 0.85, c.height * 0.95)


def durian(c, x, y, r, distance):
    """A durian hanging from its stalk: a green oval with spikes."""
    c.line([(x, y - r * 1.2), (x, y - r * 2.2)], c.lit("#5a3b24", distance), max(1.5, r * 0.2))
    c.ellipse(x, y, r, r * 1.2, c.lit("#8a9a34", distance))
    for spike in range(10):
        angle = spike / 10 * math.tau
        c.line(
            [
                (x + r * 0.7 * math.cos(angle), y + r * 0.85 * math.sin(angle)),
                (x + r * 1.15 * math.cos(angle), y + r * 1.35 * math.sin(angle)),
            ],
            c.lit("#5d6b22", distance),
            max(1.5, r * 0.18),
        )


def pepper_row(c, crest, size, distance):
    x = c.rng.uniform(0, size * 0.5)
    while x < c.width + size:
        base = terrain.height_at(crest, x)
        c.rect(x - size * 0.03, base - size * 1.05, x + size * 0.03, base, c.lit("#6d5a45", distance))
        c.rect(
            x - size * 0.16,
            base - size,
            x + size * 0.16,
            base - size * 0.05,
            c.lit("#2c6233", distance),
            radius=size * 0.14,
        )
        for _cluster in range(5):
            c.circle(
                x + c.jitter(size * 0.12),
                base - size * c.rng.uniform(0.2, 0.9),
                max(1.5, size * 0.025),
                c.lit("#b8262b", distance),
            )
        x += size * 0.55


def rice_field(c):
    horizon = c.height * 0.38
    backdrop(c, horizon, ranges=3, sun_x=0.3)
    for share in (0.12, 0.3, 0.68, 0.86):
        motifs.house(
            c,
            c.width * share,
            horizon + c.height * 0.05,
            c.width * 0.08,
            c.height * 0.1,
            "#efe3c8",
            c.choice(["#b5532e", "#7a4a2c", "#3f6f8f"]),
            distance=0.5,
            windows=0,
        )
    terrain.tree_line(
        c,
        [(0, horizon + c.height * 0.06), (c.width, horizon + c.height * 0.06)],
        c.width * 0.05,
        c.height * 0.08,
        "#5a3b24",
        "#2f5d35",
        0.5,
        slim=False,
    )
    terrain.terraces(
        c, horizon + c.height * 0.06, c.height * 1.02, ["#9cc23f", "#b7cf4a", "#86b03a", "#c9c84e"], bands=8
    )
    farmer = people.somebody(c)
    farmer.hat = "non"
    people.figure(c, c.width * 0.62, c.height * 0.86, c.height * 0.28, farmer, pose="stand")
    return (c.width * 0.35, c.height * 0.45, c.width * 0.85, c.height * 0.9)


def sea_boats(c):
    horizon = c.height * 0.45
    terrain.sky(c, horizon)
    terrain.sun(c, c.width * 0.78, horizon, c.height * 0.05)
    terrain.ridge(c, horizon - c.height * 0.03, c.height * 0.05, "#4f7a5a", distance=0.8, waves=2)
    terrain.water(c, horizon, c.height, colour="#2f77a8")
    for x, y, w, hull in (
        (0.25, 0.62, 0.18, "#2f6fa8"),
        (0.62, 0.78, 0.36, "#2f6fa8"),
        (0.86, 0.56, 0.12, "#b03a2e"),
    ):
        motifs.fishing_boat(c, c.width * x, c.height * y, c.width * w, hull=hull, distance=0.5 * (0.8 - y))
    return (c.width * 0.4, c.height * 0.5, c.width * 0.85, c.height * 0.85)


def village_road(c, lamps=False):
    """A new concrete road running into the buôn between longhouses; with solar lamps along it."""
    horizon = c.height * 0.42
    backdrop(c, horizon, ranges=2, sun_x=0.5)
    c.rect(0, horizon, c.width, c.height, c.lit("#5f8a3e", 0.2))
    vanish = (c.width * 0.52, horizon + 8)
    road = [
        (c.width * 0.08, c.height),
        (vanish[0] - 10, vanish[1]),
        (vanish[0] + 10, vanish[1]),
        (c.width * 0.92, c.height),
    ]
    c.polygon(road, c.lit("#b9b6ad"))
    c.polygon(
        [
            (c.width * 0.48, c.height),
            (vanish[0] - 1, vanish[1]),
            (vanish[0] + 1, vanish[1]),
            (c.width * 0.52, c.height),
        ],
        c.lit("#d8d5cb"),
    )
    motifs.longhouse(
        c, c.width * 0.2, horizon + c.height * 0.12, c.width * 0.3, c.height * 0.2, distance=0.25
    )
    motifs.longhouse(
        c, c.width * 0.83, horizon + c.height * 0.09, c.width * 0.22, c.height * 0.15, distance=0.4
    )
    if lamps:
        for index in range(5):
            share = 1 - index / 5
            for side in (-1, 1):
                x = vanish[0] + side * (c.width * 0.44 * share + 10)
                ground = vanish[1] + (c.height - vanish[1]) * share
                motifs.solar_lamp(c, x, ground, c.height * 0.5 * share + 20, on=c.light.dimming > 0.2)
    people.crowd(c, c.width * 0.42, c.width * 0.6, c.height * 0.8, c.height * 0.16, 3)
    return (c.width * 0.3, horizon - 40, c.width * 0.75, c.height * 0.85)


def bridge_works(c):
    """A concrete bridge being built across a river: piers up, part of the deck laid, a crane and workers."""
    horizon = c.height * 0.38
    backdrop(c, horizon, ranges=3, sun_x=0.2)
    c.rect(0, horizon, c.width, c.height, c.lit("#6d8f45", 0.2))
    terrain.water(c, c.height * 0.62, c.height * 0.86, colour="#4a8fb8")
    c.rect(0, c.height * 0.86, c.width, c.height, c.lit("#a88a5e"))
    deck = c.height * 0.5
    for share in (0.15, 0.38, 0.61, 0.84):
        x = c.width * share
        c.rect(x - 22, deck, x + 22, c.height * 0.8, c.lit("#c9c4b8"))
        c.rect(x - 36, deck - 8, x + 36, deck + 14, c.lit("#b4afa3"))
    c.rect(0, deck - 24, c.width * 0.64, deck, c.lit("#d8d3c7"))
    c.rect(0, deck - 34, c.width * 0.64, deck - 24, c.lit("#e3a524"))
    motifs.tower_crane(c, c.width * 0.72, c.height * 0.86, c.height * 0.75)
    for index in range(4):
        worker = people.somebody(c)
        worker.clothes = "#e06a1f"
        people.figure(
            c,
            c.width * (0.3 + index * 0.06),
            deck - 34,
            c.height * 0.11,
            worker,
            pose=c.choice(["stand", "hold"]),
        )
    return (c.width * 0.2, c.height * 0.2, c.width * 0.85, c.height * 0.85)


def new_houses(c):
    """A row of new houses for families in need, with their gardens and a path."""
    horizon = c.height * 0.42
    backdrop(c, horizon, ranges=2, sun_x=0.7)
    c.rect(0, horizon, c.width, c.height, c.lit("#7da04a", 0.15))
    c.polygon(
        [(0, c.height * 0.78), (c.width, c.height * 0.7), (c.width, c.height * 0.8), (0, c.height * 0.9)],
        c.lit("#c9b28a"),
    )
    roofs = ["#c0392b", "#2e6da4", "#b5532e", "#3f7a4f", "#c0392b"]
    for index in range(5):
        x = c.width * (0.12 + index * 0.19)
        ground = c.height * (0.7 - index * 0.016)
        motifs.house(
            c,
            x,
            ground,
            c.width * 0.15,
            c.height * 0.25,
            c.choice(["#f2e3c4", "#f5efe0", "#eadbb9"]),
            roofs[index],
        )
    people.crowd(c, c.width * 0.3, c.width * 0.55, c.height * 0.92, c.height * 0.2, 4)
    motifs.bunting(c, c.width * 0.02, c.width * 0.98, c.height * 0.36, c.height * 0.05, 28)
    return (c.width * 0.05, c.height * 0.3, c.width * 0.95, c.height * 0.95)


def wild_sunflowers(c):
    """A road over the hills lined with the yellow wild sunflowers (dã quỳ) of November."""
    horizon = c.height * 0.45
    backdrop(c, horizon, ranges=3, sun_x=0.35)
    c.rect(0, horizon, c.width, c.height, c.lit("#5f8a3e", 0.2))
    road = [
        (c.width * 0.25, c.height),
        (c.width * 0.49, horizon + 6),
        (c.width * 0.51, horizon + 6),
        (c.width * 0.75, c.height),
    ]
    c.polygon(road, c.lit("#6a6a6e"))
    for side in (-1, 1):
        for _flower in range(140):
            share = c.rng.random() ** 0.6
            y = horizon + 10 + (c.height - horizon) * share
            edge = c.width * 0.5 + side * (c.width * 0.01 + c.width * 0.26 * share)
            x = edge + side * c.rng.uniform(10, 40 + 400 * share)
            r = 4 + 26 * share
            c.circle(x, y + r * 0.8, r * 0.9, c.lit("#3f6b2f", 0.3 * (1 - share)))
            for petal in range(8):
                angle = petal / 8 * math.tau
                c.ellipse(
                    x + r * 0.6 * math.cos(angle),
                    y + r * 0.6 * math.sin(angle),
                    r * 0.42,
                    r * 0.42,
                    c.lit("#f4c20d", 0.4 * (1 - share)),
                )
            c.circle(x, y, r * 0.4, c.lit("#a8641c", 0.4 * (1 - share)))
    return (c.width * 0.2, c.height * 0.35, c.width * 0.8, c.height * 0.95)
