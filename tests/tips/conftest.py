"""Fixtures of the tips: a tip form on the newspaper and the station, the form's data, files, the roles."""

import datetime
import io
import uuid

import pytest
from PIL import Image

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from exemplars.models import Locality, OfficerProfile, Unit
from exemplars.roles import REVIEWERS_GROUP
from exemplars.setup import ensure_nomination_roles, join_unit_officers
from newsroom.models import Outlet
from newsroom.outlets import editors_group_name, journalists_group_name
from tips.models import Tip, TipPage
from tips.setup import ensure_tip_page

# An MP4's first box: its type (ftyp), a major brand MP4 players take, a version, compatible brands.
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "#a50e1e").save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "#0b4f8a").save(buffer, "JPEG")
    return buffer.getvalue()


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def tip_data(**overrides):
    data = {
        "submission_token": str(uuid.uuid4()),
        "who": "Anh Y Blin Niê, thợ sửa xe",
        "what": "Anh nhặt được ví có 20 triệu đồng và tìm trả lại cho người đánh rơi.",
        "place": "Thôn 3, đường Nguyễn Tất Thành",
        "locality": "",
        "happened_on": "10/3/2025",
        "tipster_name": "Trần Văn Bình",
        "tipster_phone": "0912 345 678",
        "tipster_email": "binh@example.vn",
        "consented": "on",
    }
    return data | overrides


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def tip_pages(outlets):
    for home in outlets.values():
        ensure_tip_page(home)
    return {outlet: TipPage.objects.descendant_of(home).get() for outlet, home in outlets.items()}


@pytest.fixture
def tip_page(tip_pages):
    return tip_pages[Outlet.NEWSPAPER]


def new_tip(page, who="Chị H'Hoa Êban", **fields):
    code = fields.pop("receipt_code", None) or f"T{uuid.uuid4().hex[:4].upper()}-AAAAA-BBBBB"
    return Tip.objects.create(
        page=page,
        outlet=page.outlet,
        who=who,
        what=fields.pop("what", "Chị nấu cơm miễn phí cho bệnh nhân nghèo suốt 5 năm."),
        place=fields.pop("place", "Bệnh viện Đa khoa tỉnh"),
        happened_on=fields.pop("happened_on", datetime.date(2025, 3, 1)),
        tipster_name=fields.pop("tipster_name", "Lê Thị Mai"),
        tipster_phone=fields.pop("tipster_phone", "0987 654 321"),
        tipster_email=fields.pop("tipster_email", "mai@example.vn"),
        submission_token=uuid.uuid4(),
        receipt_code=code,
        received_at=fields.pop("received_at", timezone.now()),
        **fields,
    )


@pytest.fixture
def make_tip(tip_page):
    def make(page=None, **fields):
        return new_tip(page or tip_page, **fields)

    return make


@pytest.fixture
def unit(db):
    return Unit.objects.create(name="UBND xã Ea Kao", kind=Unit.Kind.COMMUNE)


@pytest.fixture
def locality(db):
    return Locality.objects.present().first()


@pytest.fixture
def people(outlets, make_user, unit):
    """The newspaper's editor and journalist, the station's editor, an officer of `unit`, an officer of another
    unit, a Department reviewer."""
    ensure_nomination_roles()
    other_unit = Unit.objects.create(name="Sở Y tế", kind=Unit.Kind.DEPARTMENT)
    people = {
        "editor": make_user("bientap.bao", editors_group_name(Outlet.NEWSPAPER)),
        "journalist": make_user("phongvien.bao", journalists_group_name(Outlet.NEWSPAPER)),
        "other_editor": make_user("bientap.dai", editors_group_name(Outlet.BROADCAST)),
        "officer": make_user("canbo.ea-kao"),
        "other_officer": make_user("canbo.so-y-te"),
        "reviewer": make_user("thamdinh.snv", REVIEWERS_GROUP),
    }
    for officer, officer_unit in [("officer", unit), ("other_officer", other_unit)]:
        join_unit_officers(people[officer], officer_unit)
        OfficerProfile.objects.create(user=people[officer], unit=officer_unit)
    return people
