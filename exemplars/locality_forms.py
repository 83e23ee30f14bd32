"""The admin forms of localities and units: new data follows the two-level map of 1 July 2025.

A form offers the communes and wards of the present, never a district-level locality or kind; a record that
already holds one keeps it (it is offered that one value too), so data entered before stays editable as it is.
The models are reached through the form's own model: this module is imported by them.
"""

from django import forms

from wagtail.admin.forms import WagtailAdminModelForm


def offer_only(field, allowed, current):
    """Leave in `field` the blank choice, the `allowed` values and the record's `current` value."""
    field.choices = [(value, label) for value, label in field.choices if value in {"", current, *allowed}]


class LocalityForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_only(self.fields["kind"], self._meta.model.PRESENT_KINDS, self.instance.kind)


class UnitForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        unit_model = self._meta.model
        present_kinds = [value for value in unit_model.Kind.values if value not in unit_model.FORMER_KINDS]
        offer_only(self.fields["kind"], present_kinds, self.instance.kind)
        self._offer_present_localities(unit_model._meta.get_field("locality").related_model)

    def _offer_present_localities(self, locality_model):
        # A list rather than the snippet chooser, which would list every locality, former ones included.
        field = self.fields["locality"]
        field.widget = forms.Select()
        localities = locality_model.objects
        field.queryset = localities.present() | localities.filter(pk=self.instance.locality_id)
