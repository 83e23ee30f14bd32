"""What a reader sees first: the home page the editor composed, with its lead, sections and the registry's
spotlight in their pictures; and a photo story whose photos a reader moves through without any script."""

import pytest

from newsroom.models.home_sections import ColumnSection, FeaturedArticle
from tests.exemplars.conftest import new_exemplar, new_unit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENS = [{"width": 390, "height": 844}, {"width": 1366, "height": 900}]

# Whether each <img> matching the selector is loaded, and which file the browser chose for it.
LOADED = """(selector) => Array.from(document.querySelectorAll(selector), (image) => ({
  loaded: image.complete && image.naturalWidth > 0,
  chosen: image.currentSrc,
}))"""


@pytest.fixture
def composed_home(outlets, shared_indexes, make_column, make_article, make_image):
    from exemplars.models import ExemplarIndexPage

    home = outlets["newspaper"]
    features = make_column(home, "Điển hình tiên tiến", show_in_menus=True)
    deeds = make_column(home, "Gương người tốt việc tốt", show_in_menus=True)
    lead = make_article(features, "Già làng Y Khu giữ rừng", lead_image=make_image("Rừng", color="#2f6b3a"))
    featured = make_article(
        features, "Hợp tác xã cà phê Ea Tu", lead_image=make_image("Cà phê", color="#7a3b12")
    )
    make_article(deeds, "Anh xe ôm trả lại tiền nhặt được", standfirst="Một việc tốt ở Buôn Ma Thuột.")
    new_exemplar(
        shared_indexes[ExemplarIndexPage],
        "Bà H'Linh Niê",
        unit=new_unit("UBND xã Ea Knuếc"),
        lead_image=make_image("Chân dung", size=(800, 1000), description="Chân dung bà H'Linh Niê"),
    )
    home.lead_story = lead
    home.featured_articles = [FeaturedArticle(article=featured, sort_order=0)]
    home.column_sections = [ColumnSection(column=deeds, items=4, sort_order=0)]
    home.save_revision().publish()
    return home


@pytest.mark.parametrize("screen", SCREENS, ids=["phone", "desktop"])
def test_the_composed_home_shows_its_lead_sections_and_spotlight_in_pictures(
    live_server, reader, composed_home, screen
):
    reader.set_viewport_size(screen)
    reader.goto(f"{live_server.url}/")

    lead = reader.get_by_role("region", name="Tin tiêu điểm")
    assert lead.get_by_role("heading", name="Già làng Y Khu giữ rừng").is_visible()
    assert (
        reader.get_by_role("region", name="Tin nổi bật").get_by_text("Hợp tác xã cà phê Ea Tu").is_visible()
    )
    section = reader.get_by_role("region", name="Gương người tốt việc tốt")
    section.scroll_into_view_if_needed()
    assert section.get_by_text("Anh xe ôm trả lại tiền nhặt được").is_visible()
    spotlight = reader.get_by_role("region", name="Gương điển hình tiên tiến")
    spotlight.scroll_into_view_if_needed()
    assert spotlight.get_by_role("link", name="Bà H'Linh Niê").is_visible()
    reader.wait_for_load_state("networkidle")

    for selector in (".lead-story img", ".spotlight img"):
        (picture,) = reader.evaluate(LOADED, selector)
        assert picture["loaded"], selector
        assert picture["chosen"].endswith(".avif"), picture  # Chromium reads AVIF: the smallest file


def test_a_photo_story_shows_each_photo_by_its_link_or_the_arrow_keys(
    live_server, reader, outlets, make_column, make_article, make_image
):
    photos = [make_image(f"Ảnh {number}", description=f"Lễ hội cà phê, ảnh {number}") for number in (1, 2, 3)]
    gallery = [{"image": photo, "caption": f"Chú thích {photo.title}", "credit": ""} for photo in photos]
    column = make_column(outlets["newspaper"], "Chùm ảnh")
    story = make_article(column, "Chùm ảnh: Lễ hội cà phê", kind="photo", body=[("gallery", gallery)])
    reader.set_viewport_size(SCREENS[0])
    reader.goto(f"{live_server.url}{story.get_url_parts()[2]}")

    strip = reader.get_by_role("list", name="Các ảnh, vuốt hoặc dùng phím mũi tên để xem")
    first = reader.get_by_role("img", name="Lễ hội cà phê, ảnh 1")
    strip.scroll_into_view_if_needed()
    assert first.is_visible() and first.evaluate("image => image.complete && image.naturalWidth > 0")

    reader.get_by_role("link", name="Ảnh 3").click()
    third = reader.get_by_role("img", name="Lễ hội cà phê, ảnh 3")
    third.wait_for(state="visible")
    reader.wait_for_function("image => image.complete && image.naturalWidth > 0", arg=third.element_handle())
    assert reader.get_by_text("3/3").is_visible()

    strip.focus()
    strip.evaluate("strip => strip.scrollTo({left: 0, behavior: 'instant'})")
    reader.keyboard.press("ArrowRight")
    reader.wait_for_function("strip => strip.scrollLeft > 0", arg=strip.element_handle())
