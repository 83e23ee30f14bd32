"""The station's broadcasts in the archive search (issue 16): an episode (a media item of a live programme, on the
air) is found on both engines by what is said in it (its transcript), typed with or without diacritics, with
the matched words marked in its snippet; an article is found by what is said in the items its body plays; the
search filters and counts by language; an episode before its broadcast time is in neither index, and comes in
when its time comes, through the scheduler, with nobody saving it; one deleted leaves both."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
import time_machine

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

from broadcasts.models import MediaItem, ProgrammeIndexPage
from newsroom.scheduler import run_due_publications
from search.documents import source_for
from search.engines.base import SearchQuery
from search.indexing import REMOVE, UPSERT, drain_queue, rebuild
from search.models import PendingIndexChange, SearchDocument

from .conftest import published
from .test_sources import assert_found_both_ways, counts, found, key

BROADCAST_AT = datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.UTC)
TRANSCRIPT = (
    "Kính thưa bà con. Già làng Y Khu kể chuyện giữ rừng đầu nguồn ở buôn Tơng Jú. "
    "Mùa khô năm nay, bà con góp công đào giếng khoan cho cả buôn."
)


@pytest.fixture
def programme(make_programme):
    return make_programme("Phát thanh tiếng Ê Đê", language="rad")


@pytest.fixture
def episode(programme, make_episode, make_image):
    return make_episode(
        "Bản tin buôn làng",
        programme,
        kind="video",
        language="rad",
        transcript=TRANSCRIPT,
        credits="Biên tập: H'Linh Niê\nQuay phim: Y Sơn Mlô",
        poster=make_image("Già làng Y Khu", size=(640, 360)),
        broadcast_at=BROADCAST_AT,
    )


def in_both_indexes(engine):
    """Send the queued changes to OpenSearch, if it is the engine, and make them searchable."""
    drain_queue()
    engine.refresh()


def test_an_episode_is_found_by_what_is_said_in_it_its_credits_tags_and_programme(
    client, each_engine, episode, programme
):
    episode.tags.add("lễ hội")
    rebuild()
    assert_found_both_ways(
        each_engine,
        episode,
        [
            ("giếng khoan", "gieng khoan"),
            ("giữ rừng đầu nguồn", "giu rung dau nguon"),
            ("buôn Tơng Jú", "buon tong ju"),
            ("Bản tin buôn làng", "ban tin buon lang"),
            ("Y Sơn Mlô", "y son mlo"),  # the credits
            ("lễ hội", "le hoi"),
            ("Phát thanh tiếng Ê Đê", "phat thanh tieng ede"),  # the programme
        ],
    )
    hit = found(each_engine, "gieng khoan")[key(episode)]
    assert (hit.kind, hit.outlet, hit.column, hit.language) == (
        "video",
        "broadcast",
        "Phát thanh tiếng Ê Đê",
        "rad",
    )
    assert hit.published_at == BROADCAST_AT
    assert hit.image_id == episode.poster_id
    assert hit.url == f"{programme.get_full_url()}{episode.pk}/"
    address = urlsplit(hit.url)
    page = client.get(address.path, HTTP_HOST=address.hostname)
    assert page.status_code == 200 and "Bản tin buôn làng" in page.content.decode()


def test_an_episode_without_a_poster_shows_its_programmes_cover_and_one_without_a_time_its_upload(
    each_engine, make_programme, make_episode, make_image
):
    cover = make_image("Gương sáng", size=(640, 640))
    programme = make_programme("Gương sáng giữa đời thường", cover=cover)
    item = make_episode("Người thầy ở buôn xa", programme, transcript="Thầy giáo dạy chữ.", broadcast_at=None)
    rebuild()

    hit = found(each_engine, "thay giao day chu")[key(item)]
    assert (hit.kind, hit.language, hit.image_id) == ("audio", "vi", cover.pk)
    assert hit.published_at == item.created_at


@pytest.fixture(params=["database", pytest.param("opensearch", marks=pytest.mark.opensearch)])
def engine_name(request):
    """Which engine answers the reader: the embedded one, or OpenSearch through the search service."""
    if request.param == "opensearch":
        request.getfixturevalue("opensearch")
    return request.param


def test_a_hit_found_through_its_transcript_shows_the_matched_words_marked(client, engine_name, episode):
    rebuild()

    data = client.get("/api/search/", {"q": "gieng khoan"}).json()
    assert data["engine"] == engine_name
    (result,) = data["results"]
    assert result["id"] == key(episode)
    assert "góp công đào <mark>giếng</mark> <mark>khoan</mark> cho cả buôn" in result["snippet"]

    html = client.get("/tim-kiem/", {"q": "giếng khoan"}).content.decode()
    assert (
        '<p class="search-snippet" lang="rad">' in html
        and "góp công đào <mark>giếng</mark> <mark>khoan</mark> cho cả buôn" in html
    )


@pytest.fixture
def in_three_languages(outlets, make_column, make_article, make_programme, make_episode, languages, episode):
    """Stories of the coffee harvest: the Ê Đê episode, an Ê Đê article, and one of each in Vietnamese."""
    column = make_column(outlets["broadcast"], "Nông nghiệp")
    vietnamese = make_programme("Nhà nông cần biết")
    make_episode("Thu hoạch cà phê", vietnamese, transcript="Bà con thu hoạch cà phê chín.")
    make_article(column, "Cà phê chín đỏ đồi", standfirst="Thu hoạch cà phê ở Cư Kuin.")
    make_article(
        column, "Mùa thu hoạch cà phê", standfirst="Bà con thu hoạch cà phê.", language=languages["rad"]
    )
    episode.transcript += " Bà con thu hoạch cà phê."
    episode.save()
    rebuild()


def test_the_search_filters_and_counts_by_language(each_engine, in_three_languages):
    everything = each_engine.search(SearchQuery(text="thu hoach ca phe"))
    assert counts(everything, "language") == {"vi": 2, "rad": 2}

    in_ede = each_engine.search(SearchQuery(text="thu hoạch cà phê", filters={"language": "rad"}))
    assert sorted(hit.title for hit in in_ede.hits) == ["Bản tin buôn làng", "Mùa thu hoạch cà phê"]
    assert {hit.language for hit in in_ede.hits} == {"rad"}
    assert counts(in_ede, "language") == counts(everything, "language")
    assert counts(in_ede, "kind") == {"video": 1, "article": 1}


def test_the_search_page_and_the_api_filter_by_language_named_in_vietnamese(client, in_three_languages):
    html = client.get("/tim-kiem/", {"q": "thu hoach ca phe"}).content.decode()
    assert "<h2>Ngôn ngữ</h2>" in html
    assert (
        '<a href="?q=thu+hoach+ca+phe&amp;language=rad">Tiếng Ê Đê</a> <span class="count">(2)</span>' in html
    )
    assert (
        '<a href="?q=thu+hoach+ca+phe&amp;language=vi">Tiếng Việt</a> <span class="count">(2)</span>' in html
    )

    filtered = client.get("/tim-kiem/", {"q": "thu hoach ca phe", "language": "rad"}).content.decode()
    assert "Ngôn ngữ: Tiếng Ê Đê" in filtered
    assert len(re.findall(r'<li class="search-hit', filtered)) == 2
    assert "Cà phê chín đỏ đồi" not in filtered
    assert " · Tiếng Ê Đê · <time" in filtered  # the hits say their language

    data = client.get("/api/search/", {"q": "thu hoach ca phe", "language": "vi"}).json()
    assert sorted(result["title"] for result in data["results"]) == ["Cà phê chín đỏ đồi", "Thu hoạch cà phê"]
    assert {result["language"] for result in data["results"]} == {"vi"}
    assert {facet["value"]: facet["count"] for facet in data["facets"]["language"]} == {"vi": 2, "rad": 2}


@pytest.mark.parametrize("value", ["fr", "RAD", "vi,rad", "x" * 300, "Tiếng Việt"])
def test_a_language_the_site_does_not_have_gets_a_400_with_a_message(client, outlets, languages, value):
    response = client.get("/api/search/", {"q": "cà phê", "language": value})
    assert response.status_code == 400
    assert response.json()["error"].startswith(
        "Giá trị không hợp lệ cho language: hãy dùng một trong mng, rad, vi"
    )
    page = client.get("/tim-kiem/", {"q": "cà phê", "language": value})
    assert page.status_code == 400
    assert "Giá trị không hợp lệ cho language" in page.content.decode()


def test_an_episode_before_its_broadcast_time_is_found_once_its_time_comes_without_a_save(
    each_engine, programme, make_episode
):
    start = timezone.now()
    run_due_publications()  # the scheduler runs, as it always does
    item = make_episode(
        "Tiếng cồng chiêng buôn Đôn",
        programme,
        transcript="Nghệ nhân đánh cồng chiêng mừng lúa mới.",
        broadcast_at=start + datetime.timedelta(hours=1),
    )
    in_both_indexes(each_engine)
    assert key(item) not in found(each_engine, "cong chieng")

    with time_machine.travel(start + datetime.timedelta(minutes=59)):
        run_due_publications()
        each_engine.refresh()
        assert key(item) not in found(each_engine, "cồng chiêng")
    with time_machine.travel(start + datetime.timedelta(hours=3)):
        run_due_publications()  # a tick two hours after the broadcast time: nobody saved the item
        each_engine.refresh()
        assert key(item) in found(each_engine, "cong chieng")
        assert key(item) in found(each_engine, "cồng chiêng lúa mới")


def test_an_episode_moved_to_a_later_broadcast_time_leaves_both_indexes_until_then(each_engine, episode):
    in_both_indexes(each_engine)
    assert key(episode) in found(each_engine, "gieng khoan")

    episode.broadcast_at = timezone.now() + datetime.timedelta(days=1)
    episode.save()
    in_both_indexes(each_engine)
    assert found(each_engine, "gieng khoan") == {}


def test_a_deleted_episode_leaves_both_indexes(each_engine, episode):
    episode_key = key(episode)
    in_both_indexes(each_engine)
    assert episode_key in found(each_engine, "gieng khoan")

    episode.delete()
    in_both_indexes(each_engine)
    assert found(each_engine, "gieng khoan") == {}
    assert not SearchDocument.objects.filter(key=episode_key).exists()


def indexed(item):
    return SearchDocument.objects.filter(key=key(item)).first()


def test_an_episode_is_searchable_only_in_a_live_public_programme(make_programme, make_episode):
    draft = make_programme("Chương trình chưa phát", live=False)
    item = make_episode("Tập thử", draft, transcript="Tiếng suối Đray Nur.")
    assert indexed(item) is None
    draft.get_latest_revision().publish()
    assert indexed(item).column == "Chương trình chưa phát"

    PageViewRestriction.objects.create(page=draft, restriction_type=PageViewRestriction.LOGIN)
    assert indexed(item) is None
    orphan = make_episode("Tập không thuộc chương trình nào", None, transcript="Tiếng suối.")
    assert indexed(orphan) is None


def test_an_episode_follows_its_programme_renamed_moved_unpublished_and_deleted(outlets, programme, episode):
    assert indexed(episode).column == "Phát thanh tiếng Ê Đê"

    programme.title = "Tiếng nói buôn làng"
    programme.save_revision().publish()
    assert indexed(episode).column == "Tiếng nói buôn làng"
    assert " tieng noi buon lang " in indexed(episode).folded

    portal_index = published(outlets["portal"].add_child(instance=ProgrammeIndexPage(title="Chương trình")))
    programme.move(portal_index, pos="last-child")
    programme.refresh_from_db()
    assert indexed(episode).outlet == "portal"
    assert indexed(episode).url == f"{programme.get_full_url()}{episode.pk}/"

    programme.unpublish()
    assert indexed(episode) is None
    programme.get_latest_revision().publish()
    assert indexed(episode) is not None

    programme.delete()
    assert indexed(episode) is None
    assert MediaItem.objects.get(pk=episode.pk).programme is None


def test_a_languages_code_corrected_reaches_the_articles_and_episodes_that_name_it(
    languages, programme, make_episode, outlets, make_column, make_article
):
    """The station names Central M'nông (cmo) where it had written Eastern M'nông (mng)."""
    mnong = languages["mng"]
    item = make_episode("Bản tin tiếng M'nông", programme, language="mng", transcript="Tin buôn làng.")
    article = make_article(make_column(outlets["broadcast"], "Dân tộc"), "Lễ hội M'nông", language=mnong)
    vietnamese = make_episode("Bản tin tiếng Việt", programme, transcript="Tin buôn làng.")
    assert [indexed(page).language for page in (item, article, vietnamese)] == ["mng", "mng", "vi"]

    mnong.code = "cmo"
    mnong.save()
    assert [indexed(page).language for page in (item, article, vietnamese)] == ["cmo", "cmo", "vi"]


@pytest.mark.opensearch
def test_saving_and_deleting_an_episode_queue_its_change_for_opensearch(opensearch, episode):
    episode_key = key(episode)
    assert dict(PendingIndexChange.objects.values_list("key", "action"))[episode_key] == UPSERT
    drain_queue()

    episode.delete()
    assert dict(PendingIndexChange.objects.values_list("key", "action")) == {episode_key: REMOVE}


def test_an_article_is_found_by_what_is_said_in_the_item_its_body_plays(
    each_engine, outlets, make_column, make_article, episode
):
    column = make_column(outlets["newspaper"], "Dân tộc - Miền núi")
    article = make_article(
        column, "Buôn làng vào mùa khô", body=[("media", {"item": episode, "caption": "Phóng sự của Đài"})]
    )
    in_both_indexes(each_engine)
    assert_found_both_ways(each_engine, article, [("giếng khoan", "gieng khoan")])

    # A transcript corrected in the library: the article is found by the new words, no longer by the old.
    episode.transcript = TRANSCRIPT.replace("giếng khoan", "bể chứa nước mưa")
    episode.save()
    in_both_indexes(each_engine)
    assert key(article) in found(each_engine, "be chua nuoc mua")
    assert key(article) not in found(each_engine, "gieng khoan")


def test_building_episodes_documents_costs_the_same_queries_for_two_or_six(
    programme, make_programme, make_episode
):
    other = make_programme("Gương sáng giữa đời thường")
    for number in range(6):
        item = make_episode(f"Tập {number}", programme if number % 2 else other, transcript="Lời.")
        item.tags.add("buôn làng", f"tập {number}")
    source = source_for(MediaItem)

    def queries_to_build(count):
        with CaptureQueriesContext(connection) as context:
            source.build(list(source.searchable()[:count]))
        return len(context.captured_queries)

    assert queries_to_build(2) == queries_to_build(6)
