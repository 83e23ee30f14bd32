"""A reader shares a story: from the keyboard, the focus in view, copies its address; where the browser has a share
sheet (a phone's, with Zalo in it) the page offers it; without scripts the address waits in its field. Screenshots of
the share links at 390 and 1366 pixels land in build/screenshots/."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from wagtail.models import Site

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
# A share sheet as a phone's browser has one: what the page asks it to share is kept for the test to read.
SHARE_SHEET = "navigator.share = (data) => { window.sharedWithTheSheet = data; return Promise.resolve(); };"
FOCUS_RING = "(element) => { const style = getComputedStyle(element); return [style.outlineStyle, style.outlineWidth]; }"


@pytest.fixture
def story(live_server, outlets, make_column, make_article):
    """The story's address on the live server under the newspaper's host name, and its canonical address."""
    article = make_article(
        make_column(outlets["newspaper"], "Gương người tốt việc tốt"),
        "Cô giáo H'Linh và lớp học tình thương",
        standfirst="Mười năm dạy chữ cho trẻ em buôn Ea Knuếc.",
    )
    site_id, _root_url, path = article.get_url_parts()
    port = urlsplit(live_server.url).port
    return f"http://{Site.objects.get(pk=site_id).hostname}:{port}{path}", article.get_full_url()


def open_story(browser, address, width, **options):
    context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 900}, **options)
    page = context.new_page()
    page.goto(address)
    return page


@pytest.mark.parametrize("width", [390, 1366])
def test_a_reader_copies_the_address_from_the_keyboard(browser, story, width):
    address, canonical = story
    page = open_story(browser, address, width, permissions=["clipboard-read", "clipboard-write"])

    page.locator(".share a").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "share-url"
    page.keyboard.press("Tab")
    copy = page.get_by_role("button", name="Sao chép đường dẫn")
    assert copy.evaluate("(element) => element === document.activeElement")
    assert copy.evaluate(FOCUS_RING) == ["solid", "3px"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(".share").screenshot(path=SCREENSHOTS / f"share-links-{width}.png")
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_have_text("Đã sao chép đường dẫn.")
    assert page.evaluate("navigator.clipboard.readText()") == canonical
    assert not page.locator(".share").evaluate("(share) => share.scrollWidth > share.clientWidth")


def test_a_phones_share_sheet_is_offered_for_zalo_and_the_other_apps(browser, story):
    address, canonical = story
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 900})
    context.add_init_script(SHARE_SHEET)
    page = context.new_page()
    page.goto(address)

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(".share").screenshot(path=SCREENSHOTS / "share-links-with-share-sheet-390.png")
    page.get_by_role("button", name="Zalo và ứng dụng khác").click()
    assert page.evaluate("window.sharedWithTheSheet") == {
        "title": "Cô giáo H'Linh và lớp học tình thương",
        "url": canonical,
    }


def test_without_scripts_the_address_waits_in_its_field(browser, story):
    address, canonical = story
    page = open_story(browser, address, 390, java_script_enabled=False)

    assert page.get_by_label("Đường dẫn để gửi qua Zalo, tin nhắn, email").input_value() == canonical
    assert page.locator(".share button").evaluate_all(
        "(buttons) => buttons.map((button) => button.hidden)"
    ) == [
        True,
        True,
    ]
    facebook = page.get_by_role("link", name="Facebook (mở trong cửa sổ mới)")
    assert facebook.get_attribute("href").startswith("https://www.facebook.com/sharer/sharer.php?u=")
