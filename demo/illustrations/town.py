"""Scenes of the city and of indoor work: Buôn Ma Thuột's streets dressed in flags, its victory monument, a
photo exhibition, a radio studio, a writer's desk, a cooperative's coffee on show. Each returns the box its
subject stands in."""

from . import motifs, people, terrain
from .canvas import mix, with_alpha

FACADES = ("#f2e3c4", "#e9d7b0", "#f5efe0", "#dfe7ea", "#f2d9c4", "#e8e0cf")


def street(c, horizon, vanish_x):
    """A street running to the horizon between two rows of shop-houses, each flying its flag."""
    terrain.sky(c, horizon)
    terrain.sun(c, c.width * 0.82, horizon, c.height * 0.04)
    c.rect(0, horizon, c.width, c.height, c.lit("#8d8f91"))
    c.polygon(
        [
            (c.width * 0.12, c.height),
            (vanish_x - 8, horizon),
            (vanish_x + 8, horizon),
            (c.width * 0.88, c.height),
        ],
        c.lit("#5d6066"),
    )
    c.polygon(
        [
            (c.width * 0.47, c.height),
            (vanish_x - 2, horizon),
            (vanish_x + 2, horizon),
            (c.width * 0.53, c.height),
        ],
        c.lit("#6f9a45"),
    )
    for side in (-1, 1):
        for index in range(8):
            near = (index + 1) / 8
            width = 60 + 260 * near**1.5
            x_inner = vanish_x + side * (20 + c.width * 0.36 * near**1.5)
            x_outer = x_inner + side * width
            ground = horizon + (c.height - horizon) * near**1.5 * 0.85
            top = ground - (80 + 520 * near**1.5) * c.rng.uniform(0.8, 1.1)
            distance = 0.5 * (1 - near)
            left, right = sorted((x_inner, x_outer))
            facade = c.choice(FACADES)
            c.rect(left, top, right, ground, c.lit(facade, distance))
            c.rect(
                left, top, right, top + (ground - top) * 0.06, c.lit(mix(facade, "#000000", 0.2), distance)
            )
            for floor in range(3):
                wy = top + (ground - top) * (0.15 + floor * 0.27)
                c.rect(
                    left + (right - left) * 0.2,
                    wy,
                    right - (right - left) * 0.2,
                    wy + (ground - top) * 0.14,
                    c.lit("#4d6f86", distance),
                )
            pole_x = x_inner
            motifs.vn_flag(
                c,
                pole_x + (0 if side > 0 else -width * 0.25),
                top + (ground - top) * 0.1,
                width * 0.25,
                wave_depth=0.12,
                distance=distance,
            )


def city_flags(c):
    """A city street dressed for a holiday: flags on every house, bunting across, flowers down the middle."""
    horizon = c.height * 0.46
    vanish_x = c.width * 0.5
    street(c, horizon, vanish_x)
    for index in range(3):
        y = c.height * (0.2 + index * 0.09)
        motifs.bunting(
            c,
            c.width * (0.05 + index * 0.08),
            c.width * (0.95 - index * 0.08),
            y,
            c.height * 0.04,
            22 - index * 4,
        )
    for index in range(10):
        share = (index + 1) / 11
        y = horizon + (c.height - horizon) * share**1.5
        x = vanish_x + (c.width * 0.03 * share) * (-1 if index % 2 else 1)
        c.circle(x, y, 4 + 26 * share**1.5, c.choice(["#f4c20d", "#d9442f"]))
    return (c.width * 0.2, c.height * 0.15, c.width * 0.8, c.height * 0.85)


def victory_monument(c):
    """The victory monument on its roundabout, flags around it, the city behind."""
    horizon = c.height * 0.62
    terrain.sky(c, horizon)
    terrain.sun(c, c.width * 0.2, horizon, c.height * 0.045)
    for index in range(12):
        x0 = c.width * index / 12
        top = horizon - c.height * c.rng.uniform(0.08, 0.22)
        c.rect(x0, top, x0 + c.width / 12 - 6, horizon, c.lit(c.choice(FACADES), 0.5))
    c.rect(0, horizon, c.width, c.height, c.lit("#7b7e82"))
    c.ellipse(c.width * 0.5, c.height * 0.86, c.width * 0.42, c.height * 0.13, c.lit("#6f9a45"))
    motifs.tank_monument(c, c.width * 0.5, c.height * 0.84, c.height * 0.66)
    for index in range(8):
        x = c.width * (0.08 + index * 0.12)
        if 0.35 < x / c.width < 0.65:
            continue
        motifs.flagpole(c, x, c.height * (0.82 + (index % 2) * 0.05), c.height * 0.3, c.width * 0.05)
    people.crowd(c, c.width * 0.05, c.width * 0.3, c.height * 0.99, c.height * 0.16, 4)
    return (c.width * 0.3, c.height * 0.1, c.width * 0.7, c.height * 0.9)


def radio_studio(c):
    """A radio studio: the presenter's microphone on its arm, headphones, the mixing desk, the red on-air
    light, the control room's window behind."""
    c.gradient(0, c.height * 0.68, [c.lit("#2c3440"), c.lit("#3c4656")])
    for row in range(8):
        for column in range(14):
            x, y = c.width * column / 14, c.height * row * 0.085
            c.rect(
                x + 6,
                y + 6,
                x + c.width / 14 - 6,
                y + c.height * 0.085 - 6,
                c.lit("#354050" if (row + column) % 2 else "#2f3947"),
                radius=8,
            )
    c.rect(c.width * 0.55, c.height * 0.12, c.width * 0.92, c.height * 0.45, "#1b2430")
    c.rect(c.width * 0.56, c.height * 0.13, c.width * 0.91, c.height * 0.44, with_alpha("#6aa0c8", 0.35))
    people.figure(c, c.width * 0.72, c.height * 0.44, c.height * 0.29, people.somebody(c), pose="hold")
    c.circle(c.width * 0.2, c.height * 0.16, 44, "#e0362b")
    for step in range(5, 0, -1):
        c.circle(c.width * 0.2, c.height * 0.16, 44 + step * 14, with_alpha("#e0362b", 0.06))
    desk = c.height * 0.66
    c.rect(0, desk, c.width, c.height, "#4a3626")
    c.rect(0, desk, c.width, desk + 18, "#6b4f38")
    c.rect(c.width * 0.08, desk + 50, c.width * 0.55, c.height * 0.95, "#1f242b", radius=14)
    for index in range(14):
        fx = c.width * 0.1 + index * c.width * 0.032
        c.rect(fx, desk + 80, fx + 6, c.height * 0.9, "#5a6270")
        knob_y = desk + 90 + (index * 53 % 140)
        c.rect(fx - 10, knob_y, fx + 16, knob_y + 22, c.choice(["#d9d9d9", "#e3a524", "#3aa0d8"]), radius=4)
    # The microphone on its arm, and headphones on the desk.
    mic = (c.width * 0.36, c.height * 0.38)
    c.line([(c.width * 0.05, desk), (c.width * 0.14, c.height * 0.28), mic], "#8d949a", 14)
    c.rect(mic[0] - 46, mic[1] - 110, mic[0] + 46, mic[1] + 60, "#2a2f36", radius=44)
    for grille in range(7):
        c.line(
            [(mic[0] - 36, mic[1] - 90 + grille * 20), (mic[0] + 36, mic[1] - 90 + grille * 20)], "#4b535e", 4
        )
    c.arc(c.width * 0.8, desk + 40, 90, 180, 360, "#1b1b1b", 18)
    for side in (-1, 1):
        c.ellipse(c.width * 0.8 + side * 90, desk + 40, 30, 42, "#2a2f36")
    return (c.width * 0.1, c.height * 0.1, c.width * 0.6, c.height * 0.8)


def writing_desk(c):
    """A writer's desk by the window: an open notebook and a pen, a phin of coffee dripping, sheets of a
    manuscript, a sprig of wild sunflowers."""
    c.gradient(0, c.height * 0.55, [c.lit("#f3e6cf"), c.lit("#e8d3ae")])
    c.rect(c.width * 0.55, c.height * 0.05, c.width * 0.95, c.height * 0.5, "#6b4f38")
    c.gradient(c.height * 0.07, c.height * 0.48, ["#8cc6ec", "#d6ecf7"], x0=c.width * 0.57, x1=c.width * 0.93)
    terrain_line = [
        (c.width * (0.57 + 0.36 * s / 10), c.height * (0.38 - 0.05 * ((s * 7) % 3) / 2)) for s in range(11)
    ]
    c.polygon(
        [(c.width * 0.57, c.height * 0.48), *terrain_line, (c.width * 0.93, c.height * 0.48)], "#3f6e4a"
    )
    c.rect(c.width * 0.745, c.height * 0.05, c.width * 0.755, c.height * 0.5, "#6b4f38")
    c.rect(0, c.height * 0.55, c.width, c.height, "#8a5a34")
    for grain in range(14):
        y = c.height * (0.58 + grain * 0.03)
        c.line([(0, y), (c.width, y + c.jitter(8))], with_alpha("#5a3b24", 0.25), 3)
    # Sheets of a manuscript, then the open notebook.
    for index in range(3):
        x0 = c.width * (0.05 + index * 0.03)
        y0 = c.height * (0.6 + index * 0.02)
        c.rect(x0, y0, x0 + c.width * 0.22, y0 + c.height * 0.3, "#f7f4ec")
        for line in range(9):
            ly = y0 + c.height * (0.03 + line * 0.028)
            c.line([(x0 + 20, ly), (x0 + c.width * 0.22 - 20 - (line % 3) * 30, ly)], "#9aa3ad", 3)
    nx0, ny0 = c.width * 0.34, c.height * 0.62
    for page in (0, 1):
        px0 = nx0 + page * c.width * 0.17
        c.rect(px0, ny0, px0 + c.width * 0.17, ny0 + c.height * 0.3, "#fbf8f0")
        for line in range(10):
            ly = ny0 + c.height * (0.03 + line * 0.026)
            c.line([(px0 + 16, ly), (px0 + c.width * 0.17 - 16, ly)], "#b9c6d3", 2)
        for line in range(6 if page == 0 else 3):
            ly = ny0 + c.height * (0.03 + line * 0.026) - 6
            c.line([(px0 + 20, ly), (px0 + c.width * 0.17 - 40 - (line * 23) % 60, ly)], "#2a3a5a", 3)
    c.line([(nx0 + c.width * 0.17, ny0), (nx0 + c.width * 0.17, ny0 + c.height * 0.3)], "#c9c2b0", 4)
    c.line(
        [(nx0 + c.width * 0.22, ny0 + c.height * 0.2), (nx0 + c.width * 0.32, ny0 + c.height * 0.1)],
        "#1f3b66",
        14,
    )
    # The phin filter on its cup.
    cup_x, cup_y = c.width * 0.8, c.height * 0.78
    c.rect(cup_x - 70, cup_y - 90, cup_x + 70, cup_y + 40, "#f2f0e6", radius=16)
    c.rect(cup_x - 60, cup_y - 60, cup_x + 60, cup_y + 30, with_alpha("#3a2416", 0.85), radius=12)
    c.rect(cup_x - 90, cup_y - 100, cup_x + 90, cup_y - 86, "#b9bec4", radius=6)
    c.rect(cup_x - 55, cup_y - 190, cup_x + 55, cup_y - 100, "#c9ced4", radius=8)
    c.rect(cup_x - 60, cup_y - 205, cup_x + 60, cup_y - 188, "#aab0b6", radius=6)
    for flower in range(4):
        fx, fy = c.width * (0.93 + (flower % 2) * 0.03), c.height * (0.62 + flower * 0.04)
        c.line([(fx, fy), (c.width * 0.96, c.height * 0.95)], "#3d7a4f", 5)
        c.circle(fx, fy, 26, "#f4c20d")
        c.circle(fx, fy, 10, "#a8641c")
    return (c.width * 0.3, c.height * 0.4, c.width * 0.9, c.height * 0.95)
