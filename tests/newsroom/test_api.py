"""The content API for the outlets' apps (/api/v2/): each outlet's live, public pages, images and documents with
their public fields, read-only, paginated, rate-limited, and kept in a cache that publishing clears."""

import datetime
import json
import uuid

import pytest
import time_machine

from django.core.cache import caches
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from contests.models import (
    ContestCategory,
    ContestIndexPage,
    ContestPage,
    ContestPrize,
    Entry,
    JudgeAssignment,
    RubricCriterion,
)
from core.rate_limits import WINDOW
from exemplars.models import ExemplarIndexPage, ExemplarPage, MovementIndexPage, MovementPage
from newsroom.api_cache import CACHE_ALIAS, ensure_cache_table
from newsroom.models import ArticlePage, Author, Language
from newsroom.models.api_fields import CARD_PICTURE, LEAD_PICTURE
from newsroom.republishing import republish
from newsroom.setup import SETUP_STEPS_HOOK
from tests.conftest import LARGE_PHOTO
from tests.exemplars.conftest import new_exemplar, new_unit

NEWSPAPER, STATION, PORTAL = "127.0.0.1", "drt.localhost", "congthongtin.localhost"
PAGES = "/api/v2/pages/"
ARTICLES = {"type": "newsroom.ArticlePage"}


@pytest.fixture(autouse=True)
def empty_cache(db):
    caches[CACHE_ALIAS].clear()


@pytest.fixture
def columns(outlets, make_column):
    return {
        "newspaper": make_column(outlets["newspaper"], "Thời sự"),
        "broadcast": make_column(outlets["broadcast"], "Gương sáng"),
    }


@pytest.fixture
def feature(columns, make_article, make_image):
    """A video story of the station, in Ê Đê, with its picture, authors, tags and a body with a quote."""
    image = make_image(
        "Lễ mừng lúa mới", description="Người dân buôn Akŏ Dhông múa chiêng mừng lúa mới", size=LARGE_PHOTO
    )
    article = make_article(
        columns["broadcast"],
        "Mùa lúa mới ở buôn Akŏ Dhông",
        kind=ArticlePage.Kind.VIDEO,
        language=Language.objects.get_or_create(code="rad", defaults={"name": "Tiếng Ê Đê"})[0],
        standfirst="Buôn làng mừng lúa mới.",
        lead_image=image,
        publication_date=datetime.datetime(2025, 3, 10, 1, 30, tzinfo=datetime.UTC),
        body=[("quote", {"text": "Lúa về đầy kho.", "attribution": "Già làng Y Ngông"})],
    )
    article.authors = [Author.objects.create(name="Hữu Hùng"), Author.objects.create(name="Ánh Dương")]
    article.tags.add("lúa mới", "buôn làng")
    article.save_revision().publish()
    return article


def get(client, path, host=STATION, **params):
    return client.get(path, params, HTTP_HOST=host)


def items(response):
    assert response.status_code == 200, response.content
    return response.json()["items"]


def titles(response):
    return [item["title"] for item in items(response)]


def test_each_outlet_reads_its_own_pages(client, columns, make_article):
    make_article(columns["newspaper"], "Tin của báo")
    make_article(columns["broadcast"], "Tin của đài")

    assert titles(get(client, PAGES, STATION, **ARTICLES)) == ["Tin của đài"]
    assert titles(get(client, PAGES, NEWSPAPER, **ARTICLES)) == ["Tin của báo"]


def test_another_outlets_pages_are_not_reached_from_here(client, columns, make_article):
    newspapers = make_article(columns["newspaper"], "Tin của báo")

    assert get(client, f"{PAGES}{newspapers.pk}/", STATION).status_code == 404
    assert get(client, PAGES, STATION, child_of=columns["newspaper"].pk).status_code == 400
    refused = get(client, PAGES, STATION, site=NEWSPAPER)
    assert refused.status_code == 400
    assert "site" in refused.json()["message"]


def test_an_articles_public_fields(client, feature):
    detail = get(client, f"{PAGES}{feature.pk}/").json()

    assert detail["title"] == "Mùa lúa mới ở buôn Akŏ Dhông"
    assert detail["meta"]["type"] == "newsroom.ArticlePage"
    assert detail["meta"]["html_url"] == feature.full_url
    assert detail["kind"] == "video"
    assert detail["language"] == "rad"
    assert detail["standfirst"] == "Buôn làng mừng lúa mới."
    assert detail["publication_date"] == "2025-03-10T08:30:00+07:00"
    assert detail["authors"] == ["Hữu Hùng", "Ánh Dương"]
    assert detail["tags"] == ["buôn làng", "lúa mới"]
    assert detail["body"][0]["type"] == "quote"
    assert detail["body"][0]["value"] == {"text": "Lúa về đầy kho.", "attribution": "Già làng Y Ngông"}
    lead, thumbnail = detail["lead_image"], detail["thumbnail"]
    assert lead["alt"] == thumbnail["alt"] == "Người dân buôn Akŏ Dhông múa chiêng mừng lúa mới"
    assert (lead["width"], lead["height"]) == (960, 540)
    assert (thumbnail["width"], thumbnail["height"]) == (720, 405)
    assert lead["url"] == feature.lead_image.get_rendition(LEAD_PICTURE).url
    assert thumbnail["url"] == feature.lead_image.get_rendition(CARD_PICTURE).url


def test_an_article_in_no_language_is_in_vietnamese(client, columns, make_article):
    article = make_article(columns["broadcast"], "Tin tiếng Việt")

    assert get(client, f"{PAGES}{article.pk}/").json()["language"] == "vi"


def test_a_listing_gives_the_short_fields_and_leaves_the_long_texts_to_each_page(client, feature):
    [listed] = items(get(client, PAGES, fields="*", **ARTICLES))

    assert listed["standfirst"] == "Buôn làng mừng lúa mới."
    assert listed["authors"] == ["Hữu Hùng", "Ánh Dương"]
    assert "body" not in listed
    refused = get(client, PAGES, fields="body", **ARTICLES)
    assert refused.status_code == 400
    assert refused.json() == {"message": "unknown fields: body"}


def test_listings_filter_by_field_tag_and_place_and_find_a_page_by_its_address(
    client, columns, make_article, feature
):
    make_article(columns["broadcast"], "Bản tin thời sự", kind=ArticlePage.Kind.AUDIO)

    assert titles(get(client, PAGES, kind="video", **ARTICLES)) == [feature.title]
    assert titles(get(client, PAGES, tags="lúa mới", **ARTICLES)) == [feature.title]
    assert titles(get(client, PAGES, child_of=columns["broadcast"].pk, order="-title")) == [
        feature.title,
        "Bản tin thời sự",
    ]
    assert "Gương sáng" in titles(get(client, PAGES, child_of="root"))
    found = get(client, f"{PAGES}find/", html_path=feature.url_path.split("/", 2)[2])
    assert found.status_code == 302
    assert found["Location"].startswith(f"http://{STATION}:8000{PAGES}{feature.pk}/")


@pytest.mark.usefixtures("wagtail_search_index")  # the API's `search` reads Wagtail's index
def test_drafts_unpublished_and_restricted_pages_are_never_shown(
    client, columns, make_article, make_column, outlets, make_user
):
    make_article(columns["broadcast"], "Bản nháp chưa đăng", live=False)
    withdrawn = make_article(columns["broadcast"], "Tin đã gỡ")
    withdrawn.unpublish()
    restricted_column = make_column(outlets["broadcast"], "Nội bộ")
    PageViewRestriction.objects.create(page=restricted_column, restriction_type=PageViewRestriction.LOGIN)
    internal = make_article(restricted_column, "Tin nội bộ")
    edited = make_article(columns["broadcast"], "Tiêu đề đã đăng")
    edited.title = "Tiêu đề bản nháp mới"
    edited.save_revision()
    # The API reads no login: an editor's session shows them no more than a reader sees.
    client.force_login(make_user("bientap", is_superuser=True))

    responses = [
        get(client, PAGES, fields="*", **ARTICLES),
        get(client, PAGES),
        get(client, PAGES, descendant_of=outlets["broadcast"].pk),
        get(client, PAGES, search="nội bộ"),
    ]
    for response in responses:
        body = response.content.decode()
        assert response.status_code == 200
        for hidden in ("Bản nháp", "Tin đã gỡ", "Nội bộ", "Tin nội bộ", "Tiêu đề bản nháp mới"):
            assert hidden not in body
    assert "Tiêu đề đã đăng" in responses[0].content.decode()
    for page in (withdrawn, internal, restricted_column):
        assert get(client, f"{PAGES}{page.pk}/").status_code == 404
    assert get(client, PAGES, child_of=restricted_column.pk).status_code == 400


def test_an_alias_names_the_story_it_republishes(client, columns, make_article, make_user):
    original = make_article(columns["newspaper"], "Tin gốc của báo")
    alias = republish(original, columns["broadcast"], make_user("bientap", is_superuser=True))

    [listed] = items(get(client, PAGES, fields="alias_of", **ARTICLES))
    assert listed["id"] == alias.pk
    assert listed["meta"]["alias_of"]["id"] == original.pk
    assert listed["meta"]["alias_of"]["meta"]["html_url"] == original.full_url


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(client, feature, method):
    for path in (PAGES, f"{PAGES}{feature.pk}/", "/api/v2/images/", "/api/v2/documents/"):
        response = getattr(client, method)(path, {}, content_type="application/json", HTTP_HOST=STATION)
        assert response.status_code == 405
    assert ArticlePage.objects.get(pk=feature.pk).title == "Mùa lúa mới ở buôn Akŏ Dhông"
    assert client.head(PAGES, HTTP_HOST=STATION).status_code == 200
    assert client.options(PAGES, HTTP_HOST=STATION).status_code == 200


def test_listings_come_in_pages_of_at_most_fifty(client, columns, make_article):
    for number in range(3):
        make_article(columns["broadcast"], f"Tin số {number}")

    first = get(client, PAGES, limit=2, order="title", **ARTICLES)
    second = get(client, PAGES, limit=2, offset=2, order="title", **ARTICLES)
    assert first.json()["meta"]["total_count"] == 3
    assert titles(first) == ["Tin số 0", "Tin số 1"]
    assert titles(second) == ["Tin số 2"]
    assert get(client, PAGES, limit=50).status_code == 200
    too_many = get(client, PAGES, limit=51)
    assert too_many.status_code == 400
    assert too_many.json() == {"message": "limit cannot be higher than 50"}


def test_an_address_past_its_limit_is_told_when_to_come_back(client, settings, feature):
    settings.CONTENT_API_REQUESTS_PER_ADDRESS = 2
    four_minutes_into_a_window = datetime.datetime(2025, 3, 10, 7, 4, tzinfo=datetime.UTC)

    with time_machine.travel(four_minutes_into_a_window, tick=False):
        answers = [client.get(PAGES, HTTP_HOST=STATION, REMOTE_ADDR="192.0.2.7") for _ in range(3)]
        other_address = client.get(PAGES, HTTP_HOST=STATION, REMOTE_ADDR="192.0.2.8")

    assert [answer.status_code for answer in answers] == [200, 200, 429]
    assert answers[2]["Retry-After"] == str(int((WINDOW - datetime.timedelta(minutes=4)).total_seconds()))
    assert answers[2].json() == {"message": "too many requests from this address: try again in 360 seconds"}
    assert other_address.status_code == 200


def test_requests_go_through_uncounted_while_the_shared_cache_is_unreachable(
    client, settings, feature, unreachable_shared_cache
):
    settings.CONTENT_API_REQUESTS_PER_ADDRESS = 1
    answers = [client.get(PAGES, HTTP_HOST=STATION) for _ in range(3)]
    assert [answer.status_code for answer in answers] == [200, 200, 200]


def test_answers_are_kept_until_a_page_is_published(client, feature, django_capture_on_commit_callbacks):
    detail = f"{PAGES}{feature.pk}/"
    assert get(client, detail).json()["title"] == "Mùa lúa mới ở buôn Akŏ Dhông"
    # A change that publishes nothing is not seen: the answer is the one kept.
    ArticlePage.objects.filter(pk=feature.pk).update(title="Đổi thẳng trong cơ sở dữ liệu")
    assert get(client, detail).json()["title"] == "Mùa lúa mới ở buôn Akŏ Dhông"

    feature.refresh_from_db()
    feature.title = "Mùa lúa mới, bản sửa"
    with django_capture_on_commit_callbacks(execute=True):
        feature.save_revision().publish()

    assert get(client, detail).json()["title"] == "Mùa lúa mới, bản sửa"
    assert titles(get(client, PAGES, **ARTICLES)) == ["Mùa lúa mới, bản sửa"]


def test_unpublishing_and_deleting_clear_the_answers_too(
    client, columns, make_article, django_capture_on_commit_callbacks
):
    kept, withdrawn = (make_article(columns["broadcast"], title) for title in ("Tin còn lại", "Tin sẽ gỡ"))
    deleted = make_article(columns["broadcast"], "Tin sẽ xóa")
    assert sorted(titles(get(client, PAGES, **ARTICLES))) == ["Tin còn lại", "Tin sẽ gỡ", "Tin sẽ xóa"]

    with django_capture_on_commit_callbacks(execute=True):
        withdrawn.unpublish()
    assert sorted(titles(get(client, PAGES, **ARTICLES))) == ["Tin còn lại", "Tin sẽ xóa"]
    with django_capture_on_commit_callbacks(execute=True):
        deleted.delete()
    assert titles(get(client, PAGES, **ARTICLES)) == [kept.title]


def test_a_view_restriction_clears_the_answers(
    client, columns, make_article, django_capture_on_commit_callbacks
):
    make_article(columns["broadcast"], "Tin sắp thành nội bộ")
    assert titles(get(client, PAGES, **ARTICLES)) == ["Tin sắp thành nội bộ"]

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=columns["broadcast"], restriction_type=PageViewRestriction.LOGIN
        )

    assert titles(get(client, PAGES, **ARTICLES)) == []


def test_the_answers_of_one_outlet_never_stand_for_anothers(client, columns, make_article):
    make_article(columns["newspaper"], "Tin của báo")
    make_article(columns["broadcast"], "Tin của đài")

    assert titles(get(client, PAGES, STATION, **ARTICLES)) == ["Tin của đài"]
    assert titles(get(client, PAGES, NEWSPAPER, **ARTICLES)) == ["Tin của báo"]


def test_an_image_saved_clears_the_answers(client, feature, django_capture_on_commit_callbacks):
    image = feature.lead_image
    assert items(get(client, "/api/v2/images/", fields="alt"))[0]["alt"] == image.description

    image.description = "Chiêng vang trong ngày mừng lúa mới"
    with django_capture_on_commit_callbacks(execute=True):
        image.save()

    assert (
        items(get(client, "/api/v2/images/", fields="alt"))[0]["alt"] == "Chiêng vang trong ngày mừng lúa mới"
    )


@pytest.mark.usefixtures("wagtail_search_index")  # the API's `search` reads Wagtail's index
def test_the_images_are_those_the_outlets_public_pages_show(
    client, columns, make_article, make_image, feature
):
    make_article(columns["broadcast"], "Bản nháp có ảnh", live=False, lead_image=make_image("Ảnh chưa đăng"))
    make_article(columns["newspaper"], "Tin của báo", lead_image=make_image("Ảnh của báo"))
    in_body = make_image("Ảnh trong bài", caption="Nương lúa", credit="Ảnh: Y Khoa", size=LARGE_PHOTO)
    make_article(
        columns["broadcast"], "Chùm ảnh", body=[("image", {"image": in_body, "caption": "", "credit": ""})]
    )

    listed = items(get(client, "/api/v2/images/", fields="*"))

    assert sorted(image["title"] for image in listed) == ["Lễ mừng lúa mới", "Ảnh trong bài"]
    body_image = next(image for image in listed if image["title"] == "Ảnh trong bài")
    assert body_image["caption"] == "Nương lúa"
    assert body_image["credit"] == "Ảnh: Y Khoa"
    assert body_image["alt"] == "Ảnh minh họa: Ảnh trong bài"
    assert (body_image["lead"]["width"], body_image["thumbnail"]["width"]) == (960, 720)
    assert "tags" not in body_image["meta"]
    assert [image["title"] for image in items(get(client, "/api/v2/images/", search="trong bài"))] == [
        "Ảnh trong bài"
    ]
    hidden = get_image_id(title="Ảnh chưa đăng")
    assert get(client, f"/api/v2/images/{hidden}/").status_code == 404


def get_image_id(title):
    return get_image_model().objects.get(title=title).pk


def test_the_documents_are_those_the_outlets_public_pages_offer(client, columns, make_article):
    documents = get_document_model()
    offered = documents.objects.create(
        title="Kế hoạch tuyên truyền", file=ContentFile(b"%PDF-1.4\n", name="k.pdf")
    )
    documents.objects.create(title="Tài liệu chưa dùng", file=ContentFile(b"%PDF-1.4\n", name="t.pdf"))
    private_collection = Collection.get_first_root_node().add_child(name="Nội bộ")
    CollectionViewRestriction.objects.create(
        collection=private_collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    private = documents.objects.create(
        title="Tài liệu nội bộ", file=ContentFile(b"%PDF-1.4\n", name="n.pdf"), collection=private_collection
    )
    body = [("document", {"document": document, "title": ""}) for document in (offered, private)]
    make_article(columns["broadcast"], "Tin có tài liệu", body=body)

    listed = items(get(client, "/api/v2/documents/"))

    assert [document["title"] for document in listed] == ["Kế hoạch tuyên truyền"]
    assert listed[0]["meta"]["download_url"].endswith(offered.url)


@pytest.fixture
def contest_with_entry_and_judge(outlets, make_user):
    index = outlets["newspaper"].add_child(instance=ContestIndexPage(title="Cuộc thi"))
    contest = ContestPage(
        title="Cuộc thi viết về gương người tốt việc tốt",
        theme="Những tấm gương bình dị mà cao quý",
        rules="<p>Bài viết về người thật, việc thật.</p>",
        eligibility="Mọi công dân sinh sống tại tỉnh Đắk Lắk.",
        opens_at=datetime.datetime(2025, 3, 1, 7, 0, tzinfo=datetime.UTC),
        closes_at=datetime.datetime(2025, 4, 30, 10, 0, tzinfo=datetime.UTC),
    )
    contest.categories = [
        ContestCategory(name="Bút ký", description="Ghi chép người thật việc thật", sort_order=0)
    ]
    contest.prizes = [ContestPrize(name="Giải Nhất", count=1, reward="10.000.000 đồng", sort_order=0)]
    contest.rubric_criteria = [RubricCriterion(name="Nội dung", weight=100, sort_order=0)]
    index.add_child(instance=contest)
    contest.save_revision().publish()
    Entry.objects.create(
        contest=contest,
        number=1,
        category=contest.categories.first(),
        full_name="Nguyễn Thị Dự Thi",
        email="du.thi@example.vn",
        phone="0987654321",
        address="Thôn Kín, xã Ea Knuếc",
        title="Bài dự thi chưa công bố",
        text="Nội dung bài dự thi.",
        consented_to_rules=True,
        consented_to_publication=True,
        receipt_code="DT-000001",
        submission_token=uuid.uuid4(),
    )
    JudgeAssignment.objects.create(
        contest=contest, judge=make_user("giamkhao.bimat"), public_title="Giám khảo chưa công bố"
    )
    return contest


CONTEST_SECRETS = [
    "Nguyễn Thị Dự Thi",
    "du.thi@example.vn",
    "0987654321",
    "Thôn Kín",
    "Bài dự thi chưa công bố",
    "Nội dung bài dự thi",
    "DT-000001",
    "giamkhao.bimat",
    "Giám khảo chưa công bố",
]


def test_a_contest_shows_its_rules_and_nothing_of_its_entries_or_judges(client, contest_with_entry_and_judge):
    contest = contest_with_entry_and_judge
    detail = get(client, f"{PAGES}{contest.pk}/", NEWSPAPER)
    listing = get(client, PAGES, NEWSPAPER, type="contests.ContestPage", fields="*")

    assert detail.json()["theme"] == "Những tấm gương bình dị mà cao quý"
    assert detail.json()["rules"] == "<p>Bài viết về người thật, việc thật.</p>"
    assert detail.json()["accepted_file_kinds"] == ["docx", "odt", "pdf"]
    [listed] = items(listing)
    assert listed["phase"] in {"upcoming", "open", "closed"}
    assert [(category["name"], category["description"]) for category in listed["categories"]] == [
        ("Bút ký", "Ghi chép người thật việc thật")
    ]
    assert [(prize["name"], prize["count"], prize["reward"]) for prize in listed["prizes"]] == [
        ("Giải Nhất", 1, "10.000.000 đồng")
    ]
    for response in (detail, listing):
        for secret in CONTEST_SECRETS:
            assert secret not in response.content.decode()
    assert [(criterion["name"], criterion["weight"]) for criterion in listed["rubric_criteria"]] == [
        ("Nội dung", 100)
    ]
    for fields in (
        "entries",
        "judge_assignments",
        "judging",
        "categories(entries)",
        "rubric_criteria(scores)",
    ):
        assert get(client, PAGES, NEWSPAPER, type="contests.ContestPage", fields=fields).status_code == 400


LISTINGS = {"default fields": {}, "every field": {"fields": "*"}}


def assert_a_listing_costs_the_same_however_long(
    client, host, page_type, add_pages, django_assert_max_num_queries
):
    """The queries of a listing of one page, then of seven: no more for seven, by default and with every field."""
    add_pages(1)
    few = {}
    for name, params in LISTINGS.items():
        caches[CACHE_ALIAS].clear()
        with CaptureQueriesContext(connection) as queries:
            assert len(items(get(client, PAGES, host, type=page_type, **params))) == 1
        few[name] = len(queries)
    add_pages(6)
    for name, params in LISTINGS.items():
        caches[CACHE_ALIAS].clear()
        with django_assert_max_num_queries(few[name], info=name):
            assert len(items(get(client, PAGES, host, type=page_type, **params))) == 7


def renditions_made():
    # Renditions are made when a page is published, after its commit (newsroom.picture_renditions).
    for image in get_image_model().objects.all():
        image.get_renditions(LEAD_PICTURE, CARD_PICTURE)


def test_a_listing_of_articles_costs_the_same_however_long(
    client, columns, make_article, make_image, django_assert_max_num_queries
):
    def add_articles(count):
        for _ in range(count):
            article = make_article(columns["broadcast"], f"Tin {ArticlePage.objects.count()}")
            article.lead_image = make_image(f"Ảnh {article.pk}")
            article.language = Language.objects.get_or_create(code="rad", defaults={"name": "Tiếng Ê Đê"})[0]
            article.authors = [Author.objects.create(name=f"Tác giả {article.pk}")]
            article.tags.add(f"thẻ {article.pk}")
            article.save_revision().publish()
        renditions_made()

    assert_a_listing_costs_the_same_however_long(
        client, STATION, "newsroom.ArticlePage", add_articles, django_assert_max_num_queries
    )


def test_a_listing_of_profiles_costs_the_same_however_long(
    client, shared_indexes, make_image, django_assert_max_num_queries
):
    registry, movements = shared_indexes[ExemplarIndexPage], shared_indexes[MovementIndexPage]
    movement = movements.add_child(
        instance=MovementPage(
            title="Dân vận khéo",
            launch_level=MovementPage.LaunchLevel.PROVINCE,
            launched_by="UBND tỉnh",
            start_date=datetime.date(2024, 1, 1),
        )
    )
    movement.save_revision().publish()

    def add_profiles(count):
        for _ in range(count):
            number = ExemplarPage.objects.count()
            profile = new_exemplar(
                registry,
                f"Điển hình {number}",
                unit=new_unit(f"Đơn vị {number}", cluster="Khối văn hóa - xã hội"),
                fields=["cong-tac", "hoc-tap"],
                movements=[movement],
                awards=[("Bằng khen", datetime.date(2024, 5, 1))],
                lead_image=make_image(f"Chân dung {number}"),
            )
            profile.tags.add(f"thẻ {number}")
            profile.save_revision().publish()
        renditions_made()

    assert_a_listing_costs_the_same_however_long(
        client, PORTAL, "exemplars.ExemplarPage", add_profiles, django_assert_max_num_queries
    )


def test_setup_makes_the_cache_table(outlets):
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE content_api_cache")
    assert "content_api_cache" not in connection.introspection.table_names()

    assert ensure_cache_table in hooks.get_hooks(SETUP_STEPS_HOOK)
    ensure_cache_table(outlets)

    assert "content_api_cache" in connection.introspection.table_names()
    caches[CACHE_ALIAS].set("probe", json.dumps({"ok": True}))
    assert caches[CACHE_ALIAS].get("probe") == '{"ok": true}'
