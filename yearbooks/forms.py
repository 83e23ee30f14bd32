"""The admin's form asking for a yearbook: its title, the masthead on its cover, and which profiles it gathers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from exemplars.models import AchievementField, ExemplarPage, MovementPage
from newsroom.models import Outlet

from .content import selected_profiles
from .models import Yearbook


class YearbookForm(forms.ModelForm):
    class Meta:
        model = Yearbook
        fields = ["title", "outlet", "movement", "achievement_field", "year", "profiles"]
        widgets = {"profiles": forms.SelectMultiple(attrs={"size": 12})}
        help_texts = {
            "movement": _("Only the profiles of this movement."),
            "achievement_field": _("Only the profiles of this field."),
            "year": _("Only the profiles recognised in this year."),
            "profiles": _(
                "Only these profiles (hold Ctrl or ⌘ to pick several); leave empty to take every profile "
                "that matches the criteria above."
            ),
        }

    def __init__(self, *args, mastheads, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outlet"].choices = [
            (value, label) for value, label in Outlet.choices if value in mastheads
        ]
        self.fields["movement"].queryset = MovementPage.objects.live().public().order_by("sort_name", "pk")
        self.fields["achievement_field"].queryset = AchievementField.objects.all()
        self.fields["profiles"].queryset = ExemplarPage.objects.in_registry()
        self.fields["year"].widget.attrs.update(min=1945, max=2100)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        chosen = cleaned.get("profiles")
        selection = selected_profiles(
            cleaned.get("movement"), cleaned.get("achievement_field"), cleaned.get("year"), chosen or None
        )
        if not selection.exists():
            raise forms.ValidationError(
                _(
                    "No published, public profile matches this selection: choose fewer criteria or other profiles."
                )
            )
        return cleaned
