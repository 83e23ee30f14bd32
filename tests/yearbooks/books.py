"""Asking for a yearbook as the admin's form would, making it as the scheduler would, and reading its PDF."""

import re
from io import BytesIO

from pypdf import PdfReader

from yearbooks.making import make_next
from yearbooks.models import Yearbook

TITLE = "Kỷ yếu Đại hội thi đua yêu nước tỉnh Đắk Lắk lần thứ XII"
CONTENTS_ENTRY = re.compile(r"^(?P<name>.+?)\s*(?P<page>\d+)$")


def ask(profiles=(), outlet="portal", title=TITLE, **criteria):
    yearbook = Yearbook.objects.create(title=title, outlet=outlet, **criteria)
    yearbook.profiles.set(profiles)
    return yearbook


def made(profiles=(), **criteria):
    yearbook = ask(profiles, **criteria)
    make_next()
    yearbook.refresh_from_db()
    return yearbook


def reader(yearbook):
    with yearbook.file.open("rb") as file:
        return PdfReader(BytesIO(file.read()))


def page_texts(pdf):
    return [" ".join(page.extract_text().split()) for page in pdf.pages]


def page_lines(page):
    return [line.strip() for line in page.extract_text().splitlines() if line.strip()]
