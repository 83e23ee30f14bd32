"""Script typed into every field stays text wherever it shows; the organisers' list, export and rubric check."""

import pytest
import time_machine

from django.core import mail
from django.urls import reverse

from wagtail.search import index
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from contests.models import ContestPage, Entry
from contests.setup import ORGANISERS_GROUP

from .conftest import CLOSES_AT, DURING, OPENS_AT, entry_data

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
TEXT_FIELDS = ["full_name", "pen_name", "address", "title", "text"]


@pytest.fixture
def scripted_entry(client, contest, django_capture_on_commit_callbacks):
    data = entry_data(contest, **{name: f"{SCRIPT} {name}" for name in TEXT_FIELDS}, credit="pen_name")
    with time_machine.travel(DURING, tick=False), django_capture_on_commit_callbacks(execute=True):
        response = client.post(contest.url, data)
    return response, Entry.objects.get()


def assert_escaped(html):
    assert SCRIPT not in html
    assert "&lt;script&gt;" in html


def test_script_is_text_on_the_receipt_status_and_failed_form(client, contest, scripted_entry):
    receipt, entry = scripted_entry
    assert_escaped(receipt.content.decode())
    with time_machine.travel(DURING, tick=False):
        status = client.post(
            f"{contest.url}tra-cuu/", {"receipt_code": entry.receipt_code, "email": entry.email}
        )
        failed = client.post(
            contest.url, entry_data(contest, **dict.fromkeys(TEXT_FIELDS, SCRIPT), phone="x")
        )
    assert_escaped(status.content.decode())
    assert_escaped(failed.content.decode())
    assert "text/plain" in mail.outbox[0].message()["Content-Type"]  # the e-mail is never read as HTML


def test_script_is_text_in_the_organisers_list_and_edit_view(client, scripted_entry, roles, make_user):
    _, entry = scripted_entry
    client.force_login(make_user("bantochuc", ORGANISERS_GROUP))
    listing = client.get(reverse("entry:index"))
    assert listing.status_code == 200 and "title title" not in listing.content.decode()
    assert_escaped(listing.content.decode())
    assert client.get(reverse("entry:edit", args=[entry.pk])).status_code == 200


def test_the_export_keeps_formulas_inert(client, contest, roles, make_user):
    with time_machine.travel(DURING, tick=False):
        client.post(
            contest.url,
            entry_data(contest, title='=HYPERLINK("http://x")', full_name="+Hoa", pen_name="@Hoa"),
        )
    client.force_login(make_user("bantochuc", ORGANISERS_GROUP))
    csv = b"".join(client.get(reverse("entry:index") + "?export=csv").streaming_content).decode()
    assert "'=HYPERLINK" in csv and "'+Hoa" in csv and "'@Hoa" in csv
    assert "2025-03-11 14:00:00" in csv  # the receipt time in the province's clock
    xlsx = client.get(reverse("entry:index") + "?export=xlsx")
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_only_organisers_list_entries_and_nobody_adds_or_deletes_one(client, contest, roles, make_user):
    with time_machine.travel(DURING, tick=False):
        client.post(contest.url, entry_data(contest))
    entry = Entry.objects.get()
    client.force_login(make_user("phongvien", "Báo Đắk Lắk · Phóng viên"))
    assert client.get(reverse("entry:index")).status_code == 302
    client.force_login(make_user("quantri", is_superuser=True, admin_language="en"))
    assert client.get(reverse("entry:add")).status_code == 302
    assert client.post(reverse("entry:delete", args=[entry.pk])).status_code == 302
    assert Entry.objects.filter(pk=entry.pk).exists()


def test_entries_stay_out_of_the_search_index():
    assert not issubclass(Entry, index.Indexed)


def contest_form(weights):
    criteria = [
        {"name": f"Tiêu chí {n}", "weight": weight, "description": ""} for n, weight in enumerate(weights)
    ]
    return nested_form_data(
        {
            "title": "Cuộc thi mới",
            "slug": "cuoc-thi-moi",
            "theme": "Chủ đề",
            "rules": rich_text("<p>Thể lệ</p>"),
            "eligibility": "Mọi người",
            "opens_at": OPENS_AT.strftime("%Y-%m-%d %H:%M"),
            "closes_at": CLOSES_AT.strftime("%Y-%m-%d %H:%M"),
            "entries_per_person": 1,
            "accepts_docx": "on",
            "categories": inline_formset([{"name": "Bút ký", "description": ""}]),
            "prizes": inline_formset([]),
            "rubric_criteria": inline_formset(criteria),
        }
    )


@pytest.mark.parametrize(("weights", "created"), [([60, 40], True), ([60, 30], False)])
def test_the_rubric_weights_must_add_up_to_100(client, contest_index, make_user, weights, created):
    client.force_login(make_user("quantri", is_superuser=True, admin_language="en"))
    url = reverse("wagtailadmin_pages:add", args=["contests", "contestpage", contest_index.pk])
    response = client.post(url, contest_form(weights))
    assert ContestPage.objects.filter(slug="cuoc-thi-moi").exists() is created
    if not created:
        assert "they must add up to 100" in response.content.decode()
