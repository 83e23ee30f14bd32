#!/usr/bin/env python
"""Benchmark the judges' copy of entry files: what the worst files cost at entry and at a judge's download.

    python tests/bench/bench_anonymise.py [--case NAME ...]

It builds the most expensive files the entry form accepts and files built to take a server down, and runs each
case in fresh processes, so that peaks do not mix:

- site: the entry form's check (check_entry_file, which makes the copy once, in a child process) then a judge's
  download (anonymise_isolated), as the web process runs them: whether the form accepts the file, the time of
  each step, and how far the web process's peak memory grew;
- copy: the copy alone, as the child process makes it: its time and the process's peak (the parser flood is left
  out: only the child's limits stop it, which the site run shows).

Peaks are Linux's VmHWM, per program image (getrusage's ru_maxrss counts the forking parent's pages too).
"""

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")

MB = 1024 * 1024


def docx_of_photos():
    """The largest DOCX accepted: photos from a phone filling the 10 MB an entry may be."""
    from contests.anonymise.budget import MAX_FILE_BYTES
    from tests.contests.judging.documents import build_zip, docx_members, photo_of_noise

    members = docx_members()
    photo = photo_of_noise((1600, 1200), 90)
    count = (MAX_FILE_BYTES - 64 * 1024) // len(photo)
    members |= {f"word/media/image{number}.jpeg": photo for number in range(count)}
    return build_zip(members)


def docx_of_text():
    """The most text accepted: two XML parts just under a part's size and media up to the budget."""
    from contests.anonymise.budget import MAX_PART_BYTES, MAX_UNPACKED_BYTES
    from tests.contests.judging.documents import docx_members, word_document, zip_with_filler

    part = MAX_PART_BYTES - MB
    members = docx_members() | {
        "word/document.xml": word_document(part),
        "word/footnotes.xml": word_document(part),
    }
    return zip_with_filler(members, "word/media/filler.bin", MAX_UNPACKED_BYTES - 2 * part - 2 * MB)


def docx_of_tiffs():
    """The most decoding accepted: two TIFF scans just inside a picture's allowance, encoded again."""
    from PIL import Image

    from contests.anonymise.budget import MAX_PICTURE_BYTES
    from tests.contests.judging.documents import build_zip, docx_members

    side = int((MAX_PICTURE_BYTES / 4) ** 0.5) - 1
    buffer = io.BytesIO()
    gradient = Image.linear_gradient("L").resize((side, side))  # a scan of a page: large, but it compresses
    Image.merge("RGB", [gradient, gradient.transpose(Image.Transpose.ROTATE_90), gradient]).save(
        buffer, "TIFF", compression="tiff_adobe_deflate"
    )
    return build_zip(
        docx_members()
        | {"word/media/scan1.tiff": buffer.getvalue(), "word/media/scan2.tiff": buffer.getvalue()}
    )


def zip_bomb():
    from tests.contests.judging.documents import docx_members, zip_with_filler

    return zip_with_filler(docx_members(), "word/media/filler.bin", 1024 * MB)


def lying_zip():
    from tests.contests.judging.documents import docx_members, with_declared_size, zip_with_filler

    return with_declared_size(
        zip_with_filler(docx_members(), "word/media/f.bin", 1024 * MB), "word/media/f.bin", 1024
    )


def pdf_of_photo():
    """A PDF as a scanner or a phone makes it: one page, one large JPEG with its EXIF, near 10 MB."""
    from tests.contests.judging.documents import pdf_with_jpeg, photo_of_noise

    return pdf_with_jpeg(photo_of_noise((3600, 2700), 90), size=(3600, 2700))


def pdf_of_most_objects():
    from contests.anonymise.budget import MAX_PDF_OBJECTS
    from tests.contests.judging.documents import pdf_of_many_objects

    return pdf_of_many_objects(MAX_PDF_OBJECTS - 10)


def pdf_object_stream_bomb():
    from contests.anonymise.budget import MAX_PART_BYTES
    from tests.contests.judging.documents import pdf_with_object_streams

    return pdf_with_object_streams(6, MAX_PART_BYTES - MB)


def pdf_flood():
    from tests.contests.judging.documents import pdf_flooding_the_parser

    return pdf_flooding_the_parser(9)


CASES = {
    "docx-photos-10MB": ("docx", docx_of_photos),
    "docx-text-at-budget": ("docx", docx_of_text),
    "docx-tiffs-at-picture-budget": ("docx", docx_of_tiffs),
    "zip-bomb-1GB": ("docx", zip_bomb),
    "zip-lying-sizes-1GB": ("docx", lying_zip),
    "pdf-big-photo": ("pdf", pdf_of_photo),
    "pdf-most-objects": ("pdf", pdf_of_most_objects),
    "pdf-object-stream-bomb": ("pdf", pdf_object_stream_bomb),
    "pdf-parser-flood": ("pdf", pdf_flood),
}
UNBOUNDED_ALONE = {"pdf-parser-flood"}  # pypdf alone would parse it for minutes and gigabytes


def memory_mb(field):
    """VmHWM (the peak) or VmRSS of this process, in MB. Linux keeps them per program image, so the size of
    the process this one was forked from does not count, as it does in getrusage's ru_maxrss."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise LookupError(field)


def run_site(kind, data):
    """The entry form's check, then a judge's download, as the web process runs them."""
    import django

    django.setup()
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from contests.anonymise import AnonymisationError, anonymise_isolated
    from contests.files import check_entry_file

    before = memory_mb("VmHWM")
    figures = {}
    started = time.perf_counter()
    try:
        check_entry_file(SimpleUploadedFile(f"bai.{kind}", data), [kind])
        figures["entry"] = "accepted"
    except ValidationError as error:
        figures["entry"] = "refused: " + error.messages[0]
    figures["entry_s"] = round(time.perf_counter() - started, 2)
    started = time.perf_counter()
    try:
        anonymise_isolated(data, kind)
        figures["download"] = "copy served"
    except AnonymisationError as error:
        figures["download"] = f"refused: {error}"[:100]
    figures["download_s"] = round(time.perf_counter() - started, 2)
    figures["web_process_peak_growth_mb"] = round(memory_mb("VmHWM") - before)
    return figures


def run_copy(kind, data):
    """The copy alone, as the child process makes it (without Django, as there)."""
    from contests.anonymise import AnonymisationError, anonymise

    before = memory_mb("VmRSS")
    started = time.perf_counter()
    try:
        anonymise(data, kind)
        figures = {"copy": "made"}
    except AnonymisationError as error:
        figures = {"copy": f"refused: {error}"[:100]}
    figures["copy_s"] = round(time.perf_counter() - started, 2)
    figures["copy_process_peak_mb"] = round(memory_mb("VmHWM"))
    figures["copy_peak_growth_mb"] = round(memory_mb("VmHWM") - before)
    return figures


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="run only these cases")
    parser.add_argument("--run", nargs=3, metavar=("KIND", "PATH", "MODE"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.run:
        kind, path, mode = arguments.run
        data = Path(path).read_bytes()
        figures = {"size_mb": round(len(data) / MB, 2)}
        figures |= run_site(kind, data) if mode == "site" else run_copy(kind, data)
        print(json.dumps(figures, ensure_ascii=False))
        return
    with tempfile.TemporaryDirectory() as folder:
        for name in arguments.case or CASES:
            kind, build = CASES[name]
            path = Path(folder) / f"{name}.{kind}"
            path.write_bytes(build())
            for mode in ("site", "copy"):
                if mode == "copy" and name in UNBOUNDED_ALONE:
                    continue
                command = [sys.executable, __file__, "--run", kind, str(path), mode]
                result = subprocess.run(command, capture_output=True, text=True, check=False)
                figures = (
                    result.stdout.strip().splitlines()[-1] if result.returncode == 0 else result.stderr[-500:]
                )
                print(f"{name} [{mode}]: {figures}", flush=True)


if __name__ == "__main__":
    main()
