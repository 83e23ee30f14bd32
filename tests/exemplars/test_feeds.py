"""The feeds of an exemplar profile and of a movement: the features about them from every outlet, each story once,
as RSS 2.0 with every element readers need and the lead picture enclosed; named in the pages' <head>, on the
portal and on the outlets that show the registry; no feed for a private profile or movement; the same queries
however many features a feed lists."""

import datetime

import pytest

from wagtail.models import PageViewRestriction

from core.dates import LOCAL_TIME_ZONE
from exemplars.models import ArticleExemplarLink, ArticleMovementLink, ExemplarPage
from newsroom.models import ArticlePage, Author, Outlet
from tests.conftest import LARGE_PHOTO
from tests.feed_reading import (
    NAMESPACES,
    assert_channel,
    assert_encloses,
    assert_item,
    feed_links,
    get,
    read_feed,
)

from .conftest import HOSTS

# Pictures are fetched from the addresses the feeds give, as the web server serves them.
pytestmark = pytest.mark.urls("tests.served_media")

PORTAL = "Cổng thông tin điện tử tỉnh"
STATION = "Đài Phát thanh và Truyền hình tỉnh"


def on(day):
    return datetime.datetime(2025, 4, day, 19, tzinfo=LOCAL_TIME_ZONE)


@pytest.fixture
def columns(outlets, make_column):
    return {
        outlet: make_column(outlets[outlet], "Điển hình tiên tiến")
        for outlet in (Outlet.NEWSPAPER, Outlet.BROADCAST, Outlet.PORTAL)
    }


@pytest.fixture
def feature(make_article):
    """A published feature dated 19:00 on `day` of April 2025 about `exemplar` and `movement`."""

    def make(column, title, day, *, exemplar=None, movement=None, authors=(), tags=(), **fields):
        article = make_article(
            column, title, publication_date=on(day), standfirst=f"Tóm tắt: {title}.", **fields
        )
        if exemplar:
            article.exemplar_links.add(ArticleExemplarLink(exemplar=exemplar))
        if movement:
            article.movement_links.add(ArticleMovementLink(movement=movement))
        article.authors.set([Author.objects.get_or_create(name=name)[0] for name in authors])
        article.tags.add(*tags)
        article.save_revision().publish()
        return ArticlePage.objects.get(pk=article.pk)

    return make


@pytest.fixture
def border_post(make_exemplar):
    return make_exemplar("Đồn Biên phòng Ia Rvê", subject_kind=ExemplarPage.SubjectKind.COLLECTIVE)


@pytest.fixture
def border_movement(make_movement):
    return make_movement("Toàn dân bảo vệ an ninh Tổ quốc")


def test_a_profiles_feed_lists_the_features_about_it_from_every_outlet_each_once(
    client, columns, border_post, feature, make_image, make_article
):
    patrol = make_image("Tuần tra biên giới", size=LARGE_PHOTO)
    report = feature(
        columns[Outlet.BROADCAST],
        "Phóng sự: điểm tựa nơi biên giới",
        9,
        exemplar=border_post,
        authors=("Y Thơ Niê",),
        tags=("biên giới",),
        lead_image=patrol,
    )
    profile = feature(
        columns[Outlet.NEWSPAPER], "Những người lính mang hàm xanh ở Ia Rvê", 3, exemplar=border_post
    )
    report.create_alias(parent=columns[Outlet.PORTAL])  # republished with its links
    feature(columns[Outlet.NEWSPAPER], "Tin không liên quan", 10)
    draft = make_article(columns[Outlet.NEWSPAPER], "Bản nháp về đồn", live=False)
    draft.exemplar_links.add(ArticleExemplarLink(exemplar=border_post))
    draft.save_revision()

    feed = read_feed(client, f"{border_post.full_url}rss/")

    assert feed.titles() == [report.title, profile.title]
    assert_channel(
        feed,
        f"Đồn Biên phòng Ia Rvê · {PORTAL}",
        border_post.full_url,
        "Bài viết về Đồn Biên phòng Ia Rvê, tập thể điển hình tiên tiến",
        [report, profile],
    )
    assert_item(feed, report, authors=("Y Thơ Niê",), tags=("biên giới",))
    assert_item(feed, profile)
    assert_encloses(client, feed, report, patrol)


def test_a_movements_feed_lists_the_features_about_it(
    client, columns, border_movement, border_post, feature, make_image
):
    night = make_image("Tổ tự quản an ninh", size=LARGE_PHOTO)
    patrol = feature(
        columns[Outlet.PORTAL],
        "Tổ tự quản an ninh buôn Ea Sol",
        12,
        movement=border_movement,
        tags=("an ninh trật tự",),
        lead_image=night,
    )
    feature(columns[Outlet.NEWSPAPER], "Chỉ về đồn biên phòng", 13, exemplar=border_post)

    feed = read_feed(client, f"{border_movement.full_url}rss/")

    assert feed.titles() == [patrol.title]
    assert_channel(
        feed,
        f"Toàn dân bảo vệ an ninh Tổ quốc · {PORTAL}",
        border_movement.full_url,
        "Bài viết về phong trào thi đua “Toàn dân bảo vệ an ninh Tổ quốc”",
        [patrol],
    )
    assert_item(feed, patrol, tags=("an ninh trật tự",))
    assert_encloses(client, feed, patrol, night)


def test_an_outlet_showing_the_registry_serves_the_profiles_feed_and_names_the_portals(
    client, columns, border_post, feature
):
    report = feature(columns[Outlet.BROADCAST], "Phóng sự: điểm tựa nơi biên giới", 9, exemplar=border_post)
    portal_feed = f"{border_post.full_url}rss/"

    page = get(client, "/ho-so-dien-hinh/don-bien-phong-ia-rve/", HOSTS["broadcast"])
    assert page.status_code == 200
    assert feed_links(page.content.decode()) == [("Đồn Biên phòng Ia Rvê", portal_feed)]

    feed = read_feed(client, "/ho-so-dien-hinh/don-bien-phong-ia-rve/rss/", HOSTS["broadcast"])
    assert feed.titles() == [report.title]
    assert feed.channel.findtext("title") == f"Đồn Biên phòng Ia Rvê · {STATION}"
    assert feed.channel.findtext("link") == border_post.full_url
    assert feed.channel.find("atom:link", NAMESPACES).get("href") == portal_feed


@pytest.mark.parametrize("page", ["profile", "movement"])
def test_the_profile_and_the_movement_name_their_feeds_in_their_heads(
    client, columns, border_post, border_movement, feature, page
):
    about = feature(
        columns[Outlet.NEWSPAPER],
        "Đồn biên phòng và dân làng",
        5,
        exemplar=border_post,
        movement=border_movement,
    )
    target = {"profile": border_post, "movement": border_movement}[page]

    response = get(client, target.full_url)

    assert response.status_code == 200
    [(title, href)] = feed_links(response.content.decode())
    assert (title, href) == (target.title, f"{target.full_url}rss/")
    feed = read_feed(client, href)
    assert feed.channel.findtext("link") == target.full_url
    assert feed.titles() == [about.title]


def test_a_private_profile_or_movement_has_no_feed_and_private_features_are_left_out(
    client, outlets, columns, make_column, border_post, border_movement, make_exemplar, feature
):
    public = feature(
        columns[Outlet.NEWSPAPER], "Bài công khai", 1, exemplar=border_post, movement=border_movement
    )
    internal = make_column(outlets[Outlet.NEWSPAPER], "Nội bộ")
    PageViewRestriction.objects.create(page=internal, restriction_type=PageViewRestriction.LOGIN)
    feature(internal, "Bài nội bộ", 2, exemplar=border_post, movement=border_movement)
    for page in (border_post, border_movement):
        assert read_feed(client, f"{page.full_url}rss/").titles() == [public.title]

    hidden = make_exemplar("Hồ sơ nội bộ")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    PageViewRestriction.objects.create(
        page=border_movement, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )
    # Their pages ask for a login or the password; their feeds, which no feed reader could open, are not found.
    assert get(client, hidden.full_url).status_code == 302
    assert get(client, f"{hidden.full_url}rss/").status_code == 404
    assert get(client, "/ho-so-dien-hinh/ho-so-noi-bo/rss/", HOSTS["broadcast"]).status_code == 404
    assert get(client, border_movement.full_url).status_code == 200  # the password form
    assert get(client, f"{border_movement.full_url}rss/").status_code == 404


@pytest.mark.parametrize("page", ["profile", "movement"])
def test_a_feed_costs_the_same_queries_however_many_features_it_lists(
    client, columns, border_post, border_movement, feature, make_image, django_assert_max_num_queries, page
):
    url = f"{(border_post if page == 'profile' else border_movement).full_url}rss/"

    def add(numbers):
        for number in numbers:
            article = feature(
                columns[Outlet.NEWSPAPER],
                f"Bài số {number}",
                number,
                exemplar=border_post,
                movement=border_movement,
                authors=(f"Tác giả {number}", "Ban Biên giới"),
                tags=(f"thẻ {number}",),
                lead_image=make_image(f"Ảnh {number}"),
            )
            article.create_alias(parent=columns[Outlet.BROADCAST])

    add(range(1, 4))
    read_feed(client, url)  # the pictures' renditions are made by the first reader here
    with django_assert_max_num_queries(1000) as few:
        assert len(read_feed(client, url).items) == 3
    # Counted now: the next request empties the connection's log of queries.
    with_3 = len(few)
    add(range(4, 10))
    read_feed(client, url)

    with django_assert_max_num_queries(with_3):
        feed = read_feed(client, url)
    assert len(feed.items) == 9
    assert all(item.find("enclosure") is not None for item in feed.items)
