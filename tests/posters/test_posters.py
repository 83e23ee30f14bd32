"""An exemplar's poster: one page of A4 or A3 in either design, its fonts embedded, its text the profile's public
fields with their diacritics, a QR code; refused to whoever may not see the page in the admin."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from django.urls import reverse

from posters.content import poster_content
from posters.rendering import DESIGNS, ELLIPSIS, SCAN_PROMPT, SIZES, render_poster
from tests.exemplars.conftest import PRIVATE_DATA
from tests.pdf_reading import font_file_of, fonts_of, images_of

from .conftest import EDITOR, JOURNALIST_ELSEWHERE, restricted

PAGE_SIZES = {"A4": (595, 842), "A3": (842, 1191)}


def read(pdf):
    reader = PdfReader(BytesIO(pdf))
    return reader, reader.pages[0]


def text_of(page):
    return " ".join(page.extract_text().split())


@pytest.mark.parametrize("design", DESIGNS)
@pytest.mark.parametrize("size", SIZES)
def test_a_short_profiles_poster_is_one_page_of_its_size_with_its_words_and_fonts(
    short_profile, size, design
):
    reader, page = read(render_poster(poster_content(short_profile), size, design))

    assert len(reader.pages) == 1
    width, height = PAGE_SIZES[size]
    assert float(page.mediabox.width) == pytest.approx(width, abs=1)
    assert float(page.mediabox.height) == pytest.approx(height, abs=1)
    assert all(font_file_of(font) for font in fonts_of(page)), "every font is embedded"
    text = text_of(page)
    for words in (
        "Nguyễn Thị Hương",
        "Điều dưỡng, Trạm Y tế xã Ea Tu",
        "sinh đẻ an toàn",
        "Cả nước chung tay",
    ):
        assert words in text
    assert "Cổng thông tin điện tử tỉnh Đắk Lắk" in text
    assert "Phong trào: Phong trào" not in text
    assert short_profile.get_full_url() in text
    # The portrait and the QR code, a square of whole modules.
    assert len(images_of(page)) == 2
    assert any(image["/Width"] == image["/Height"] for image in images_of(page))


@pytest.mark.parametrize("design", DESIGNS)
@pytest.mark.parametrize("size", SIZES)
def test_a_long_name_and_achievement_are_cut_with_an_ellipsis(long_profile, size, design):
    reader, page = read(render_poster(poster_content(long_profile), size, design))

    assert len(reader.pages) == 1
    assert all(font_file_of(font) for font in fonts_of(page))
    text = text_of(page)
    assert "H'Hen Niê Nguyễn Thị Hồng Nhung" in text
    assert ELLIPSIS in text
    assert "Cuốitên" not in text
    assert "Hếtthànhtích" not in text
    # Without a photo, the one image is the QR code.
    assert len(images_of(page)) == 1


def test_the_text_stays_inside_the_page(long_profile):
    _reader, page = read(render_poster(poster_content(long_profile), "A4", "trang-trong"))
    drawn = []
    page.extract_text(
        visitor_text=lambda text, cm, tm, *_: drawn.append((text, tm[4] * cm[0] + cm[4], tm[5]))
    )

    assert drawn
    for text, x, y in drawn:
        if text.strip():
            assert 0 <= x <= 595 and 0 <= y <= 842, text


@pytest.mark.parametrize("design", DESIGNS)
def test_a_nominations_private_data_never_reaches_the_poster(nominated_profile, design):
    _reader, page = read(render_poster(poster_content(nominated_profile), "A4", design))

    text = text_of(page)
    assert "H'Hen Niê" in text
    for value in PRIVATE_DATA.values():
        assert value not in text


def poster_url(page):
    return reverse("posters_poster", args=[page.pk])


def test_an_editor_downloads_the_poster_in_the_size_and_design_chosen(client, make_user, short_profile):
    client.force_login(make_user("bientap", EDITOR))

    form = client.get(poster_url(short_profile))
    response = client.post(poster_url(short_profile), {"size": "A3", "design": "hien-dai"})

    assert form.status_code == 200
    assert "Tải áp phích" in form.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "hien-dai-a3.pdf" in response["Content-Disposition"]
    _reader, page = read(response.content)
    assert float(page.mediabox.height) == pytest.approx(1191, abs=1)


@pytest.mark.parametrize("subject", ["short_profile", "short_movement", "short_column"])
def test_the_pages_admin_offers_the_poster(request, client, make_user, subject):
    page = request.getfixturevalue(subject)
    client.force_login(make_user("bientap", EDITOR))

    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    listing = client.get(reverse("wagtailadmin_explore", args=[page.get_parent().pk]))

    assert poster_url(page) in edit.content.decode()
    assert poster_url(page) in listing.content.decode()


@pytest.mark.parametrize(
    "choice", [{"size": "A5", "design": "trang-trong"}, {"size": "A4", "design": "neon"}, {}]
)
def test_an_unknown_size_or_design_is_a_form_error(client, make_user, short_profile, choice):
    client.force_login(make_user("bientap", EDITOR))

    response = client.post(poster_url(short_profile), choice)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert response.context["form"].errors


def test_a_user_who_may_not_see_the_page_is_refused(client, make_user, short_profile):
    client.force_login(make_user("phongvien", JOURNALIST_ELSEWHERE))

    form = client.get(poster_url(short_profile))
    download = client.post(poster_url(short_profile), {"size": "A4", "design": "trang-trong"})

    assert form.status_code == download.status_code == 403
    assert b"%PDF" not in download.content


def test_a_page_that_is_not_a_live_profile_has_no_poster(client, make_user, make_exemplar, outlets):
    client.force_login(make_user("quantri", is_superuser=True))
    draft = make_exemplar("Y Bhin Niê", live=False)

    assert client.get(poster_url(draft)).status_code == 404
    assert client.get(reverse("posters_poster", args=[outlets["portal"].pk])).status_code == 404


# Movements and anniversary columns: the same designs, with their own heading, line under the name and footnote.

SHORT_SUBJECTS = {
    "short_movement": [
        "PHONG TRÀO THI ĐUA YÊU NƯỚC",
        "Đắk Lắk chung tay xây dựng nông thôn mới",
        "UBND tỉnh phát động từ ngày 10/3/2025",
        "Huy động mọi nguồn lực xây dựng nông thôn mới. Đường làng sạch đẹp. Thu nhập",
        "2 gương điển hình",
    ],
    "short_column": [
        "KỶ NIỆM 50 NĂM",
        "Kỷ niệm 50 năm Chiến thắng Buôn Ma Thuột",
        "Chiến thắng Buôn Ma Thuột (10/3/1975 – 10/3/2025)",
        "mùa Xuân 1975",
    ],
}


def test_a_movements_content_is_its_launch_its_goals_and_its_public_exemplars(short_movement, long_movement):
    content = poster_content(short_movement)
    long = poster_content(long_movement)

    assert content.heading == "PHONG TRÀO THI ĐUA YÊU NƯỚC"
    assert content.name == "Phong trào “Đắk Lắk chung tay xây dựng nông thôn mới”"
    assert content.position_and_unit == "UBND tỉnh phát động từ ngày 10/3/2025"
    # Each item of the list is a sentence of its own.
    assert content.achievement == (
        "Huy động mọi nguồn lực xây dựng nông thôn mới. Đường làng sạch đẹp. Thu nhập của người dân tăng."
    )
    # The draft and the profile under a view restriction are not counted.
    assert content.footnote == "2 gương điển hình"
    # A scene, not a face: never cut to a portrait.
    assert set(content.photos) == {"landscape"}
    assert long.position_and_unit.endswith("phát động từ ngày 5/1/2021 đến ngày 31/12/2025")
    assert long.footnote == ""


def test_a_movement_without_goals_shows_its_results(make_movement):
    movement = make_movement(
        "Phong trào “Dân vận khéo”", results="<p>Hơn <b>200</b> mô hình &amp; điển hình.</p>"
    )

    assert poster_content(movement).achievement == "Hơn 200 mô hình & điển hình."


def test_a_columns_content_is_its_anniversary_and_its_introduction(short_column):
    content = poster_content(short_column)

    assert content.heading == "KỶ NIỆM 50 NĂM"
    assert content.name == "Kỷ niệm 50 năm Chiến thắng Buôn Ma Thuột"
    assert content.position_and_unit == "Chiến thắng Buôn Ma Thuột (10/3/1975 – 10/3/2025)"
    assert content.achievement.startswith("Năm mươi năm trước, Buôn Ma Thuột")
    assert content.footnote == ""
    assert content.masthead == "Cổng thông tin điện tử tỉnh Đắk Lắk"
    assert set(content.photos) == {"landscape"}


def test_a_column_without_an_introduction_shows_its_search_description(make_column, victory):
    column = make_column(victory, "Buôn Ma Thuột 50 năm", search_description="Hùng ca mùa Xuân.")

    assert poster_content(column).achievement == "Hùng ca mùa Xuân."


@pytest.mark.parametrize("design", DESIGNS)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("subject", SHORT_SUBJECTS)
def test_a_short_movements_or_columns_poster_is_one_page_with_its_words_and_fonts(
    db, request, subject, size, design
):
    page = request.getfixturevalue(subject)
    reader, pdf_page = read(render_poster(poster_content(page), size, design))

    assert len(reader.pages) == 1
    width, height = PAGE_SIZES[size]
    assert float(pdf_page.mediabox.height) == pytest.approx(height, abs=1)
    assert all(font_file_of(font) for font in fonts_of(pdf_page)), "every font is embedded"
    text = text_of(pdf_page)
    for words in SHORT_SUBJECTS[subject]:
        assert words in text
    assert "GƯƠNG ĐIỂN HÌNH" not in text
    assert "Kết quả không in" not in text
    # A long address is broken over the two lines beside the QR code.
    assert page.get_full_url() in "".join(text.split())
    assert ELLIPSIS not in text
    # The picture and the QR code.
    assert len(images_of(pdf_page)) == 2


@pytest.mark.parametrize("design", DESIGNS)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("subject", ["long_movement", "long_column"])
def test_a_long_movements_or_columns_poster_is_cut_inside_the_page(db, request, subject, size, design):
    content = poster_content(request.getfixturevalue(subject))
    reader, pdf_page = read(render_poster(content, size, design))
    drawn = []
    pdf_page.extract_text(
        visitor_text=lambda text, cm, tm, *_: drawn.append((text, tm[4] * cm[0] + cm[4], tm[5]))
    )

    assert len(reader.pages) == 1
    assert all(font_file_of(font) for font in fonts_of(pdf_page))
    text = text_of(pdf_page)
    assert "Phong trào thi đua Đồng khởi mới xây dựng buôn làng văn hóa" in text
    assert ELLIPSIS in text
    for end in ("Cuốitên", "Hếtnộidung"):
        assert end not in text
    assert len(images_of(pdf_page)) == 1 + bool(content.photos)
    width, height = PAGE_SIZES[size]
    # The footer, the QR code and the lines beside it, takes the bottom 132 points of A4: the rest stays above.
    footer_top = 132 * width / PAGE_SIZES["A4"][0]
    for words, x, y in drawn:
        if words.strip():
            assert 0 <= x <= width and 0 <= y <= height, words
        in_footer = words.strip() in SCAN_PROMPT or words.strip().rstrip(ELLIPSIS) in content.url
        if words.strip() and not in_footer:
            assert y > footer_top, words


@pytest.mark.parametrize("subject", ["short_movement", "short_column"])
def test_an_editor_downloads_a_movements_or_columns_poster(request, client, make_user, subject):
    page = request.getfixturevalue(subject)
    client.force_login(make_user("bientap", EDITOR))

    form = client.get(poster_url(page))
    response = client.post(poster_url(page), {"size": "A4", "design": "trang-trong"})

    assert form.status_code == 200
    assert f"Tệp PDF sẵn sàng để in của “{page.title}”" in form.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"ap-phich-{page.slug}-trang-trong-a4.pdf" in response["Content-Disposition"]
    assert page.title in text_of(read(response.content)[1])


@pytest.mark.parametrize("subject", ["short_movement", "short_column"])
def test_a_user_who_may_not_see_the_movement_or_column_is_refused(request, client, make_user, subject):
    page = request.getfixturevalue(subject)
    client.force_login(make_user("phongvien", JOURNALIST_ELSEWHERE))

    form = client.get(poster_url(page))
    download = client.post(poster_url(page), {"size": "A4", "design": "trang-trong"})

    assert form.status_code == download.status_code == 403
    assert b"%PDF" not in download.content


@pytest.mark.parametrize("subject", ["short_profile", "short_movement", "short_column"])
def test_a_page_under_a_view_restriction_has_no_poster(request, client, make_user, subject):
    page = restricted(request.getfixturevalue(subject))
    client.force_login(make_user("bientap", EDITOR))

    form = client.get(poster_url(page))
    download = client.post(poster_url(page), {"size": "A4", "design": "trang-trong"})

    assert form.status_code == download.status_code == 404
    assert b"%PDF" not in download.content
