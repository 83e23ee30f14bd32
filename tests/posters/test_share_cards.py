"""A profile's share cards: 1200 × 630 and 1080 × 1080 JPEGs whose every line of text lies inside the picture,
the long ones cut with an ellipsis, a nomination's private data never among them."""

from io import BytesIO

import pytest
from PIL import Image

from django.urls import reverse

from posters.cards import CARD_SIZES, share_card
from posters.content import poster_content
from posters.rendering import ELLIPSIS
from tests.exemplars.conftest import PRIVATE_DATA

from .conftest import EDITOR, JOURNALIST_ELSEWHERE, LONG_NAME, restricted


def inside(box, size):
    left, top, right, bottom = box
    return 0 <= left <= right <= size[0] and 0 <= top <= bottom <= size[1]


@pytest.mark.parametrize("shape", CARD_SIZES)
def test_a_short_profiles_card_has_its_size_and_its_words_inside_it(short_profile, shape):
    card = share_card(poster_content(short_profile), shape)

    picture = Image.open(BytesIO(card.jpeg()))
    assert (picture.format, picture.size) == ("JPEG", CARD_SIZES[shape])
    texts = [text.text for text in card.texts]
    assert "Nguyễn Thị Hương" in texts
    assert "Điều dưỡng, Trạm Y tế xã Ea Tu" in texts
    assert "Cổng thông tin điện tử tỉnh Đắk Lắk" in texts
    assert all(inside(text.box, CARD_SIZES[shape]) for text in card.texts)


@pytest.mark.parametrize("shape", CARD_SIZES)
def test_a_long_name_and_achievement_are_cut_inside_the_card(long_profile, shape):
    card = share_card(poster_content(long_profile), shape)

    drawn = " ".join(text.text for text in card.texts)
    assert drawn.startswith("GƯƠNG ĐIỂN HÌNH TIÊN TIẾN H'Hen Niê Nguyễn Thị Hồng Nhung")
    assert ELLIPSIS in drawn
    assert "Cuốitên" not in drawn
    assert all(inside(text.box, CARD_SIZES[shape]) for text in card.texts)
    assert len(LONG_NAME) > len(drawn.split(ELLIPSIS)[0])


def test_a_nominations_private_data_never_reaches_the_card(nominated_profile):
    drawn = " ".join(
        text.text
        for shape in CARD_SIZES
        for text in share_card(poster_content(nominated_profile), shape).texts
    )

    assert "H'Hen Niê" in drawn
    for value in PRIVATE_DATA.values():
        assert value not in drawn


def card_url(page, shape):
    return reverse("posters_share_card", args=[page.pk, shape])


def test_an_editor_downloads_the_square_card(client, make_user, short_profile):
    client.force_login(make_user("bientap", EDITOR))

    response = client.get(card_url(short_profile, "square"))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "1080x1080.jpg" in response["Content-Disposition"]
    assert Image.open(BytesIO(response.content)).size == (1080, 1080)


def test_an_unknown_shape_is_not_found(client, make_user, short_profile):
    client.force_login(make_user("bientap", EDITOR))

    assert client.get(card_url(short_profile, "banner")).status_code == 404


def test_a_user_who_may_not_see_the_page_gets_no_card(client, make_user, short_profile):
    client.force_login(make_user("phongvien", JOURNALIST_ELSEWHERE))

    response = client.get(card_url(short_profile, "wide"))

    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")


SHORT_SUBJECTS = {
    "short_movement": [
        "PHONG TRÀO THI ĐUA YÊU NƯỚC",
        "UBND tỉnh phát động từ ngày 10/3/2025",
        "Cổng thông tin điện tử tỉnh Đắk Lắk",
    ],
    "short_column": [
        "KỶ NIỆM 50 NĂM",
        "Chiến thắng Buôn Ma Thuột (10/3/1975 – 10/3/2025)",
        "Cổng thông tin điện tử tỉnh Đắk Lắk",
    ],
}


@pytest.mark.parametrize("shape", CARD_SIZES)
@pytest.mark.parametrize("subject", SHORT_SUBJECTS)
def test_a_movements_or_columns_card_has_its_size_heading_and_words_inside_it(db, request, subject, shape):
    page = request.getfixturevalue(subject)
    card = share_card(poster_content(page), shape)

    picture = Image.open(BytesIO(card.jpeg()))
    assert (picture.format, picture.size) == ("JPEG", CARD_SIZES[shape])
    heading, line_under_the_name, masthead = SHORT_SUBJECTS[subject]
    # The lines in the order they are drawn, each block broken only between words.
    drawn = " ".join(text.text for text in card.texts)
    assert drawn.startswith(f"{heading} {page.title} {line_under_the_name} ")
    assert drawn.endswith(masthead)
    assert ELLIPSIS not in drawn
    assert all(inside(text.box, CARD_SIZES[shape]) for text in card.texts)
    # The picture (blue) fills the wide card's right side and the square card's top.
    assert picture.getpixel((CARD_SIZES[shape][0] - 10, 10))[2] > 150


@pytest.mark.parametrize("shape", CARD_SIZES)
@pytest.mark.parametrize("subject", ["long_movement", "long_column"])
def test_a_long_movements_or_columns_card_is_cut_inside_it(db, request, subject, shape):
    card = share_card(poster_content(request.getfixturevalue(subject)), shape)

    drawn = " ".join(text.text for text in card.texts)
    assert drawn.split()[0] in {"PHONG", "KỶ"}
    assert "Phong trào thi đua Đồng khởi mới" in drawn
    assert ELLIPSIS in drawn
    for end in ("Cuốitên", "Hếtnộidung"):
        assert end not in drawn
    assert all(inside(text.box, CARD_SIZES[shape]) for text in card.texts)


@pytest.mark.parametrize("subject", ["short_movement", "short_column"])
def test_an_editor_downloads_a_movements_or_columns_wide_card(request, client, make_user, subject):
    page = request.getfixturevalue(subject)
    client.force_login(make_user("bientap", EDITOR))

    response = client.get(card_url(page, "wide"))

    assert response.status_code == 200
    assert f"anh-chia-se-{page.slug}-1200x630.jpg" in response["Content-Disposition"]
    assert Image.open(BytesIO(response.content)).size == (1200, 630)


@pytest.mark.parametrize("subject", ["short_movement", "short_column"])
def test_a_user_who_may_not_see_the_movement_or_column_gets_no_card(request, client, make_user, subject):
    page = request.getfixturevalue(subject)
    client.force_login(make_user("phongvien", JOURNALIST_ELSEWHERE))

    response = client.get(card_url(page, "square"))

    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("subject", ["short_profile", "short_movement", "short_column"])
def test_a_page_under_a_view_restriction_has_no_card(request, client, make_user, subject):
    page = restricted(request.getfixturevalue(subject))
    client.force_login(make_user("bientap", EDITOR))

    response = client.get(card_url(page, "square"))

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
