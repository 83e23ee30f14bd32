"""A nomination's record in the admin puts yes, no and nothing in words, where Wagtail's inspect view prints
Python's True, False and None."""

from bs4 import BeautifulSoup

from django.urls import reverse

from exemplars.views.nominations import EMPTY_VALUE


def record_fields(html):
    """{label: value} of the record's list of fields."""
    record = BeautifulSoup(html, "html.parser").find("dl")
    return {
        term.get_text(strip=True): term.find_next_sibling("dd").get_text(strip=True)
        for term in record.find_all("dt")
    }


def test_a_nominations_record_shows_yes_no_and_a_dash_for_an_empty_field(client, officer_a, make_nomination):
    nomination = make_nomination(officer_a, is_new_factor=False, is_sudden_deed=True)
    client.force_login(officer_a)

    html = client.get(reverse("exemplars_nominations:inspect", args=[nomination.pk])).content.decode()

    fields = record_fields(html)
    assert fields["Nhân tố mới"] == "Không"
    assert fields["Thành tích đột xuất"] == "Có"
    assert fields["Ngày quyết định"] == EMPTY_VALUE
    assert fields["Hồ sơ điển hình tiên tiến"] == EMPTY_VALUE
    assert not {"True", "False", "None"} & set(fields.values())
