"""The registry's filters, read from the query string: a bad value is reported and ignored, never an error page."""

from urllib.parse import urlencode

from django import forms

from .models import AchievementField, EmulationCluster, ExemplarPage, Locality, MovementPage, Unit


def year_choices():
    years = ExemplarPage.objects.live().order_by("-year").values_list("year", flat=True).distinct()
    return [("", "Tất cả các năm"), *((year, year) for year in years)]


class RegistryFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label="Đối tượng",
        required=False,
        choices=[("", "Tất cả"), *ExemplarPage.SUBJECT_KIND_NAMES.items()],
    )
    field = forms.ModelChoiceField(
        label="Lĩnh vực",
        required=False,
        queryset=AchievementField.objects.all(),
        to_field_name="code",
        empty_label="Tất cả lĩnh vực",
    )
    unit = forms.ModelChoiceField(
        label="Cơ quan, đơn vị", required=False, queryset=Unit.objects.all(), empty_label="Tất cả đơn vị"
    )
    locality = forms.ModelChoiceField(
        label="Địa phương", required=False, queryset=Locality.objects.all(), empty_label="Tất cả địa phương"
    )
    cluster = forms.ModelChoiceField(
        label="Cụm, khối thi đua",
        required=False,
        queryset=EmulationCluster.objects.all(),
        empty_label="Tất cả cụm, khối",
    )
    movement = forms.ModelChoiceField(
        label="Phong trào",
        required=False,
        queryset=MovementPage.objects.live().order_by("sort_name"),
        empty_label="Tất cả phong trào",
    )
    year = forms.TypedChoiceField(
        label="Năm", required=False, coerce=int, empty_value=None, choices=year_choices
    )

    # The filter each valid value applies to the profiles.
    LOOKUPS = {
        "kind": "subject_kind",
        "field": "achievement_fields",
        "unit": "unit",
        "locality": "unit__locality",
        "cluster": "unit__cluster",
        "movement": "movements",
        "year": "year",
    }

    def valid_values(self):
        """The filters given with a valid value; the invalid ones are left out and reported in `errors`."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}

    def lookups(self):
        return {self.LOOKUPS[name]: value for name, value in self.valid_values().items()}

    def query_string(self):
        """The valid filters as a query string, for the pagination links."""
        return urlencode({name: self.data[name] for name in self.valid_values()})
