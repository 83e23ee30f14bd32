"""A reader on a phone and on a desktop: the outlets render, navigate and fit the screen."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def column_with_article(outlets, make_column, make_article):
    column = make_column(outlets["newspaper"], "Điển hình tiên tiến", show_in_menus=True)
    make_article(column, "Già làng Y Khu và cánh rừng của buôn", standfirst="Ba mươi năm giữ rừng đầu nguồn.")
    return column


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_reader_goes_from_home_through_a_column_to_an_article(
    live_server, page, column_with_article, viewport
):
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert fits_the_screen(page)

    page.get_by_role("navigation", name="Chuyên mục").get_by_role("link", name="Điển hình tiên tiến").click()
    page.wait_for_url("**/dien-hinh-tien-tien/")
    assert page.get_by_role("heading", level=1).inner_text() == "Điển hình tiên tiến"

    page.get_by_role("link", name="Già làng Y Khu và cánh rừng của buôn").click()
    page.wait_for_url("**/gia-lang-y-khu-va-canh-rung-cua-buon/")
    assert page.get_by_role("heading", level=1).inner_text() == "Già làng Y Khu và cánh rừng của buôn"
    assert fits_the_screen(page)


def test_the_skip_link_is_the_first_stop_for_keyboard_users(live_server, page, column_with_article):
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Bỏ qua, đến nội dung chính"
