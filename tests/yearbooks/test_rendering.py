"""The yearbook's PDF: a cover, the contents, a page per profile in Vietnamese order, numbered; its fonts
embedded, its text extractable with its diacritics, long text kept inside the page, no nomination's data."""

import pytest

from wagtail.rich_text import RichText

from posters.rendering import ELLIPSIS
from tests.exemplars.conftest import PRIVATE_DATA
from tests.pdf_reading import font_file_of, fonts_of, images_of
from yearbooks.models import Yearbook
from yearbooks.rendering import FOOTER_TOP, PAGE_HEIGHT

from .books import TITLE, made, page_lines, page_texts, reader
from .conftest import LONG_ACHIEVEMENT, LONG_NAME, NAMES_IN_ORDER

pytestmark = pytest.mark.usefixtures("private_files")

FOOTER_RULE_FROM_FOOT = PAGE_HEIGHT - FOOTER_TOP


def test_a_book_has_a_cover_its_contents_and_a_page_per_profile_in_vietnamese_order(
    alphabet_profiles, tmp_path
):
    yearbook = made()
    (tmp_path / "book.pdf").write_bytes(yearbook.file.open("rb").read())
    print("PDF at", tmp_path / "book.pdf")
    assert yearbook.status == Yearbook.Status.DONE, yearbook.error
    pdf = reader(yearbook)
    texts = page_texts(pdf)

    # The contents by field, then by unit, each section from a new page.
    contents_pages = [number for number, text in enumerate(texts) if text.startswith("MỤC LỤC")]
    assert contents_pages == [1, 2]
    assert len(pdf.pages) == yearbook.page_count == 1 + len(contents_pages) + len(NAMES_IN_ORDER)
    assert TITLE in texts[0]
    assert "CỔNG THÔNG TIN ĐIỆN TỬ TỈNH ĐẮK LẮK" in texts[0]
    profile_pages = texts[3:]
    assert [next(name for name in NAMES_IN_ORDER if name in text) for text in profile_pages] == NAMES_IN_ORDER
    for number, text in enumerate(texts[1:], start=2):
        assert text.endswith(str(number)), "the footer numbers each page after the cover"
    assert (yearbook.profiles_done, yearbook.profiles_total) == (5, 5)


def test_every_font_is_embedded_and_the_text_keeps_its_diacritics(short_profile):
    pdf = reader(made())
    for page in pdf.pages:
        assert all(font_file_of(font) == "/FontFile2" for font in fonts_of(page))
    profile = page_texts(pdf)[-1]
    for words in (
        "Nguyễn Thị Hương",
        "Điều dưỡng, Trạm Y tế xã Ea Tu",
        "sinh đẻ an toàn",
        "Cả nước chung tay",
    ):
        assert words in profile
    assert "CÁ NHÂN" in profile
    assert len(images_of(pdf.pages[-1])) == 1, "the profile's photo"


def test_the_contents_point_at_each_profiles_page_by_field_and_by_unit(
    alphabet_profiles, short_profile, make_exemplar
):
    make_exemplar("Bùi Thị Lẻ", fields=())
    pdf = reader(made())
    texts = page_texts(pdf)
    contents = page_lines(pdf.pages[1])
    assert "THEO LĨNH VỰC THÀNH TÍCH" in contents and "THEO ĐƠN VỊ" in " ".join(page_texts(pdf)[1:3])
    entries = {}
    assert "Chưa ghi lĩnh vực" in contents
    for page in pdf.pages[1 : len(pdf.pages) - 7]:
        for line in page_lines(page):
            name, _space, number = line.rpartition(" ")
            if number.isdigit() and name.strip(" .") in [*NAMES_IN_ORDER, "Nguyễn Thị Hương", "Bùi Thị Lẻ"]:
                entries.setdefault(name.strip(" ."), set()).add(int(number))
    assert set(entries) == {*NAMES_IN_ORDER, "Nguyễn Thị Hương", "Bùi Thị Lẻ"}
    for name, numbers in entries.items():
        (number,) = numbers  # the same page under its field and under its unit
        assert name in texts[number - 1]


def test_a_long_name_and_achievement_stay_inside_the_page_cut_with_an_ellipsis(long_profile):
    pdf = reader(made())
    assert len(pdf.pages) == 1 + 2 + 1
    page = pdf.pages[-1]
    text = page_texts(pdf)[-1]
    assert ELLIPSIS in text
    assert "Cuốitên" not in text and "Hếtthànhtích" not in text
    assert LONG_NAME[:20] in text
    assert images_of(page) == [], "a profile without a photo is laid out without one"
    drawn = []
    page.extract_text(
        visitor_text=lambda text, cm, tm, *_: drawn.append(
            (text.strip(), tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5])
        )
    )
    body = [(text, x, y) for text, x, y in drawn if text and text != "4"]
    assert body
    # Everything but the page number stays above the footer's rule, 52 pt from the foot of the page.
    for text, x, y in body:
        assert 0 <= x <= 595 and FOOTER_RULE_FROM_FOOT <= y <= 842, text


def test_a_long_achievement_and_many_awards_are_cut_above_the_footer(make_exemplar, make_image):
    awards = [(f"Bằng khen số {number} của Chủ tịch UBND tỉnh", None) for number in range(40)]
    make_exemplar(
        "Y Bih Niê",
        achievements=[("paragraph", RichText(f"<p>{LONG_ACHIEVEMENT}</p>"))] * 2,
        awards=awards,
        lead_image=make_image("Chân dung"),
    )
    pdf = reader(made())
    page = pdf.pages[-1]
    text = page_texts(pdf)[-1]
    assert "Thành tích" in text and "Danh hiệu, khen thưởng" in text
    assert "Bằng khen số 0 " in text and "Bằng khen số 39 " not in text
    assert "Hếtthànhtích" not in text and text.count(ELLIPSIS) == 2
    assert text.endswith(" 4")
    drawn = []
    page.extract_text(
        visitor_text=lambda text, cm, tm, *_: drawn.append((text.strip(), tm[5] * cm[3] + cm[5]))
    )
    assert all(y >= FOOTER_RULE_FROM_FOOT for text, y in drawn if text and text != "4")


def test_only_the_published_profile_is_printed_never_its_nominations_private_data(nominated_profile):
    pdf = reader(made())
    text = " ".join(page_texts(pdf))
    assert "H'Hen Niê" in text
    for private in PRIVATE_DATA.values():
        assert private not in text


def test_a_book_takes_only_its_selection(alphabet_profiles, short_profile, make_exemplar):
    make_exemplar("Phạm Văn Riêng", year=2023)
    chosen = made(profiles=alphabet_profiles[:2])
    assert chosen.profiles_total == 2
    by_year = made(year=2023)
    assert "Phạm Văn Riêng" in page_texts(reader(by_year))[-1]
    assert by_year.profiles_total == 1
    movement = short_profile.movements.get()
    by_movement = made(movement=movement)
    assert by_movement.profiles_total == 1
