"""The station's broadcasts as search engines and shared links see them: a VideoObject or AudioObject for each item on
the air a story embeds (none before its broadcast time), and an episode's own page previewed as the episode."""

import datetime

import pytest

from django.urls import reverse
from django.utils import timezone

from wagtail.models import Site

from newsroom.models import Outlet, OutletIdentity
from tests.conftest import LARGE_PHOTO
from tests.social_markup import assert_local_time, assert_only_our_scripts_and_no_frames, markup, stored_image

from .conftest import visit

# 20:00 on 5 March 2025 in Đắk Lắk.
EVENING_NEWS = datetime.datetime(2025, 3, 5, 13, 0, tzinfo=datetime.UTC)


@pytest.fixture
def column(outlets, make_column):
    return make_column(outlets[Outlet.BROADCAST], "Thời sự")


def story_with(make_article, column, *items, title="Mùa lúa mới ở buôn Ea Knuếc", caption=""):
    body = [("media", {"item": item, "caption": caption}) for item in items]
    return make_article(column, title, kind="video", body=body)


def test_a_story_describes_its_video_with_poster_upload_date_duration_and_file(
    client, column, make_article, new_media_item, make_image
):
    video = new_media_item(
        "Phóng sự: Mùa lúa mới",
        kind="video",
        duration=1805,
        broadcast_at=EVENING_NEWS,
        poster=make_image("Ruộng lúa", description="Ruộng lúa chín ở buôn Ea Knuếc", size=LARGE_PHOTO),
    )
    story = story_with(make_article, column, video, caption="Phát trong chương trình Thời sự tối.")
    page = markup(visit(client, story))
    (data,) = page.of_type("VideoObject")

    assert data["name"] == "Phóng sự: Mùa lúa mới"
    assert data["description"] == "Phát trong chương trình Thời sự tối."
    assert data["uploadDate"] == "2025-03-05T20:00:00+07:00"
    assert data["duration"] == "PT30M5S"
    assert data["contentUrl"] == "http://drt.localhost" + reverse(
        "broadcasts:media_file", args=(video.pk, video.filename)
    )
    assert data["encodingFormat"] == "video/mp4"
    assert data["inLanguage"] == "vi"
    assert stored_image(data["thumbnailUrl"][0]).size == (1200, 630)
    # The story has no lead picture: its preview is the video's poster.
    assert page.property("og:image:alt") == "Ruộng lúa chín ở buôn Ea Knuếc"
    page.of_type("NewsArticle")


def test_an_item_before_its_broadcast_time_is_not_described(
    client, column, make_article, new_media_item, make_image
):
    coming = new_media_item(
        "Bản tin ngày mai",
        kind="video",
        duration=600,
        broadcast_at=timezone.now() + datetime.timedelta(days=1),
        poster=make_image("Trường quay"),
    )
    page = markup(visit(client, story_with(make_article, column, coming)))

    assert page.of_type("VideoObject") == []
    assert page.properties("og:image") == []  # nor is its poster shown before it airs


def test_an_audio_item_is_an_audio_object_with_its_transcript_as_description(
    client, column, make_article, new_media_item, languages
):
    audio = new_media_item(
        "Bản tin tiếng Ê Đê",
        duration=750.2,
        broadcast_at=EVENING_NEWS,
        transcript="Ơ amĭ ama,\n\nhriê hmư̆.",
        language=languages["rad"],
    )
    page = markup(visit(client, story_with(make_article, column, audio)))
    (data,) = page.of_type("AudioObject")

    assert data["duration"] == "PT12M30S"
    assert data["description"] == "Ơ amĭ ama, hriê hmư̆."
    assert data["inLanguage"] == "rad"
    assert "thumbnailUrl" not in data


def test_a_video_without_any_picture_takes_the_outlets_or_is_left_out(
    client, column, make_article, new_media_item, make_image, django_capture_on_commit_callbacks
):
    video = new_media_item("Phóng sự không ảnh", kind="video", duration=60)
    story = story_with(make_article, column, video)
    assert markup(visit(client, story)).of_type("VideoObject") == []

    identity = OutletIdentity.for_site(Site.objects.get(hostname="drt.localhost"))
    with django_capture_on_commit_callbacks(execute=True):
        identity.share_image = make_image("Đài tỉnh", size=LARGE_PHOTO)
        identity.save()
    (data,) = markup(visit(client, story)).of_type("VideoObject")
    assert stored_image(data["thumbnailUrl"][0]).size == (1200, 630)


def test_an_episodes_page_is_shared_as_the_episode_and_described_as_it(
    client, programme_index, new_programme, new_media_item, make_image
):
    programme = new_programme("Gương sáng giữa đời thường", cover=make_image("Bìa", size=(1400, 1400)))
    episode = new_media_item(
        "Số 12: Người thầy của buôn",
        kind="video",
        duration=900,
        broadcast_at=EVENING_NEWS,
        programme=programme,
    )
    response = visit(client, programme, f"{episode.pk}/")
    page = markup(response)

    assert response.status_code == 200
    assert page.property("og:title") == "Số 12: Người thầy của buôn"
    assert page.property("og:type") == "video.other"
    assert page.property("og:url") == page.canonical == f"{programme.full_url}{episode.pk}/"
    assert (
        page.property("og:description")
        == "Chương trình Gương sáng giữa đời thường, phát sóng 20:00 ngày 5/3/2025."
    )
    assert page.property("video:duration") == "900"
    assert_local_time(page.property("video:release_date"))
    assert stored_image(page.property("og:image")).size == (1200, 630)  # the programme's cover, cropped
    (video,) = page.of_type("VideoObject")
    assert video["name"] == "Số 12: Người thầy của buôn"
    (trail,) = page.of_type("BreadcrumbList")
    assert trail["itemListElement"][-2:] == [
        {
            "@type": "ListItem",
            "position": 3,
            "name": "Gương sáng giữa đời thường",
            "item": programme.full_url,
        },
        {"@type": "ListItem", "position": 4, "name": "Số 12: Người thầy của buôn"},
    ]
    assert page.link_to("www.facebook.com")
    assert_only_our_scripts_and_no_frames(page)
