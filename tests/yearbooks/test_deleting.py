"""Deleting a yearbook in the admin: asked first, done on POST only, the row and its PDF gone once the deletion
commits, even while a worker makes the book; by the one who asked for it, the Department and administrators, and
refused to everybody else with nothing deleted."""

import pytest

from django.urls import reverse

from tests.exemplars.conftest import assert_refused
from yearbooks import making
from yearbooks.making import make_due_yearbooks
from yearbooks.models import Yearbook
from yearbooks.views import delete_yearbook

from .books import TITLE, ask
from .conftest import EDITOR, JOURNALIST

pytestmark = pytest.mark.usefixtures("private_files")

INDEX = reverse("yearbooks:index")


def detail(yearbook):
    return reverse("yearbooks:detail", args=[yearbook.pk])


def delete(yearbook):
    return reverse("yearbooks:delete", args=[yearbook.pk])


def made_book(requested_by=None):
    yearbook = ask()
    Yearbook.objects.filter(pk=yearbook.pk).update(requested_by=requested_by)
    make_due_yearbooks()
    yearbook.refresh_from_db()
    assert yearbook.status == Yearbook.Status.DONE
    return yearbook


def stored_files(private_files):
    return [path for path in private_files.rglob("*") if path.is_file()]


def test_the_asker_is_asked_first_then_the_book_and_its_file_are_gone(
    client, make_user, short_profile, private_files, django_capture_on_commit_callbacks
):
    editor = make_user("bientap", EDITOR)
    yearbook = made_book(requested_by=editor)
    pdf = private_files / yearbook.file.name
    assert pdf.is_file()
    client.force_login(editor)

    assert delete(yearbook) in client.get(detail(yearbook)).content.decode()
    assert delete(yearbook) in client.get(INDEX).content.decode()
    confirmation = client.get(delete(yearbook))
    assert confirmation.status_code == 200
    page = confirmation.content.decode()
    assert f"Xóa kỷ yếu “{TITLE}”?" in page
    assert "<dd>Đã xong</dd>" in page
    assert yearbook.progress in page
    assert 'method="POST"' in page and "csrfmiddlewaretoken" in page
    # Asking is all a GET does.
    assert Yearbook.objects.filter(pk=yearbook.pk).exists() and pdf.is_file()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(delete(yearbook), follow=True)
    assert response.redirect_chain == [(INDEX, 302)]
    assert f"Đã xóa kỷ yếu “{TITLE}”." in response.content.decode()
    assert not Yearbook.objects.filter(pk=yearbook.pk).exists()
    assert stored_files(private_files) == []


def test_a_book_deleted_while_it_is_made_is_dropped_at_its_next_progress_report(
    short_profile, private_files, monkeypatch, caplog
):
    stored = []
    monkeypatch.setattr(making, "store", lambda *args: stored.append(args))
    claimed = making.claim(ask(year=short_profile.year).pk)
    delete_yearbook(claimed.pk)

    making.make(claimed)

    assert stored == [], "the worker stops when its report finds no row, and stores nothing"
    assert not Yearbook.objects.exists()
    assert stored_files(private_files) == []
    # A deletion is no failure of the making: nothing is logged as an error.
    assert not [record for record in caplog.records if record.levelname == "ERROR"]


def test_a_book_deleted_after_its_last_report_keeps_no_file(
    short_profile, private_files, monkeypatch, caplog
):
    outcomes = []
    making_store = making.store

    def delete_then_store(yearbook, *args):
        delete_yearbook(yearbook.pk)
        try:
            making_store(yearbook, *args)
        except making.LostClaim:
            outcomes.append("lost")
            raise

    monkeypatch.setattr(making, "store", delete_then_store)
    claimed = making.claim(ask(year=short_profile.year).pk)

    making.make(claimed)

    # The file was written, no row was there to mark done, and the file was removed again.
    assert outcomes == ["lost"]
    assert not Yearbook.objects.exists()
    assert stored_files(private_files) == []
    assert not [record for record in caplog.records if record.levelname == "ERROR"]


def test_the_department_deletes_a_book_an_editor_asked_for(
    client, make_user, reviewer, short_profile, private_files, django_capture_on_commit_callbacks
):
    yearbook = made_book(requested_by=make_user("bientap", EDITOR))
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(delete(yearbook))
    assert response.status_code == 302 and response["Location"] == INDEX
    assert not Yearbook.objects.exists() and stored_files(private_files) == []


def test_a_book_waiting_to_be_made_is_deleted_and_never_made(client, reviewer, short_profile, private_files):
    yearbook = ask()
    client.force_login(reviewer)
    assert "Kỷ yếu đang được tạo dở" in client.get(delete(yearbook)).content.decode()
    client.post(delete(yearbook))
    assert make_due_yearbooks() == 0
    assert not Yearbook.objects.exists() and stored_files(private_files) == []


@pytest.mark.parametrize("who", ["another editor", "unit officer", "journalist", "signed out"])
def test_others_may_neither_see_the_button_nor_delete(
    client, make_user, officer_a, short_profile, private_files, who
):
    yearbook = made_book(requested_by=make_user("bientap", EDITOR))
    if who == "another editor":
        client.force_login(make_user("bientap2", EDITOR))
    elif who == "unit officer":
        client.force_login(officer_a)
    elif who == "journalist":
        client.force_login(make_user("phongvien", JOURNALIST))

    for response in (client.get(delete(yearbook)), client.post(delete(yearbook))):
        if who == "signed out":
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("wagtailadmin_login"))
        else:
            assert_refused(response)
    if who == "another editor":
        # They see the book, its page and its file, never a way to delete it.
        assert delete(yearbook) not in client.get(detail(yearbook)).content.decode()
        assert delete(yearbook) not in client.get(INDEX).content.decode()
    assert Yearbook.objects.filter(pk=yearbook.pk).exists()
    assert (private_files / yearbook.file.name).is_file()


def test_a_missing_book_is_not_found(client, reviewer, short_profile):
    yearbook = made_book()
    missing = reverse("yearbooks:delete", args=[yearbook.pk + 1])
    client.force_login(reviewer)
    assert client.get(missing).status_code == 404
    assert client.post(missing).status_code == 404
    assert Yearbook.objects.count() == 1


def test_a_refused_user_learns_nothing_of_a_missing_book(client, officer_a, db):
    client.force_login(officer_a)
    assert_refused(client.get(reverse("yearbooks:delete", args=[999])))
