"""Fixtures of the contests: a contest on the newspaper, the form's data, and files of every kind."""

import datetime
import io
import uuid
import zipfile
from functools import partial

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile

from contests.models import ContestCategory, ContestIndexPage, ContestPage, ContestPrize, RubricCriterion
from contests.setup import ensure_contest_roles
from newsroom.models import Outlet, OutletHomePage
from tests.datasets import Dataset

OPENS_AT = datetime.datetime(2025, 3, 1, 7, 0, tzinfo=datetime.UTC)
CLOSES_AT = datetime.datetime(2025, 4, 30, 10, 0, tzinfo=datetime.UTC)  # 17:00 in Đắk Lắk
DURING = OPENS_AT + datetime.timedelta(days=10)

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def roles(db):
    return ensure_contest_roles()


def new_contest_index():
    newspaper = OutletHomePage.objects.get(outlet=Outlet.NEWSPAPER)
    index = newspaper.add_child(instance=ContestIndexPage(title="Cuộc thi", slug="cuoc-thi"))
    index.save_revision().publish()


def new_contest(contest_index, title="Cuộc thi viết về gương người tốt việc tốt", **fields):
    contest = ContestPage(
        title=title,
        theme=fields.pop("theme", "Những tấm gương bình dị mà cao quý"),
        rules=fields.pop("rules", "<p>Bài viết về người thật, việc thật.</p>"),
        eligibility=fields.pop("eligibility", "Mọi công dân sinh sống tại tỉnh Đắk Lắk."),
        opens_at=fields.pop("opens_at", OPENS_AT),
        closes_at=fields.pop("closes_at", CLOSES_AT),
        **fields,
    )
    # Written without a sort order, as the demo writes them: they keep this order (core.models.WrittenOrderable).
    contest.categories = [ContestCategory(name="Bút ký"), ContestCategory(name="Phóng sự")]
    contest.prizes = [ContestPrize(name="Giải Nhất", count=1), ContestPrize(name="Giải Nhì", count=2)]
    contest.rubric_criteria = [
        RubricCriterion(name="Nội dung", weight=60),
        RubricCriterion(name="Nghệ thuật", weight=40),
    ]
    contest_index.add_child(instance=contest)
    contest.save_revision().publish()
    contest.refresh_from_db()
    return contest


# Nearly every contest test starts from these: built once per run (tests/datasets.py).
CONTEST_INDEX = Dataset(new_contest_index)
CONTEST = Dataset(lambda: new_contest(ContestIndexPage.objects.get()))


@pytest.fixture
def contest_index(outlets):
    CONTEST_INDEX.put()
    return ContestIndexPage.objects.get()


@pytest.fixture
def make_contest(contest_index):
    return partial(new_contest, contest_index)


@pytest.fixture
def contest(contest_index):
    CONTEST.put()
    return ContestPage.objects.get()


def entry_data(contest, **overrides):
    """A complete, valid entry as the form posts it; every call is a new form (a new token)."""
    data = {
        "submission_token": str(uuid.uuid4()),
        "full_name": "Nguyễn Thị Hoa",
        "pen_name": "",
        "email": "hoa.nguyen@example.vn",
        "phone": "0912 345 678",
        "address": "Xã Ea Knuếc, huyện Krông Pắc",
        "category": str(contest.categories.first().pk),
        "title": "Người giữ lửa buôn làng",
        "text": "Chị H'Linh dạy chữ cho trẻ em buôn Ea Knuếc suốt mười năm.",
        "credit": "full_name",
        "consented_to_rules": "on",
        "consented_to_publication": "on",
        "homepage": "",
    }
    data.update(overrides)
    return data


def zip_bytes(members, stored=()):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content, zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def docx_bytes(text="Bài dự thi"):
    return zip_bytes(
        {
            "[Content_Types].xml": "<Types/>",
            "word/document.xml": f"<w:document><w:t>{text}</w:t></w:document>",
            "docProps/core.xml": "<dc:creator>Nguyễn Thị Hoa</dc:creator>",
        }
    )


def odt_bytes():
    """As office suites write it: `mimetype` first and stored, so the type reads from the file's head."""
    return zip_bytes(
        {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office:document-content/>"},
        stored={"mimetype"},
    )


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)
