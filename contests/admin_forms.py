"""The contest editor's checks across fields and inline panels."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from newsroom.page_forms import NewsroomPageForm

RUBRIC_TOTAL = 100


class ContestPageForm(NewsroomPageForm):
    def clean(self):
        cleaned_data = super().clean()
        opens_at, closes_at = cleaned_data.get("opens_at"), cleaned_data.get("closes_at")
        if opens_at and closes_at and closes_at <= opens_at:
            self.add_error("closes_at", _("The contest closes after it opens."))
        min_words, max_words = cleaned_data.get("min_words"), cleaned_data.get("max_words")
        if min_words and max_words and min_words > max_words:
            self.add_error("max_words", _("The maximum is below the minimum."))
        self._check_rubric_weights()
        if self.instance.pk:
            self._check_rubric_is_locked()
            self._check_categories_with_entries_stay()
            self._check_prizes_cover_awards()
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

    def _kept_children(self, relation):
        """{pk: cleaned data} of the existing children the submitted inline panel keeps, and how many it adds."""
        formset = self.formsets[relation]
        if not formset.is_valid():
            return None, 0  # the inline panel's own errors are shown; nothing to compare yet
        kept, added = {}, 0
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            if form.instance.pk:
                kept[form.instance.pk] = data
            else:
                added += 1
        return kept, added

    def _check_rubric_is_locked(self):
        """Once a judge has scored, the rubric's criteria and weights stay: sheets would silently change."""
        if not self.instance.rubric_is_scored():
            return
        saved = self.instance.saved_rubric_weights()
        kept, added = self._kept_children("rubric_criteria")
        if kept is None:
            return
        reweighted = any(data.get("weight") != saved[pk] for pk, data in kept.items() if pk in saved)
        if added or set(kept) != set(saved) or reweighted:
            self.add_error(
                None,
                _(
                    "Judges have already scored entries against this rubric: criteria can no longer be added, "
                    "removed or re-weighted (their names and descriptions may still be corrected)."
                ),
            )

    def _check_categories_with_entries_stay(self):
        kept, _added = self._kept_children("categories")
        if kept is None:
            return
        for category in self.instance.categories_with_entries().exclude(pk__in=list(kept)):
            self.add_error(
                None,
                _("The category “%(name)s” has entries: it cannot be removed.") % {"name": category.name},
            )

    def _check_prizes_cover_awards(self):
        kept, _added = self._kept_children("prizes")
        if kept is None:
            return
        for prize in self.instance.awarded_prizes():
            if prize.pk not in kept:
                message = _("The prize “%(name)s” has been awarded: it cannot be removed.")
            elif (kept[prize.pk].get("count") or 0) < prize.awarded:
                message = _(
                    "The prize “%(name)s” has been awarded %(awarded)s times: its number cannot be lower."
                )
            else:
                continue
            self.add_error(None, message % {"name": prize.name, "awarded": prize.awarded})
