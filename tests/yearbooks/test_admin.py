"""The admin's yearbooks: the Department and the outlets' editors ask for a book, follow its making and download
it, again later; a unit's officer, a journalist and a visitor get neither the list, the form nor the file."""

import pytest

from django.urls import reverse

from tests.exemplars.conftest import assert_refused
from yearbooks.making import make_due_yearbooks
from yearbooks.models import Yearbook

from .books import TITLE, ask
from .conftest import EDITOR, JOURNALIST

pytestmark = pytest.mark.usefixtures("private_files")

INDEX = reverse("yearbooks:index")
CREATE = reverse("yearbooks:create")


def detail(yearbook):
    return reverse("yearbooks:detail", args=[yearbook.pk])


def download(yearbook):
    return reverse("yearbooks:download", args=[yearbook.pk])


def made_book():
    yearbook = ask()
    make_due_yearbooks()
    yearbook.refresh_from_db()
    return yearbook


def test_an_editor_asks_for_a_book_follows_it_and_downloads_it_twice(client, make_user, short_profile):
    editor = make_user("bientap", EDITOR)
    client.force_login(editor)

    form = client.get(CREATE)
    assert form.status_code == 200
    assert [value for value, _label in form.context["form"].fields["outlet"].choices] == ["portal"]
    response = client.post(CREATE, {"title": TITLE, "outlet": "portal", "year": short_profile.year})
    yearbook = Yearbook.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(yearbook)
    assert (yearbook.status, yearbook.requested_by, yearbook.profiles_total) == ("pending", editor, 1)

    waiting = client.get(detail(yearbook)).content.decode()
    assert 'http-equiv="refresh"' in waiting
    make_due_yearbooks()
    ready = client.get(detail(yearbook)).content.decode()
    assert 'http-equiv="refresh"' not in ready and download(yearbook) in ready
    listing = client.get(INDEX).content.decode()
    assert TITLE in listing and "1/1" in listing and download(yearbook) in listing

    for _again in range(2):
        pdf = client.get(download(yearbook))
        assert pdf.status_code == 200
        assert pdf["Content-Type"] == "application/pdf"
        assert pdf["Content-Disposition"].startswith("attachment;")
        assert pdf["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in pdf["Cache-Control"]
        assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_the_department_may_put_any_outlets_masthead(client, reviewer, short_profile):
    client.force_login(reviewer)
    form = client.get(CREATE)
    assert len(form.context["form"].fields["outlet"].choices) == 3


def test_a_selection_matching_no_profile_is_refused_with_a_clear_error(client, make_user, short_profile):
    client.force_login(make_user("bientap", EDITOR))
    response = client.post(CREATE, {"title": TITLE, "outlet": "portal", "year": 1999})
    assert response.status_code == 200
    assert "Không có hồ sơ nào" in response.content.decode()
    assert not Yearbook.objects.exists()
    bad_year = client.post(CREATE, {"title": TITLE, "outlet": "portal", "year": "năm ngoái"})
    assert bad_year.status_code == 200 and not Yearbook.objects.exists()


def test_an_editor_may_not_put_another_outlets_masthead(client, make_user, short_profile):
    client.force_login(make_user("bientap", EDITOR))
    response = client.post(CREATE, {"title": TITLE, "outlet": "newspaper"})
    assert response.status_code == 200
    assert not Yearbook.objects.exists()


@pytest.mark.parametrize("who", ["unit officer", "journalist", "signed out"])
def test_others_get_neither_the_list_the_form_nor_the_file(client, make_user, officer_a, short_profile, who):
    yearbook = made_book()
    if who == "unit officer":
        client.force_login(officer_a)
    elif who == "journalist":
        client.force_login(make_user("phongvien", JOURNALIST))
    for url in (INDEX, CREATE, detail(yearbook), download(yearbook)):
        response = client.get(url)
        if who == "signed out":
            assert response.status_code == 302 and response["Location"].startswith(
                reverse("wagtailadmin_login")
            )
        else:
            assert_refused(response)
        assert b"%PDF" not in response.content
    refused_post = client.post(CREATE, {"title": TITLE, "outlet": "portal"})
    assert refused_post.status_code in (302, 403)
    assert Yearbook.objects.count() == 1
    if who != "signed out":
        assert "Kỷ yếu" not in client.get(reverse("wagtailadmin_home")).content.decode()
