"""The "most read" list: reads counted by the article's own beacon (newsroom/read_counting.py), one a reader,
never from another site, a crawler or a garbled request, never lost when readers arrive together; and each
outlet's list of its live, public articles most read today and yesterday (newsroom/most_read.py)."""

import datetime
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from django.core.cache import caches
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from core.dates import LOCAL_TIME_ZONE, local_today
from newsroom.models import ColumnPage, DailyReads
from newsroom.most_read import most_read
from tests.races import at_once

pytestmark = pytest.mark.django_db

URL = "/api/reads/"
HOSTS = {"newspaper": "127.0.0.1", "broadcast": "drt.localhost", "portal": "congthongtin.localhost"}
BROWSER = (
    "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"
)
FROM_THE_PAGE = {"Sec-Fetch-Site": "same-origin", "User-Agent": BROWSER}


def local(year, month, day, hour=12, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=LOCAL_TIME_ZONE)


@pytest.fixture(autouse=True)
def no_reader_seen_yet():
    caches["recent_reads"].clear()


def post_read(client, body, outlet="newspaper", address="203.0.113.7", **headers):
    """The beacon's request: the body as sent, the headers of a browser on the outlet's page unless given
    (a header given as None is left out)."""
    sent = {name: value for name, value in (FROM_THE_PAGE | headers).items() if value is not None}
    return client.post(
        URL,
        body,
        content_type="text/plain;charset=UTF-8",
        headers=sent,
        HTTP_HOST=HOSTS[outlet],
        REMOTE_ADDR=address,
    )


def reads():
    """{(outlet, page id): reads}, every day together."""
    totals = {}
    for outlet, page_id, count in DailyReads.objects.values_list("outlet", "page", "reads"):
        totals[outlet, page_id] = totals.get((outlet, page_id), 0) + count
    return totals


@pytest.fixture
def columns(outlets, make_column):
    return {
        "newspaper": make_column(outlets["newspaper"], "Thời sự"),
        "broadcast": make_column(outlets["broadcast"], "Bản tin thời sự"),
    }


@pytest.fixture
def article(columns, make_article):
    return make_article(columns["newspaper"], "Già làng Y Khu và cánh rừng của buôn")


# Counting through the endpoint.


def test_a_read_from_the_articles_page_is_counted_for_its_outlet_on_the_provinces_day(
    client, time_machine, article
):
    # 00:30 on 11 March in the province is still 10 March in UTC.
    time_machine.move_to(local(2025, 3, 11, 0, 30), tick=False)
    response = post_read(client, str(article.pk))

    assert response.status_code == 204
    assert response.content == b""
    row = DailyReads.objects.get()
    assert (row.page_id, row.outlet, row.day, row.reads) == (
        article.pk,
        "newspaper",
        datetime.date(2025, 3, 11),
        1,
    )


def test_each_reader_is_counted_and_a_reload_within_ten_minutes_is_not(client, time_machine, article):
    time_machine.move_to(local(2025, 3, 11, 9), tick=False)
    for address in ("203.0.113.7", "203.0.113.8", "2001:db8:1::5"):
        assert post_read(client, str(article.pk), address=address).status_code == 204
    assert post_read(client, str(article.pk), address="203.0.113.7").status_code == 204
    # The same /64 is the same subscriber's line.
    assert post_read(client, str(article.pk), address="2001:db8:1::9").status_code == 204
    assert reads() == {("newspaper", article.pk): 3}

    time_machine.move_to(local(2025, 3, 11, 9, 9), tick=False)
    post_read(client, str(article.pk), address="203.0.113.7")
    assert reads() == {("newspaper", article.pk): 3}

    time_machine.move_to(local(2025, 3, 11, 9, 11), tick=False)
    post_read(client, str(article.pk), address="203.0.113.7")
    assert reads() == {("newspaper", article.pk): 4}


def test_an_alias_is_counted_on_the_outlet_that_shows_it(client, columns, article):
    alias = article.create_alias(parent=columns["broadcast"])

    assert post_read(client, str(alias.pk), outlet="broadcast").status_code == 204
    assert post_read(client, str(article.pk), outlet="newspaper").status_code == 204
    assert reads() == {("broadcast", alias.pk): 1, ("newspaper", article.pk): 1}


def test_a_browser_without_fetch_metadata_is_counted_when_its_origin_is_this_site(client, article):
    response = post_read(client, str(article.pk), **{"Sec-Fetch-Site": None, "Origin": "http://127.0.0.1"})

    assert response.status_code == 204
    assert reads() == {("newspaper", article.pk): 1}


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Sec-Fetch-Site": "none"},
        # Sec-Fetch-Site is the browser's word: an Origin beside it changes nothing.
        {"Sec-Fetch-Site": "cross-site", "Origin": "http://127.0.0.1"},
        {"Sec-Fetch-Site": None, "Origin": "https://evil.example"},
        {"Sec-Fetch-Site": None, "Origin": "http://drt.localhost"},
        {"Sec-Fetch-Site": None, "Origin": "https://127.0.0.1"},
        {"Sec-Fetch-Site": None, "Origin": "null"},
        {"Sec-Fetch-Site": None},
    ],
    ids=lambda headers: repr(headers),
)
def test_a_request_from_another_site_is_refused(client, article, headers):
    assert post_read(client, str(article.pk), **headers).status_code == 403
    assert reads() == {}


def test_a_page_of_another_outlet_is_not_counted_on_this_outlets_site(client, columns, make_article):
    broadcast_item = make_article(columns["broadcast"], "Bản tin 18 giờ")

    assert post_read(client, str(broadcast_item.pk), outlet="newspaper").status_code == 404
    assert post_read(client, str(broadcast_item.pk), outlet="portal").status_code == 404
    assert reads() == {}


def test_drafts_unpublished_private_and_other_pages_are_not_counted(client, outlets, columns, make_article):
    column = columns["newspaper"]
    draft = make_article(column, "Bản nháp chưa duyệt", live=False)
    withdrawn = make_article(column, "Bài đã gỡ")
    withdrawn.unpublish()
    private_column = outlets["newspaper"].add_child(instance=ColumnPage(title="Nội bộ"))
    in_private_column = make_article(private_column, "Thông báo nội bộ")
    PageViewRestriction.objects.create(page=private_column, restriction_type="password", password="noi-bo")
    private_article = make_article(column, "Bài có mật khẩu")
    PageViewRestriction.objects.create(page=private_article, restriction_type="password", password="mat-khau")

    refused = [draft, withdrawn, in_private_column, private_article, column, outlets["newspaper"]]
    for page in refused:
        assert post_read(client, str(page.pk)).status_code == 404, page.title
    assert post_read(client, "2147483647").status_code == 404
    assert reads() == {}


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
        "Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)",
        "SomeCrawler/3.1",
        "",
        "   ",
        None,
    ],
)
def test_crawlers_and_requests_without_a_browser_are_not_counted(client, article, agent):
    assert post_read(client, str(article.pk), **{"User-Agent": agent}).status_code == 204
    assert reads() == {}


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"abc",
        b"\x00",
        b"12\x00",
        b"\x001",
        b"-1",
        b"+1",
        b"1.0",
        b"1e3",
        b"0x1f",
        "١٢".encode(),  # Arabic-Indic digits: digits to Python's int(), not to the endpoint
        "12".encode("utf-16"),
        b"4294967296",  # past the database's integers
        b"99999999999",
        b'{"page": 1}',
        b"page=1",
        b"1 2",
        b"\xff\xfe\xfd",
    ],
    ids=repr,
)
def test_a_body_that_is_no_page_id_is_refused_without_an_error(client, article, body):
    assert post_read(client, body).status_code == 400
    assert reads() == {}


@pytest.mark.parametrize("size", [17, 1_000, 3_000_000])
def test_a_body_longer_than_any_page_id_is_refused_unread(client, article, size):
    body = str(article.pk).encode().rjust(size, b"0")
    assert post_read(client, body).status_code == 413
    assert reads() == {}


@pytest.mark.fuzz
@given(data=st.data())
def test_any_body_is_answered_without_an_error_and_only_the_pages_id_counts(client, article, data):
    page_id = str(article.pk).encode()
    body = data.draw(
        st.one_of(
            st.binary(max_size=24),
            st.tuples(st.binary(max_size=3), st.just(page_id), st.binary(max_size=3)).map(b"".join),
            st.integers(min_value=-(2**70), max_value=2**70).map(lambda number: str(number).encode()),
        )
    )
    caches["recent_reads"].clear()
    before = sum(reads().values())

    status = post_read(client, body).status_code

    counted = sum(reads().values()) - before
    assert status in {204, 400, 404, 413}
    assert counted == (status == 204)
    if counted:
        assert int(body) == article.pk


def test_a_page_id_with_the_newline_of_a_hand_written_request_is_counted(client, article):
    assert post_read(client, f" {article.pk}\r\n").status_code == 204
    assert reads() == {("newspaper", article.pk): 1}


@pytest.mark.parametrize("method", ["get", "head", "put", "delete", "options", "patch"])
def test_only_post_counts(client, article, method):
    request = getattr(client, method)
    response = request(f"{URL}?page={article.pk}", headers=FROM_THE_PAGE, HTTP_HOST=HOSTS["newspaper"])
    assert response.status_code == 405
    assert reads() == {}


def test_neither_the_article_nor_the_count_sets_a_cookie_and_the_page_counts_itself(client, article):
    page = client.get(
        article.get_url_parts()[2], HTTP_HOST=HOSTS["newspaper"], headers={"User-Agent": BROWSER}
    )
    counted = post_read(client, str(article.pk))

    assert page.status_code == 200
    assert counted.status_code == 204
    for response in (page, counted):
        assert not response.cookies
        assert "Set-Cookie" not in response.headers
    html = page.content.decode()
    script = re.search(r'<script src="/static/newsroom/count_read\.js"[^>]*>', html)
    assert script is not None
    assert f'data-page="{article.pk}"' in script[0]
    assert f'data-url="{URL}"' in script[0]
    # In the head, apart from the page's content: a deferred script runs once the page is parsed.
    assert html.index(script[0]) < html.index("</head>")


# Readers arriving together: every read counted, on SQLite and on PostgreSQL.


def eight_readers_reading_fifty_times(article):
    def read_fifty_times():
        for _ in range(50):
            DailyReads.objects.count_read(article.pk, "newspaper", datetime.date(2025, 3, 11))

    # The first reads of each reader race to create the day's row, the others to add to it.
    at_once([read_fifty_times] * 8)
    return DailyReads.objects.values_list("reads", flat=True)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_readers_counted_at_the_same_moment_are_all_counted(article):
    assert list(eight_readers_reading_fifty_times(article)) == [400]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_readers_counted_at_the_same_moment_are_all_counted_on_postgresql(article):
    assert list(eight_readers_reading_fifty_times(article)) == [400]


# The list.


@pytest.fixture
def read_on():
    """Give `page` `count` reads on `day` in `outlet` (default: the outlet it belongs to, the newspaper)."""

    def record(page, day, count, outlet="newspaper"):
        DailyReads.objects.create(page=page, outlet=outlet, day=day, reads=count)

    return record


def titles(articles):
    return [article.title for article in articles]


def test_the_list_ranks_todays_and_yesterdays_reads_on_the_provinces_calendar(
    time_machine, outlets, columns, make_article, read_on
):
    # 06:30 on 11 March in the province, 23:30 on 10 March in UTC.
    time_machine.move_to(local(2025, 3, 11, 6, 30), tick=False)
    column = columns["newspaper"]
    steady, yesterdays, todays, old_news = (
        make_article(column, title) for title in ("Đều đặn", "Của hôm qua", "Của hôm nay", "Tin cũ")
    )
    today, yesterday, before = (
        datetime.date(2025, 3, 11),
        datetime.date(2025, 3, 10),
        datetime.date(2025, 3, 9),
    )
    read_on(steady, today, 4)
    read_on(steady, yesterday, 4)
    read_on(yesterdays, yesterday, 7)
    read_on(todays, today, 6)
    read_on(old_news, before, 1000)

    assert titles(most_read(outlets["newspaper"])) == ["Đều đặn", "Của hôm qua", "Của hôm nay"]

    # The next day, yesterday's news has left the window.
    time_machine.move_to(local(2025, 3, 12, 0, 5), tick=False)
    assert titles(most_read(outlets["newspaper"])) == ["Của hôm nay", "Đều đặn"]


def test_the_list_stops_at_the_limit_and_breaks_ties_by_the_newer_page(
    outlets, columns, make_article, read_on
):
    today = local_today()
    column = columns["newspaper"]
    articles = [make_article(column, f"Bài số {number}") for number in range(8)]
    for number, article in enumerate(articles):
        read_on(article, today, 10 if number in (2, 5) else number)

    assert titles(most_read(outlets["newspaper"], limit=3)) == ["Bài số 5", "Bài số 2", "Bài số 7"]
    assert len(most_read(outlets["newspaper"])) == 5
    assert len(most_read(outlets["newspaper"], limit=20)) == 8
    assert most_read(outlets["newspaper"], limit=0) == []


def test_each_outlet_lists_its_own_articles_read_on_its_own_site(
    time_machine, outlets, columns, make_article, read_on
):
    time_machine.move_to(local(2025, 3, 11), tick=False)
    today = datetime.date(2025, 3, 11)
    news = make_article(columns["newspaper"], "Tin của báo")
    bulletin = make_article(columns["broadcast"], "Bản tin của đài")
    republished = news.create_alias(parent=columns["broadcast"])
    read_on(news, today, 5)
    read_on(bulletin, today, 3, outlet="broadcast")
    read_on(republished, today, 9, outlet="broadcast")
    # Reads of the item on the newspaper's site before it was moved to the station's: no longer the newspaper's.
    read_on(bulletin, today, 50, outlet="newspaper")

    newspaper = most_read(outlets["newspaper"])
    broadcast = most_read(outlets["broadcast"])

    assert [article.pk for article in newspaper] == [news.pk]
    assert [article.pk for article in broadcast] == [republished.pk, bulletin.pk]
    assert most_read(outlets["portal"]) == []


def test_drafts_withdrawn_and_private_articles_leave_the_list_whatever_their_reads(
    time_machine, outlets, columns, make_article, read_on
):
    time_machine.move_to(local(2025, 3, 11), tick=False)
    today = datetime.date(2025, 3, 11)
    column = columns["newspaper"]
    shown = make_article(column, "Bài vẫn hiển thị")
    withdrawn = make_article(column, "Bài đã gỡ")
    made_private = make_article(column, "Bài chuyển sang riêng tư")
    for number, article in enumerate((shown, withdrawn, made_private)):
        read_on(article, today, 10 + number)
    withdrawn.unpublish()
    PageViewRestriction.objects.create(page=made_private, restriction_type="password", password="mat-khau")

    assert titles(most_read(outlets["newspaper"])) == ["Bài vẫn hiển thị"]


def test_the_list_and_its_rendering_cost_the_same_queries_for_one_article_or_many(
    time_machine, outlets, columns, make_article, read_on
):
    time_machine.move_to(local(2025, 3, 11), tick=False)
    today = datetime.date(2025, 3, 11)
    column = columns["newspaper"]
    request = RequestFactory().get("/", HTTP_HOST=HOSTS["newspaper"])

    def queries_for(limit):
        with CaptureQueriesContext(connection) as queries:
            html = render_to_string(
                "components/most_read.html", {"most_read": most_read(outlets["newspaper"], limit)}, request
            )
        return len(queries), html.count("<li")

    read_on(make_article(column, "Bài đầu tiên"), today, 1)
    queries_for(1)  # the sites' root paths, cached from then on
    one = queries_for(1)
    for number in range(12):
        read_on(make_article(column, f"Bài số {number}"), today, number + 2)
    assert queries_for(5)[0] == queries_for(12)[0] == one[0]
    assert (one[1], queries_for(5)[1], queries_for(12)[1]) == (1, 5, 12)
    with CaptureQueriesContext(connection) as listing:
        most_read(outlets["newspaper"], 12)
    # The private sections, then the articles with their reads.
    assert len(listing) == 2


def test_the_list_renders_numbered_in_a_labelled_section(
    time_machine, outlets, columns, make_article, read_on
):
    time_machine.move_to(local(2025, 3, 11), tick=False)
    column = columns["newspaper"]
    first = make_article(column, "Già làng Y Khu giữ rừng", publication_date=local(2025, 3, 9, 8))
    second = make_article(column, "Nữ công an xã Ea Tiêu", publication_date=local(2025, 3, 10, 7))
    read_on(first, datetime.date(2025, 3, 11), 9)
    read_on(second, datetime.date(2025, 3, 11), 4)
    request = RequestFactory().get("/", HTTP_HOST=HOSTS["newspaper"])

    html = render_to_string(
        "components/most_read.html", {"most_read": most_read(outlets["newspaper"])}, request
    )

    section = re.search(r'<section class="most-read" aria-labelledby="([^"]+)">(.*)</section>', html, re.S)
    assert section is not None
    labelled_by, inside = section.groups()
    assert re.search(rf'<h2 id="{labelled_by}"[^>]*>Đọc nhiều</h2>', inside)
    items = re.findall(r'<li[^>]*>\s*<a[^>]*href="([^"]+)">([^<]+)</a>\s*<time[^>]*>([^<]+)</time>', inside)
    assert items == [
        (first.get_url(request), "Già làng Y Khu giữ rừng", "9/3/2025"),
        (second.get_url(request), "Nữ công an xã Ea Tiêu", "10/3/2025"),
    ]
    assert "<ol" in inside


def test_an_outlet_nobody_read_shows_no_list(outlets):
    html = render_to_string("components/most_read.html", {"most_read": most_read(outlets["portal"])})
    assert html.strip() == ""
