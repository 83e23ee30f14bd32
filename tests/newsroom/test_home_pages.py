"""The outlets' home pages as their editors compose them (the lead story, the featured articles, the sections per
column, the station's broadcasts, the breaking news line), what a fresh install shows, what the page editor
refuses, what a home costs in queries, and each outlet's masthead and legal footer."""

import datetime
import json
from zoneinfo import ZoneInfo

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageViewRestriction, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, querydict_from_html

from core.dates import local_today
from exemplars.models import ExemplarIndexPage, ExemplarPage
from newsroom.importer.run import import_archive
from newsroom.models import (
    ArticlePage,
    ColumnPage,
    ColumnSection,
    DailyReads,
    FeaturedArticle,
    OutletIdentity,
)
from newsroom.models.front_page import candidate_keys_sql
from newsroom.outlet_identity import IDENTITY_DEFAULTS
from newsroom.outlets import editors_group_name, ensure_all_outlets, journalists_group_name
from tests.exemplars.conftest import new_exemplar

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
HOSTS = {"newspaper": "127.0.0.1", "broadcast": "drt.localhost", "portal": "congthongtin.localhost"}
# What a home page may cost whatever its editor composed: the page, the header and footer, every place of the
# front page, the registry's spotlight and the most read list.
HOME_QUERY_CEILING = 40


def day(number, hour=8):
    return datetime.datetime(2025, 3, number, hour, tzinfo=HANOI)


def home_response(client, outlet="newspaper"):
    response = client.get("/", HTTP_HOST=HOSTS[outlet])
    assert response.status_code == 200
    return response


def relative_url(page):
    return page.relative_url(page.get_site())


def titles(articles):
    return [article.title for article in articles]


def compose(home, lead=None, featured=(), sections=(), **fields):
    """Publish `home` with the lead story, the featured articles and the sections given as (column, items) or
    (column, items, heading), each in the order given (as the editor's form numbers them)."""
    home.lead_story = lead
    home.featured_articles = [
        FeaturedArticle(article=article, sort_order=order) for order, article in enumerate(featured)
    ]
    home.column_sections = [
        ColumnSection(column=column, items=items, heading=heading, sort_order=order)
        for order, (column, items, heading) in enumerate(
            section if len(section) == 3 else (*section, "") for section in sections
        )
    ]
    for name, value in fields.items():
        setattr(home, name, value)
    home.save_revision().publish()
    return home


@pytest.fixture
def newspaper(outlets):
    return outlets["newspaper"]


@pytest.fixture
def politics(newspaper, make_column, make_article):
    """A column of six articles, the newest first: Thời sự 6 (10 March) ... Thời sự 1 (5 March)."""
    column = make_column(newspaper, "Thời sự")
    return column, [
        make_article(column, f"Thời sự {n}", publication_date=day(4 + n)) for n in range(6, 0, -1)
    ]


@pytest.fixture
def economy(newspaper, make_column, make_article):
    """A column of three articles older than the politics column's: Kinh tế 3 ... Kinh tế 1."""
    column = make_column(newspaper, "Kinh tế")
    return column, [make_article(column, f"Kinh tế {n}", publication_date=day(n)) for n in range(3, 0, -1)]


# What a fresh install shows.


def test_a_home_nobody_composed_leads_with_the_newest_articles(client, newspaper, politics, economy):
    _column, news = politics
    _column, business = economy
    front = home_response(client).context["front_page"]
    assert front.lead == news[0]
    assert front.featured == news[1:5]
    assert front.sections == []
    assert titles(front.latest) == titles([news[5], *business])


def test_a_home_without_articles_says_so(client, outlets):
    html = home_response(client, "portal").content.decode()
    assert "Chưa có bài viết." in html
    assert "Tin tiêu điểm" not in html


# What the editor composes.


def test_the_editors_lead_featured_and_sections_are_shown_in_the_editors_order(
    client, newspaper, politics, economy
):
    politics_column, news = politics
    economy_column, business = economy
    compose(
        newspaper,
        lead=business[2],
        featured=[news[3], business[0]],
        sections=[(economy_column, 2, "Kinh tế – Đầu tư"), (politics_column, 3)],
    )
    response = home_response(client)
    front = response.context["front_page"]
    assert front.lead == business[2]
    assert front.featured == [news[3], business[0]]
    assert [(section.title, titles(section.articles)) for section in front.sections] == [
        ("Kinh tế – Đầu tư", ["Kinh tế 2"]),
        ("Thời sự", ["Thời sự 6", "Thời sự 5", "Thời sự 4"]),
    ]
    html = response.content.decode()
    assert html.index("Kinh tế 1") < html.index("Thời sự 3") < html.index("Kinh tế – Đầu tư")
    assert f'<a href="{relative_url(economy_column)}">Kinh tế – Đầu tư</a>' in html


def test_a_section_takes_the_newest_articles_of_its_column_not_shown_above(client, newspaper, politics):
    column, news = politics
    compose(newspaper, lead=news[0], featured=[news[2]], sections=[(column, 2), (column, 3)])
    sections = home_response(client).context["front_page"].sections
    assert [titles(section.articles) for section in sections] == [
        ["Thời sự 5", "Thời sự 3"],
        ["Thời sự 2", "Thời sự 1"],
    ]


def test_a_chosen_article_unpublished_since_leaves_its_place_to_the_newest(client, newspaper, politics):
    column, news = politics
    compose(newspaper, lead=news[3], featured=[news[4], news[5]], sections=[(column, 2)])
    news[3].unpublish()
    news[5].unpublish()
    front = home_response(client).context["front_page"]
    assert front.lead == news[0]
    assert front.featured == [news[4]]
    assert titles(front.sections[0].articles) == ["Thời sự 5", "Thời sự 4"]


def test_the_editors_preview_shows_a_composition_not_yet_saved(newspaper, politics):
    column, news = politics
    newspaper.lead_story = news[4]
    newspaper.column_sections = [
        ColumnSection(column=column, items=2, heading="Tin trong tỉnh", sort_order=0)
    ]
    response = newspaper.make_preview_request()
    front = response.context_data["front_page"]
    assert front.lead == news[4]
    assert [(section.title, titles(section.articles)) for section in front.sections] == [
        ("Tin trong tỉnh", ["Thời sự 1"])
    ]
    assert "Tin trong tỉnh" in response.content.decode()


def test_a_section_of_a_private_column_shows_nothing_to_readers(client, newspaper, politics, economy):
    politics_column, _news = politics
    economy_column, _business = economy
    PageViewRestriction.objects.create(page=economy_column, restriction_type=PageViewRestriction.LOGIN)
    compose(newspaper, sections=[(economy_column, 3), (politics_column, 1)])
    response = home_response(client)
    assert [titles(section.articles) for section in response.context["front_page"].sections] == [
        [],
        ["Thời sự 1"],
    ]
    assert "Kinh tế" not in response.content.decode()


def test_a_column_made_private_after_a_reading_leaves_the_homes_places_to_the_public_articles(
    client, newspaper, politics
):
    """The places' query, kept once built for the home's shape, is built anew when a restriction changes the
    shape: else the private column's newer articles would fill its places and leave them empty once hidden."""
    _column, news = politics
    private_news = import_articles("newspaper", "Nội chính", 20, start=1, published_at=day(20).isoformat())
    assert home_response(client).context["front_page"].lead in private_news

    PageViewRestriction.objects.create(
        page=private_news[0].get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    front = home_response(client).context["front_page"]

    assert front.lead == news[0]
    assert front.featured == news[1:5]
    assert front.latest == news[5:]


def test_a_homes_places_query_is_built_once_until_its_editor_recomposes_it(
    client, newspaper, politics, economy
):
    economy_column, _business = economy
    candidate_keys_sql.cache_clear()
    home_response(client)
    home_response(client)
    assert candidate_keys_sql.cache_info()[:2] == (1, 1)  # (hits, misses)

    compose(newspaper, sections=[(economy_column, 2)])
    front = home_response(client).context["front_page"]

    assert candidate_keys_sql.cache_info()[:2] == (1, 2)
    assert [titles(section.articles) for section in front.sections] == [["Kinh tế 3", "Kinh tế 2"]]


def test_the_stations_newest_broadcasts_are_on_every_home_and_shown_once_on_the_stations(
    client, outlets, make_column, make_article
):
    column = make_column(outlets["broadcast"], "Thời sự truyền hình")
    video, audio, report = (
        make_article(column, "Bản tin video", kind="video", publication_date=day(9)),
        make_article(column, "Chương trình tiếng Ê Đê", kind="audio", publication_date=day(8)),
        make_article(column, "Bài viết của Đài", publication_date=day(7)),
    )
    newspaper_front = home_response(client).context["front_page"]
    assert newspaper_front.broadcasts == [video, audio]
    assert newspaper_front.lead is None

    station = home_response(client, "broadcast")
    front = station.context["front_page"]
    assert front.lead == video
    assert front.featured == [audio, report]
    assert front.broadcasts == []
    compose(outlets["broadcast"], lead=report, featured=[audio])
    assert home_response(client, "broadcast").context["front_page"].broadcasts == [video]


def test_each_outlet_has_a_home_of_its_own_kind(client, outlets):
    for outlet in ("newspaper", "broadcast", "portal"):
        response = home_response(client, outlet)
        assert f"pages/home/{outlet}.html" in [template.name for template in response.templates]
        assert "newsroom/home.css" in response.content.decode()
    assert "newsroom/home.css" not in client.get("/tags/").content.decode()


# The breaking news line.


def test_the_breaking_news_line_runs_until_its_end_on_the_provinces_clock(newspaper):
    newspaper.breaking_news = "Bão số 5 đổ bộ"
    newspaper.breaking_news_until = datetime.datetime(2030, 1, 1, 8, 0, tzinfo=HANOI)
    assert newspaper.running_breaking_news(datetime.datetime(2030, 1, 1, 0, 59, tzinfo=datetime.UTC))
    assert not newspaper.running_breaking_news(datetime.datetime(2030, 1, 1, 1, 0, tzinfo=datetime.UTC))
    newspaper.breaking_news = ""
    assert not newspaper.running_breaking_news(datetime.datetime(2029, 1, 1, tzinfo=HANOI))


def test_the_breaking_news_line_tops_every_page_of_its_outlet_while_it_runs(
    client, outlets, newspaper, politics
):
    column, news = politics
    compose(
        newspaper,
        breaking_news="Khai mạc Đại hội thi đua yêu nước",
        breaking_news_link=news[1],
        breaking_news_until=timezone.now() + datetime.timedelta(hours=1),
    )
    line = f'<a href="{relative_url(news[1])}">Khai mạc Đại hội thi đua yêu nước</a>'
    assert line in home_response(client).content.decode()
    assert line in client.get(column.url).content.decode()
    assert "Khai mạc Đại hội" not in home_response(client, "portal").content.decode()

    # Its end passes: nothing runs at that moment, the next request simply does not show it.
    type(newspaper).objects.filter(pk=newspaper.pk).update(
        breaking_news_until=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert "Khai mạc Đại hội" not in home_response(client).content.decode()
    assert "Khai mạc Đại hội" not in client.get(column.url).content.decode()


# What the home page's editor refuses.


@pytest.fixture
def editor_client(client, make_user, outlets):
    client.force_login(make_user("bientap.bao", editors_group_name("newspaper")))
    return client


def post_home(client, home, lead=None, featured=(), sections=(), **fields):
    """Post the home page's editor as the editor leaves it, with the composition and the fields given."""
    url = reverse("wagtailadmin_pages:edit", args=[home.pk])
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form").dict()
    data = {
        key: value
        for key, value in data.items()
        if not key.startswith(("featured_articles-", "column_sections-"))
    }
    data.update(
        nested_form_data(
            {
                "featured_articles": inline_formset([{"article": article.pk} for article in featured]),
                "column_sections": inline_formset(
                    [{"column": column.pk, "items": items, "heading": ""} for column, items in sections]
                ),
            }
        )
    )
    data.update(lead_story=lead.pk if lead else "", **fields)
    return client.post(url, data)


def saved_draft(home):
    home.refresh_from_db()
    return home.get_latest_revision_as_object()


def refused_with(response, message):
    assert response.status_code == 200, "the page was saved"
    assert message in response.content.decode()


def test_a_composition_of_the_outlets_own_articles_and_columns_is_saved(editor_client, newspaper, politics):
    column, news = politics
    response = post_home(
        editor_client, newspaper, lead=news[0], featured=[news[1], news[2]], sections=[(column, 4)]
    )
    assert response.status_code == 302
    draft = saved_draft(newspaper)
    assert draft.lead_story == news[0]
    assert [item.article for item in draft.featured_articles.all()] == [news[1], news[2]]


def test_a_column_of_another_outlet_is_refused(editor_client, outlets, newspaper, make_column):
    portal_column = make_column(outlets["portal"], "Thông báo")
    refused_with(
        post_home(editor_client, newspaper, sections=[(portal_column, 4)]),
        "Hãy chọn chuyên mục của cơ quan báo chí này.",
    )


def test_an_article_chosen_twice_is_refused(editor_client, newspaper, politics):
    _column, news = politics
    twice = "Bài viết này đã được chọn ở trên: mỗi bài chỉ chọn một lần."
    refused_with(post_home(editor_client, newspaper, featured=[news[1], news[2], news[1]]), twice)
    refused_with(post_home(editor_client, newspaper, lead=news[2], featured=[news[1], news[2]]), twice)


def test_an_article_of_another_outlet_is_refused(
    editor_client, outlets, newspaper, make_column, make_article
):
    portal_article = make_article(make_column(outlets["portal"], "Thông báo"), "Thông báo của Ủy ban")
    refused_with(
        post_home(editor_client, newspaper, lead=portal_article),
        "Hãy chọn bài viết của cơ quan báo chí này",
    )


def test_a_breaking_news_line_without_an_end_is_refused(editor_client, newspaper):
    refused_with(
        post_home(editor_client, newspaper, breaking_news="Bão số 5 đổ bộ", breaking_news_until=""),
        "Hãy nhập thời điểm kết thúc của dòng tin nóng.",
    )


def test_a_breaking_news_line_ending_in_the_past_is_refused(editor_client, newspaper):
    refused_with(
        post_home(
            editor_client, newspaper, breaking_news="Bão số 5 đổ bộ", breaking_news_until="2020-01-01 08:00"
        ),
        "Thời điểm kết thúc dòng tin nóng phải sau thời điểm hiện tại.",
    )


def test_the_end_typed_in_the_editor_is_on_the_provinces_clock(editor_client, newspaper):
    response = post_home(
        editor_client, newspaper, breaking_news="Bão số 5 đổ bộ", breaking_news_until="2099-01-01 08:00"
    )
    assert response.status_code == 302
    until = saved_draft(newspaper).breaking_news_until
    assert until == datetime.datetime(2099, 1, 1, 1, 0, tzinfo=datetime.UTC)


def test_a_line_that_has_ended_does_not_stop_the_page_being_saved_for_other_changes(
    editor_client, newspaper, politics
):
    _column, news = politics
    compose(
        newspaper,
        breaking_news="Bão số 5 đổ bộ",
        breaking_news_until=datetime.datetime(2020, 1, 1, tzinfo=HANOI),
    )
    assert post_home(editor_client, newspaper, lead=news[0]).status_code == 302


# What a home page costs.


def import_articles(outlet, column, count, start, **fields):
    """Published articles of `column` (created if missing), written in bulk by the archive importer."""
    lines = [
        json.dumps(
            {
                "external_id": f"{outlet}-{number}",
                "outlet": outlet,
                "column": column,
                "title": f"{column} số {number}",
                "published_at": day(1, hour=number % 24).isoformat(),
                **fields,
            },
            ensure_ascii=False,
        )
        for number in range(start, start + count)
    ]
    errors = []
    import_archive(lines, errors.append)
    assert not errors, errors
    return list(
        ArticlePage.objects.filter(external_id__in=[f"{outlet}-{n}" for n in range(start, start + count)])
    )


def count_queries(client, outlet):
    """The queries of the outlet's home page once its renditions are made (on the first view), the cache emptied
    as a server just started finds it (renditions, the sites' root paths)."""
    home_response(client, outlet)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        home_response(client, outlet)
    return len(queries)


COLUMN_TITLES = ["Thời sự", "Kinh tế", "Xã hội", "Văn hóa", "Thể thao", "Quốc phòng"]


def compose_with(home, outlet, sections, featured, items, profiles, make_image):
    """`home` with `sections` columns of `items` articles each (and two more), the first of them its lead story,
    with a picture, `featured` featured articles, the registry with `profiles` profiles with pictures, and as
    many articles read today as the most read list shows, or fewer."""
    articles = []
    for number, title in enumerate(COLUMN_TITLES[:sections]):
        articles += import_articles(outlet, title, items + 2, start=100 * number + 1)
    columns = list(ColumnPage.objects.child_of(home).filter(title__in=COLUMN_TITLES))
    lead = articles[0]
    lead.lead_image = make_image()
    lead.save_revision().publish()
    compose(
        home, lead=lead, featured=articles[1 : 1 + featured], sections=[(column, items) for column in columns]
    )
    for article in articles[: items + 2]:
        DailyReads.objects.count_read(article.pk, outlet, local_today())
    for number in range(ExemplarPage.objects.count(), profiles):
        new_exemplar(registry(), f"Điển hình số {number}", lead_image=make_image(f"Chân dung {number}"))


def registry():
    return ExemplarIndexPage.objects.get(alias_of__isnull=True)


@pytest.mark.parametrize("outlet", ["newspaper", "broadcast", "portal"])
def test_a_home_costs_the_same_queries_however_much_is_composed(
    client, shared_indexes, outlets, outlet, make_image
):
    compose_with(outlets[outlet], outlet, sections=1, featured=1, items=1, profiles=1, make_image=make_image)
    small = count_queries(client, outlet)
    compose_with(outlets[outlet], outlet, sections=6, featured=4, items=8, profiles=12, make_image=make_image)
    assert count_queries(client, outlet) == small
    assert small <= HOME_QUERY_CEILING


# The masthead and the legal footer.


def test_each_outlets_masthead_and_footer_come_from_its_site_settings(client, outlets):
    portal = OutletIdentity.for_site(Site.objects.get(root_page=outlets["portal"]))
    portal.full_name = "Cổng Thông tin điện tử tỉnh Đắk Lắk"
    portal.licence = "Giấy phép số 45/GP-TTĐT ngày 2/3/2024"
    portal.responsible_person = "Nguyễn Văn An"
    portal.phone = "0262 3852 612"
    portal.email = "congthongtin@daklak.gov.vn"
    portal.save()
    html = home_response(client, "portal").content.decode()
    assert '<span class="brand__name">Cổng Thông tin điện tử tỉnh Đắk Lắk</span>' in html
    assert "Giấy phép số 45/GP-TTĐT ngày 2/3/2024" in html
    assert "Chịu trách nhiệm chính: Nguyễn Văn An" in html
    assert '<a href="tel:02623852612">0262 3852 612</a>' in html
    assert '<a href="mailto:congthongtin@daklak.gov.vn">' in html
    newspaper_html = home_response(client).content.decode()
    assert "Giấy phép số 45/GP-TTĐT" not in newspaper_html
    assert IDENTITY_DEFAULTS["newspaper"]["governing_body"] in newspaper_html
    assert "Địa chỉ:" not in newspaper_html  # left empty, left out


def test_setup_fills_the_masthead_only_where_it_is_empty(outlets):
    identity = OutletIdentity.for_site(Site.objects.get(root_page=outlets["newspaper"]))
    identity.full_name = "Báo Đắk Lắk điện tử"
    identity.governing_body = ""
    identity.save()
    ensure_all_outlets()
    identity.refresh_from_db()
    assert identity.full_name == "Báo Đắk Lắk điện tử"
    assert identity.governing_body == IDENTITY_DEFAULTS["newspaper"]["governing_body"]


def settings_url(home):
    return reverse(
        "wagtailsettings:edit", args=["newsroom", "outletidentity", Site.objects.get(root_page=home).pk]
    )


def assert_refused(response):
    """Wagtail's admin answers a PermissionDenied with a redirect to its dashboard, or a 403."""
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")
    else:
        assert response.status_code == 403


def identity_form(client, home, **fields):
    data = querydict_from_html(
        client.get(settings_url(home)).content.decode(), form_id="w-editor-form"
    ).dict()
    data.update(fields)
    return data


def test_an_editor_may_not_edit_another_outlets_masthead(client, make_user, outlets):
    client.force_login(make_user("bientap.bao", editors_group_name("newspaper")))
    data = identity_form(client, outlets["newspaper"], full_name="Báo Đắk Lắk")

    assert_refused(client.get(settings_url(outlets["portal"])))
    assert_refused(client.post(settings_url(outlets["portal"]), {**data, "full_name": "Cổng của báo"}))
    portal = OutletIdentity.for_site(Site.objects.get(root_page=outlets["portal"]))
    assert portal.full_name == IDENTITY_DEFAULTS["portal"]["full_name"]

    response = client.post(settings_url(outlets["newspaper"]), {**data, "full_name": "Báo Đắk Lắk Online"})
    assert response.status_code == 302
    assert (
        OutletIdentity.for_site(Site.objects.get(root_page=outlets["newspaper"])).full_name
        == "Báo Đắk Lắk Online"
    )


def test_a_journalist_may_not_edit_the_masthead(client, make_user, outlets):
    client.force_login(make_user("phongvien.bao", journalists_group_name("newspaper")))
    assert_refused(client.get(settings_url(outlets["newspaper"])))
    assert_refused(client.post(settings_url(outlets["newspaper"]), {"full_name": "Báo của phóng viên"}))
    identity = OutletIdentity.for_site(Site.objects.get(root_page=outlets["newspaper"]))
    assert identity.full_name == IDENTITY_DEFAULTS["newspaper"]["full_name"]
