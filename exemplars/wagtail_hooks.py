from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail.utils.urlpatterns import decorate_urlpatterns

from newsroom.models.sections import HOME_SECTIONS_HOOK
from newsroom.scheduler import SCHEDULED_WORK_HOOK
from newsroom.setup import SETUP_STEPS_HOOK
from newsroom.structured_data import STRUCTURED_DATA_HOOK

from .dashboard import (
    ApprovedNominationDraftsPanel,
    ChairmanOfficePanel,
    DepartmentReviewerPanel,
    UnitOfficerPanel,
)
from .models import (
    AchievementField,
    EmulationCluster,
    Locality,
    Nomination,
    NominationReminder,
    NominationRound,
    OfficerProfile,
    Unit,
)
from .permissions import NominationPermissionPolicy, ReadOnlyLogPolicy, visible_nominations_only
from .reminders import send_due_reminders
from .setup import set_up_registry_and_nominations
from .spotlight import spotlight_section
from .structured_data import profile_structured_data
from .views.followup import FollowUpReportView
from .views.nominations import (
    AttachmentDownloadView,
    NominationAdminForm,
    NominationCreateView,
    NominationDeleteView,
    NominationEditView,
    NominationIndexView,
    NominationInspectView,
    NominationStepView,
    PrivateFileInput,
)
from .views.reports import NominationReportView

register_permission_policy(Nomination, NominationPermissionPolicy(Nomination))
register_permission_policy(NominationReminder, ReadOnlyLogPolicy(NominationReminder))


def column_explorer_url(unit):
    return reverse("wagtailadmin_explore", args=[unit.column_id]) if unit.column_id else None


class UnitViewSet(SnippetViewSet):
    model = Unit
    icon = "group"
    menu_label = _("Units")
    list_display = [
        "name",
        "kind",
        "locality",
        "cluster",
        TitleColumn("column", label=_("Column on the portal"), get_url=column_explorer_url),
    ]
    list_filter = ["kind", "locality", "cluster"]
    search_fields = ["name"]


class LocalityViewSet(SnippetViewSet):
    model = Locality
    icon = "site"
    menu_label = _("Localities")
    list_display = ["name", "kind"]
    list_filter = ["kind"]


class EmulationClusterViewSet(SnippetViewSet):
    model = EmulationCluster
    icon = "list-ul"
    menu_label = _("Clusters and blocks")
    list_display = ["name", "kind"]
    list_filter = ["kind"]


class AchievementFieldViewSet(SnippetViewSet):
    model = AchievementField
    icon = "tag"
    menu_label = _("Fields of achievement")
    list_display = ["name", "code"]


class ExemplarRegistryGroup(SnippetViewSetGroup):
    menu_label = _("Exemplar registry")
    menu_icon = "pick"
    menu_order = 310
    items = (UnitViewSet, LocalityViewSet, EmulationClusterViewSet, AchievementFieldViewSet)


register_snippet(ExemplarRegistryGroup)


class NominationViewSet(ModelViewSet):
    model = Nomination
    icon = "form"
    menu_label = _("Nominations")
    url_prefix = "nominations"
    url_namespace = "exemplars_nominations"
    index_view_class = NominationIndexView
    add_view_class = NominationCreateView
    edit_view_class = NominationEditView
    delete_view_class = NominationDeleteView
    inspect_view_class = NominationInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "name",
        "subject_kind",
        "unit",
        Column("round_title", label=_("Round")),
        "status",
        "appraisal_due_at",
        "updated_at",
    ]
    list_filter = ["round", "is_sudden_deed", "status", "subject_kind", "unit"]
    search_fields = ["name"]
    inspect_view_fields = [
        "round",
        "unit",
        "status",
        "subject_kind",
        "name",
        "position",
        "achievement_fields",
        "movement",
        "achievements_summary",
        "awards_received",
        "proposed_commendation",
        "proposed_commendation_other",
        "is_new_factor",
        "is_sudden_deed",
        "appraisal_due_at",
        "contact_person",
        "contact_phone",
        "id_number",
        "address",
        "decision_number",
        "decision_date",
        "exemplar",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("round"),
            FieldPanel("unit"),
            MultiFieldPanel(
                [FieldPanel("subject_kind"), FieldPanel("name"), FieldPanel("position")],
                _("Who is nominated"),
            ),
            FieldPanel("achievement_fields", widget=forms.CheckboxSelectMultiple),
            FieldPanel("movement", widget=forms.Select),
            FieldPanel("achievements_summary"),
            FieldPanel("awards_received"),
            FieldRowPanel(
                [FieldPanel("proposed_commendation"), FieldPanel("proposed_commendation_other")],
                _("Proposed commendation"),
            ),
            FieldRowPanel([FieldPanel("is_new_factor"), FieldPanel("is_sudden_deed")], _("Prompt praise")),
            MultiFieldPanel(
                [
                    FieldPanel("contact_person"),
                    FieldPanel("contact_phone"),
                    FieldPanel("id_number"),
                    FieldPanel("address"),
                ],
                _("Contact and personal data (never published)"),
            ),
            InlinePanel(
                "attachments",
                heading=_("Attachments"),
                label=_("attachment"),
                panels=[FieldPanel("file", widget=PrivateFileInput)],
            ),
        ],
        base_form_class=NominationAdminForm,
    )

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(inspect_url_name=self.get_url_name("inspect"), **kwargs)

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(inspect_url_name=self.get_url_name("inspect"), **kwargs)

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            step_url_name=self.get_url_name("step"), download_url_name=self.get_url_name("download"), **kwargs
        )

    def get_urlpatterns(self):
        # Every route, Wagtail's own included (history, usage and any it adds later), answers only for the
        # nominations the user may view: the guard runs before the view looks the record up.
        policy = policy_registry.get_by_type(Nomination)
        nomination_routes = [
            *super().get_urlpatterns(),
            path(
                "<int:pk>/step/<str:step>/",
                NominationStepView.as_view(inspect_url_name=self.get_url_name("inspect")),
                name="step",
            ),
        ]
        attachment_routes = [
            path(
                "attachment/<int:pk>/",
                AttachmentDownloadView.as_view(permission_policy=policy),
                name="download",
            ),
        ]
        return [
            *decorate_urlpatterns(nomination_routes, visible_nominations_only(policy)),
            *decorate_urlpatterns(attachment_routes, visible_nominations_only(policy, lookup="attachments")),
        ]


class NominationRoundViewSet(ModelViewSet):
    model = NominationRound
    icon = "date"
    menu_label = _("Nomination rounds")
    url_prefix = "nomination-rounds"
    url_namespace = "exemplars_nomination_rounds"
    form_fields = ["title", "opens_at", "closes_at", "reminder_days", "note"]
    list_display = ["title", "opens_at", "closes_at", "reminder_days"]
    copy_view_enabled = False


class OfficerProfileViewSet(ModelViewSet):
    model = OfficerProfile
    icon = "user"
    menu_label = _("Unit officers")
    url_prefix = "unit-officers"
    url_namespace = "exemplars_unit_officers"
    form_fields = ["user", "unit"]
    list_display = ["user", "unit"]
    list_filter = ["unit"]
    copy_view_enabled = False


class NominationReminderViewSet(ModelViewSet):
    """The reminders' log, read only (exemplars.reminders writes it): who was written to, who could not be."""

    model = NominationReminder
    icon = "mail"
    menu_label = _("Reminders sent")
    url_prefix = "nomination-reminders"
    url_namespace = "exemplars_nomination_reminders"
    # Never shown: the log's policy refuses adding and editing to everyone.
    form_fields = []
    list_display = [
        "unit",
        "round",
        "days_before",
        "outcome",
        Column("recipient_list", label=_("Recipients")),
        "at",
    ]
    list_filter = ["round", "outcome", "days_before"]
    copy_view_enabled = False


class NominationGroup(ModelViewSetGroup):
    menu_label = _("Nominations")
    menu_icon = "form"
    menu_order = 320
    items = (NominationViewSet, NominationRoundViewSet, OfficerProfileViewSet, NominationReminderViewSet)


@hooks.register("register_admin_viewset")
def register_nomination_viewsets():
    return NominationGroup()


class NominationReportMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Nomination).user_has_permission(request.user, "report")


@hooks.register("register_reports_menu_item")
def register_nomination_report_menu_item():
    return NominationReportMenuItem(
        _("Nominations by round and unit"),
        reverse("exemplars_nomination_report"),
        icon_name="form",
        order=1100,
    )


@hooks.register("register_reports_menu_item")
def register_followup_report_menu_item():
    return NominationReportMenuItem(
        _("Follow-up of the units"), reverse("exemplars_followup_report"), icon_name="list-ul", order=1110
    )


@hooks.register("register_admin_urls")
def register_nomination_report_urls():
    return [
        path("reports/nominations/", NominationReportView.as_view(), name="exemplars_nomination_report"),
        path(
            "reports/nominations/results/",
            NominationReportView.as_view(results_only=True),
            name="exemplars_nomination_report_results",
        ),
        path("reports/follow-up/", FollowUpReportView.as_view(), name="exemplars_followup_report"),
    ]


@hooks.register("construct_homepage_panels")
def add_nomination_panels(request, panels):
    """Each panel shows itself to its own role only (exemplars/dashboard.py)."""
    panels.extend(
        [
            UnitOfficerPanel(),
            DepartmentReviewerPanel(),
            ChairmanOfficePanel(),
            ApprovedNominationDraftsPanel(),
        ]
    )


hooks.register(SETUP_STEPS_HOOK, set_up_registry_and_nominations)
hooks.register(SCHEDULED_WORK_HOOK, send_due_reminders)
hooks.register(HOME_SECTIONS_HOOK, spotlight_section)
hooks.register(STRUCTURED_DATA_HOOK, profile_structured_data)
