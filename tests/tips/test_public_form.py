"""A tipster's side: the form, its refusals, the receipt and the status look-up."""

import io
import re

import pytest
import time_machine
from PIL import Image

from tests.core.test_challenges import solve
from tips import files, limits
from tips.files import MAX_PHOTO_BYTES, MAX_PHOTOS
from tips.models import Tip, TipAttachment

from .conftest import MP4, jpeg_bytes, png_bytes, tip_data, upload

pytestmark = pytest.mark.django_db

# 17:00 on 12 March 2025 in Đắk Lắk.
NOW = "2025-03-12T10:00:00Z"


def receipt_code(response):
    return re.search(r'class="receipt-code"><strong>([A-Z0-9-]+)<', response.content.decode()).group(1)


@time_machine.travel(NOW)
def test_a_tip_is_taken_with_its_photos_and_a_receipt_code(client, tip_page, private_media, locality):
    files = [upload("anh-1.jpg", jpeg_bytes()), upload("anh-2.PNG", png_bytes())]
    response = client.post(tip_page.url, tip_data(locality=locality.pk, files=files))

    assert response.status_code == 200
    tip = Tip.objects.get()
    assert receipt_code(response) == tip.receipt_code
    assert (tip.outlet, tip.locality, tip.status) == ("newspaper", locality, Tip.Status.NEW)
    assert [(a.file_name, a.kind) for a in tip.attachments.all()] == [
        ("anh-1.jpg", "jpg"),
        ("anh-2.PNG", "png"),
    ]
    assert all((private_media / a.file.name).exists() for a in tip.attachments.all())
    assert "no-store" in response["Cache-Control"]
    # The receipt shows the code only, never what was told.
    assert "Y Blin" not in response.content.decode()


@time_machine.travel(NOW)
def test_one_short_video_is_taken(client, tip_page, private_media):
    response = client.post(tip_page.url, tip_data(files=[upload("clip.mp4", MP4)]))
    assert response.status_code == 200
    assert Tip.objects.get().attachments.get().kind == TipAttachment.Kind.MP4


@time_machine.travel(NOW)
@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([upload("anh.jpg", png_bytes())], "không phải là JPEG"),
        ([upload("clip.mp4", jpeg_bytes())], "không phải là MP4"),
        ([upload("trang.html", b"<script>alert(1)</script>")], "Chỉ nhận ảnh JPEG, PNG, WebP hoặc video MP4"),
        ([upload("clip.mp4", MP4), upload("anh.jpg", jpeg_bytes())], "Chỉ gửi một video"),
        ([upload(f"anh-{n}.jpg", jpeg_bytes()) for n in range(MAX_PHOTOS + 1)], f"Tối đa {MAX_PHOTOS} ảnh"),
        ([upload("to.jpg", jpeg_bytes() + b"\x00" * MAX_PHOTO_BYTES)], "quá lớn: tối đa 10 MB"),
    ],
)
def test_files_that_are_not_what_they_claim_or_too_many_are_refused(
    client, tip_page, private_media, files, message
):
    response = client.post(tip_page.url, tip_data(files=files))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Tip.objects.exists()
    assert not private_media.exists() or not any(private_media.rglob("*.*"))


@time_machine.travel(NOW)
def test_the_error_state_says_what_to_mend_in_vietnamese(client, tip_page):
    response = client.post(
        tip_page.url,
        tip_data(happened_on="13/3/2025", tipster_phone="", tipster_email="", consented="", who=""),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Tin báo chưa được gửi" in page
    assert "Ngày xảy ra không thể sau hôm nay (12/3/2025)." in page
    assert "Vui lòng để lại số điện thoại hoặc email." in page
    assert "Bạn cần đồng ý để gửi tin báo." in page
    assert "Vui lòng điền mục này." in page
    assert not Tip.objects.exists()


@time_machine.travel(NOW)
def test_an_email_alone_is_a_contact(client, tip_page):
    assert client.post(tip_page.url, tip_data(tipster_phone="")).status_code == 200
    assert Tip.objects.get().tipster_email == "binh@example.vn"


@time_machine.travel(NOW)
def test_a_double_submit_makes_one_tip_and_shows_the_same_receipt(client, tip_page):
    data = tip_data()
    first = client.post(tip_page.url, data)
    second = client.post(tip_page.url, data)
    assert Tip.objects.count() == 1
    assert receipt_code(first) == receipt_code(second)


@time_machine.travel(NOW)
def test_script_is_escaped_when_the_form_comes_back(client, tip_page):
    response = client.post(tip_page.url, tip_data(who="<script>alert('x')</script>", consented=""))
    page = response.content.decode()
    assert "<script>alert(" not in page
    assert "&lt;script&gt;alert(" in page


@time_machine.travel(NOW)
def test_a_nul_byte_is_refused_with_a_message(client, tip_page):
    response = client.post(tip_page.url, tip_data(what="Giúp đỡ\x00người nghèo"))
    assert response.status_code == 400
    assert "ký tự" in response.content.decode()
    assert not Tip.objects.exists()


@time_machine.travel(NOW)
def test_the_honeypot_refuses_a_bot(client, tip_page):
    response = client.post(tip_page.url, tip_data(homepage="http://spam.example"))
    assert response.status_code == 400
    assert not Tip.objects.exists()


@time_machine.travel(NOW)
def test_past_a_few_tips_an_address_must_solve_the_puzzle_then_is_stopped(client, tip_page, monkeypatch):
    monkeypatch.setattr(limits, "TIPS_BEFORE_CHALLENGE", 1)
    monkeypatch.setattr(limits, "TIPS_PER_ADDRESS", 3)
    assert client.post(tip_page.url, tip_data()).status_code == 200

    unsolved = client.post(tip_page.url, tip_data())
    assert unsolved.status_code == 400
    assert "xác minh chống gửi tự động" in unsolved.content.decode()

    puzzle = re.search(r'name="puzzle" value="([^"]+)"', unsolved.content.decode()).group(1)
    solved = client.post(tip_page.url, tip_data(puzzle=puzzle, puzzle_answer=solve(puzzle)))
    assert solved.status_code == 200

    stopped = client.post(tip_page.url, tip_data())
    assert stopped.status_code == 429
    assert Tip.objects.count() == 2


@time_machine.travel(NOW)
def test_addresses_are_counted_behind_the_proxy(client, tip_page, monkeypatch, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    monkeypatch.setattr(limits, "TIPS_BEFORE_CHALLENGE", 5)
    monkeypatch.setattr(limits, "TIPS_PER_ADDRESS", 1)
    first = client.post(tip_page.url, tip_data(), HTTP_X_FORWARDED_FOR="203.0.113.5")
    again = client.post(tip_page.url, tip_data(), HTTP_X_FORWARDED_FOR="203.0.113.5")
    other = client.post(tip_page.url, tip_data(), HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert [first.status_code, again.status_code, other.status_code] == [200, 429, 200]


@time_machine.travel(NOW)
def test_the_look_up_shows_only_the_status_of_the_tip(client, tip_page, make_tip):
    mine = make_tip(receipt_code="MINE2-AAAAA-BBBBB")
    make_tip(who="Ông Ama Hòa", tipster_name="Người khác", receipt_code="OTHER-AAAAA-BBBBB")

    response = client.post(tip_page.url + "tra-cuu/", {"receipt_code": "mine2 aaaaa bbbbb"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Đã tiếp nhận, Ban biên tập đang xem xét." in page
    for private in [
        mine.who,
        mine.tipster_name,
        mine.tipster_phone,
        mine.tipster_email,
        mine.what,
        "Ama Hòa",
    ]:
        assert private not in page
    assert "no-store" in response["Cache-Control"]


@time_machine.travel(NOW)
def test_a_wrong_code_finds_nothing_and_guessing_is_rate_limited(client, tip_page, make_tip, monkeypatch):
    make_tip(receipt_code="MINE2-AAAAA-BBBBB")
    monkeypatch.setattr(limits, "STATUS_LOOKUPS_PER_ADDRESS", 2)
    codes = ["MINE2-AAAAA-BBBBC", "MINE2-AAAAA-BBBBD", "MINE2-AAAAA-BBBBB"]
    statuses = [client.post(tip_page.url + "tra-cuu/", {"receipt_code": c}).status_code for c in codes]
    # The third is the right code, refused all the same: the address used its look-ups on guesses.
    assert statuses == [404, 404, 429]


def test_a_tip_looked_up_on_another_outlet_is_not_found(client, tip_pages, make_tip):
    make_tip(receipt_code="MINE2-AAAAA-BBBBB")
    station_page = tip_pages["broadcast"]
    address = station_page.relative_url(station_page.get_site()) + "tra-cuu/"
    response = client.post(address, {"receipt_code": "MINE2-AAAAA-BBBBB"}, HTTP_HOST="drt.localhost")
    assert response.status_code == 404
    assert "Không tìm thấy tin báo với mã biên nhận này." in response.content.decode()


def test_the_form_page_is_in_vietnamese(client, tip_page):
    page = client.get(tip_page.url).content.decode()
    for words in [
        "Người hoặc tập thể được nêu",
        "Ngày xảy ra",
        "Gửi tin báo",
        "mỗi ảnh tối đa 10 MB",
        "50 MB",
    ]:
        assert words in page


@time_machine.travel(NOW)
def test_a_webp_photo_is_taken_and_a_long_video_refused(client, tip_page, private_media, monkeypatch):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "#0f6b3a").save(buffer, "WEBP")
    assert (
        client.post(tip_page.url, tip_data(files=[upload("anh.webp", buffer.getvalue())])).status_code == 200
    )
    monkeypatch.setattr(files, "MAX_VIDEO_BYTES", len(MP4) - 1)
    response = client.post(tip_page.url, tip_data(files=[upload("clip.mp4", MP4)]))
    assert response.status_code == 400
    assert "quá lớn: tối đa 50 MB" in response.content.decode()


@time_machine.travel(NOW)
def test_a_body_past_every_file_allowed_is_refused_unread(client, tip_page):
    response = client.post(tip_page.url, tip_data(), CONTENT_LENGTH=str(files.MAX_REQUEST_BYTES + 1))
    assert response.status_code == 413
    assert "Tin báo quá lớn" in response.content.decode()
    assert not Tip.objects.exists()


def test_a_merged_tip_shows_the_status_of_the_tip_it_joined(client, tip_page, make_tip):
    original = make_tip(status=Tip.Status.REJECTED, rejection_reason="Không xác minh được")
    make_tip(status=Tip.Status.MERGED, duplicate_of=original, receipt_code="MERGE-AAAAA-BBBBB")
    page = client.post(tip_page.url + "tra-cuu/", {"receipt_code": "MERGE-AAAAA-BBBBB"}).content.decode()
    assert "Cùng nội dung với một tin báo khác" in page
    # The editors' reason stays in the admin.
    assert "Không xác minh được" not in page
