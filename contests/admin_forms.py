"""The contest editor's checks across fields and inline panels."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm

RUBRIC_TOTAL = 100


class ContestPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        opens_at, closes_at = cleaned_data.get("opens_at"), cleaned_data.get("closes_at")
        if opens_at and closes_at and closes_at <= opens_at:
            self.add_error("closes_at", _("The contest closes after it opens."))
        min_words, max_words = cleaned_data.get("min_words"), cleaned_data.get("max_words")
        if min_words and max_words and min_words > max_words:
            self.add_error("max_words", _("The maximum is below the minimum."))
        self._check_rubric_weights()
        return cleaned_data

    def _check_rubric_weights(self):
        formset = self.formsets["rubric_criteria"]
        if not formset.is_valid():
            return
        weights = [
            form.cleaned_data["weight"]
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        if weights and sum(weights) != RUBRIC_TOTAL:
            raise ValidationError(
                _("The weights of the rubric add up to %(total)s; they must add up to 100."),
                params={"total": sum(weights)},
            )
