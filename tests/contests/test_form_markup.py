"""The public forms as a screen reader and a phone read them: every field labelled, required ones marked, each
consent's box before its sentence in one label, groups in fieldsets with legends, errors tied to their fields."""

import pytest
import time_machine
from bs4 import BeautifulSoup

from .conftest import DURING, entry_data

pytestmark = pytest.mark.django_db

CONSENTS = ["consented_to_rules", "consented_to_publication"]


@pytest.fixture(autouse=True)
def during_the_contest():
    with time_machine.travel(DURING, tick=False):
        yield


def entry_form(response):
    return BeautifulSoup(response.content.decode(), "html.parser").select_one("form.entry-form")


def status_form(response):
    return BeautifulSoup(response.content.decode(), "html.parser").select_one("form.public-form")


def visible_fields(form):
    return [
        field
        for field in form.select("input, select, textarea")
        if field.get("type") not in {"hidden", "radio"} and field["name"] != "homepage"
    ]


def label_of(form, field):
    return form.select_one(f'label[for="{field["id"]}"]')


def test_each_consent_box_comes_before_its_sentence_inside_one_label(client, contest):
    form = entry_form(client.get(contest.url))
    for name in CONSENTS:
        box = form.select_one(f'input[name="{name}"]')
        label = box.find_parent("label")
        assert label is not None and label["for"] == box["id"]
        assert label.contents[0] is box and label.get_text(strip=True).startswith("Tôi ")


def test_every_field_has_a_label_and_a_required_one_says_so(client, contest):
    form = entry_form(client.get(contest.url))
    fields = visible_fields(form)
    assert {field["name"] for field in fields} >= {"full_name", "email", "category", "text", *CONSENTS}
    for field in fields:
        label = label_of(form, field)
        assert label is not None, field["name"]
        assert field.has_attr("required") == bool(label.select(".field__required")), field["name"]
    assert "Các mục có dấu * là bắt buộc." in form.get_text(" ", strip=True)


def test_the_groups_are_fieldsets_with_legends(client, contest):
    form = entry_form(client.get(contest.url))
    legends = [fieldset.legend.get_text(strip=True) for fieldset in form.select("fieldset")]
    assert legends[:2] == ["Người dự thi", "Bài dự thi"] and "Cam kết" in legends
    credit = form.select_one('input[name="credit"]').find_parent("fieldset")
    assert credit.legend.get_text(strip=True).startswith("Tên công bố nếu đoạt giải")


def test_the_choice_of_name_follows_the_consent_that_points_below_to_it(client, contest):
    text = entry_form(client.get(contest.url)).get_text(" ", strip=True)
    assert text.index("tên tôi chọn dưới đây") < text.index("Tên công bố nếu đoạt giải")


def test_the_categories_are_named_as_on_the_contests_page(client, contest):
    options = entry_form(client.get(contest.url)).select('select[name="category"] option')
    assert [option.get_text() for option in options] == ["— Chọn thể loại —", "Bút ký", "Phóng sự"]


def assert_errors_are_tied_to_their_fields(form, names):
    for name in names:
        field = form.select_one(f'[name="{name}"]')
        errors = form.select_one(f"#{field['id']}_error")
        assert errors is not None and errors.get_text(strip=True), name
        assert field["aria-invalid"] == "true"
        assert f"{field['id']}_error" in field["aria-describedby"].split(), name
        assert errors.find_parent(class_="field") is field.find_parent(class_="field"), name


def test_an_error_is_read_with_its_field(client, contest):
    data = entry_data(contest, full_name="", email="khong-phai-email", category="")
    del data["consented_to_rules"]
    form = entry_form(client.post(contest.url, data))
    assert_errors_are_tied_to_their_fields(form, ["full_name", "email", "category", "consented_to_rules"])
    # A help text is read with its field too, errors or not.
    title = form.select_one('[name="title"]')
    assert title["aria-describedby"] == "id_title_helptext" and form.select_one("#id_title_helptext")


def test_the_status_look_up_ties_its_errors_to_its_fields(client, contest):
    form = status_form(client.post(f"{contest.url}tra-cuu/", {"receipt_code": "", "email": "sai"}))
    assert_errors_are_tied_to_their_fields(form, ["receipt_code", "email"])
    for field in visible_fields(form):
        assert label_of(form, field).select(".field__required")
