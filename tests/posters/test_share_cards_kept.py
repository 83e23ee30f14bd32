"""Share cards made after a page is published (on the scheduler's tick), used as the Open Graph image of a page
without a picture of its own, and deleted with their files as soon as the page stops being public."""

from io import BytesIO

import pytest
from PIL import Image

from django.core.files.storage import default_storage

from wagtail.models import PageViewRestriction

from newsroom.scheduler import run_due_publications
from posters import share_cards
from posters.models import ShareCard
from posters.share_cards import make_due_share_cards
from tests.social_markup import markup, stored_image

PORTAL = "congthongtin.localhost"


def cards_of(page):
    return {card.shape: card for card in ShareCard.objects.filter(page=page)}


def stored_files(cards):
    return [card.image.name for card in cards.values()]


def make_cards(capture):
    with capture(execute=True):
        return make_due_share_cards()


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def test_the_tick_makes_both_cards_of_a_published_profile_once(short_profile, capture):
    with capture(execute=True):
        run_due_publications()

    cards = cards_of(short_profile)
    assert set(cards) == {"wide", "square"}
    for card in cards.values():
        with default_storage.open(card.image.name) as file:
            picture = Image.open(BytesIO(file.read()))
            assert (picture.format, picture.size) == ("JPEG", (card.width, card.height))
    assert (cards["wide"].width, cards["wide"].height) == (1200, 630)
    assert (cards["square"].width, cards["square"].height) == (1080, 1080)
    assert make_cards(capture) == 0


def test_a_profile_published_again_gets_new_cards_and_loses_the_old_files(short_profile, capture):
    make_cards(capture)
    old = stored_files(cards_of(short_profile))
    short_profile.summary = "Hai mươi năm đưa y tế về buôn."
    with capture(execute=True):
        short_profile.save_revision().publish()

    assert make_cards(capture) == 1
    new = stored_files(cards_of(short_profile))
    assert set(new).isdisjoint(old)
    assert all(default_storage.exists(name) for name in new)
    assert not any(default_storage.exists(name) for name in old)


def test_unpublishing_deletes_the_cards_and_their_files(short_profile, capture):
    make_cards(capture)
    files = stored_files(cards_of(short_profile))
    with capture(execute=True):
        short_profile.unpublish()

    assert not cards_of(short_profile)
    assert not any(default_storage.exists(name) for name in files)
    assert make_cards(capture) == 0


def test_a_view_restriction_above_a_profile_deletes_its_cards_and_none_are_made_again(short_profile, capture):
    make_cards(capture)
    files = stored_files(cards_of(short_profile))
    with capture(execute=True):
        PageViewRestriction.objects.create(
            page=short_profile.get_parent(), restriction_type=PageViewRestriction.LOGIN
        )

    assert not cards_of(short_profile)
    assert not any(default_storage.exists(name) for name in files)
    assert make_cards(capture) == 0


def test_a_deleted_profile_takes_its_card_files_with_it(short_profile, capture):
    make_cards(capture)
    files = stored_files(cards_of(short_profile))
    with capture(execute=True):
        short_profile.delete()

    assert not ShareCard.objects.filter(page_id=short_profile.pk).exists()
    assert not any(default_storage.exists(name) for name in files)


def test_a_page_whose_card_cannot_be_drawn_does_not_stop_the_others(
    short_profile, long_profile, capture, monkeypatch
):
    drawn = share_cards.share_card

    def failing_for_the_long_one(content, shape):
        if content.name.startswith("H'Hen"):
            raise ValueError("a broken picture")
        return drawn(content, shape)

    monkeypatch.setattr(share_cards, "share_card", failing_for_the_long_one)

    make_cards(capture)
    assert set(cards_of(short_profile)) == {"wide", "square"}
    assert not cards_of(long_profile)
    monkeypatch.setattr(share_cards, "share_card", drawn)
    assert make_cards(capture) == 1
    assert set(cards_of(long_profile)) == {"wide", "square"}


def test_a_profile_without_a_picture_is_shared_with_its_wide_card(client, long_profile, capture):
    make_cards(capture)
    page = markup(client.get(long_profile.url, HTTP_HOST=PORTAL))

    card = cards_of(long_profile)["wide"]
    assert page.property("og:image") == f"http://{PORTAL}{card.image.url}"
    assert stored_image(page.property("og:image")).size == (1200, 630)
    assert (page.property("og:image:width"), page.property("og:image:height")) == ("1200", "630")
    assert page.property("og:image:alt") == long_profile.title


def test_a_profile_with_its_own_picture_is_shared_with_that_picture(client, short_profile, capture):
    make_cards(capture)
    page = markup(client.get(short_profile.url, HTTP_HOST=PORTAL))

    assert "share-cards/" not in page.property("og:image")
    assert page.property("og:image:alt") == short_profile.lead_image.default_alt_text


def test_before_its_cards_are_made_a_profile_without_a_picture_has_the_outlets_or_none(client, long_profile):
    page = markup(client.get(long_profile.url, HTTP_HOST=PORTAL))

    assert not any("share-cards/" in image for image in page.properties("og:image"))


@pytest.mark.parametrize("subject", ["short_movement", "short_column"])
def test_a_movement_and_an_anniversary_column_get_their_cards_too(request, db, subject, capture):
    page = request.getfixturevalue(subject)
    make_cards(capture)

    assert set(cards_of(page)) == {"wide", "square"}


def test_a_page_of_a_kind_without_posters_asks_nothing_for_a_card(rf, outlets, django_assert_num_queries):
    home = outlets["portal"]
    with django_assert_num_queries(0):
        assert share_cards.shared_card(home, rf.get("/", HTTP_HOST=PORTAL)) is None
