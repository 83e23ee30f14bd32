"""Special anniversary columns: prepared in advance, live at 00:00 on their first day, announced on the home pages
of the outlets that mark the event while they run, kept as archives after."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from newsroom.models import CampaignArticle, CampaignPage, HistoricEvent, OutletHomePage, Tag
from newsroom.models.calendar import ensure_plan_events

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
HOSTS = {"newspaper": "127.0.0.1", "broadcast": "drt.localhost", "portal": "congthongtin.localhost"}
BANNER = 'class="campaign-banner"'


def local(year, month, day, hour=0, minute=0, second=0):
    return datetime.datetime(year, month, day, hour, minute, second, tzinfo=HANOI)


@pytest.fixture
def events(outlets):
    ensure_plan_events()
    return {event.name: event for event in HistoricEvent.objects.all()}


@pytest.fixture
def victory(events):
    return events["Chiến thắng Buôn Ma Thuột"]


@pytest.fixture
def make_campaign():
    """A campaign saved and published by its editor, as the admin's "Publish" button does."""

    def make(home, event, **fields):
        values = {
            "title": "Kỷ niệm 50 năm Chiến thắng Buôn Ma Thuột",
            "anniversary_year": 2025,
            "window_start": datetime.date(2025, 3, 1),
            "window_end": datetime.date(2025, 3, 31),
        }
        campaign = home.add_child(instance=CampaignPage(event=event, **(values | fields)))
        campaign.save_revision().publish()
        return CampaignPage.objects.get(pk=campaign.pk)

    return make


def get(client, url, outlet="newspaper"):
    return client.get(url, HTTP_HOST=HOSTS[outlet])


def test_the_whole_timeline_of_a_column_prepared_in_advance(
    client, time_machine, outlets, victory, make_campaign
):
    time_machine.move_to(local(2025, 1, 15, 9), tick=False)
    campaign = make_campaign(outlets["newspaper"], victory)
    assert not campaign.live
    assert campaign.go_live_at == local(2025, 3, 1)
    assert campaign.approved_schedule
    assert get(client, campaign.url).status_code == 404
    assert BANNER not in get(client, "/").content.decode()

    # The last minute before the window: the scheduler runs, nothing is due.
    time_machine.move_to(local(2025, 2, 28, 23, 59, 30), tick=False)
    call_command("run_scheduler", "--once")
    assert get(client, campaign.url).status_code == 404

    time_machine.move_to(local(2025, 3, 1, 0, 0, 30), tick=False)
    call_command("run_scheduler", "--once")
    response = get(client, campaign.url)
    assert response.status_code == 200
    assert "Còn <strong>9</strong> ngày nữa đến ngày 10 tháng 3 năm 2025." in response.content.decode()
    for outlet in ("newspaper", "broadcast", "portal"):
        home = get(client, "/", outlet).content.decode()
        assert BANNER in home and campaign.title in home

    time_machine.move_to(local(2025, 3, 31, 23, 59), tick=False)
    assert BANNER in get(client, "/").content.decode()

    time_machine.move_to(local(2025, 4, 1, 0, 0, 30), tick=False)
    call_command("run_scheduler", "--once")
    archive = get(client, campaign.url)
    assert archive.status_code == 200
    assert "Chuyên mục đã khép lại ngày 31/3/2025" in archive.content.decode()
    for outlet in ("newspaper", "broadcast", "portal"):
        assert BANNER not in get(client, "/", outlet).content.decode()


def test_the_banner_shows_only_on_the_outlets_that_mark_the_event(
    client, time_machine, outlets, victory, make_campaign
):
    victory.outlets.set([outlets["newspaper"]])
    time_machine.move_to(local(2025, 3, 5, 8), tick=False)
    portal_campaign = make_campaign(outlets["portal"], victory, title="Chuyên mục của Cổng thông tin")
    newspaper_campaign = make_campaign(outlets["newspaper"], victory, title="Chuyên mục của Báo")

    newspaper_home = get(client, "/").content.decode()
    assert portal_campaign.title in newspaper_home and newspaper_campaign.title in newspaper_home
    # The portal announces its own column, though the event's register does not list it.
    portal_home = get(client, "/", "portal").content.decode()
    assert portal_campaign.title in portal_home and newspaper_campaign.title not in portal_home
    assert BANNER not in get(client, "/", "broadcast").content.decode()


def test_a_column_whose_window_has_begun_is_published_at_once(time_machine, outlets, victory, make_campaign):
    time_machine.move_to(local(2025, 3, 5, 8), tick=False)
    campaign = make_campaign(outlets["newspaper"], victory)
    assert campaign.live
    assert campaign.go_live_at is None


def test_a_go_live_time_chosen_by_the_editor_is_kept(time_machine, outlets, victory, make_campaign):
    time_machine.move_to(local(2025, 1, 15, 9), tick=False)
    campaign = make_campaign(outlets["newspaper"], victory, go_live_at=local(2025, 2, 20, 6))
    assert campaign.go_live_at == local(2025, 2, 20, 6)


def test_the_anniversary_number_is_computed_from_the_year(outlets, victory, make_campaign):
    campaign = make_campaign(outlets["newspaper"], victory, anniversary_year=2025)
    assert campaign.anniversary_number == 50
    assert campaign.anniversary.summary == "Kỷ niệm 50 năm Chiến thắng Buôn Ma Thuột (10/3/1975 – 10/3/2025)"


@pytest.mark.parametrize(
    ("fields", "field_in_error"),
    [
        ({"window_start": datetime.date(2025, 4, 1), "window_end": datetime.date(2025, 3, 1)}, "window_end"),
        ({"anniversary_year": 1975}, "anniversary_year"),
        ({"anniversary_year": 1970}, "anniversary_year"),
    ],
)
def test_a_column_refuses_an_upside_down_window_or_an_anniversary_before_the_event(
    outlets, victory, fields, field_in_error
):
    values = {"title": "Chuyên mục", "anniversary_year": 2025} | {
        "window_start": datetime.date(2025, 3, 1),
        "window_end": datetime.date(2025, 3, 31),
    }
    campaign = CampaignPage(event=victory, **(values | fields))
    with pytest.raises(ValidationError) as error:
        campaign.clean()
    assert field_in_error in error.value.message_dict


def test_the_column_gathers_linked_and_tagged_features_from_every_outlet_newest_first(
    client, outlets, victory, make_campaign, make_column, make_article
):
    tag = Tag.objects.create(name="50 năm Chiến thắng Buôn Ma Thuột")
    radio = make_column(outlets["broadcast"], "Phát thanh")
    paper = make_column(outlets["newspaper"], "Điển hình tiên tiến")
    linked = make_article(
        radio, "Phóng sự: Ngày toàn thắng", kind="audio", publication_date=local(2025, 3, 2)
    )
    tagged = make_article(paper, "Buôn Ma Thuột hôm nay", publication_date=local(2025, 3, 8))
    both = make_article(paper, "Nhân chứng kể lại", publication_date=local(2025, 3, 5))
    draft = make_article(paper, "Bản nháp", live=False)
    unrelated = make_article(paper, "Tin thời tiết")
    for article in (tagged, both):
        article.tags.add(tag)
        article.save_revision().publish()
    draft.tags.add(tag)
    draft.save()  # tagged in the database, yet not live

    campaign = make_campaign(outlets["portal"], victory, tag=tag, window_start=datetime.date(2024, 1, 1))
    for article in (linked, both):
        CampaignArticle.objects.create(campaign=campaign, article=article)

    html = get(client, campaign.url, "portal").content.decode()
    features = html[html.index('id="features-heading"') :]
    positions = [features.index(article.title) for article in (tagged, both, linked)]
    assert positions == sorted(positions)
    assert features.count(both.title) == 1
    assert draft.title not in features and unrelated.title not in features
    assert "Đài Phát thanh và Truyền hình tỉnh" in features


def test_sections_show_their_text_and_the_live_articles_they_feature(
    client, outlets, victory, make_campaign, make_column, make_article
):
    column = make_column(outlets["newspaper"], "Điển hình tiên tiến")
    chosen = make_article(column, "Anh hùng lực lượng vũ trang Y Blốc")
    draft = make_article(column, "Bài chưa duyệt", live=False)
    sections = [
        {
            "type": "section",
            "value": {"heading": "Bối cảnh lịch sử", "body": "<p>Ngày 10/3/1975, quân ta tiến công.</p>"},
        },
        {
            "type": "featured_articles",
            "value": {"heading": "Bài viết tiêu biểu", "articles": [chosen.pk, draft.pk]},
        },
    ]
    campaign = make_campaign(
        outlets["newspaper"], victory, sections=sections, window_start=datetime.date(2024, 1, 1)
    )
    html = get(client, campaign.url).content.decode()
    assert "Bối cảnh lịch sử" in html and "quân ta tiến công" in html
    assert "Bài viết tiêu biểu" in html and chosen.title in html
    assert draft.title not in html


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_column_of_20_features_costs_the_queries_of_one_of_4(
    client, outlets, victory, make_campaign, make_column, make_article
):
    tag = Tag.objects.create(name="Buôn Ma Thuột")
    column = make_column(outlets["newspaper"], "Điển hình tiên tiến")
    featured = make_article(column, "Bài tiêu biểu")
    sections = [{"type": "featured_articles", "value": {"heading": "Tiêu biểu", "articles": [featured.pk]}}]
    campaign = make_campaign(
        outlets["newspaper"], victory, tag=tag, sections=sections, window_start=datetime.date(2024, 1, 1)
    )

    def add(count, start):
        for number in range(start, start + count):
            article = make_article(column, f"Bài số {number}")
            article.tags.add(tag)
            article.save_revision().publish()
            CampaignArticle.objects.create(
                campaign=campaign, article=make_article(column, f"Liên kết {number}")
            )

    add(2, 1)
    with_4 = count_queries(client, campaign.url)
    add(8, 3)
    assert count_queries(client, campaign.url) == with_4


def test_an_editor_prepares_a_column_in_the_admin_and_it_is_scheduled(
    admin_client, time_machine, outlets, victory
):
    time_machine.move_to(local(2025, 1, 15, 9), tick=False)
    home = outlets["newspaper"]
    data = nested_form_data(
        {
            "title": "Kỷ niệm 50 năm Chiến thắng Buôn Ma Thuột",
            "slug": "ky-niem-50-nam-chien-thang-buon-ma-thuot",
            "event": victory.pk,
            "anniversary_year": 2025,
            "window_start": "2025-03-01",
            "window_end": "2025-03-31",
            "introduction": rich_text("<p>Năm mươi năm trước.</p>"),
            "sections": streamfield([]),
            "linked_articles": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    url = reverse("wagtailadmin_pages:add", args=["newsroom", "campaignpage", home.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    campaign = CampaignPage.objects.get(slug="ky-niem-50-nam-chien-thang-buon-ma-thuot")
    assert not campaign.live
    assert campaign.go_live_at == local(2025, 3, 1)
    assert Page.objects.filter(pk=campaign.pk).annotate_approved_schedule().get().approved_schedule


def test_columns_stand_under_an_outlet_home_only():
    assert CampaignPage.allowed_parent_page_models() == [OutletHomePage]
    assert CampaignPage in OutletHomePage.allowed_subpage_models()
    assert CampaignPage.allowed_subpage_models() == []
