"""The editors' decisions about a tip, as forms in the admin's language (tips.moderation makes them)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.admin.widgets import AdminDateInput

from core.dates import local_today
from exemplars.models import Unit

from . import moderation
from .models import REJECTION_REASON_MAX_CHARS


class DecisionForm(forms.Form):
    def __init__(self, tip, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.tip = tip


class AcceptForm(DecisionForm):
    heading = _("Accept: assign a story")
    button = _("Assign the story")
    success_message = _("The tip is accepted: the story is assigned to the journalist.")

    journalist = forms.ModelChoiceField(label=_("Journalist"), queryset=None)
    due_on = forms.DateField(label=_("Due on"), widget=AdminDateInput)

    def __init__(self, tip, *args, **kwargs):
        super().__init__(tip, *args, **kwargs)
        self.fields["journalist"].queryset = moderation.journalists_of(tip.outlet)
        self.fields["journalist"].label_from_instance = lambda user: (
            user.get_full_name() or user.get_username()
        )

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < local_today():
            raise ValidationError(_("The due date cannot be in the past."))
        return due_on

    def decide(self, editor):
        moderation.accept(self.tip, editor, self.cleaned_data["journalist"], self.cleaned_data["due_on"])


class PassForm(DecisionForm):
    heading = _("Pass to a unit as a suggestion for nomination")
    button = _("Pass to the unit")
    success_message = _("The tip is passed to the unit; its officers and the Department see it.")

    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.all())

    def decide(self, editor):
        moderation.pass_to_unit(self.tip, editor, self.cleaned_data["unit"])


class MergeForm(DecisionForm):
    heading = _("Merge as a duplicate")
    button = _("Merge")
    success_message = _("The tip is merged into the other one as a duplicate.")

    original = forms.ModelChoiceField(label=_("Duplicate of the tip"), queryset=None)

    def __init__(self, tip, *args, **kwargs):
        super().__init__(tip, *args, **kwargs)
        self.fields["original"].queryset = moderation.duplicate_candidates(tip)

    def decide(self, editor):
        moderation.merge(self.tip, editor, self.cleaned_data["original"])


class RejectForm(DecisionForm):
    heading = _("Reject")
    button = _("Reject the tip")
    success_message = _("The tip is rejected.")

    reason = forms.CharField(
        label=_("Reason"),
        max_length=REJECTION_REASON_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the admin; the tipster is only told that the tip is not used."),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Say why the tip is rejected."))
        return reason

    def decide(self, editor):
        moderation.reject(self.tip, editor, self.cleaned_data["reason"])


DECISION_FORMS = {"accept": AcceptForm, "pass": PassForm, "merge": MergeForm, "reject": RejectForm}
