"""The Department's report: nominations per round and unit, counted by kind, field and status, with charts
of the registry's exemplars by field and locality, exported to XLSX or CSV by Wagtail's ReportView."""

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from core.spreadsheets import FormulaSafeSpreadsheetMixin
from exemplars.charts import bar_chart
from exemplars.models import AchievementField, ExemplarPage, Locality, Nomination, Status


class NominationReportFilterSet(WagtailFilterSet):
    class Meta:
        model = Nomination
        fields = ["round", "unit", "status", "subject_kind"]


def inspect_url(nomination):
    return reverse("exemplars_nominations:inspect", args=[nomination.pk])


class NominationReportView(FormulaSafeSpreadsheetMixin, ReportView):
    """Drafts are the units' own work: the report starts at submission. Its export runs no typed formula."""

    model = Nomination
    permission_required = "report"
    page_title = _("Nominations by round and unit")
    header_icon = "form"
    results_template_name = "exemplars/admin/nomination_report_results.html"
    index_url_name = "exemplars_nomination_report"
    index_results_url_name = "exemplars_nomination_report_results"
    filterset_class = NominationReportFilterSet
    columns = [
        TitleColumn("name", label=_("Name"), get_url=inspect_url),
        Column("subject_kind", label=_("Subject"), accessor="get_subject_kind_display"),
        Column("unit", label=_("Unit")),
        Column("round_title", label=_("Round")),
        Column("field_names", label=_("Fields of achievement")),
        Column("commendation_name", label=_("Proposed commendation")),
        Column("status", label=_("Status"), accessor="get_status_display"),
    ]
    # The form's columns. The ID number and address stay in the admin: a spreadsheet travels by email.
    list_export = [
        "round_title",
        "unit.name",
        "unit.locality.name",
        "get_subject_kind_display",
        "name",
        "position",
        "field_names",
        "movement_title",
        "achievements_summary",
        "awards_received",
        "commendation_name",
        "is_new_factor",
        "is_sudden_deed",
        "contact_person",
        "contact_phone",
        "get_status_display",
        "decision_number",
        "decision_date",
    ]
    export_headings = {
        "round_title": _("Round"),
        "unit.name": _("Unit"),
        "unit.locality.name": _("Locality"),
        "get_subject_kind_display": _("Subject"),
        "name": _("Name"),
        "position": _("Position"),
        "field_names": _("Fields of achievement"),
        "movement_title": _("Movement"),
        "achievements_summary": _("Summary of achievements"),
        "awards_received": _("Awards already received"),
        "commendation_name": _("Proposed commendation"),
        "is_new_factor": _("New factor"),
        "is_sudden_deed": _("Sudden outstanding deed"),
        "contact_person": _("Contact person"),
        "contact_phone": _("Contact phone"),
        "get_status_display": _("Status"),
        "decision_number": _("Decision number"),
        "decision_date": _("Decision date"),
    }

    def get_filename(self):
        return f"de-cu-dien-hinh-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return (
            Nomination.objects.exclude(status=Status.DRAFT)
            .select_related("round", "unit__locality", "movement")
            .prefetch_related("achievement_fields")
            .order_by("round__opens_at", "unit__sort_name", "name")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["charts"] = nomination_charts(self.object_list) + exemplar_charts()
        return context


def nomination_charts(nominations):
    statuses = dict(nominations.values_list("status").annotate(count=Count("pk")).order_by())
    kinds = dict(nominations.values_list("subject_kind").annotate(count=Count("pk")).order_by())
    fields = AchievementField.objects.annotate(
        count=Count("nominations", filter=Q(nominations__in=nominations.values("pk")))
    )
    return [
        bar_chart(
            _("Nominations by status"), [(label, statuses.get(value, 0)) for value, label in Status.choices]
        ),
        bar_chart(
            _("Nominations by subject"),
            [(label, kinds.get(value, 0)) for value, label in Nomination.SubjectKind.choices],
        ),
        bar_chart(_("Nominations by field"), [(field.name, field.count) for field in fields]),
    ]


def exemplar_charts():
    """The registry as published: live original profiles by field and by locality."""
    published = Q(live=True, alias_of__isnull=True)
    fields = AchievementField.objects.annotate(
        count=Count("exemplars", filter=Q(exemplars__in=ExemplarPage.objects.filter(published)))
    )
    localities = (
        Locality.objects.annotate(
            count=Count(
                "units__exemplars", filter=Q(units__exemplars__in=ExemplarPage.objects.filter(published))
            )
        )
        .filter(count__gt=0)
        .order_by("-count", "sort_name")
    )
    return [
        bar_chart(_("Published exemplars by field"), [(field.name, field.count) for field in fields]),
        bar_chart(_("Published exemplars by locality"), [(loc.name, loc.count) for loc in localities]),
    ]
