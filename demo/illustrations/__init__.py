"""The demo's illustrations, drawn with Pillow when the demo is loaded: flat-colour scenes of the province
(its hills and coffee, the buôn and its longhouse, ceremonies, schools and clinics, the city) and portraits.
Nothing random escapes the seed: the same scene, light and seed give the same JPEG, byte for byte."""

from dataclasses import dataclass
from io import BytesIO

from . import countryside, gatherings, town
from .canvas import Canvas
from .people import Sitter, bust

# The sizes a press photo comes in: 3:2 landscape, 4:5 portrait; and a podcast's square cover, which Apple
# Podcasts wants at least 1400 px wide.
SHAPES = {"landscape": (1600, 1067), "portrait": (1200, 1500), "square": (1600, 1600)}
JPEG_QUALITY = 82


def portrait(c, **sitter):
    return bust(c, Sitter(**sitter))


SCENES = {
    "portrait": portrait,
    # The land and work on it.
    "coffee_hills": countryside.coffee_hills,
    "coffee_harvest": countryside.coffee_harvest,
    "coffee_cherries": countryside.coffee_cherries,
    "coffee_drying": countryside.coffee_drying,
    "plantation": countryside.plantation,
    "rice_field": countryside.rice_field,
    "sea_boats": countryside.sea_boats,
    "village_road": countryside.village_road,
    "bridge_works": countryside.bridge_works,
    "new_houses": countryside.new_houses,
    "wild_sunflowers": countryside.wild_sunflowers,
    # People together.
    "longhouse_village": gatherings.longhouse_village,
    "gong_ensemble": gatherings.gong_ensemble,
    "rice_pounding": gatherings.rice_pounding,
    "award_stage": gatherings.award_stage,
    "conference_hall": gatherings.conference_hall,
    "women_meeting": gatherings.women_meeting,
    "school": gatherings.school,
    "clinic": gatherings.clinic,
    "border_post": gatherings.border_post,
    "night_patrol": gatherings.night_patrol,
    "charity_kitchen": gatherings.charity_kitchen,
    # The city and indoor work.
    "city_flags": town.city_flags,
    "victory_monument": town.victory_monument,
    "radio_studio": town.radio_studio,
    "writing_desk": town.writing_desk,
}


@dataclass(frozen=True)
class Drawing:
    jpeg: bytes
    width: int
    height: int
    # The box (left, top, right, bottom) the subject stands in: the image's focal point, which crops keep.
    focus: tuple


def draw(scene, seed, light="morning", shape="landscape", **options):
    """The scene drawn in `light` on a canvas of `shape`, as a JPEG; `options` go to the scene's function."""
    width, height = SHAPES[shape]
    canvas = Canvas(width, height, seed, light)
    left, top, right, bottom = SCENES[scene](canvas, **options)
    focus = (max(0, round(left)), max(0, round(top)), min(width, round(right)), min(height, round(bottom)))
    buffer = BytesIO()
    canvas.finished().save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return Drawing(buffer.getvalue(), width, height, focus)
