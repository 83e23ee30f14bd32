"""`manage.py import_archive`: the archive's JSON Lines become published articles, fast and idempotently."""

import datetime
import json
import re
from io import StringIO
from pathlib import Path

import pytest

from django.core.management import CommandError, call_command
from django.utils.html import escape

from wagtail.models import Page, ReferenceIndex, Revision, Site

from core.dates import LOCAL_TIME_ZONE
from newsroom.importer.fields import parse_line
from newsroom.importer.lines import InvalidLine
from newsroom.models import ArticlePage, ColumnPage, OutletHomePage
from search.models import SearchDocument

DEV_SET = Path(__file__).resolve().parent.parent / "data" / "articles-dev.jsonl"

pytestmark = pytest.mark.django_db


def article(**fields):
    return {
        "external_id": "t01",
        "outlet": "newspaper",
        "column": "Thời sự",
        "kind": "article",
        "title": "Tiêu đề thử",
        "summary": "Tóm tắt.",
        "body": "<p>Nội dung.</p>",
        "published_at": "2024-03-10T09:30:00+07:00",
        "tags": ["thử nghiệm"],
        "author": "Phóng viên",
        **fields,
    }


def write_archive(tmp_path, *lines, name="archive.jsonl"):
    """Lines are dicts (written as JSON) or strings (written as they are)."""
    path = tmp_path / name
    text = "\n".join(
        line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines
    )
    path.write_text(text + "\n", encoding="utf-8")
    return path


def import_file(path, *args):
    stdout, stderr = StringIO(), StringIO()
    call_command("import_archive", str(path), *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def dev_set_lines():
    return [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines()]


def assert_tree_is_consistent():
    assert Page.find_problems() == ([], [], [], [], [])


def test_an_empty_database_gets_outlets_sites_columns_and_articles():
    stdout, _ = import_file(DEV_SET)

    count = len(dev_set_lines())
    assert f"{count} created, 0 updated, 0 unchanged, 0 failed" in stdout
    assert set(OutletHomePage.objects.values_list("outlet", flat=True)) == {
        "newspaper",
        "broadcast",
        "portal",
    }
    assert {site.hostname: site.root_page.specific.outlet for site in Site.objects.all()} == {
        "127.0.0.1": "newspaper",
        "drt.localhost": "broadcast",
        "congthongtin.localhost": "portal",
    }
    assert Site.objects.get(is_default_site=True).hostname == "127.0.0.1"
    for line in dev_set_lines():
        page = ArticlePage.objects.get(external_id=line["external_id"])
        column = page.get_parent().specific
        assert isinstance(column, ColumnPage) and column.title == line["column"] and column.live
        assert column.get_parent().specific.outlet == line["outlet"]
    assert ArticlePage.objects.live().count() == count
    assert_tree_is_consistent()


def test_every_field_lands(tmp_path):
    path = write_archive(
        tmp_path,
        article(
            kind="video",
            title="Chị H'Bia Ênuôl và hợp tác xã mắc ca",
            summary="Hợp tác xã thu hút 120 thành viên.",
            body="<p>Đoạn một.</p><p>Đoạn <b>hai</b>.</p>",
            tags=["mắc ca", "khởi nghiệp"],
            author="Minh Thuận, H'Linh Niê",
        ),
    )
    import_file(path)

    page = ArticlePage.objects.get(external_id="t01")
    published = datetime.datetime(2024, 3, 10, 9, 30, tzinfo=LOCAL_TIME_ZONE)
    assert (page.title, page.draft_title, page.slug) == (
        "Chị H'Bia Ênuôl và hợp tác xã mắc ca",
        "Chị H'Bia Ênuôl và hợp tác xã mắc ca",
        "chi-hbia-enuol-va-hop-tac-xa-mac-ca",
    )
    assert page.kind == "video"
    assert page.standfirst == "Hợp tác xã thu hút 120 thành viên."
    assert [(block.block_type, block.value.source) for block in page.body] == [
        ("paragraph", "<p>Đoạn một.</p><p>Đoạn <b>hai</b>.</p>")
    ]
    assert page.publication_date == page.first_published_at == page.last_published_at == published
    assert sorted(tag.name for tag in page.tags.all()) == ["khởi nghiệp", "mắc ca"]
    assert sorted(author.name for author in page.authors.all()) == ["H'Linh Niê", "Minh Thuận"]
    assert page.live and not page.has_unpublished_changes
    assert page.url_path == f"{page.get_parent().url_path}{page.slug}/"
    assert page.locale_id and page.translation_key
    assert page.latest_revision == page.live_revision
    assert page.latest_revision.as_object().title == page.title
    assert sorted(tag.name for tag in page.latest_revision.as_object().tags.all()) == [
        "khởi nghiệp",
        "mắc ca",
    ]
    assert ReferenceIndex.get_references_for_object(page).exists()


def test_each_article_gets_its_own_tags_and_authors():
    import_file(DEV_SET)

    for line in dev_set_lines():
        page = ArticlePage.objects.get(external_id=line["external_id"])
        assert sorted(tag.name for tag in page.tags.all()) == sorted(line["tags"]), line["external_id"]
        assert [author.name for author in page.authors.all()] == [line["author"]]


def test_reimporting_updates_and_never_duplicates(tmp_path):
    import_file(DEV_SET)
    lines = dev_set_lines()
    lines[0] = {**lines[0], "title": "Tiêu đề đã sửa", "tags": ["mắc ca", "OCOP"]}
    edited = write_archive(tmp_path, *lines)

    stdout, _ = import_file(edited)
    import_file(edited)

    assert f"0 created, 1 updated, {len(lines) - 1} unchanged" in stdout
    assert ArticlePage.objects.count() == len(lines)
    page = ArticlePage.objects.get(external_id=lines[0]["external_id"])
    assert page.title == "Tiêu đề đã sửa"
    assert page.slug == "chi-hbia-enuol-va-hop-tac-xa-mac-ca", "an update keeps the article's URL"
    assert sorted(tag.name for tag in page.tags.all()) == ["OCOP", "mắc ca"]
    assert Revision.objects.for_instance(page).count() == 2
    assert page.live_revision == page.latest_revision
    untouched = ArticlePage.objects.get(external_id=lines[1]["external_id"])
    assert Revision.objects.for_instance(untouched).count() == 1
    assert_tree_is_consistent()


def test_bad_lines_are_reported_with_their_numbers_while_good_lines_import(tmp_path):
    path = write_archive(
        tmp_path,
        article(external_id="good-1"),
        '{"external_id": "broken", "title": ',
        article(external_id="b2", outlet="radio"),
        article(external_id="b3", title="  "),
        article(external_id="b4", published_at="10/03/2024"),
        article(external_id="b5", tags="mắc ca"),
        article(external_id="b6", kind="podcast"),
        "[1, 2, 3]",
        article(external_id="b8", title=42),
        "",
        article(external_id="good-2"),
    )

    with pytest.raises(CommandError, match="8 lines were not imported"):
        import_file(path)

    stderr = call_stderr(path)
    for expected in (
        "line 2: invalid JSON",
        "line 3: outlet must be one of newspaper, broadcast, portal",
        "line 4: title is missing or empty",
        "line 5: published_at is not an ISO 8601 date",
        "line 6: tags must be a list of strings",
        "line 7: kind must be one of article, photo, video, audio",
        "line 8: a line must hold one JSON object",
        "line 9: title must be a string, not a number",
    ):
        assert expected in stderr
    assert set(ArticlePage.objects.values_list("external_id", flat=True)) == {"good-1", "good-2"}


def call_stderr(path):
    stderr = StringIO()
    with pytest.raises(CommandError):
        call_command("import_archive", str(path), stdout=StringIO(), stderr=stderr)
    return stderr.getvalue()


def test_script_and_styles_are_stripped_from_the_body(tmp_path, client):
    hostile = (
        "<p style='color:red' onclick='alert(1)'>Đoạn <b>đậm</b> và "
        "<a href='https://baodaklak.vn/' onmouseover='alert(1)'>liên kết</a>.</p>"
        "<script>alert(1)</script><img src=x onerror=alert(1)>"
        "<a href='javascript:alert(1)'>bấm</a><a href=' JaVaScRiPt:alert(1)'>bấm nữa</a>"
        "<iframe src='https://evil.example/'></iframe><style>body{display:none}</style>"
        "<a data-linktype='page' data-id='1'>trang</a>"
    )
    import_file(write_archive(tmp_path, article(body=hostile)))

    page = ArticlePage.objects.get(external_id="t01")
    stored = page.body[0].value.source
    html = client.get(page.get_url_parts()[2], HTTP_HOST="127.0.0.1").content.decode()
    # The page's own scripts (the share links' static file) are ours; nothing of the archive's may run.
    page_text = re.sub(r'<script src="/static/[\w/.-]+" defer></script>', "", html.split("<main", 1)[-1])
    for text in (stored, page_text):
        for forbidden in (
            "<script",
            "alert(1)",
            "onerror",
            "onclick",
            "onmouseover",
            "javascript:",
            "<iframe",
        ):
            assert forbidden not in text.lower()
        assert "display:none" not in text and "color:red" not in text
    assert '<a href="https://baodaklak.vn/">liên kết</a>' in stored
    assert "<b>đậm</b>" in stored and "linktype" not in stored


def test_the_tree_stays_consistent_across_batches_reimports_and_admin_edits(tmp_path):
    same_title = [article(external_id=f"s{number}", title="Cùng một tiêu đề") for number in range(5)]
    import_file(write_archive(tmp_path, *same_title), "--batch-size", "2")
    import_file(DEV_SET, "--batch-size", "3")
    import_file(DEV_SET, "--batch-size", "3")

    newspaper = OutletHomePage.objects.get(outlet="newspaper")
    column = ColumnPage.objects.child_of(newspaper).get(title="Thời sự")
    same = ArticlePage.objects.child_of(column).filter(title="Cùng một tiêu đề")
    slugs = sorted(same.values_list("slug", flat=True))
    assert slugs == ["cung-mot-tieu-de", "cung-mot-tieu-de-2", "cung-mot-tieu-de-3"] + [
        "cung-mot-tieu-de-4",
        "cung-mot-tieu-de-5",
    ]
    assert_tree_is_consistent()

    # An editor adds a page the admin's way after the import: the tree has room for it.
    added = column.add_child(instance=ArticlePage(title="Bài viết mới trong trang quản trị"))
    added.save_revision().publish()
    import_file(
        write_archive(tmp_path, article(external_id="s9", title="Cùng một tiêu đề"), name="more.jsonl")
    )

    assert added.path < ArticlePage.objects.get(external_id="s9").path
    assert ArticlePage.objects.get(external_id="s9").slug == "cung-mot-tieu-de-6"
    dev_set_in_column = [
        line for line in dev_set_lines() if (line["outlet"], line["column"]) == ("newspaper", "Thời sự")
    ]
    assert column.get_children().count() == 7 + len(dev_set_in_column)
    assert_tree_is_consistent()


@pytest.mark.parametrize(
    ("outlet", "host"),
    [("newspaper", "127.0.0.1"), ("broadcast", "drt.localhost"), ("portal", "congthongtin.localhost")],
)
def test_imported_articles_render_on_their_outlets_site(outlet, host, client):
    import_file(DEV_SET)
    line = next(line for line in dev_set_lines() if line["outlet"] == outlet)
    page = ArticlePage.objects.get(external_id=line["external_id"])

    response = client.get(page.get_url_parts()[2], HTTP_HOST=host)

    assert response.status_code == 200
    assert escape(line["title"]) in response.content.decode()


@pytest.mark.usefixtures("wagtail_search_index")
def test_search_finds_imported_articles(tmp_path):
    import_file(DEV_SET)
    lines = dev_set_lines()
    lines[0] = {**lines[0], "title": "Hợp tác xã ca cao Krông Năng"}
    import_file(write_archive(tmp_path, *lines))

    found = {page.external_id for page in ArticlePage.objects.live().search("mắc ca")}
    assert "d01" in found, "the body and tags are indexed"
    assert {page.external_id for page in ArticlePage.objects.live().search("ca cao")} >= {"d01"}


def found_by_admin_search(query):
    return {page.external_id for page in ArticlePage.objects.live().search(query)}


def in_archive_index(external_ids):
    return set(
        SearchDocument.objects.filter(external_id__in=external_ids).values_list("external_id", flat=True)
    )


@pytest.mark.usefixtures("wagtail_search_index")
def test_an_archive_imported_for_later_indexing_is_found_once_indexed(tmp_path):
    lines = [article(external_id=f"m{number}", title=f"Hợp tác xã mắc ca số {number}") for number in range(5)]
    lines.append("{not json")
    path = write_archive(tmp_path, *lines)
    with pytest.raises(CommandError):
        stdout, _ = import_file(path, "--index-later")
    wanted = {f"m{number}" for number in range(5)}
    assert set(ArticlePage.objects.live().values_list("external_id", flat=True)) == wanted
    assert not found_by_admin_search("mắc ca") and not in_archive_index(wanted)

    stdout = StringIO()
    call_command("index_archive", str(path), "--batch-size", "2", stdout=stdout)

    assert "5 articles indexed" in stdout.getvalue()
    assert found_by_admin_search("mắc ca") == wanted
    assert in_archive_index(wanted) == wanted


def test_import_says_how_to_index_later(tmp_path):
    stdout, _ = import_file(write_archive(tmp_path, article()), "--index-later")
    assert "index_archive" in stdout


def test_progress_is_reported_on_stderr(tmp_path):
    lines = [article(external_id=f"p{number}") for number in range(6)]
    _, stderr = import_file(write_archive(tmp_path, *lines), "--batch-size", "2", "--progress-every", "4")

    assert "4 lines read: 4 created, 0 updated, 0 failed;" in stderr
    assert "lines/s" in stderr


def test_a_moved_article_is_reported_not_duplicated(tmp_path):
    import_file(write_archive(tmp_path, article()))

    with pytest.raises(CommandError):
        import_file(write_archive(tmp_path, article(column="Kinh tế"), name="moved.jsonl"))

    assert ArticlePage.objects.count() == 1
    assert ArticlePage.objects.get().get_parent().title == "Thời sự"


def test_text_is_stored_composed_and_dates_without_offset_are_local_time():
    decomposed = "Bu\u00f4n Ma Thu\u00f4\u0323t"  # ộ as ô plus a combining dot below
    parsed = parse_line(1, json.dumps(article(title=decomposed, published_at="2024-03-10 09:30")))

    assert parsed.title == "Buôn Ma Thuột"
    assert parsed.published_at == datetime.datetime(2024, 3, 10, 9, 30, tzinfo=LOCAL_TIME_ZONE)
    assert parse_line(1, json.dumps({**article(), "kind": None})).kind == "article"
    with pytest.raises(InvalidLine, match="external_id is missing"):
        parse_line(1, json.dumps({**article(), "external_id": ""}))
