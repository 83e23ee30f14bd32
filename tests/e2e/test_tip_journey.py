"""A tip's journey to a published story: a reader sends a tip with a photo from a phone and notes the receipt code;
the newspaper's editor opens it in the queue, looks at the photo and assigns a story to a journalist; the story
written for it is published; the reader looks the code up, reads that the story is out, follows the link, and has
had one email. Screenshots land in build/screenshots/tip-*.png."""

import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image
from playwright.sync_api import expect

from django.urls import reverse

from core.models import OutgoingMail
from newsroom.models import Outlet, StoryAssignment
from newsroom.outlets import editors_group_name, journalists_group_name
from tests.e2e.admin_login import sign_in
from tips.models import Tip, TipPage
from tips.setup import ensure_tip_page

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
PHONE, DESKTOP = 390, 1366
WIDER_THAN_THE_SCREEN = "() => document.documentElement.scrollWidth > window.innerWidth"


def shoot(tab, name, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=SCREENSHOTS / f"tip-{name}-{width}.png", full_page=True)
    assert not tab.evaluate(WIDER_THAN_THE_SCREEN), f"{name} is wider than {width} px"


def photo(path):
    Image.new("RGB", (320, 240), "#a50e1e").save(path, "JPEG")
    return path


def tab_of(browser, width):
    context = browser.new_context(
        locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": width, "height": 900}
    )
    return context.new_page()


def send_tip(tab, form_url, picture):
    tab.goto(form_url)
    tab.locator("#id_who").fill("Anh Y Blin Niê, thợ sửa xe máy")
    tab.locator("#id_what").fill("Anh nhặt được chiếc ví có 20 triệu đồng và tìm trả lại cho người đánh rơi.")
    tab.locator("#id_place").fill("Đường Nguyễn Tất Thành")
    tab.locator("#id_happened_on").fill((datetime.date.today() - datetime.timedelta(days=2)).isoformat())
    tab.locator("#id_files").set_input_files(str(picture))
    tab.locator("#id_tipster_name").fill("Trần Văn Bình")
    tab.locator("#id_tipster_email").fill("binh@example.vn")
    tab.locator("#id_consented").check()
    tab.get_by_role("button", name="Gửi tin báo").click()
    expect(tab.get_by_role("heading", name="Ban biên tập đã nhận tin báo của bạn")).to_be_visible()
    return tab.locator(".receipt-code").inner_text().strip()


def link_the_story(tab, live_server, journalist, assignment, story):
    """The journalist opens the assignment from the dashboard and links the story. The page chooser's modal is
    Wagtail's own: the test sets the page it would choose and sends the form as the chooser leaves it."""
    sign_in(tab, live_server, journalist)
    tab.get_by_role("link", name=assignment.title).first.click()
    expect(tab.get_by_text(assignment.title).first).to_be_visible()
    tab.evaluate(
        "([name, value]) => { document.querySelector(`input[name=${name}]`).value = value }",
        ["story", str(story.pk)],
    )
    shoot(tab, "journalist-assignment", PHONE)
    tab.get_by_role("button", name="Lưu").click()
    tab.wait_for_load_state()
    assignment.refresh_from_db()
    assert assignment.story_id == story.pk


def test_a_tip_becomes_a_published_story_and_the_tipster_is_told(
    browser, live_server, outlets, make_user, make_column, make_article, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    ensure_tip_page(outlets[Outlet.NEWSPAPER])
    form_url = live_server.url + urlsplit(TipPage.objects.get().url).path
    editor = make_user("bientap.bao", editors_group_name(Outlet.NEWSPAPER))
    journalist = make_user("phongvien.bao", journalists_group_name(Outlet.NEWSPAPER))

    reader = tab_of(browser, PHONE)
    code = send_tip(reader, form_url, photo(tmp_path / "vi-tien.jpg"))
    shoot(reader, "receipt", PHONE)
    tip = Tip.objects.get(receipt_code=code)

    desk = tab_of(browser, DESKTOP)
    sign_in(desk, live_server, editor)
    desk.goto(f"{live_server.url}{reverse('tips:index')}")
    desk.get_by_role("link", name="Anh Y Blin Niê, thợ sửa xe máy").click()
    with desk.expect_download() as download:
        desk.get_by_role("link", name="vi-tien.jpg").click()
    assert Path(download.value.path()).read_bytes()[:3] == b"\xff\xd8\xff"
    desk.locator("#id_accept-journalist").select_option(str(journalist.pk))
    desk.locator("#id_accept-due_on").fill((datetime.date.today() + datetime.timedelta(days=7)).isoformat())
    desk.get_by_role("button", name="Giao viết bài").click()
    expect(desk.get_by_text("bài viết đã được giao cho phóng viên")).to_be_visible()
    shoot(desk, "admin-assigned", DESKTOP)

    # The journalist finds the assignment on the dashboard, writes the story and links it; the editor publishes.
    assignment = StoryAssignment.objects.get(tips=tip)
    column = make_column(outlets[Outlet.NEWSPAPER], "Người tốt việc tốt")
    story = make_article(column, "Người thợ sửa xe trả lại 20 triệu đồng", live=False)
    link_the_story(tab_of(browser, PHONE), live_server, journalist, assignment, story)
    story.save_revision().publish()
    assignment.refresh_from_db()
    assert assignment.status == StoryAssignment.Status.DONE

    reader.goto(form_url + "tra-cuu/")
    reader.locator("#id_receipt_code").fill(code.lower())
    reader.get_by_role("button", name="Tra cứu").click()
    expect(reader.get_by_text("Bài viết từ tin báo của bạn đã được đăng.")).to_be_visible()
    shoot(reader, "status-published", PHONE)
    reader.get_by_role("link", name="Đọc bài viết").click()
    expect(reader.get_by_role("heading", name="Người thợ sửa xe trả lại 20 triệu đồng")).to_be_visible()

    assert list(OutgoingMail.objects.values_list("recipients", flat=True)) == [["binh@example.vn"]]
