"""QuickSelect writes the HTML Django's select templates write, whatever its choices, value and attributes."""

import pytest

from django import forms
from django.utils.safestring import mark_safe

from core.select_widgets import QuickSelect

FLAT = [("", "Tất cả"), ("person", "Cá nhân"), ("collective", "Tập thể"), (3, 2024)]
GROUPED = [
    ("", "Tất cả địa phương"),
    ("Xã, phường hiện nay", [("Buôn Ma Thuột", "Buôn Ma Thuột"), ("Ea Kar", "Ea Kar")]),
    ("Địa danh cũ <trước 2025> & khác", [('Huyện "Krông Pắc"', "Huyện <Krông Pắc>")]),
    ("", [("lẻ", "Một lựa chọn lẻ")]),
]


class ChoiceForm(forms.Form):
    def __init__(self, widget_class, choices, attrs, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choice"] = forms.ChoiceField(
            label="Lựa chọn", required=False, choices=choices, widget=widget_class(attrs=attrs)
        )


@pytest.mark.parametrize("choices", [FLAT, GROUPED], ids=["flat", "grouped"])
@pytest.mark.parametrize("value", ["", "person", "3", "Ea Kar", 'Huyện "Krông Pắc"', "not a choice"])
@pytest.mark.parametrize(
    "attrs",
    [{}, {"class": "filters__select", "data-x": 'a "quoted" <value>', "disabled": False, "autofocus": True}],
    ids=["no attributes", "attributes"],
)
def test_the_html_is_djangos_own(choices, value, attrs):
    def html(widget_class):
        form = ChoiceForm(widget_class, choices, attrs, data={"choice": value})
        return str(form["choice"])

    assert html(QuickSelect) == html(forms.Select)


def test_labels_marked_safe_are_not_escaped_twice():
    choices = [("a", mark_safe("<b>Đậm</b>")), (mark_safe("b&amp;c"), "B &amp; C")]
    rendered = {
        widget_class: widget_class(choices=choices).render("choice", "a")
        for widget_class in (QuickSelect, forms.Select)
    }
    assert rendered[QuickSelect] == rendered[forms.Select]
    assert "<b>Đậm</b>" in rendered[QuickSelect] and "B &amp;amp; C" in rendered[QuickSelect]
