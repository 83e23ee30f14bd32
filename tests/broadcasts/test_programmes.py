"""The station's programmes as listeners find them: the index as cards filtered by broadcast language, a
programme's newest episode in the player and the others listed a page at a time (at a cost that does not grow
with their number), each episode at an address of its own, nothing before its broadcast time; the podcast feed
discoverable; and the index made by `manage.py setup`."""

import datetime
import re

import pytest

from django.urls import reverse
from django.utils import timezone

from wagtail import hooks

from broadcasts.models import ProgrammeIndexPage
from broadcasts.models.programmes import EPISODES_PER_PAGE
from broadcasts.setup import set_up_programmes
from newsroom.models import Outlet
from newsroom.setup import SETUP_STEPS_HOOK
from tests.sitemap_reading import sitemap_entries

from .conftest import visit


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def path_of(page):
    return page.get_url_parts()[2]


def card_titles(html):
    return re.findall(r'<h3 class="programme-card__title"><a href="[^"]+">([^<]+)</a></h3>', html)


def filter_links(html):
    nav = re.search(r'<nav class="language-filter".*?</nav>', html, re.DOTALL)
    return re.findall(r'<a href="([^"]*)"[^>]*>([^<]+)</a>', nav.group()) if nav else []


@pytest.fixture
def programmes(new_programme):
    return {
        "vi": new_programme("Gương sáng giữa đời thường", schedule="20 giờ thứ Bảy hằng tuần"),
        "rad": new_programme("Phát thanh tiếng Ê Đê", language="rad", schedule="17 giờ hằng ngày"),
        "rad-2": new_programme("Văn hóa buôn làng", language="rad"),
    }


def test_the_index_shows_each_programme_with_its_language_and_air_times(client, programme_index, programmes):
    html = visit(client, programme_index).content.decode()

    assert card_titles(html) == ["Gương sáng giữa đời thường", "Phát thanh tiếng Ê Đê", "Văn hóa buôn làng"]
    assert '<p class="programme-card__meta">Tiếng Việt · 20 giờ thứ Bảy hằng tuần</p>' in html
    assert '<p class="programme-card__meta">Tiếng Ê Đê · 17 giờ hằng ngày</p>' in html


def test_the_index_filters_by_the_languages_its_programmes_are_in(client, programme_index, programmes):
    html = visit(client, programme_index).content.decode()
    # M'nông has no programme yet: not offered.
    assert filter_links(html) == [
        ("?", "Tất cả"),
        ("?ngon-ngu=vi", "Tiếng Việt"),
        ("?ngon-ngu=rad", "Tiếng Ê Đê"),
    ]
    assert '<a href="?" aria-current="true">Tất cả</a>' in html

    ede = visit(client, programme_index, **{"ngon-ngu": "rad"}).content.decode()
    assert card_titles(ede) == ["Phát thanh tiếng Ê Đê", "Văn hóa buôn làng"]
    assert '<a href="?ngon-ngu=rad" aria-current="true">Tiếng Ê Đê</a>' in ede
    vietnamese = visit(client, programme_index, **{"ngon-ngu": "vi"}).content.decode()
    assert card_titles(vietnamese) == ["Gương sáng giữa đời thường"]


@pytest.mark.parametrize("code", ["mng", "xx", "<script>", ""])
def test_a_language_without_programmes_or_unknown_is_ignored(client, programme_index, programmes, code):
    response = visit(client, programme_index, **{"ngon-ngu": code})
    assert response.status_code == 200
    html = response.content.decode()
    assert len(card_titles(html)) == 3
    assert "<script>" not in html


def test_one_language_needs_no_filter(client, programme_index, new_programme):
    new_programme("Thời sự")
    new_programme("Nông nghiệp nông thôn")
    assert "language-filter" not in visit(client, programme_index).content.decode()


@pytest.fixture
def programme(new_programme):
    return new_programme(
        "Phát thanh tiếng Ê Đê",
        language="rad",
        schedule="17 giờ hằng ngày",
        intro="<p>Chương trình phát thanh bằng tiếng Ê Đê.</p>",
    )


def test_a_programme_plays_its_newest_episode_and_lists_the_others(
    client, programme, new_media_item, new_programme
):
    older = new_media_item("Số ngày 1/3", programme=programme, broadcast_at=days_ago(3), duration=1805)
    newest = new_media_item(
        "Số ngày 3/3", programme=programme, broadcast_at=days_ago(1), transcript="Ơ amĭ ama."
    )
    new_media_item("Số sắp phát", programme=programme, broadcast_at=days_ago(-1))
    new_media_item("Số của chương trình khác", programme=new_programme("Thời sự"), broadcast_at=days_ago(2))
    # An episode with no broadcast time is on the air since it was uploaded: the newest of all but the one above.
    undated = new_media_item("Số không hẹn giờ", programme=programme, broadcast_at=None)
    html = visit(client, programme).content.decode()

    newest_section = re.search(r'<section class="programme__newest".*?</section>\n', html, re.DOTALL).group()
    assert '<h3 class="player__title">Số không hẹn giờ</h3>' in newest_section
    assert f'<source src="{undated.url}"' in newest_section
    listed = re.findall(r'<li class="episode-list__item">\s*<a href="([^"]+)">([^<]+)</a>', html)
    assert [title for _href, title in listed] == ["Số ngày 3/3", "Số ngày 1/3"]
    assert {title: href for href, title in listed}["Số ngày 1/3"] == f"{path_of(programme)}{older.pk}/"
    assert '<time datetime="PT30M5S">30 phút 5 giây</time>' in html
    assert newest.url not in html  # listed, not played
    assert "Số sắp phát" not in html and "Số của chương trình khác" not in html
    assert '<p class="programme__meta">Tiếng Ê Đê · Phát sóng 17 giờ hằng ngày</p>' in html


def test_a_programme_offers_its_podcast_feed(client, programme):
    html = visit(client, programme).content.decode()
    feed = "http://drt.localhost" + reverse("broadcasts:programme_podcast", kwargs={"pk": programme.pk})

    head = html.split("</head>")[0]
    assert (
        f'<link rel="alternate" type="application/rss+xml" title="Phát thanh tiếng Ê Đê (podcast)" href="{feed}">'
        in head
    )
    assert f'<a href="{feed}">Nghe qua ứng dụng podcast</a>' in html


def test_the_stations_sitemap_lists_each_episode_on_the_air_at_its_own_address(
    client, programme, new_media_item
):
    aired = new_media_item("Số ngày 1/3", programme=programme, broadcast_at=days_ago(3))
    coming = new_media_item("Số sắp phát", programme=programme, broadcast_at=days_ago(-1))
    sitemap = sitemap_entries(client, "drt.localhost")

    programme_url = programme.get_full_url()
    assert programme_url in sitemap
    assert sitemap[f"{programme_url}{aired.pk}/"] == timezone.localdate(aired.broadcast_at).isoformat()
    assert f"{programme_url}{coming.pk}/" not in sitemap


def test_the_episodes_are_listed_a_page_at_a_time(client, programme, new_media_item):
    for number in range(EPISODES_PER_PAGE + 3):
        new_media_item(f"Số {number}", programme=programme, broadcast_at=days_ago(number + 1))
    first = visit(client, programme).content.decode()
    second = visit(client, programme, page=2).content.decode()

    assert '<h3 class="player__title">Số 0</h3>' in first
    assert first.count('class="episode-list__item"') == EPISODES_PER_PAGE
    assert second.count('class="episode-list__item"') == 2
    assert "Số 21<" in second and "Số 22<" in second
    assert '<a rel="next" href="?page=2">' in first


def test_the_programme_page_costs_the_same_queries_however_many_episodes(
    client, programme, new_media_item, make_image, django_assert_max_num_queries
):
    poster = make_image("Buôn làng")
    for number in range(3):
        new_media_item(
            f"Số {number}",
            programme=programme,
            kind="video",
            poster=poster,
            broadcast_at=days_ago(number + 1),
        )
    visit(client, programme)  # the poster's rendition is made once, by the first reader
    with django_assert_max_num_queries(1000) as few:
        visit(client, programme)
    for number in range(3, 3 + EPISODES_PER_PAGE):
        new_media_item(
            f"Số {number}",
            programme=programme,
            kind="video",
            poster=poster,
            broadcast_at=days_ago(number + 1),
        )

    with django_assert_max_num_queries(len(few)):
        html = visit(client, programme).content.decode()
    assert html.count('class="episode-list__item"') == EPISODES_PER_PAGE


def test_an_episode_has_an_address_of_its_own(client, programme, new_media_item, languages):
    episode = new_media_item(
        "Số ngày 3/3: Lễ cúng bến nước",
        programme=programme,
        language=languages["rad"],
        transcript="Ơ amĭ ama, hriê hmư̆.",
        credits="Biên tập: Y Thơ Niê",
        duration=600,
    )
    response = visit(client, programme, f"{episode.pk}/")
    html = response.content.decode()

    assert response.status_code == 200
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
    assert canonical == f"{programme.full_url}{episode.pk}/"
    assert canonical.startswith("http://drt.localhost:8000/")  # the station's own address
    assert "<title>Số ngày 3/3: Lễ cúng bến nước · Phát thanh tiếng Ê Đê · " in html
    assert "<h1>Số ngày 3/3: Lễ cúng bến nước</h1>" in html
    assert 'class="player__title"' not in html  # the page's heading is the title
    assert f'<source src="{episode.url}" type="audio/mpeg">' in html
    assert '<h2 class="transcript__heading">Bản chép lời</h2>' in html
    assert '<div class="transcript__text" lang="rad"><p>Ơ amĭ ama, hriê hmư̆.</p></div>' in html
    assert "Biên tập: Y Thơ Niê" in html and ">10 phút</time>" in html


def test_an_episode_before_its_broadcast_or_of_another_programme_is_not_found(
    client, programme, new_programme, new_media_item
):
    embargoed = new_media_item("Số sắp phát", programme=programme, broadcast_at=days_ago(-1))
    elsewhere = new_media_item("Số của chương trình khác", programme=new_programme("Thời sự"))
    unattached = new_media_item("Chưa gắn chương trình")

    for item in (embargoed, elsewhere, unattached):
        response = visit(client, programme, f"{item.pk}/")
        assert response.status_code == 404
        assert item.title not in response.content.decode()
    assert visit(client, programme, "999999/").status_code == 404


def test_setup_makes_the_stations_programmes_index_once(outlets):
    assert set_up_programmes in hooks.get_hooks(SETUP_STEPS_HOOK)
    set_up_programmes(outlets)
    set_up_programmes(outlets)

    (index,) = ProgrammeIndexPage.objects.all()
    assert index.get_parent().specific == outlets[Outlet.BROADCAST]
    assert (index.title, index.slug, index.live, index.show_in_menus) == (
        "Chương trình",
        "chuong-trinh",
        True,
        True,
    )
