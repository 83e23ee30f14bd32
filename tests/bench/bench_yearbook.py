#!/usr/bin/env python
"""The time and peak memory of making a yearbook of 500 profiles, each with a photo.

    .venv/bin/python tests/bench/bench_yearbook.py [--profiles 500] [--directory DIR [--reuse]]

A site of the run's own (a SQLite file, its media and private files in a temporary directory, or in DIR, kept
for --reuse) is migrated and set up (`manage.py setup`), then filled, in a child process, with PROFILES published
profiles: each with a 1200 × 1500 JPEG portrait of its own, a unit among 60, one or two fields, a movement among
six, three paragraphs of achievements and two awards. Then, each in a child process of its own, on manage.py's
development settings:

- Django and the apps loaded, nothing else (the interpreter's own size);
- the book made once (yearbooks.making, as the scheduler's tick makes it): every photo's 600 × 750 rendition
  made from its original on the way;
- the book made again, the renditions already there (a second book of the same profiles);
- again under tracemalloc, for the peak of Python's allocations (its seconds are tracemalloc's, not the book's).

Printed for each: the seconds, the child's peak resident set size (ru_maxrss) and, traced, the peak of Python's
allocations, with the book's pages and size. Memory must stay bounded: the book holds its drawn pages and
its small photos, never the profiles (yearbooks.rendering).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

SEED = 2026
UNITS = 60
MOVEMENTS = 6
PHOTO_SIZE = (1200, 1500)
PARAGRAPH = (
    "Trong nhiều năm liền, {name} luôn đi đầu trong phong trào thi đua của đơn vị, vận động bà con buôn làng "
    "chung tay làm đường giao thông nông thôn, giúp đỡ các hộ nghèo vươn lên, giữ gìn bản sắc văn hóa và an ninh "
    "trật tự ở cơ sở."
)


def main():
    options = parse_arguments()
    if options.child:
        return run_child(options)
    with work_directory(options.directory) as directory:
        environment = site_environment(directory)
        if not (options.reuse and (directory / "db.sqlite3").exists()):
            manage(environment, "migrate", "--noinput", "-v0")
            manage(environment, "setup")
            print(f"Filling the site with {options.profiles} profiles…", flush=True)
            report("profiles and photos made", child(environment, "fill", options.profiles))
        report("Django and the apps loaded", child(environment, "baseline"))
        report("book made, renditions made", child(environment, "make"))
        report("book made again", child(environment, "make"))
        report("again, under tracemalloc", child(environment, "make-traced"))
    return 0


def parse_arguments():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--profiles", type=int, default=500)
    parser.add_argument("--directory", type=Path, help="Keep the site here (default: a temporary directory).")
    parser.add_argument(
        "--reuse", action="store_true", help="Measure the site an earlier run left in --directory."
    )
    parser.add_argument(
        "--child", choices=["fill", "baseline", "make", "make-traced"], help=argparse.SUPPRESS
    )
    return parser.parse_args()


@contextmanager
def work_directory(directory):
    if directory:
        directory.mkdir(parents=True, exist_ok=True)
        yield directory
        return
    path = Path(tempfile.mkdtemp(prefix="bench-yearbook-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def site_environment(directory):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
        "DATABASE_URL": f"sqlite:///{directory / 'db.sqlite3'}",
        "MEDIA_ROOT": str(directory / "media"),
        "PRIVATE_MEDIA_ROOT": str(directory / "private-media"),
    }


def manage(environment, *arguments):
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *arguments],
        env=environment,
        check=True,
        stdout=subprocess.DEVNULL,
        cwd=ROOT,
    )


def child(environment, what, profiles=0):
    """Run this script as a child doing `what`: what it reports, with its own peak resident set size."""
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", what, "--profiles", str(profiles)],
        env=environment,
        stdout=subprocess.PIPE,
        cwd=ROOT,
    )
    output = process.stdout.read()
    # wait4 gives this child's own resource usage (RUSAGE_CHILDREN keeps the largest of every child so far).
    _pid, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status):
        sys.exit(f"The child '{what}' failed.")
    return json.loads(output.decode().strip().splitlines()[-1]) | {"maxrss_mib": usage.ru_maxrss / 1024}


def report(what, figures):
    parts = [f"{what:<28}"]
    if "seconds" in figures:
        parts.append(f"{figures['seconds']:7.1f} s")
    if "traced_peak_mib" in figures:
        parts.append(f"tracemalloc peak {figures['traced_peak_mib']:6.1f} MiB")
    parts.append(f"max RSS {figures['maxrss_mib']:6.1f} MiB")
    if "pages" in figures:
        parts.append(
            f"{figures['pages']} pages, {figures['pdf_mib']:.1f} MiB PDF, status {figures['status']}"
        )
    print("  ".join(parts), flush=True)


def run_child(options):
    import django

    django.setup()
    work = {"fill": fill, "baseline": loaded, "make": make_book, "make-traced": traced_book}[options.child]
    figures = work(options.profiles)
    print(json.dumps(figures))
    return 0


def portraits(names, rng):
    """A 1200 × 1500 JPEG portrait per name, stored and saved in bulk: saving each would make its usual
    renditions on the way (newsroom.picture_renditions), which the book does not use and the bench does not
    measure."""
    from io import BytesIO

    from PIL import Image, ImageDraw

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from wagtail.images import get_image_model

    images = []
    for number, name in enumerate(names):
        picture = Image.new("RGB", PHOTO_SIZE, (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
        draw = ImageDraw.Draw(picture)
        for _stroke in range(40):
            left, right = sorted(rng.randrange(PHOTO_SIZE[0]) for _ in range(2))
            top, bottom = sorted(rng.randrange(PHOTO_SIZE[1]) for _ in range(2))
            draw.ellipse((left, top, right, bottom), fill=tuple(rng.randrange(256) for _ in range(3)))
        buffer = BytesIO()
        picture.save(buffer, "JPEG", quality=85)
        path = default_storage.save(f"original_images/chan-dung-{number}.jpg", ContentFile(buffer.getvalue()))
        images.append(
            get_image_model()(
                title=name,
                file=path,
                width=PHOTO_SIZE[0],
                height=PHOTO_SIZE[1],
                file_size=len(buffer.getvalue()),
                description=f"Chân dung {name}",
            )
        )
    return get_image_model().objects.bulk_create(images)


def loaded(_count):
    return {}


def fill(count):
    import datetime
    import random

    from exemplars.models import (
        AchievementField,
        Award,
        ExemplarIndexPage,
        ExemplarPage,
        Locality,
        MovementIndexPage,
        MovementPage,
        Unit,
    )

    started = time.perf_counter()
    rng = random.Random(SEED)
    registry = ExemplarIndexPage.objects.filter(alias_of__isnull=True).get()
    movement_index = MovementIndexPage.objects.filter(alias_of__isnull=True).get()
    locality = Locality.objects.first()
    units = [
        Unit.objects.create(name=f"UBND xã Ea Bench {number}", kind=Unit.Kind.COMMUNE, locality=locality)
        for number in range(UNITS)
    ]
    movements = []
    for number in range(MOVEMENTS):
        movement = MovementPage(
            title=f"Phong trào thi đua số {number + 1}",
            launch_level=MovementPage.LaunchLevel.PROVINCE,
            launched_by="UBND tỉnh Đắk Lắk",
            start_date=datetime.date(2024, 1, 1),
        )
        movement_index.add_child(instance=movement)
        movement.save_revision().publish()
        movements.append(movement)
    fields = list(AchievementField.objects.all())
    family = ["Nguyễn", "Trần", "Lê", "Phạm", "Đặng", "Hoàng", "Y", "H'", "Ksor", "Niê"]
    middle = ["Văn", "Thị", "Hữu", "Ngọc", "Đức"]
    given = ["An", "Ánh", "Bình", "Đào", "Dũng", "Hương", "Khoa", "Lan", "Mai", "Thắng", "Ân", "Ăn"]
    names = [
        f"{rng.choice(family)} {rng.choice(middle)} {rng.choice(given)} {number}" for number in range(count)
    ]
    images = portraits(names, rng)
    for number, (name, image) in enumerate(zip(names, images, strict=True)):
        page = ExemplarPage(
            title=name,
            subject_kind=ExemplarPage.SubjectKind.INDIVIDUAL,
            position="Chủ tịch Hội Nông dân xã",
            unit=rng.choice(units),
            year=rng.choice([2023, 2024, 2025]),
            summary=PARAGRAPH.format(name=name)[:300],
            lead_image=image,
            achievements=[("paragraph", f"<p>{PARAGRAPH.format(name=name)}</p>")] * 3,
        )
        page.achievement_fields = rng.sample(fields, rng.choice([1, 2]))
        page.movements = [rng.choice(movements)]
        page.awards = [
            Award(
                title="Chiến sĩ thi đua cấp tỉnh",
                decision_number=f"{number}/QĐ-UBND",
                date=datetime.date(2025, 4, 2),
            ),
            Award(title="Bằng khen của Chủ tịch UBND tỉnh", issuing_authority="UBND tỉnh Đắk Lắk"),
        ]
        # Saved live as they are: publishing each would make its share cards too (posters), which is not measured.
        registry.add_child(instance=page)
        if number == 0:
            print(
                f"units, movements and the first profile: {time.perf_counter() - started:.1f} s",
                file=sys.stderr,
            )
    return {"seconds": time.perf_counter() - started}


def traced_book(count):
    """The book made under tracemalloc (slower: the seconds are not the book's), for the peak of its allocations."""
    tracemalloc.start()
    figures = make_book(count)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return figures | {"traced_peak_mib": peak / 2**20}


def make_book(_count):
    from yearbooks.making import claim, make
    from yearbooks.models import Yearbook

    yearbook = Yearbook.objects.create(
        title="Kỷ yếu Đại hội thi đua yêu nước tỉnh Đắk Lắk lần thứ XII", outlet="portal"
    )
    started = time.perf_counter()
    make(claim(yearbook.pk))
    seconds = time.perf_counter() - started
    yearbook.refresh_from_db()
    return {
        "seconds": seconds,
        "pages": yearbook.page_count,
        "pdf_mib": yearbook.file.size / 2**20 if yearbook.file else 0,
        "status": f"{yearbook.status} {yearbook.progress} {yearbook.error}".strip(),
    }


if __name__ == "__main__":
    sys.exit(main())
