"""The Department's follow-up report (exemplars.followup): a filter form, charts with their tables, the rows, and
the same rows in XLSX or CSV."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic import PermissionCheckedMixin, WagtailAdminTemplateMixin

from core.dates import local_today
from core.spreadsheets import FormulaSafeSpreadsheetMixin
from exemplars.charts import bar_chart
from exemplars.followup import GROUPINGS, Scope, follow_up
from exemplars.models import Nomination, NominationRound
from newsroom.models.outlets import Outlet

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class FollowUpForm(forms.Form):
    group_by = forms.ChoiceField(
        label=_("Rows"),
        choices=[(key, grouping.label) for key, grouping in GROUPINGS.items()],
        required=False,
    )
    round = forms.ModelChoiceField(
        label=_("Round"),
        queryset=NominationRound.objects.order_by("-opens_at"),
        required=False,
        empty_label=_("Every round"),
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    first_day = forms.DateField(
        label=_("From"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    last_day = forms.DateField(
        label=_("To"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self):
        cleaned = super().clean()
        year, first_day, last_day = cleaned.get("year"), cleaned.get("first_day"), cleaned.get("last_day")
        if year and (first_day or last_day):
            raise ValidationError(_("Give either a year or the dates from and to, not both."))
        if first_day and last_day and last_day < first_day:
            raise ValidationError(_("The period must end on or after the day it starts."))
        return cleaned

    def scope(self):
        year = self.cleaned_data["year"]
        if year:
            return Scope(self.cleaned_data["round"], datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        return Scope(
            self.cleaned_data["round"], self.cleaned_data["first_day"], self.cleaned_data["last_day"]
        )

    def grouping_key(self):
        return self.cleaned_data["group_by"] or "unit"


# Short names for the table's headings, which have nine figures side by side.
OUTLET_NAMES = {
    Outlet.NEWSPAPER: pgettext_lazy("outlet, short", "Newspaper"),
    Outlet.BROADCAST: pgettext_lazy("outlet, short", "Radio-TV"),
    Outlet.PORTAL: pgettext_lazy("outlet, short", "Portal"),
}

# What the page says of its figures (the definitions of exemplars.followup); here rather than in the template so
# that the app's catalogue holds every string of the report.
TEXTS = {
    "show": _("Show"),
    "counted": _("What is counted"),
    "nothing": _("Nothing to report: there are no rows of this kind yet."),
    "notes": [
        _(
            "Nominations filed: past draft (submitted, under appraisal, returned, proposed, referred, approved or "
            "declined), dated by their first submission. Approved: dated by the decision."
        ),
        _("By movement: the nominations that name the movement; a nomination names one movement or none."),
        _(
            "Profiles published: live profiles, dated by their first publication; with a round, those made from "
            "its nominations."
        ),
        _(
            "Features: live articles about those profiles, dated by their publication date, counted once in the "
            "outlet that first published them (a republished story is not counted again)."
        ),
        _(
            "Column posts: articles published in the units' portal columns in the last 30 and 90 days up to "
            "today, whatever the period."
        ),
        _(
            "Rows that need follow-up (nothing filed, no column post in 30 days, or for a movement nothing "
            "published) come first, then in alphabetical order. A dash: the figure does not apply."
        ),
    ],
}


class FollowUpReportView(
    FormulaSafeSpreadsheetMixin, PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView
):
    """Open to whoever may see the nominations report (the `report` permission of the nominations' policy)."""

    model = Nomination
    permission_required = "report"
    template_name = "exemplars/admin/followup.html"
    page_title = _("Follow-up of the units")
    header_icon = "list-ul"
    figures = [
        "filed",
        "approved",
        "profiles",
        "features_newspaper",
        "features_broadcast",
        "features_portal",
        "posts_30",
        "posts_90",
    ]

    def get(self, request, *args, **kwargs):
        self.form = FollowUpForm(request.GET)
        self.rows = None
        if self.form.is_valid():
            self.grouping = GROUPINGS[self.form.grouping_key()]
            self.rows = follow_up(self.form.scope(), self.grouping.key)
            if self.is_export:
                return self.as_spreadsheet(self.rows, request.GET["export"])
        return super().get(request, *args, **kwargs)

    @property
    def show_export_buttons(self):
        return self.rows is not None

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_filename(self):
        return f"theo-doi-don-vi-{self.grouping.key}-{local_today():%Y-%m-%d}"

    @property
    def list_export(self):
        """The columns of the table, in its order: why a row needs follow-up next to its name, where it is seen
        without scrolling; a field of achievement has no detail column."""
        return ["name", "attention", *(["detail"] if self.show_detail else []), *self.figures]

    @property
    def show_detail(self):
        return bool(detail_heading(self.grouping.key))

    @property
    def export_headings(self):
        return dict(zip(self.list_export, self.headings(), strict=True))

    def headings(self):
        return [
            self.grouping.label,
            _("Needs follow-up"),
            *([detail_heading(self.grouping.key)] if self.show_detail else []),
            _("Nominations filed"),
            _("Nominations approved"),
            _("Profiles published"),
            *[_("Features · %(outlet)s") % {"outlet": OUTLET_NAMES[outlet]} for outlet in Outlet.values],
            _("Column posts, last 30 days"),
            _("Column posts, last 90 days"),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=self.form, rows=self.rows, texts=TEXTS, report_url=reverse("exemplars_followup_report")
        )
        if self.rows is not None:
            context.update(
                headings=self.headings(),
                show_detail=self.show_detail,
                grouping=self.grouping,
                charts=charts(self.grouping, self.rows),
            )
        return context


def detail_heading(grouping_key):
    return {
        "unit": _("Emulation cluster or block"),
        "cluster": _("Cluster or block"),
        "movement": _("Launched by"),
        "field": "",
    }[grouping_key]


def charts(grouping, rows):
    """Bars of the figures people compare across rows: nominations filed, features, column posts."""
    label = grouping.label.lower()
    drawn = []
    if grouping.nomination_lookup:
        drawn.append(
            bar_chart(
                _("Nominations filed, by %(rows)s") % {"rows": label}, [(row.name, row.filed) for row in rows]
            )
        )
    else:
        drawn.append(
            bar_chart(
                _("Profiles published, by %(rows)s") % {"rows": label},
                [(row.name, row.profiles) for row in rows],
            )
        )
    drawn.append(
        bar_chart(
            _("Features published, by %(rows)s") % {"rows": label}, [(row.name, row.features) for row in rows]
        )
    )
    if grouping.unit_lookup:
        drawn.append(
            bar_chart(
                _("Column posts in the last 30 days, by %(rows)s") % {"rows": label},
                [(row.name, row.posts_30) for row in rows],
            )
        )
    return drawn
