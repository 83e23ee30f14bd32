"""An editor types titles into the page editor: the slug the browser fills in is core.vietnamese.slugify(title),
and a slug the editor typed stays. Where Wagtail's own script filled the slug in instead, the server knows it."""

import unicodedata
from contextlib import suppress

import pytest
from hypothesis import given
from hypothesis import strategies as st
from playwright.sync_api import expect

from django.urls import reverse

from core.vietnamese import slugify
from newsroom.models import Outlet
from newsroom.outlets import editors_group_name
from newsroom.title_slugs import filled_in_from_title
from tests.e2e.admin_login import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Wagtail's title field asks its slug to follow it this long after the last key (SyncController's debounce).
SYNC_DEBOUNCE_MS = 100

# 255 characters, the most Page.title takes; ß, Æ, Þ and Œ spell longer in ASCII, so the slug runs past 255 and
# is cut back to the last whole word.
LONG_TITLE = (
    "Đoàn công tác Đắk Lắk học chuyển đổi số ở Weißenfels Großenhain Meißen Gießen Weißwasser Großröhrsdorf "
    "Ærøskøbing Þingvellir Œuilly rồi bàn về chính quyền số dữ liệu dân cư đô thị thông minh cho các xã phường "
    "sau sắp xếp và lộ trình đến năm 2030 thuận lợi"
)

TITLES = {
    "ethnic name, stacked marks, đ (issue 14)": "Ông Y Dhung Knul hiến đất",
    "stacked marks (issue 14)": "Kiểm thử đường lên buôn",
    "capital Đ, digits, colon, parentheses, en dash": "Đắk Lắk: 50 năm giải phóng (10/3/1975 – 10/3/2025)",
    "straight apostrophe, Ê": "H'Bia Ênuôl, nữ y tá của buôn Ko Tam",
    "curly apostrophe": "Người M’nông giữ lửa cồng chiêng",
    "apostrophe in K'Ho": "Già làng K'Ho ở Lâm Đồng kể chuyện rừng",
    "modifier-letter apostrophe": "Ngôn ngữ Cơ Ho (Kʼho) vào trường học",
    "all capitals": "ĐỘI XUNG KÍCH XÃ EA KNUÊC RA QUÂN",
    "decomposed (NFD) input": unicodedata.normalize("NFD", "Thủy điện Buôn Kuốp vượt kế hoạch"),
    "tone on the second vowel (hoà, khoẻ, thuỷ)": "Hoà bình, khoẻ mạnh và thuỷ lợi",
    "curly quotes": "Chữ “Tâm” của người thầy thuốc",
    "ư, ơ and an apostrophe in a place name": "Người ươm mầm xanh trên đất Cư M'gar",
    "em dash, thousands separators": "Trồng 1.000.000 cây xanh — “Vì một Việt Nam xanh”",
    "date with slashes": "Ngày 30/4: tưởng nhớ các anh hùng liệt sĩ",
    "digits only": "2025",
    "percent, decimal comma, plus": "Tăng trưởng 7,5% + xuất khẩu cà phê",
    "ampersand and slash": "Nông nghiệp & phát triển nông thôn/ATTP",
    "question mark": "Vì sao cà phê Đắk Lắk được mùa mà mất giá?",
    "exclamation mark, ellipsis, trailing space": "Cảm ơn những người lính biên phòng!… ",
    "hyphenated ethnic name": "Y-Ngông Niê Kdăm, người thầy của buôn làng",
    "Roman numerals": "Đại hội Đảng bộ tỉnh lần thứ XVIII",
    "abbreviation with a dot": "Phường Tân Lợi, TP. Buôn Ma Thuột",
    "hashtag and underscore": "#ĐắkLắk_Xanh lan tỏa",
    "emoji": "Tết 2025 🎉 sum vầy bên bếp lửa",
    "leading, repeated and trailing spaces": "  Bà   Hồ Thị   Thu  kể chuyện ",
    "Ð (eth) standing in for Đ, from old encodings": "ÐẮK LẮK ÐOÀN KẾT",
    "foreign letters ß, æ, ø, İ": "Chuyên gia Weißmann, Ærø và İzmir",
    "no ASCII spelling: Chinese": "越南中国友谊",
    "no ASCII spelling: Russian": "Дружба народов",
    "long title: cut at 255 on a word boundary": LONG_TITLE,
}


@pytest.fixture
def editor_in_the_admin(page, live_server, outlets, make_user):
    """The newspaper's editor, logged in through the admin's login form, on a 1366-pixel-wide screen."""
    editor = make_user("bien-tap-bao", editors_group_name(Outlet.NEWSPAPER))
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, live_server, editor)
    return page


@pytest.fixture
def new_article_editor(editor_in_the_admin, live_server, outlets, make_column):
    column = make_column(outlets[Outlet.NEWSPAPER], "Gương sáng")
    add_url = reverse("wagtailadmin_pages:add", args=["newsroom", "articlepage", column.pk])
    editor_in_the_admin.goto(f"{live_server.url}{add_url}")
    return editor_in_the_admin


def type_title(page, title):
    """As an editor does: into the title, over what was there, key by key, then on to the next field."""
    title_field = page.locator("#id_title")
    title_field.click()
    title_field.press("ControlOrMeta+a")
    title_field.press("Delete")
    title_field.press_sequentially(title)
    title_field.press("Tab")


def fill_title(page, title):
    """As a title pasted or filled in by the browser: into the title, over what was there, whole, then on to the
    next field (the slug follows the title's focus, change and blur, with no keystroke in between)."""
    title_field = page.locator("#id_title")
    title_field.fill(title)
    title_field.press("Tab")


def open_tab_holding(page, field):
    """The editor's tabs are named after their (translated) headings: find the one holding `field`."""
    panel_id = page.locator(f'[role="tabpanel"]:has({field})').get_attribute("id")
    page.locator(f'[role="tab"][href="#{panel_id}"]').click()


def type_own_slug(page, slug):
    open_tab_holding(page, "#id_slug")
    slug_field = page.locator("#id_slug")
    slug_field.click()
    slug_field.press("ControlOrMeta+a")
    slug_field.press_sequentially(slug)
    slug_field.press("Tab")
    open_tab_holding(page, "#id_title")


# Titles typed key by key, where the keystrokes differ from the text they leave: marks typed after their letter,
# apostrophes, a character made of two UTF-16 units, a script with no ASCII spelling. Every other title is filled
# in whole: a keystroke per character costs a round trip to the browser, and the slug is made from the whole title.
TYPED_KEY_BY_KEY = {
    "ethnic name, stacked marks, đ (issue 14)",
    "decomposed (NFD) input",
    "curly apostrophe",
    "modifier-letter apostrophe",
    "emoji",
    "no ASCII spelling: Chinese",
}


def slug_filled_in(page, title, typed=True):
    """The slug once the browser has followed the title; a wrong one is returned as it stands after a wait."""
    if typed:
        type_title(page, title)
    else:
        fill_title(page, title)
    slug_field = page.locator("#id_slug")
    with suppress(AssertionError):
        expect(slug_field).to_have_value(slugify(title), timeout=2_000)
    return slug_field.input_value()


def test_the_slug_filled_in_from_each_title_is_the_servers_slug(new_article_editor):
    """One page for all the titles: each is put over the last, while the slug is still the filled-in one."""
    assert set(TITLES) >= TYPED_KEY_BY_KEY
    filled_in = {
        category: slug_filled_in(new_article_editor, title, typed=category in TYPED_KEY_BY_KEY)
        for category, title in TITLES.items()
    }

    assert filled_in == {category: slugify(title) for category, title in TITLES.items()}


def test_a_slug_the_editor_typed_stays_when_the_title_changes(new_article_editor):
    slug_field = new_article_editor.locator("#id_slug")
    type_title(new_article_editor, "Ông Y Dhung Knul hiến đất")
    expect(slug_field).to_have_value("ong-y-dhung-knul-hien-dat")

    type_own_slug(new_article_editor, "Đất cho trường học")
    # Leaving the field cleans what was typed into a slug, spelling its letters in ASCII.
    expect(slug_field).to_have_value("dat-cho-truong-hoc")
    type_title(new_article_editor, "Già làng hiến đất xây trường")
    new_article_editor.wait_for_timeout(SYNC_DEBOUNCE_MS * 5)

    assert slug_field.input_value() == "dat-cho-truong-hoc"


# Our controller's slug for each title, as the title field asks for it while comparing.
OUR_SLUGS = """titles => {
    const slugField = document.getElementById("id_slug");
    const controller = window.wagtail.app.getControllerForElementAndIdentifier(slugField, "w-slug");
    return titles.map((title) => controller.urlify({ detail: { value: title } }, { ignoreUpdate: true }));
}"""

# Wagtail's own slug for each title: its controller still serves "w-clean", on an input added for it with the
# slug field's settings (wagtail.admin.widgets.SlugInput: titles trimmed).
WAGTAILS_SLUGS = """async titles => {
    const input = document.createElement("input");
    input.dataset.controller = "w-clean";
    input.dataset.wCleanTrimValue = "true";
    document.body.append(input);
    await new Promise((connected) => setTimeout(connected));
    const controller = window.wagtail.app.getControllerForElementAndIdentifier(input, "w-clean");
    return titles.map((title) => controller.urlify({ detail: { value: title } }, { ignoreUpdate: true }));
}"""

# Characters that Python's str.strip() (the title field's) and JavaScript's trim() disagree on.
STRIPPED_DIFFERENTLY = "\x1c\x1d\x1e\x1f\x85\ufeff"
VIETNAMESE = (
    "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
    "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴĐ"
    "bcdghklmnpqrstvx \u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b'’ʼ`´′-:,.!?“”()/&%0123456789"
)
TITLE_CHARACTERS = st.one_of(
    st.sampled_from(VIETNAMESE),
    st.characters(exclude_categories=["Cs", "Cn"], exclude_characters=STRIPPED_DIFFERENTLY),
)


@pytest.mark.fuzz
@given(titles=st.lists(st.text(TITLE_CHARACTERS, min_size=1, max_size=300), min_size=1, max_size=20))
def test_the_browser_makes_the_servers_slug_of_any_title(new_article_editor, titles):
    """Generated titles, with the slug the server makes of each once the title field has stripped it."""
    assert new_article_editor.evaluate(OUR_SLUGS, titles) == [slugify(title.strip()) for title in titles]


def is_latin(title):
    """Written in Latin letters (modifier letters such as the apostrophe ʼ aside)."""
    letters = [char for char in title if char.isalpha() and unicodedata.category(char) != "Lm"]
    return all(unicodedata.name(char).startswith("LATIN") for char in letters)


def test_the_server_knows_the_slugs_wagtails_own_script_fills_in(new_article_editor):
    """Where our script did not run, Wagtail's filled the slug in: for titles in Latin letters, the server
    recognises those slugs as filled in (and makes them again); other scripts it transliterates on its own."""
    titles = [title for title in TITLES.values() if is_latin(title)]
    wagtails_slugs = new_article_editor.evaluate(WAGTAILS_SLUGS, titles)

    not_recognised = {
        title: slug
        for title, slug in zip(titles, wagtails_slugs, strict=True)
        if not filled_in_from_title(slug, title)
    }
    garbled = sum(slug != slugify(title) for title, slug in zip(titles, wagtails_slugs, strict=True))
    assert not_recognised == {}
    assert garbled > len(titles) / 2
