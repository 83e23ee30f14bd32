"""The canonical link of every public page type and route (the types tests/e2e/test_page_types.py visits in a
browser), read from the HTML a reader gets: the page's own address, the original's for an alias, the route served,
and a listing's page number unless the listing is filtered."""

import datetime
import html
import re
from urllib.parse import urlsplit

import pytest

from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.models import Page

from broadcasts.models import MediaItem, ProgrammeIndexPage, ProgrammePage
from contests.models import ContestIndexPage
from exemplars.models import ExemplarIndexPage, MovementIndexPage, MovementPage
from newsroom.models import CampaignPage, HistoricEvent, Language, Outlet, PlainPage, TagIndexPage
from newsroom.models.calendar import ensure_plan_events
from search.models import SearchPage
from tests.contests.conftest import new_contest, new_contest_index
from tests.exemplars.conftest import new_exemplar, new_unit

CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)">')
NOINDEX = '<meta name="robots" content="noindex">'


def canonical_links(client, url):
    """The canonical links in the <head> of the page at the absolute `url`, and whether it says noindex."""
    parts = urlsplit(url)
    response = client.get(parts.path + (f"?{parts.query}" if parts.query else ""), HTTP_HOST=parts.hostname)
    page = response.content.decode()
    head = page[: page.index("</head>")]
    return response.status_code, [html.unescape(link) for link in CANONICAL.findall(head)], NOINDEX in head


def canonical_link(client, url):
    status, links, _noindex = canonical_links(client, url)
    assert status == 200, url
    (link,) = links
    return link


@pytest.fixture
def newspaper(outlets):
    return outlets[Outlet.NEWSPAPER]


@pytest.fixture
def column(newspaper, make_column):
    """A column of two articles a page, with five articles: three pages, the first two articles tagged."""
    return make_column(newspaper, "Điển hình tiên tiến", per_page=2)


@pytest.fixture
def articles(column, make_article):
    made = [make_article(column, f"Người tốt việc tốt ở xã Ea Kao, kỳ {number}") for number in range(1, 6)]
    for article in made[:2]:
        article.tags.add("giữ rừng")
        article.save_revision().publish()
    return made


@pytest.fixture
def station_programme(outlets, settings, tmp_path):
    """The station's programme in Ê Đê with three episodes on the air."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    Language.ensure_standard()
    ede = Language.objects.get(code="rad")
    index = outlets[Outlet.BROADCAST].add_child(
        instance=ProgrammeIndexPage(title="Chương trình", slug="chuong-trinh")
    )
    index.save_revision().publish()
    programme = ProgrammePage(title="Phát thanh tiếng Ê Đê", language=ede)
    index.add_child(instance=programme)
    programme.save_revision().publish()
    episodes = [
        MediaItem.objects.create(
            title=f"Số {number}: Lễ cúng bến nước",
            type="audio",
            file=ContentFile(b"\0" * 64, name="so.mp3"),
            mime_type="audio/mpeg",
            programme=programme,
            language=ede,
            broadcast_at=timezone.now() - datetime.timedelta(days=number),
        )
        for number in (1, 2, 3)
    ]
    return index, programme, episodes


def test_every_public_page_type_names_its_canonical_address(
    client, outlets, shared_indexes, newspaper, column, articles, station_programme, subtests
):
    plain = newspaper.add_child(instance=PlainPage(title="Giới thiệu"))
    plain.save_revision().publish()
    tag_index = TagIndexPage.objects.child_of(newspaper).get()
    search_page = SearchPage.objects.child_of(newspaper).get()
    movement = MovementPage(
        title="Toàn dân đoàn kết xây dựng nông thôn mới",
        launch_level=MovementPage.LaunchLevel.PROVINCE,
        launched_by="UBND tỉnh Đắk Lắk",
        start_date=datetime.date(2024, 1, 1),
    )
    shared_indexes[MovementIndexPage].add_child(instance=movement)
    movement.save_revision().publish()
    exemplar = new_exemplar(
        shared_indexes[ExemplarIndexPage], "Bà H'Linh Niê", unit=new_unit("UBND xã Ea Knuếc")
    )
    new_contest_index()
    contest = new_contest(ContestIndexPage.objects.get())
    ensure_plan_events()
    campaign = CampaignPage(
        title="Kỷ niệm 50 năm Chiến thắng Buôn Ma Thuột",
        event=HistoricEvent.objects.get(name="Chiến thắng Buôn Ma Thuột"),
        anniversary_year=2025,
        window_start=datetime.date(2025, 3, 1),
        window_end=datetime.date(2025, 3, 31),
    )
    newspaper.add_child(instance=campaign)
    campaign.save_revision().publish()
    programme_index, programme, episodes = station_programme
    registry_here = ExemplarIndexPage.objects.child_of(newspaper).get()
    movements_here = MovementIndexPage.objects.child_of(newspaper).get()
    article = articles[0]

    # (page type, address read, canonical link expected)
    cases = [
        ("outlet home", newspaper.full_url, newspaper.full_url),
        ("column", column.full_url, column.full_url),
        ("article", article.full_url, article.full_url),
        ("tag index", tag_index.full_url, tag_index.full_url),
        ("tag", f"{tag_index.full_url}giu-rung/", f"{tag_index.full_url}giu-rung/"),
        (
            "registry, the newspaper's alias",
            registry_here.full_url,
            shared_indexes[ExemplarIndexPage].full_url,
        ),
        (
            "registry on the portal",
            shared_indexes[ExemplarIndexPage].full_url,
            shared_indexes[ExemplarIndexPage].full_url,
        ),
        ("exemplar, served by the newspaper", f"{registry_here.full_url}{exemplar.slug}/", exemplar.full_url),
        (
            "movement index, the newspaper's alias",
            movements_here.full_url,
            shared_indexes[MovementIndexPage].full_url,
        ),
        ("movement", movement.full_url, movement.full_url),
        ("contest index", contest.get_parent().full_url, contest.get_parent().full_url),
        ("contest", contest.full_url, contest.full_url),
        ("entry status", f"{contest.full_url}tra-cuu/", f"{contest.full_url}tra-cuu/"),
        ("campaign", campaign.full_url, campaign.full_url),
        ("search", f"{search_page.full_url}?q=gi%C3%A0+l%C3%A0ng", search_page.full_url),
        ("plain page", plain.full_url, plain.full_url),
        ("programme index", programme_index.full_url, programme_index.full_url),
        ("programme", programme.full_url, programme.full_url),
        ("episode", f"{programme.full_url}{episodes[0].pk}/", f"{programme.full_url}{episodes[0].pk}/"),
    ]
    for name, address, expected in cases:
        with subtests.test(msg=name):
            status, links, noindex = canonical_links(client, address)
            assert status == 200
            assert links == [expected]
            # Search results are the one page type kept out of search engines.
            assert noindex == (name == "search")


def test_a_page_not_found_names_no_canonical_address(client, newspaper):
    status, links, _noindex = canonical_links(client, f"{newspaper.full_url}khong-co-trang-nay/")
    assert status == 404
    assert links == []


def test_a_page_outside_every_site_names_no_canonical_address(rf, outlets):
    stray = Page.get_first_root_node().add_child(instance=PlainPage(title="Trang ngoài các cơ quan"))
    request = rf.get("/")
    request.user = AnonymousUser()

    response = stray.serve(request).render()

    assert response.status_code == 200
    assert 'rel="canonical"' not in response.content.decode()


def test_a_listing_keeps_its_page_number_as_its_paginator_settled_it(client, column, articles):
    assert canonical_link(client, f"{column.full_url}?page=1") == column.full_url
    assert canonical_link(client, f"{column.full_url}?page=2") == f"{column.full_url}?page=2"
    # Past the end the last page is shown (the third); a page number that is no number shows the first.
    assert canonical_link(client, f"{column.full_url}?page=99") == f"{column.full_url}?page=3"
    assert canonical_link(client, f"{column.full_url}?page=abc") == column.full_url


def test_a_filtered_listing_points_at_the_listing_itself(
    client, column, articles, shared_indexes, station_programme
):
    programme_index, _programme, _episodes = station_programme
    registry = shared_indexes[ExemplarIndexPage]
    assert canonical_link(client, f"{column.full_url}?tag=giu-rung&page=2") == column.full_url
    assert canonical_link(client, f"{column.full_url}?ngon-ngu=vi") == column.full_url
    assert canonical_link(client, f"{registry.full_url}?kind=individual") == registry.full_url
    assert canonical_link(client, f"{programme_index.full_url}?ngon-ngu=rad") == programme_index.full_url


def test_a_tags_articles_keep_their_page_number(client, monkeypatch, newspaper, articles):
    monkeypatch.setattr("newsroom.models.pages.TAGGED_PER_PAGE", 1)
    tag_page = f"{TagIndexPage.objects.child_of(newspaper).get().full_url}giu-rung/"
    assert canonical_link(client, f"{tag_page}?page=2") == f"{tag_page}?page=2"
    assert canonical_link(client, f"{tag_page}?page=2&utm_source=zalo") == tag_page


def test_a_programmes_episodes_keep_their_page_number(client, monkeypatch, station_programme):
    monkeypatch.setattr("broadcasts.models.programmes.EPISODES_PER_PAGE", 1)
    _index, programme, _episodes = station_programme
    # The newest episode is in the player; the two others are listed one a page.
    assert canonical_link(client, f"{programme.full_url}?page=2") == f"{programme.full_url}?page=2"


def test_a_story_republished_in_another_outlet_points_at_the_original(
    client, outlets, column, articles, make_column
):
    original = articles[0]
    alias = original.create_alias(parent=make_column(outlets[Outlet.PORTAL], "Gương sáng"))
    alias_address = alias.full_url

    assert alias_address.startswith("http://congthongtin.localhost:8000/")
    assert canonical_link(client, alias_address) == original.full_url
