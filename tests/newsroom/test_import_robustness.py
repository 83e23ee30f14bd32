"""The archive importer under bad input: whatever a line holds, it is imported or reported with its number and
reason, the import goes on, and nothing it stores can make a public page fail."""

import datetime
import io
import json
import tracemalloc
import unicodedata
from collections import Counter
from urllib.parse import urlsplit

import pytest
import time_machine
from hypothesis import event, given
from hypothesis import strategies as st

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils import timezone

from wagtail.models import Page, Revision

from core.dates import LOCAL_TIME_ZONE
from newsroom.importer.fields import BODY_MAX_LENGTH
from newsroom.importer.lines import LINE_MAX_BYTES, archive_lines
from newsroom.importer.run import import_archive
from newsroom.models import ArticlePage, ColumnPage, Outlet, Tag
from newsroom.models.articles import EARLIEST_PUBLICATION_DATE
from search.models import SearchDocument, SearchPage

from .test_import_archive import article, assert_tree_is_consistent, call_stderr, import_file, write_archive

# Lines are imported into a site that was set up (`manage.py setup`: the outlets), as in production;
# test_import_archive.py imports into an empty database.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("outlets")]

HOSTS = {"newspaper": "127.0.0.1", "broadcast": "drt.localhost", "portal": "congthongtin.localhost"}
NOW = datetime.datetime(2025, 6, 1, 9, 0, tzinfo=LOCAL_TIME_ZONE)


def hanoi(*args):
    return datetime.datetime(*args, tzinfo=LOCAL_TIME_ZONE)


def imported_ids():
    return set(ArticlePage.objects.values_list("external_id", flat=True))


def get(client, page, suffix="", **params):
    _site_id, root_url, page_path = page.get_url_parts()
    return client.get(page_path + suffix, params, HTTP_HOST=urlsplit(root_url).hostname)


def public_answers(client, column, article_page, query):
    """Status of every public page that could show the article: each outlet's home, sitemap and search, and
    the article's column, its feed and the article itself."""
    statuses = {}
    for outlet, host in HOSTS.items():
        statuses[f"{outlet} home"] = client.get("/", HTTP_HOST=host).status_code
        statuses[f"{outlet} sitemap"] = client.get("/sitemap.xml", HTTP_HOST=host).status_code
    for search_page in SearchPage.objects.all():
        statuses[f"search on {search_page.get_site().hostname}"] = get(
            client, search_page, q=query
        ).status_code
    statuses["column"] = get(client, column).status_code
    statuses["feed"] = get(client, column, "rss/").status_code
    statuses["article"] = get(client, article_page).status_code
    return statuses


# 1. Dates at the edges of time.


def test_a_date_at_the_end_of_time_is_refused_and_every_public_page_answers(tmp_path, client):
    path = write_archive(
        tmp_path,
        article(external_id="good", title="Mừng xuân Ất Tỵ"),
        article(external_id="doomsday", title="Mừng xuân tận thế", published_at="9999-12-31T20:00:00Z"),
    )

    stderr = call_stderr(path)

    assert "line 2: published_at" in stderr and "out of range" in stderr
    assert imported_ids() == {"good"}
    good = ArticlePage.objects.get(external_id="good")
    statuses = public_answers(client, good.get_parent().specific, good, "Mừng xuân")
    assert set(statuses.values()) == {200}, statuses


@pytest.mark.parametrize(
    "published_at",
    [
        "0001-01-01T00:00:00+07:00",  # before year 1 in UTC: no datetime can hold it
        "0001-01-01",
        "9999-12-31T23:59:59-05:00",  # after year 9999 in UTC
        "9999-12-31T23:59:59.999999",
        "1899-12-31T12:00:00+07:00",
        "1900-01-01T00:00:00+14:00",  # still 1899 in Hanoi
        "3000-01-01T00:00:00+07:00",
        "2026-06-02T09:00:00+07:00",  # a year and a day after NOW: a typo, not a schedule
    ],
)
def test_a_date_outside_the_sane_range_is_a_bad_line_and_the_batch_goes_on(tmp_path, published_at):
    path = write_archive(
        tmp_path,
        article(external_id="before"),
        article(external_id="edge", published_at=published_at),
        article(external_id="after"),
    )

    with time_machine.travel(NOW, tick=False):
        stderr = call_stderr(path)

    assert "line 2: published_at" in stderr and "out of range" in stderr and "1900-01-01" in stderr
    assert imported_ids() == {"before", "after"}
    assert_tree_is_consistent()


def test_the_first_and_last_dates_of_the_range_are_imported_and_shown(tmp_path, client):
    path = write_archive(
        tmp_path,
        article(external_id="oldest", title="Bài cũ nhất", published_at="1900-01-01T00:00:00"),
        article(external_id="latest", title="Bài hẹn giờ xa nhất", published_at="2026-06-01T08:59:00+07:00"),
    )

    with time_machine.travel(NOW, tick=False):
        import_file(path)
        oldest = ArticlePage.objects.get(external_id="oldest")
        statuses = public_answers(client, oldest.get_parent().specific, oldest, "Bài")

    assert oldest.live and oldest.publication_date == hanoi(1900, 1, 1)
    assert not ArticlePage.objects.get(external_id="latest").live
    assert set(statuses.values()) == {200}, statuses


def wagtail_scheduled(column, make_article, go_live_at):
    """What an editor's "Publish" with a go-live date in the page's settings leaves in the database."""
    page = make_article(column, "Bài hẹn giờ trong trang quản trị", live=False, publication_date=go_live_at)
    page.go_live_at = go_live_at
    page.save_revision().publish()
    return ArticlePage.objects.get(pk=page.pk)


def scheduling_rows(page):
    revision = page.latest_revision
    return {
        "live": page.live,
        "has_unpublished_changes": page.has_unpublished_changes,
        "go_live_at": page.go_live_at,
        "live_revision": page.live_revision_id,
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
        "status": page.status_string,
        "approved_go_live_at": revision.approved_go_live_at,
        "revision go_live_at": revision.content["go_live_at"],
        "scheduled revision": page.scheduled_revision == revision,
    }


def test_a_future_date_is_scheduled_as_wagtail_schedules_and_goes_live_on_time(
    tmp_path, client, outlets, make_column, make_article
):
    go_live = hanoi(2025, 7, 1, 8, 0)
    column = make_column(outlets[Outlet.NEWSPAPER], "Thời sự")
    path = write_archive(
        tmp_path, article(external_id="soon", title="Lễ hội cà phê sắp tới", published_at=go_live.isoformat())
    )

    with time_machine.travel(NOW, tick=False):
        import_file(path)
        scheduled = ArticlePage.objects.get(external_id="soon")
        by_wagtail = wagtail_scheduled(column, make_article, go_live)
        home = client.get("/", HTTP_HOST=HOSTS["newspaper"]).content.decode()
        listing = get(client, column).content.decode()
        search_results = get(client, SearchPage.objects.first(), q="cà phê").content.decode()

    assert scheduling_rows(scheduled) == scheduling_rows(by_wagtail)
    assert scheduling_rows(scheduled)["status"] == "đã hẹn giờ"
    assert "Lễ hội cà phê" not in home and "Lễ hội cà phê" not in listing
    assert "Lễ hội cà phê" not in search_results
    assert not SearchDocument.objects.filter(external_id="soon").exists()
    assert get(client, scheduled).status_code == 404

    with time_machine.travel(go_live + datetime.timedelta(seconds=30), tick=False):
        call_command("publish_scheduled")
        home = client.get("/", HTTP_HOST=HOSTS["newspaper"]).content.decode()

    published = ArticlePage.objects.get(external_id="soon")
    assert published.live and published.scheduled_revision is None
    assert published.publication_date == go_live
    assert published.first_published_at == go_live + datetime.timedelta(seconds=30), "when it went live"
    assert "Lễ hội cà phê sắp tới" in home
    assert SearchDocument.objects.filter(external_id="soon").exists()
    assert get(client, published).status_code == 200


def test_reimporting_a_scheduled_article_keeps_reschedules_or_publishes_it(tmp_path):
    line = article(external_id="soon", published_at="2025-07-01T08:00:00+07:00")

    with time_machine.travel(NOW, tick=False):
        import_file(write_archive(tmp_path, line))
        again, _ = import_file(write_archive(tmp_path, line))
        import_file(write_archive(tmp_path, {**line, "published_at": "2025-08-01T08:00:00+07:00"}))
        rescheduled = ArticlePage.objects.get(external_id="soon")
        approved_times = list(
            rescheduled.revisions.filter(approved_go_live_at__isnull=False).values_list(
                "approved_go_live_at", flat=True
            )
        )
        import_file(write_archive(tmp_path, {**line, "published_at": "2025-05-01T08:00:00+07:00"}))
        published = ArticlePage.objects.get(external_id="soon")

    assert "0 created, 0 updated, 1 unchanged" in again
    assert not rescheduled.live and rescheduled.go_live_at == hanoi(2025, 8, 1, 8, 0)
    assert approved_times == [hanoi(2025, 8, 1, 8, 0)], "one scheduled revision, at the new time"
    assert published.live and published.go_live_at is None and published.scheduled_revision is None
    assert published.publication_date == published.first_published_at == hanoi(2025, 5, 1, 8, 0)
    assert published.live_revision == published.latest_revision
    assert_tree_is_consistent()


def test_a_future_date_does_not_take_a_live_article_off_the_site(tmp_path):
    line = article(external_id="live", title="Bài đang đăng")
    import_file(write_archive(tmp_path, line))

    with time_machine.travel(NOW, tick=False):
        stderr = call_stderr(write_archive(tmp_path, {**line, "published_at": "2025-07-01T08:00:00+07:00"}))

    assert "line 1: live is published" in stderr
    page = ArticlePage.objects.get(external_id="live")
    assert page.live and page.publication_date == hanoi(2024, 3, 10, 9, 30)
    assert page.revisions.count() == 1


def test_a_reimport_keeps_the_pictures_an_editor_added_to_an_imported_article(tmp_path, make_image):
    line = article(external_id="illustrated", body="<p>Ba mươi năm giữ rừng.</p>")
    import_file(write_archive(tmp_path, line))
    page = ArticlePage.objects.get(external_id="illustrated")
    page.body.append(
        ("image", {"image": make_image("Rừng đầu nguồn"), "caption": "Rừng của buôn", "credit": ""})
    )
    page.save_revision().publish()

    unchanged, _ = import_file(write_archive(tmp_path, line))
    stderr = call_stderr(write_archive(tmp_path, {**line, "body": "<p>Bản sửa từ kho lưu trữ.</p>"}))

    assert "0 created, 0 updated, 1 unchanged" in unchanged
    assert "line 1: illustrated has pictures or other blocks added in the admin" in stderr
    page = ArticlePage.objects.get(external_id="illustrated")
    assert [block.block_type for block in page.body] == ["paragraph", "image"]
    assert "Ba mươi năm giữ rừng." in page.body[0].value.source


@pytest.mark.parametrize("publication_date", [hanoi(1899, 12, 31, 23, 59), hanoi(2026, 6, 2, 9, 0)])
def test_the_admin_cannot_store_a_publication_date_the_importer_refuses(
    outlets, make_column, make_article, publication_date
):
    column = make_column(outlets[Outlet.NEWSPAPER], "Thời sự")

    with time_machine.travel(NOW, tick=False), pytest.raises(ValidationError) as refused:
        make_article(column, "Bài sai ngày", publication_date=publication_date)

    assert "publication_date" in refused.value.message_dict


# 2. One bad line stops nothing.


def test_lines_that_break_the_json_parser_are_reported_and_the_import_goes_on(tmp_path):
    path = write_archive(
        tmp_path,
        article(external_id="first"),
        "[" * 100_000,
        '{"external_id": ' + "[" * 50_000,
        '{"external_id": ' + "1" * 5000 + "}",
        article(external_id="last"),
    )

    stderr = call_stderr(path)

    for number in (2, 3, 4):
        assert f"line {number}: invalid JSON" in stderr
    assert imported_ids() == {"first", "last"}


@pytest.mark.parametrize(
    ("field", "value", "shown"),
    [
        ("title", "Tiêu đề\x00", "U+0000"),
        ("summary", "Tóm\x00tắt", "U+0000"),
        ("body", "<p>Nội\x00 dung</p>", "U+0000"),
        ("column", "Thời\x00sự", "U+0000"),
        ("external_id", "nul\x00", "U+0000"),
        ("author", "Phóng\x00viên", "U+0000"),
        ("tags", ["thử\x00"], "U+0000"),
        ("title", "Tiêu đề \ud800", "U+D800"),
        ("body", "<p>\udfff</p>", "U+DFFF"),
        ("title", "Tiêu đề\x01", "U+0001"),
        ("summary", "Tóm tắt\x1b[31m", "U+001B"),
    ],
)
def test_characters_the_database_or_a_feed_cannot_take_are_refused_naming_the_field(
    tmp_path, client, field, value, shown
):
    # ensure_ascii: a lone surrogate travels as the escape "\ud800", which JSON allows and UTF-8 cannot encode.
    bad = json.dumps(article(**{"external_id": "bad", field: value}), ensure_ascii=True)
    path = write_archive(tmp_path, article(external_id="before"), bad, article(external_id="after"))

    stderr = call_stderr(path)

    assert f"line 2: {field} contains a character that cannot be stored ({shown})" in stderr
    assert imported_ids() == {"before", "after"}
    before = ArticlePage.objects.get(external_id="before")
    assert get(client, before.get_parent(), "rss/").status_code == 200


REFUSED_BY_THE_DATABASE = "the archive id poison is refused"


@pytest.fixture
def database_refusing_poison():
    """A trigger that makes the database refuse one article, as a constraint no validation foresaw would."""
    table = ArticlePage._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION refuse_poison() RETURNS trigger AS $$ BEGIN IF NEW.external_id = 'poison' "
                f"THEN RAISE EXCEPTION '{REFUSED_BY_THE_DATABASE}'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                f"CREATE TRIGGER refuse_poison BEFORE INSERT OR UPDATE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION refuse_poison()"
            )
        else:
            for operation in ("INSERT", "UPDATE"):
                cursor.execute(
                    f"CREATE TRIGGER refuse_poison_{operation} BEFORE {operation} ON {table} "
                    f"WHEN NEW.external_id = 'poison' BEGIN SELECT RAISE(ABORT, '{REFUSED_BY_THE_DATABASE}'); END"
                )


def test_a_batch_the_database_refuses_is_written_line_by_line(tmp_path, database_refusing_poison):
    lines = [article(external_id=f"a{number}", title=f"Bài số {number}") for number in range(5)]
    lines[2] = article(external_id="poison", title="Bài bị từ chối", tags=["thẻ mới của bài bị từ chối"])
    path = write_archive(tmp_path, *lines)

    with pytest.raises(CommandError) as failed:
        stdout, stderr = io.StringIO(), io.StringIO()
        call_command("import_archive", str(path), stdout=stdout, stderr=stderr)

    assert "1 lines were not imported" in str(failed.value)
    assert f"line 3: the database refused it: {REFUSED_BY_THE_DATABASE}" in stderr.getvalue()
    assert "5 lines: 4 created, 0 updated, 0 unchanged, 1 failed" in stdout.getvalue()
    assert imported_ids() == {"a0", "a1", "a3", "a4"}
    assert not Page.objects.filter(title="Bài bị từ chối").exists(), "nothing half-written"
    assert not Tag.objects.filter(name="thẻ mới của bài bị từ chối").exists()
    for page in ArticlePage.objects.all():
        assert page.live_revision_id and page.tags.count() == 1
    assert_tree_is_consistent()


def test_a_line_superseded_by_a_later_one_is_counted(tmp_path):
    path = write_archive(
        tmp_path, article(title="Bản đầu"), article(external_id="other"), article(title="Bản cuối")
    )

    stdout, _ = import_file(path)

    assert "3 lines: 2 created, 0 updated, 0 unchanged, 0 failed, 1 superseded by a later line" in stdout
    assert ArticlePage.objects.get(external_id="t01").title == "Bản cuối"


# 3. Sizes.


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"body": "<p>" + "x" * 200_000 + "</p>"}, "body is longer than 200000 characters"),
        ({"body": "<b>" * 500 + "x"}, "body: HTML nested more than 100 elements deep"),
        ({"tags": [f"thẻ {number}" for number in range(31)]}, "tags: more than 30"),
        ({"author": ", ".join(f"Tác giả {number}" for number in range(11))}, "author: more than 10"),
    ],
)
def test_a_field_over_its_limit_is_refused_naming_the_field_and_the_limit(tmp_path, fields, message):
    path = write_archive(
        tmp_path,
        article(external_id="before"),
        article(external_id="big", **fields),
        article(external_id="after"),
    )

    stderr = call_stderr(path)

    assert f"line 2: {message}" in stderr
    assert imported_ids() == {"before", "after"}


def test_fields_at_their_limits_are_imported(tmp_path):
    body = "<p>" + "ê" * (200_000 - 7) + "</p>"
    deep = "<p>" + "<b>" * 99 + "đậm" + "</b>" * 99 + "</p>"
    path = write_archive(
        tmp_path,
        article(
            body=body,
            tags=[f"thẻ {number}" for number in range(30)],
            author=", ".join(f"Tác giả {number}" for number in range(10)),
        ),
        article(external_id="deep", body=deep),
    )

    import_file(path)

    page = ArticlePage.objects.get(external_id="t01")
    assert page.body[0].value.source == body
    assert page.tags.count() == 30 and page.authors.count() == 10
    assert ArticlePage.objects.get(external_id="deep").body[0].value.source == deep


def test_an_over_long_line_is_refused_without_being_read_whole(tmp_path):
    # Valid JSON, twelve megabytes of body: read whole, it would be parsed and imported.
    huge = json.dumps(article(external_id="huge", body="<p>" + "Đắk Lắk " * 1_500_000 + "</p>"))
    path = write_archive(tmp_path, article(external_id="before"), huge, article(external_id="after"))

    tracemalloc.start()
    try:
        stderr = call_stderr(path)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert "line 2: the line is longer than 2097152 bytes" in stderr
    assert imported_ids() == {"before", "after"}
    assert peak < 8 * 2**20, f"importing took {peak / 2**20:.1f} MiB"


def test_index_archive_passes_over_lines_it_cannot_read(tmp_path):
    path = write_archive(
        tmp_path,
        article(external_id="kept"),
        "[" * 100_000,
        json.dumps(article(external_id="nul\x00")),
        json.dumps(article(external_id="\ud800"), ensure_ascii=True),
        '{"external_id": ' + "1" * 5000 + "}",
        json.dumps(article(external_id="huge", body="x" * 3 * 2**20)),
    )
    with pytest.raises(CommandError):
        import_file(path, "--index-later")

    stdout = io.StringIO()
    call_command("index_archive", str(path), stdout=stdout)

    assert "1 articles indexed" in stdout.getvalue()
    assert SearchDocument.objects.filter(external_id="kept").exists()


def test_columns_are_unchanged_by_refused_lines(tmp_path):
    path = write_archive(tmp_path, article(external_id="bad", column="Chuyên mục mới", title="\x00"))

    call_stderr(path)

    assert not ColumnPage.objects.filter(title="Chuyên mục mới").exists()


# The class: whatever the lines hold, the import never raises, every non-blank line is imported or reported with
# its number, the counts add up, and nothing is half-written.

OUTLETS = ["newspaper", "broadcast", "portal"]
COLUMNS = ["Thời sự", "Kinh tế"]
NASTY_TEXT = [
    "\x00",
    "\ud800",
    "\udfff",
    "\x01",
    "\x1b[31m",
    "\x7f",
    "\ufeff",
    "\u202e",
    "\u200b",
    "\u3000",
    "Bu\u00f4n Ma Thu\u00f4\u0323t",  # NFD
    "H\u2019Bia \u00canu\u00f4l",
    "<script>alert(1)</script>",
]
NASTY_DATES = [
    "0001-01-01T00:00:00",
    "0001-01-01T00:00:00+23:59",
    "9999-12-31T23:59:59.999999-23:59",
    "9999-12-31T20:00:00Z",
    "1900-01-01T00:00:00",
    "1899-12-31T23:59:59-12:00",
    "3000-01-01",
    "2024-02-30T00:00:00",
    "2024-06-12T08:00:00+24:00",
    "",
]


def any_text(max_size=40):
    return st.one_of(
        st.text(max_size=max_size),
        st.text(st.characters(exclude_categories=()), max_size=max_size),  # lone surrogates and all controls
        st.sampled_from(NASTY_TEXT),
        # Deep HTML, and text about the body's limit (built when drawn: their repr would be huge).
        st.integers(1, 400).map(lambda depth: "<b>" * depth),
        st.integers(BODY_MAX_LENGTH - 1, BODY_MAX_LENGTH + 1).map(lambda length: "x" * length),
    )


def json_values():
    leaves = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), any_text())
    return st.recursive(
        leaves, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(any_text(), inner, max_size=3)
    )


def dates():
    now = datetime.datetime.now(datetime.UTC)
    offsets = st.timedeltas(
        min_value=datetime.timedelta(hours=-23, minutes=-59),
        max_value=datetime.timedelta(hours=23, minutes=59),
    )
    return st.one_of(
        st.datetimes(timezones=st.none() | st.builds(datetime.timezone, offsets)).map(
            datetime.datetime.isoformat
        ),
        st.timedeltas(min_value=datetime.timedelta(days=-400), max_value=datetime.timedelta(days=400)).map(
            lambda delta: (now + delta).isoformat()
        ),
        st.sampled_from(NASTY_DATES),
        any_text(),
    )


def good_dates():
    now = datetime.datetime.now(datetime.UTC)
    return st.one_of(
        st.sampled_from(["2024-06-12T08:00:00+07:00", "2001-01-01", "1900-01-01T00:00:00"]),
        # Past or scheduled, within the year ahead the importer accepts.
        st.timedeltas(min_value=datetime.timedelta(days=-300), max_value=datetime.timedelta(days=300)).map(
            lambda delta: (now + delta).isoformat()
        ),
    )


# Values the importer takes, field by field; and for some fields, the wilder values to mix in.
GOOD_FIELDS = {
    "external_id": st.sampled_from(["a", "b", "c", " a ", "\u00e2", "a\u0302"]),  # â composed and decomposed
    "outlet": st.sampled_from(OUTLETS),
    "column": st.sampled_from(COLUMNS),
    "kind": st.sampled_from(["article", "photo", "video", "audio"]),
    "title": st.sampled_from(["Tin mới", "Buôn Ma Thuột", "!!!", "Bu\u00f4n Ma Thu\u00f4\u0323t"]),
    "summary": st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=30),
    "body": st.sampled_from(["<p>Nội dung.</p>", "", "<p><b>đậm</b></p>", "<script>x</script><p>y</p>"]),
    "published_at": good_dates(),
    "tags": st.lists(st.sampled_from(["mắc ca", "Mắc Ca", "OCOP", "ca\u0301 phê"]), max_size=3),
    "author": st.sampled_from(["Minh Thuận", "Minh Thuận, H'Linh Niê", ""]),
}
REQUIRED_FIELDS = ["external_id", "outlet", "column", "title", "published_at"]
WILD_FIELDS = {
    "column": any_text(),
    "title": any_text(),
    "summary": any_text(),
    "body": any_text(300),
    "published_at": dates(),
    "tags": st.lists(any_text(), max_size=32),
    "author": any_text(),
}


def good_articles():
    """Lines the importer must take: every field within its rules, the optional ones sometimes left out."""
    optional = {key: value for key, value in GOOD_FIELDS.items() if key not in REQUIRED_FIELDS}
    return st.fixed_dictionaries({key: GOOD_FIELDS[key] for key in REQUIRED_FIELDS}, optional=optional)


def any_articles():
    """Lines shaped like articles: each field, when present, mostly good, sometimes anything."""
    return st.fixed_dictionaries(
        {},
        optional={
            **{
                key: st.one_of(good, good, good, WILD_FIELDS.get(key, json_values()))
                for key, good in GOOD_FIELDS.items()
            },
            "extra": json_values(),
        },
    )


def encoded(value, ensure_ascii):
    # surrogatepass: a lone surrogate written raw is bytes that are not UTF-8, as a broken export would write.
    return json.dumps(value, ensure_ascii=ensure_ascii).encode("utf-8", "surrogatepass")


def raw_lines():
    """(bytes of one line with no line feed inside, as a file could hold it; whether it must be imported)."""
    must_import = st.builds(encoded, good_articles(), st.booleans())
    anything = st.one_of(
        st.builds(encoded, any_articles(), st.booleans()),
        st.builds(encoded, st.dictionaries(any_text(), json_values(), max_size=4), st.booleans()),
        st.builds(encoded, json_values(), st.booleans()),
        st.integers(1, 3000).map(lambda depth: b"[" * depth + b"]" * depth),
        st.integers(1, 3000).map(
            lambda depth: b'{"external_id": "a", "tags": ' + b"[" * depth + b"]" * depth + b"}"
        ),
        st.integers(1, 6000).map(lambda digits: b'{"external_id": "a", "title": 1' + b"0" * digits + b"}"),
        st.binary(max_size=60),
        st.sampled_from([b"", b"   ", b"\xef\xbb\xbf", b"\r", b"\xff\xfe{}"]),
        st.integers(LINE_MAX_BYTES - 2, LINE_MAX_BYTES + 1).map(lambda length: b"{" + b" " * length + b"}"),
    )
    return st.one_of(
        must_import.map(lambda line: (line, True)),
        anything.map(lambda line: (line.replace(b"\n", b" "), False)),
    )


def is_blank(line):
    try:
        return len(line) <= LINE_MAX_BYTES and not line.decode("utf-8").removeprefix("\ufeff").strip()
    except UnicodeDecodeError:
        return False


def archive_key(line):
    """The external_id the importer files a line under; the line must be a JSON object with one."""
    value = json.loads(line)["external_id"]
    return unicodedata.normalize("NFC", value).strip()


def assert_nothing_half_written(now):
    article_type = ContentType.objects.get_for_model(ArticlePage)
    assert Page.objects.filter(content_type=article_type).count() == ArticlePage.objects.count()
    page_ids = {str(pk) for pk in Page.objects.values_list("pk", flat=True)}
    assert set(Revision.objects.values_list("object_id", flat=True)) <= page_ids
    for page in ArticlePage.objects.select_related("latest_revision"):
        assert page.latest_revision is not None, page.external_id
        assert page.latest_revision.as_object().title == page.draft_title
        if page.live:
            assert page.live_revision_id == page.latest_revision_id
        else:
            assert page.go_live_at > now - datetime.timedelta(minutes=1)
            assert page.scheduled_revision == page.latest_revision
            assert page.latest_revision.approved_go_live_at == page.go_live_at
        assert page.publication_date >= EARLIEST_PUBLICATION_DATE
    assert_tree_counts_add_up()


def assert_tree_counts_add_up():
    """treebeard's find_problems() in one query: each page's depth and numchild agree with the paths."""
    nodes = list(Page.objects.values_list("path", "depth", "numchild"))
    paths = {path for path, _, _ in nodes}
    children = Counter(path[: -Page.steplen] for path in paths)
    for path, depth, numchild in nodes:
        assert depth == len(path) // Page.steplen and numchild == children[path], path
        assert depth == 1 or path[: -Page.steplen] in paths, f"{path} has no parent"


@pytest.fixture
def columns(outlets, make_column):
    """The columns most lines name, in every outlet: examples spend their time on the lines, not on columns."""
    for home in outlets.values():
        for title in COLUMNS:
            make_column(home, title).save_revision().publish()


@pytest.mark.fuzz
@given(drawn=st.lists(raw_lines(), min_size=1, max_size=4))
def test_whatever_the_lines_hold_each_is_imported_or_reported(columns, drawn):
    lines = [line for line, _ in drawn]
    must_import = {number for number, (_, good) in enumerate(drawn, start=1) if good}
    now = timezone.now()
    errors = []
    with transaction.atomic():
        stats = import_archive(
            archive_lines(io.BytesIO(b"".join(line + b"\n" for line in lines))), errors.append
        )

        reported = {error.line_number for error in errors}
        assert len(reported) == len(errors) and reported <= set(range(1, len(lines) + 1))
        assert not reported & must_import, errors
        counted = [number for number, line in enumerate(lines, start=1) if not is_blank(line)]
        assert stats.lines == len(lines) and stats.failed == len(errors)
        assert stats.created + stats.updated + stats.unchanged + stats.failed + stats.superseded == len(
            counted
        )
        imported = {archive_key(lines[number - 1]) for number in counted if number not in reported}
        assert set(ArticlePage.objects.values_list("external_id", flat=True)) == imported
        assert_nothing_half_written(now)
        event(f"imported: {bool(imported)}, reported: {bool(reported)}")
        if ArticlePage.objects.filter(live=False).exists():
            event("scheduled")
        transaction.set_rollback(True)
