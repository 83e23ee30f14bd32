"""The demo's pictures (data/pictures.json): illustrations drawn with Pillow when the demo is loaded
(demo.illustrations), so that the repository carries no image file, each added to the image library with
its alt text, caption and credit. A picture is found again by its title: loading the demo again draws nothing
that the library has.

Where each picture is shown: demo.picture_uses.
"""

import zlib
from functools import cache
from io import BytesIO

from django.core.files.images import ImageFile

from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from .data import read_json
from .illustrations import draw

DATA_FILE = "pictures.json"


def ensure_pictures():
    """{key: image} for every picture of the data file, drawn and added to the library where missing."""
    data = read_json(DATA_FILE)
    specs = data["pictures"]
    in_library = {
        image.title: image
        for image in get_image_model().objects.filter(title__in=[spec["title"] for spec in specs])
    }
    return {spec["key"]: in_library.get(spec["title"]) or add_picture(spec, data["credit"]) for spec in specs}


def seed_of(key):
    """A picture's seed, from its key: stable across runs and machines (unlike Python's own hash of a str)."""
    return zlib.crc32(key.encode())


@cache
def drawing_of(key, scene, light, shape, options):
    """The picture drawn; a process that loads the demo into several databases (the test suite) draws it once.
    `options` are (name, value) pairs, hashable for the cache."""
    return draw(scene, seed_of(key), light=light, shape=shape, **dict(options))


def add_picture(spec, credit):
    drawing = drawing_of(
        spec["key"],
        spec["scene"],
        spec.get("light", "morning"),
        spec.get("shape", "landscape"),
        tuple(sorted(spec.get("options", {}).items())),
    )
    left, top, right, bottom = drawing.focus
    return get_image_model().objects.create(
        title=spec["title"],
        file=ImageFile(BytesIO(drawing.jpeg), name=f"{spec['key']}.jpg"),
        file_size=len(drawing.jpeg),
        file_hash=hash_filelike(BytesIO(drawing.jpeg)),
        description=spec["alt"],
        caption=spec["caption"],
        credit=credit,
        # The subject's box: crops to other shapes (a card's 16:9, a portrait's 4:5) keep it in view.
        focal_point_x=(left + right) // 2,
        focal_point_y=(top + bottom) // 2,
        focal_point_width=right - left,
        focal_point_height=bottom - top,
    )
