"""Scenes of people together: the buôn and its longhouse, gongs, rice pounding and rice wine, weaving; a
ceremony's stage and a conference hall; a school, a health station, a border post, a night patrol, a charity
kitchen. Each returns the box its subject stands in."""

from . import motifs, people, terrain
from .canvas import mix, with_alpha
from .countryside import backdrop


def buon(c, horizon_share=0.5, sun_x=None):
    """The buôn's ground before a longhouse: sky, hills, the longhouse across the middle; returns its box."""
    horizon = c.height * horizon_share
    crest = backdrop(c, horizon, ranges=2, sun_x=sun_x)
    terrain.tree_line(c, crest, c.width * 0.05, c.height * 0.12, "#5a3b24", terrain.FOREST, 0.5, slim=False)
    c.rect(0, horizon, c.width, c.height, c.lit("#b08a5a", 0.1))
    c.gradient(horizon, c.height, [c.lit("#a5855a", 0.3), c.lit("#8a6a45")])
    return motifs.longhouse(
        c, c.width * 0.55, horizon + c.height * 0.08, c.width * 0.62, c.height * 0.36, distance=0.1
    )


def longhouse_village(c):
    box = buon(c, horizon_share=0.52)
    for share in (0.08, 0.95):
        terrain.tree(
            c, c.width * share, c.height * 0.7, c.height * 0.4, "#5a3b24", "#2f6a35", 0.05, slim=False
        )
    people.crowd(c, c.width * 0.3, c.width * 0.62, c.height * 0.92, c.height * 0.2, 3, traditional_share=0.7)
    return box


def gong_ensemble(c):
    """A line of gong players in woven dress before the longhouse, each gong held up and struck."""
    buon(c, horizon_share=0.42, sun_x=0.15)
    players = 6
    focus = []
    for index in range(players):
        x = c.width * (0.14 + index * 0.145)
        foot = c.height * (0.96 - (index % 2) * 0.03)
        h = c.height * 0.42
        player = people.somebody(c, traditional_share=1.0)
        player.skirt = False
        head_y = people.figure(c, x, foot, h, player, pose="strike")
        motifs.gong(c, x + h * 0.02, head_y + h * 0.32, h * (0.12 - index * 0.008))
        focus.append((x, head_y))
    return (focus[0][0] - 60, focus[0][1] - 40, focus[-1][0] + 60, c.height * 0.95)


def rice_pounding(c):
    """Women in woven skirts pounding rice in wooden mortars, the longhouse behind."""
    buon(c, horizon_share=0.45, sun_x=0.8)
    for index in range(3):
        x = c.width * (0.22 + index * 0.28)
        foot = c.height * 0.93
        h = c.height * 0.44
        mortar_x = x + h * 0.2
        woman = people.somebody(c, traditional_share=1.0)
        people.figure(c, x, foot, h, woman, pose="pound")
        c.polygon(
            [
                (mortar_x - h * 0.13, foot - h * 0.22),
                (mortar_x + h * 0.13, foot - h * 0.22),
                (mortar_x + h * 0.09, foot),
                (mortar_x - h * 0.09, foot),
            ],
            c.lit("#6b4328"),
        )
        c.ellipse(mortar_x, foot - h * 0.22, h * 0.13, h * 0.03, c.lit("#3a2416"))
        c.line(
            [(mortar_x - h * 0.05, foot - h * 1.05), (mortar_x - h * 0.01, foot - h * 0.22)],
            c.lit("#c8a66a"),
            h * 0.04,
        )
    return (c.width * 0.1, c.height * 0.4, c.width * 0.92, c.height * 0.95)


def hall(c, backdrop_colour="#8c1c1a"):
    """A hall's stage wall: a deep red backdrop with the banner and a flag each side; returns the stage line."""
    c.gradient(0, c.height * 0.72, [c.lit(mix(backdrop_colour, "#000000", 0.35)), c.lit(backdrop_colour)])
    motifs.banner(c, c.width * 0.12, c.height * 0.08, c.width * 0.88, c.height * 0.26, colour="#c4231d")
    for x in (0.03, 0.9):
        motifs.vn_flag(c, c.width * x, c.height * 0.1, c.width * 0.07)
    stage = c.height * 0.72
    c.rect(0, stage, c.width, c.height, c.lit("#5b3a2a"))
    c.rect(0, stage, c.width, stage + c.height * 0.025, c.lit("#7a5238"))
    return stage


def flowers(c, x, y, size):
    for _flower in range(9):
        c.circle(
            x + c.jitter(size * 0.6),
            y + c.jitter(size * 0.35),
            size * 0.22,
            c.choice(["#e8c31c", "#d9442f", "#f2f0e6", "#e77aa0"]),
        )
    c.polygon(
        [
            (x - size * 0.3, y + size * 0.2),
            (x + size * 0.3, y + size * 0.2),
            (x + size * 0.05, y + size * 0.9),
            (x - size * 0.05, y + size * 0.9),
        ],
        "#3d7a4f",
    )


def award_stage(c):
    """Honourees in a row on a stage under the red banner, holding their certificates and flowers."""
    stage = hall(c)
    honourees = 7
    for index in range(honourees):
        x = c.width * (0.14 + index * 0.12)
        person = people.somebody(c, traditional_share=0.2, skirt_share=0.3)
        head_y = people.figure(c, x, stage + c.height * 0.01, c.height * 0.4, person, pose="hold")
        c.rect(x - 34, head_y + 120, x + 34, head_y + 170, "#f2e6c4")
        c.rect(x - 30, head_y + 124, x + 30, head_y + 166, "#c4231d")
        flowers(c, x + 30, head_y + 110, 46)
    # The front rows of the audience, from behind.
    heads = people.HAIR_COLOURS
    for row in range(2):
        for index in range(14):
            x = c.width * (index + 0.5 * (row % 2)) / 13
            y = c.height * (0.93 + row * 0.06)
            c.ellipse(x, y + 60, 80, 60, c.lit(c.choice(people.CLOTHES), 0.1))
            c.circle(x, y, 34, c.choice(heads))
    return (c.width * 0.08, c.height * 0.2, c.width * 0.95, c.height * 0.85)


def conference_hall(c):
    """The head table under the banner, a speaker at the lectern, delegates in rows seen from behind."""
    stage = hall(c, backdrop_colour="#7a1a1a")
    table_y = stage - c.height * 0.08
    for index in range(6):
        person = people.somebody(c, skirt_share=0.2)
        people.figure(c, c.width * (0.3 + index * 0.08), table_y + c.height * 0.06, c.height * 0.25, person)
    c.rect(c.width * 0.25, table_y, c.width * 0.75, stage + 10, c.lit("#f2f0e6"))
    c.rect(c.width * 0.25, table_y, c.width * 0.75, table_y + 14, c.lit("#2f5d8a"))
    for index in range(5):
        flowers(c, c.width * (0.3 + index * 0.1), table_y - 6, 30)
    speaker = people.somebody(c)
    people.figure(c, c.width * 0.14, stage + 8, c.height * 0.33, speaker, pose="raise")
    c.polygon(
        [
            (c.width * 0.1, stage - c.height * 0.15),
            (c.width * 0.18, stage - c.height * 0.15),
            (c.width * 0.17, stage + 10),
            (c.width * 0.11, stage + 10),
        ],
        c.lit("#6b4328"),
    )
    star = motifs.star
    star(c, c.width * 0.14, stage - c.height * 0.09, 18, "#e3b23c")
    for row in range(3):
        for index in range(12):
            x = c.width * (index + 0.5 * (row % 2)) / 11
            y = c.height * (0.84 + row * 0.07)
            c.ellipse(x, y + 55, 75, 50, c.lit(c.choice(("#2b2b35", "#f2f0e6", "#2f5d8a", "#5b6b3a")), 0.1))
            c.circle(x, y, 30, c.choice(people.HAIR_COLOURS))
    return (c.width * 0.05, c.height * 0.05, c.width * 0.8, c.height * 0.8)


def women_meeting(c):
    """Women of the association in áo dài of many colours, standing together under their banner."""
    stage = hall(c, backdrop_colour="#2f5d8a")
    colours = ["#d9417a", "#2e6da4", "#e3b23c", "#b03a2e", "#6b4a8a", "#3d9a8b", "#e77aa0", "#f2f0e6"]
    for row in range(2):
        for index in range(7 - row):
            x = c.width * (0.13 + index * 0.125 + row * 0.06)
            person = people.Person(
                colours[(index + row * 3) % len(colours)],
                "#f2f0e6",
                c.choice(people.SKIN_TONES),
                c.choice(people.HAIR_COLOURS),
                skirt=False,
            )
            people.figure(
                c,
                x,
                stage + c.height * (0.06 + row * 0.18),
                c.height * (0.36 + row * 0.06),
                person,
                pose="hold" if index % 3 else "stand",
            )
    return (c.width * 0.08, c.height * 0.2, c.width * 0.95, c.height * 0.95)


def school(c):
    """A small school of the hills: the yellow classroom block, the flag, pupils in the yard."""
    horizon = c.height * 0.45
    crest = backdrop(c, horizon, ranges=3, sun_x=0.8)
    terrain.tree_line(c, crest, c.width * 0.06, c.height * 0.12, "#5a3b24", terrain.FOREST, 0.4, slim=False)
    c.rect(0, horizon, c.width, c.height, c.lit("#b9875a", 0.1))
    motifs.long_building(
        c,
        c.width * 0.18,
        c.width * 0.82,
        c.height * 0.68,
        c.height * 0.3,
        "#f2cf5b",
        "#b5532e",
        windows=8,
        door_every=4,
    )
    motifs.flagpole(c, c.width * 0.1, c.height * 0.72, c.height * 0.42, c.width * 0.08)
    for index in range(9):
        pupil = people.Person(
            "#f5f5f0",
            "#1f3b66",
            c.choice(people.SKIN_TONES),
            c.choice(people.HAIR_COLOURS),
            skirt=index % 3 == 0,
        )
        people.figure(
            c,
            c.width * (0.2 + index * 0.075) + c.jitter(10),
            c.height * (0.86 + (index % 2) * 0.05),
            c.height * 0.18,
            pupil,
            pose=c.choice(["stand", "raise"]),
        )
    teacher = people.somebody(c)
    people.figure(c, c.width * 0.88, c.height * 0.92, c.height * 0.27, teacher, pose="raise")
    return (c.width * 0.08, c.height * 0.25, c.width * 0.92, c.height * 0.95)


def clinic(c):
    """A commune health station at the forest's edge: the building with its green cross, an ambulance, a
    doctor in white."""
    horizon = c.height * 0.44
    crest = backdrop(c, horizon, ranges=3, sun_x=0.2)
    terrain.tree_line(c, crest, c.width * 0.04, c.height * 0.16, "#5a3b24", terrain.FOREST, 0.3, slim=False)
    c.rect(0, horizon, c.width, c.height, c.lit("#9aa36a", 0.1))
    c.rect(0, c.height * 0.74, c.width, c.height, c.lit("#b9b6ad"))
    motifs.long_building(
        c,
        c.width * 0.1,
        c.width * 0.6,
        c.height * 0.74,
        c.height * 0.36,
        "#f1ede2",
        "#3f6f8f",
        windows=6,
        door_every=3,
    )
    sign_x, sign_y = c.width * 0.35, c.height * 0.4
    c.circle(sign_x, sign_y, 44, "#ffffff")
    c.rect(sign_x - 12, sign_y - 32, sign_x + 12, sign_y + 32, "#2e9a5a")
    c.rect(sign_x - 32, sign_y - 12, sign_x + 32, sign_y + 12, "#2e9a5a")
    # The ambulance: a white van with a green band and its light.
    x0, y0 = c.width * 0.64, c.height * 0.6
    c.rect(x0, y0, x0 + c.width * 0.26, c.height * 0.78, "#f7f7f4", radius=18)
    c.polygon(
        [
            (x0 + c.width * 0.2, y0),
            (x0 + c.width * 0.26, y0 + c.height * 0.07),
            (x0 + c.width * 0.26, y0 + c.height * 0.1),
            (x0 + c.width * 0.2, y0 + c.height * 0.1),
        ],
        "#9cc3d8",
    )
    c.rect(x0, y0 + c.height * 0.1, x0 + c.width * 0.26, y0 + c.height * 0.12, "#2e9a5a")
    c.rect(x0 + c.width * 0.05, y0 - 18, x0 + c.width * 0.08, y0, "#2f7fd1")
    for wheel in (0.05, 0.2):
        c.circle(x0 + c.width * wheel, c.height * 0.78, 34, "#22252a")
        c.circle(x0 + c.width * wheel, c.height * 0.78, 14, "#9a9fa5")
    doctor = people.Person("#f7f7f4", "#2f5d8a", "#d9a27a", "#1d1612")
    people.figure(c, c.width * 0.58, c.height * 0.94, c.height * 0.34, doctor, pose="hold")
    return (c.width * 0.1, c.height * 0.3, c.width * 0.92, c.height * 0.95)


def border_post(c):
    """A border guard post in the forest: its building and flag, two guards with the families they visit."""
    horizon = c.height * 0.5
    crest = backdrop(c, horizon, hills="#2f5d3a", ranges=4, sun_x=0.75)
    terrain.tree_line(c, crest, c.width * 0.035, c.height * 0.18, "#4a3020", terrain.FOREST, 0.25, slim=False)
    c.rect(0, horizon, c.width, c.height, c.lit("#8a9a5a", 0.1))
    motifs.long_building(
        c,
        c.width * 0.3,
        c.width * 0.78,
        c.height * 0.72,
        c.height * 0.3,
        "#e9d9a6",
        "#2f6a45",
        windows=6,
        door_every=3,
    )
    motifs.flagpole(c, c.width * 0.22, c.height * 0.76, c.height * 0.5, c.width * 0.1)
    for index, share in enumerate((0.4, 0.5, 0.62, 0.72)):
        guard = index < 2
        person = people.somebody(c, traditional_share=0.0 if guard else 0.9)
        if guard:
            person.clothes, person.trousers, person.hat = "#4f6b3a", "#4f6b3a", "cap"
        people.figure(
            c, c.width * share, c.height * 0.95, c.height * 0.3, person, pose="stand" if guard else "hold"
        )
    return (c.width * 0.15, c.height * 0.2, c.width * 0.85, c.height * 0.95)


def night_patrol(c):
    """The buôn at night: a security camera on its pole over the road, a patrol of commune police and
    villagers with torches."""
    horizon = c.height * 0.5
    terrain.sky(c, horizon)
    terrain.sun(c, c.width * 0.82, horizon, c.height * 0.04)
    terrain.ridge(c, horizon - c.height * 0.06, c.height * 0.05, "#1d2b45", distance=0.3)
    c.rect(0, horizon, c.width, c.height, c.lit("#3a4a3a"))
    motifs.longhouse(c, c.width * 0.32, horizon + c.height * 0.1, c.width * 0.46, c.height * 0.3)
    for x in (0.2, 0.32, 0.44):
        c.rect(
            c.width * x - 14, c.height * 0.5, c.width * x + 14, c.height * 0.54, with_alpha("#ffd27a", 0.9)
        )
    pole_x = c.width * 0.72
    c.rect(pole_x - 8, c.height * 0.28, pole_x + 8, c.height * 0.85, "#6d737a")
    c.rect(pole_x - 60, c.height * 0.29, pole_x + 10, c.height * 0.33, "#d9dde0", radius=10)
    c.rect(pole_x - 70, c.height * 0.3, pole_x - 56, c.height * 0.32, "#22252a")
    c.circle(pole_x - 20, c.height * 0.35, 6, "#e0362b")
    c.polygon(
        [(pole_x - 70, c.height * 0.31), (c.width * 0.4, c.height * 0.95), (c.width * 0.65, c.height * 0.95)],
        with_alpha("#a8d8ff", 0.08),
    )
    for index in range(4):
        x = c.width * (0.52 + index * 0.1)
        officer = index % 2 == 0
        person = people.somebody(c, traditional_share=0.0 if officer else 0.5)
        if officer:
            person.clothes, person.trousers, person.hat = "#4f6b3a", "#4f6b3a", "cap"
        head_y = people.figure(c, x, c.height * 0.93, c.height * 0.3, person, pose="hold")
        c.polygon(
            [(x, head_y + 80), (x - 140, c.height * 0.99), (x + 60, c.height * 0.99)],
            with_alpha("#fff2b0", 0.16),
        )
    return (c.width * 0.45, c.height * 0.25, c.width * 0.95, c.height * 0.95)


def charity_kitchen(c):
    """Volunteers in aprons cooking in big pots and filling meal boxes, steam rising in the light."""
    c.gradient(0, c.height * 0.62, [c.lit("#e9dcc2"), c.lit("#d8c3a0")])
    motifs.banner(
        c,
        c.width * 0.2,
        c.height * 0.06,
        c.width * 0.8,
        c.height * 0.18,
        colour="#c4231d",
        lines=1,
        star_mark=False,
    )
    c.rect(0, c.height * 0.62, c.width, c.height, c.lit("#9a8f80"))
    for index in range(3):
        x = c.width * (0.2 + index * 0.2)
        c.rect(x - 110, c.height * 0.62, x + 110, c.height * 0.72, "#3b3b3b")
        c.rect(x - 95, c.height * 0.46, x + 95, c.height * 0.62, "#b9bec4", radius=12)
        c.rect(x - 105, c.height * 0.45, x + 105, c.height * 0.48, "#8d949a")
        for puff in range(5):
            c.circle(
                x + c.jitter(60), c.height * (0.42 - puff * 0.05), 30 + puff * 10, with_alpha("#ffffff", 0.22)
            )
    for index in range(4):
        cook = people.somebody(c)
        cook.clothes = c.choice(["#c4231d", "#2e6da4"])
        head_y = people.figure(
            c, c.width * (0.1 + index * 0.2), c.height * 0.97, c.height * 0.42, cook, pose="hold"
        )
        c.rect(
            c.width * (0.1 + index * 0.2) - 36,
            head_y + 120,
            c.width * (0.1 + index * 0.2) + 36,
            head_y + 300,
            "#f2f0e6",
            radius=10,
        )
    table_top = c.height * 0.8
    c.rect(c.width * 0.72, table_top, c.width * 0.99, c.height, "#7a5238")
    for index in range(12):
        bx = c.width * 0.74 + (index % 6) * 66
        by = table_top - 34 - (index // 6) * 36
        c.rect(bx, by, bx + 58, by + 32, "#f5f5f0", radius=5)
        c.rect(bx, by + 12, bx + 58, by + 16, "#3d7a4f")
    return (c.width * 0.05, c.height * 0.2, c.width * 0.95, c.height * 0.95)
