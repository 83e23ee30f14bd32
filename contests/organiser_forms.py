"""The organisers' forms: the judge assignment, a prize award, and the column of an article from an entry."""

from django import forms
from django.utils.formats import localize
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from core.roles import members_of

from .models import ContestCategory, ContestPage, ContestPrize, Entry, JudgeAssignment, PrizeAward
from .scoring import for_display
from .setup import JUDGES_GROUP


class JudgeAssignmentForm(WagtailAdminModelForm):
    """A judge of the judges group on one contest's panel, optionally limited to categories of that contest."""

    class Meta:
        model = JudgeAssignment
        fields = ["contest", "judge", "categories"]
        widgets = {"contest": forms.Select, "judge": forms.Select, "categories": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contest"].queryset = ContestPage.objects.order_by("-closes_at")
        judge_field = self.fields["judge"]
        judge_field.queryset = members_of(JUDGES_GROUP)
        judge_field.label_from_instance = lambda user: user.get_full_name() or user.get_username()
        judge_field.help_text = _("Only members of the judges group can be chosen.")
        self.fields["categories"].queryset = ContestCategory.objects.select_related("contest").order_by(
            "contest__path", "sort_order"
        )

    def clean(self):
        cleaned_data = super().clean()
        contest, judge = cleaned_data.get("contest"), cleaned_data.get("judge")
        if contest is None:
            return cleaned_data
        foreign = [
            category for category in cleaned_data.get("categories", []) if category.contest_id != contest.pk
        ]
        if foreign:
            self.add_error(
                "categories",
                _("Choose categories of %(contest)s only; not: %(categories)s.")
                % {"contest": contest.title, "categories": ", ".join(str(category) for category in foreign)},
            )
        others = JudgeAssignment.objects.filter(contest=contest, judge=judge).exclude(pk=self.instance.pk)
        if judge is not None and others.exists():
            self.add_error(
                "judge", _("This judge is already on this contest's panel: edit that assignment instead.")
            )
        return cleaned_data

    def validate_unique(self):
        """The check above says it more clearly than the constraint's message."""


class AwardForm(forms.Form):
    """A prize of the contest for one of its accepted entries; the entries are offered best mean first."""

    prize = forms.ModelChoiceField(label=_("Prize"), queryset=ContestPrize.objects.none())
    entry = forms.ModelChoiceField(
        label=_("Entry"),
        queryset=Entry.objects.none(),
        error_messages={"invalid_choice": _("Choose an entry of this contest.")},
    )

    def __init__(self, *args, contest, scores, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prize"].queryset = contest.prizes.all()
        self.fields["prize"].error_messages["invalid_choice"] = _("Choose a prize of this contest.")
        self.fields["entry"].queryset = Entry.objects.filter(contest=contest)
        awarded = set(PrizeAward.objects.filter(prize__contest=contest).values_list("entry_id", flat=True))
        self.fields["entry"].widget.choices = [("", "---------"), *entry_choices(scores, awarded)]

    def clean_entry(self):
        entry = self.cleaned_data["entry"]
        if entry.status != Entry.Status.ACCEPTED:
            raise forms.ValidationError(
                _("Only entries accepted for judging can win a prize; this one is “%(status)s”.")
                % {"status": entry.get_status_display()}
            )
        award = PrizeAward.objects.filter(entry=entry).select_related("prize").first()
        if award is not None:
            raise forms.ValidationError(
                _("This entry already has the prize “%(prize)s”: one prize per entry.")
                % {"prize": award.prize.name}
            )
        return entry


def entry_choices(scores, awarded_entry_ids):
    """(pk, label) of the accepted entries without a prize, per category in ranking order."""
    choices = []
    for ranking in scores.rankings:
        category = ranking.category.name if ranking.category else "—"
        for tally in ranking.tallies:
            entry = tally.entry
            if entry.pk in awarded_entry_ids:
                continue
            mean = for_display(tally.mean)
            standing = (
                _("#%(rank)s, mean %(mean)s") % {"rank": tally.rank, "mean": localize(mean)}
                if mean is not None
                else _("unscored")
            )
            choices.append((entry.pk, f"{category} · {entry.anonymous_label} · {entry.title} ({standing})"))
    return choices


class ArticleColumnForm(forms.Form):
    column = forms.TypedChoiceField(label=_("Column"), coerce=int)

    def __init__(self, *args, columns, **kwargs):
        super().__init__(*args, **kwargs)
        self.columns = {column.pk: column for column, _label in columns}
        self.fields["column"].choices = [(column.pk, label) for column, label in columns]
        self.fields["column"].help_text = _(
            "The columns you may add pages to. The article is made as a draft."
        )

    def clean_column(self):
        return self.columns[self.cleaned_data["column"]]
