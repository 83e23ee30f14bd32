"""The widgets written out directly give the markup Django's own templates give, for every state a page shows."""

import pytest

from django import forms
from django.test.html import parse_html

from quizzes.forms import DirectCheckboxes, DirectRadioSelect, ManyOptionsSelect

CHOICES = [("A", "Chiến dịch <Tây Nguyên>"), ("B", "H'Hen Niê & Y Bhim"), ("C", "Cà phê")]
GROUPED = [
    ("", "— Chọn —"),
    ("Cơ quan, đơn vị", [("unit-1", "Sở Y tế"), ("unit-2", "Trường <THPT>")]),
    ("Xã, phường", [("locality-3", "Xã Ea Kao")]),
]


@pytest.mark.parametrize(
    ("ours", "djangos", "value"),
    [
        (DirectRadioSelect, forms.RadioSelect, None),
        (DirectRadioSelect, forms.RadioSelect, "B"),
        (DirectCheckboxes, forms.CheckboxSelectMultiple, ["A", "C"]),
        (DirectCheckboxes, forms.CheckboxSelectMultiple, []),
    ],
)
def test_options_are_written_as_djangos_templates_write_them(ours, djangos, value):
    attrs = {"id": "id_cau-1"}
    assert ours(choices=CHOICES).render("cau-1", value, attrs) == djangos(choices=CHOICES).render(
        "cau-1", value, attrs
    )


@pytest.mark.parametrize("value", [None, "", "unit-2", "locality-3"])
def test_the_select_of_many_options_holds_what_djangos_holds(value):
    attrs = {"id": "id_affiliation", "required": True, "aria-describedby": "id_affiliation_error"}
    ours = ManyOptionsSelect(choices=GROUPED).render("affiliation", value, attrs)
    djangos = forms.Select(choices=GROUPED).render("affiliation", value, attrs)
    # The same elements, attributes and texts (parse_html: what assertHTMLEqual compares).
    assert parse_html(ours) == parse_html(djangos)
