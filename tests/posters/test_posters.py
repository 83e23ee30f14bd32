"""An exemplar's poster: one page of A4 or A3 in either design, its fonts embedded, its text the profile's public
fields with their diacritics, a QR code; refused to whoever may not see the page in the admin."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from django.urls import reverse

from posters.content import poster_content
from posters.rendering import DESIGNS, ELLIPSIS, SIZES, render_poster
from tests.exemplars.conftest import PRIVATE_DATA

from .conftest import EDITOR, JOURNALIST_ELSEWHERE

PAGE_SIZES = {"A4": (595, 842), "A3": (842, 1191)}


def read(pdf):
    reader = PdfReader(BytesIO(pdf))
    return reader, reader.pages[0]


def fonts_of(page):
    return page["/Resources"]["/Font"].values()


def font_file_of(font):
    font = font.get_object()
    if font["/Subtype"] == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    descriptor = descriptor.get_object() if descriptor else {}
    return next((key for key in ("/FontFile", "/FontFile2", "/FontFile3") if key in descriptor), None)


def images_of(page):
    xobjects = page["/Resources"].get("/XObject", {})
    return [
        xobject.get_object() for xobject in xobjects.values() if xobject.get_object()["/Subtype"] == "/Image"
    ]


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


def test_the_pages_admin_offers_the_poster(client, make_user, short_profile):
    client.force_login(make_user("bientap", EDITOR))

    edit = client.get(reverse("wagtailadmin_pages:edit", args=[short_profile.pk]))
    listing = client.get(reverse("wagtailadmin_explore", args=[short_profile.get_parent().pk]))

    assert poster_url(short_profile) in edit.content.decode()
    assert poster_url(short_profile) in listing.content.decode()


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
