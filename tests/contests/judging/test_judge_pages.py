"""The judge's pages: their contests and progress, a contest's entries, an entry and its file — never the writer."""

import io
import re
import zipfile

import pytest

from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contests.models import Entry, FileKind, Recusal

from .test_anonymise import NAME, build_zip, docx_members

pytestmark = pytest.mark.django_db

# Everything that could tell a judge who wrote the entry; none of it may appear on their pages.
IDENTITY = {
    "full_name": "Hoàng Thị Mơ Ly",
    "pen_name": "Sương Mai Ea Tam",
    "email": "moly.hoang@example.vn",
    "email_key": "moly.hoang@example.vn",
    "phone": "0987 654 321",
    "address": "Thôn 3, xã Cư Êbur",
    "receipt_code": "NG-MOLY123456",
    "file_name": "bai-du-thi-cua-mo-ly.docx",
}


@pytest.fixture
def identified_entry(judged_contest, make_entry):
    return make_entry(
        judged_contest, title="Cô giáo cắm bản ở Ea Súp", text="Một hai ba bốn năm.", **IDENTITY
    )


@pytest.fixture
def attach():
    """Stores a file for an entry in the private storage, and removes it after the test."""
    entries = []

    def store(entry, content, kind):
        entry.file.save(f"entries/test/{entry.pk}.{kind}", ContentFile(content), save=False)
        entry.file_kind = kind
        entry.save()
        entries.append(entry)
        return entry

    yield store
    for entry in entries:
        entry.file.delete(save=False)


def assert_no_identity(html):
    for value in IDENTITY.values():
        assert value not in html


def test_the_judge_sees_their_contests_with_their_own_progress(
    client, judged_contest, make_judge, write_sheet
):
    writing, report = judged_contest.categories.all()
    judge = make_judge(contest=judged_contest, categories=[report])
    write_sheet(judged_contest.entries.filter(category=report).first(), judge, 8, 6.5)
    client.force_login(judge)

    response = client.get(reverse("contests_judge_index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        judged_contest.title in html and reverse("contests_judge_contest", args=[judged_contest.pk]) in html
    )
    assert "Phóng sự" in html and "Scoring open" in html
    progress = response.context["object_list"][0]
    assert (progress.scored, progress.to_score, progress.recused) == (1, 1, 0)


def test_the_menu_shows_judging_to_judges_on_a_panel_only(client, judged_contest, make_judge, organiser):
    client.force_login(make_judge(contest=judged_contest))
    assert reverse("contests_judge_index") in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(make_judge())  # in the judges group, on no panel yet
    assert reverse("contests_judge_index") not in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(organiser)
    assert reverse("contests_judge_index") not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_entries_list_shows_label_category_title_and_length_but_never_the_writer(
    client, judged_contest, make_judge, identified_entry, write_sheet
):
    judge = make_judge(contest=judged_contest)
    write_sheet(identified_entry, judge, 8, 7)
    client.force_login(judge)

    response = client.get(reverse("contests_judge_contest", args=[judged_contest.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert identified_entry.anonymous_label in html and "Cô giáo cắm bản ở Ea Súp" in html
    assert "Bút ký" in html and re.search(r">\s*5\s*</td>", html)  # five words
    assert "Scored · 7.60" in html or "Scored · 7,60" in html  # 8 × 60% + 7 × 40%
    assert_no_identity(html)
    assert "30/4/2025" not in html and "17:00" not in html  # no time of receipt
    assert judged_contest.entries.get(status=Entry.Status.DISQUALIFIED).anonymous_label not in html


def test_the_entries_list_costs_the_same_queries_for_2_and_8_entries(
    client, make_contest, make_judge, make_entry, write_sheet
):
    def list_queries(slug, entries):
        contest = make_contest(title=f"Cuộc thi {slug}", slug=slug)
        judge = make_judge(contest=contest)
        for number in range(entries):
            entry = make_entry(contest, text="Một bài viết ngắn.")
            if number % 2:
                write_sheet(entry, judge, 7, 8)
        client.force_login(judge)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("contests_judge_contest", args=[contest.pk]))
        assert response.status_code == 200 and len(response.context["object_list"]) == entries
        return len(queries)

    assert list_queries("hai-bai", 2) == list_queries("tam-bai", 8)


def test_the_entry_page_shows_the_writing_and_never_the_writer(
    client, judged_contest, make_judge, identified_entry
):
    client.force_login(make_judge(contest=judged_contest))
    response = client.get(reverse("contests_judge_entry", args=[identified_entry.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cô giáo cắm bản ở Ea Súp" in html and "Một hai ba bốn năm." in html and "Bút ký" in html
    assert_no_identity(html)


def test_the_judge_downloads_an_anonymised_copy_named_after_the_entry_number(
    client, judged_contest, make_judge, identified_entry, attach
):
    attach(identified_entry, build_zip(docx_members()), FileKind.DOCX)
    client.force_login(make_judge(contest=judged_contest))

    entry_page = client.get(reverse("contests_judge_entry", args=[identified_entry.pk])).content.decode()
    assert reverse("contests_judge_file", args=[identified_entry.pk]) in entry_page
    assert (
        f"bai-so-{identified_entry.number:03d}.docx" in entry_page and IDENTITY["file_name"] not in entry_page
    )
    response = client.get(reverse("contests_judge_file", args=[identified_entry.pk]))
    assert response.status_code == 200
    assert f'filename="bai-so-{identified_entry.number:03d}.docx"' in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        everything = b"".join(archive.read(name) for name in archive.namelist()).decode()
    assert NAME not in everything and "Chị H'Linh" in everything
    with identified_entry.file.open("rb") as stored:
        untouched = zipfile.ZipFile(stored).read("docProps/core.xml").decode()
    assert NAME in untouched  # the stored file is as the entrant sent it


def test_a_file_that_cannot_be_anonymised_is_not_served_at_all(
    client, judged_contest, make_judge, identified_entry, attach
):
    members = docx_members()
    members["word/comments.xml"] = '<!DOCTYPE x><w:comments xmlns:w="x"/>'
    attach(identified_entry, build_zip(members), FileKind.DOCX)
    client.force_login(make_judge(contest=judged_contest))

    response = client.get(reverse("contests_judge_file", args=[identified_entry.pk]), follow=True)
    assert response.redirect_chain[0][0] == reverse("contests_judge_entry", args=[identified_entry.pk])
    assert "cannot be shown" in response.content.decode()
    assert "Content-Disposition" not in response


def test_an_entry_without_a_file_has_no_file_to_download(
    client, judged_contest, make_judge, identified_entry
):
    client.force_login(make_judge(contest=judged_contest))
    assert client.get(reverse("contests_judge_file", args=[identified_entry.pk])).status_code == 404


def test_a_recused_judge_gets_neither_the_file_nor_the_page(
    client, judged_contest, make_judge, identified_entry, attach
):
    attach(identified_entry, build_zip(docx_members()), FileKind.DOCX)
    judge = make_judge(contest=judged_contest)
    Recusal.objects.create(entry=identified_entry, judge=judge, reason="Người quen")
    client.force_login(judge)
    assert client.get(reverse("contests_judge_file", args=[identified_entry.pk])).status_code == 404
    assert client.get(reverse("contests_judge_entry", args=[identified_entry.pk])).status_code == 404
    listing = client.get(reverse("contests_judge_contest", args=[judged_contest.pk])).content.decode()
    assert identified_entry.anonymous_label not in listing
