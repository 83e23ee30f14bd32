"""Admin → Story assignments: an outlet's editors assign stories to its journalists; a journalist opens their own
to link the story and report it done (newsroom/assignments.py says who may do what)."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import CreateView, EditView, HistoryView, IndexView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminPageChooser

from core.dates import local_today, short_date
from newsroom.assignments import (
    BY_NAME,
    is_journalist_of,
    is_only_the_writer,
    journalists_of,
    outlets_assigned_by,
    visible_assignments,
)
from newsroom.models import ArticlePage, HistoricEvent, Outlet, OutletHomePage, StoryAssignment

# The fields of an assignment's form filled in from the address (the anniversary calendar's "Assign" link).
PREFILLED_FIELDS = ["outlet", "title", "event", "anniversary_number", "due_on", "target_page"]


def outlet_home(outlet):
    return OutletHomePage.objects.get(outlet=outlet)


def is_in_outlet(page, outlet):
    return page.path.startswith(outlet_home(outlet).path)


def journalist_label(user):
    return user.get_full_name() or user.get_username()


class JournalistChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return journalist_label(obj)


class StoryCheckMixin:
    """The story is an article of the assignment's outlet; a live story makes the assignment done at once."""

    def check_story(self, story, outlet):
        if story is None or outlet is None:
            return
        if story.specific_class is not ArticlePage or not is_in_outlet(story, outlet):
            self.add_error(
                "story",
                _("Choose an article of %(outlet)s.") % {"outlet": Outlet(outlet).label},
            )

    def save(self, commit=True):
        assignment = self.instance
        if assignment.is_open and assignment.story is not None and assignment.story.live:
            assignment.status = StoryAssignment.Status.DONE
        assignment.keep_done_at()
        return super().save(commit)


class AssignmentForm(StoryCheckMixin, WagtailAdminModelForm):
    """An editor's form: the outlets they edit, the journalists of the chosen outlet, a due date ahead."""

    class Meta:
        model = StoryAssignment
        fields = [
            "outlet",
            "title",
            "brief",
            "journalist",
            "due_on",
            "target_page",
            "event",
            "anniversary_number",
        ]
        field_classes = {"journalist": JournalistChoiceField}
        widgets = {"target_page": AdminPageChooser(), "story": AdminPageChooser(target_models=[ArticlePage])}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        outlets = outlets_assigned_by(self.for_user)
        self.fields["outlet"].choices = [(outlet, Outlet(outlet).label) for outlet in outlets]
        # The journalist already chosen stays a choice after they leave the outlet: the editor may still cancel.
        assignable = Q(pk__in=journalists_of(*outlets).values("pk")) | Q(pk=self.instance.journalist_id)
        self.fields["journalist"].queryset = get_user_model().objects.filter(assignable).order_by(*BY_NAME)
        self.fields["event"].queryset = HistoricEvent.objects.order_by("name")

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        unchanged = self.instance.pk and due_on == self.instance.due_on
        if due_on < local_today() and not unchanged:
            raise forms.ValidationError(_("The due date has passed: give today or a later day."))
        return due_on

    def clean(self):
        cleaned_data = super().clean()
        outlet = cleaned_data.get("outlet")
        if outlet:
            self.check_not_assigned_twice(cleaned_data)
            self.check_journalist(cleaned_data.get("journalist"), outlet)
            self.check_target(cleaned_data.get("target_page"), outlet)
            self.check_story(cleaned_data.get("story"), outlet)
        self.check_anniversary(cleaned_data.get("event"), cleaned_data.get("anniversary_number"))
        return cleaned_data

    def check_not_assigned_twice(self, cleaned_data):
        """A form sent twice (a double click, the back button) gives one assignment."""
        same = {name: cleaned_data.get(name) for name in ("outlet", "journalist", "title", "due_on")}
        if self.instance.pk is None and StoryAssignment.objects.open().filter(**same).exists():
            self.add_error(None, _("This story is already assigned to this journalist for this day."))

    def check_journalist(self, journalist, outlet):
        kept = (outlet, getattr(journalist, "pk", None)) == (
            self.instance.outlet,
            self.instance.journalist_id,
        )
        if (
            journalist is not None
            and not (self.instance.pk and kept)
            and not is_journalist_of(journalist, outlet)
        ):
            self.add_error(
                "journalist",
                _("%(name)s is not a journalist of %(outlet)s.")
                % {"name": journalist_label(journalist), "outlet": Outlet(outlet).label},
            )

    def check_target(self, page, outlet):
        if page is not None and not is_in_outlet(page, outlet):
            self.add_error(
                "target_page", _("Choose a page of %(outlet)s.") % {"outlet": Outlet(outlet).label}
            )

    def check_anniversary(self, event, number):
        if event is None:
            if number is not None:
                self.add_error("event", _("Choose the event whose anniversary the story is for."))
            return
        if event.is_forward_event:
            # The story is about the coming event itself.
            self.cleaned_data["anniversary_number"] = 0
        elif not number:
            self.add_error("anniversary_number", _("Give the number of years of the anniversary."))

    def save(self, commit=True):
        if self.instance.pk is None:
            self.instance.assigned_by = self.for_user
        return super().save(commit)


class ReportForm(StoryCheckMixin, WagtailAdminModelForm):
    """A journalist's form on their own assignment: the story they wrote, and whether it is done."""

    class Meta:
        model = StoryAssignment
        fields = ["story", "status"]
        widgets = {"story": AdminPageChooser(target_models=[ArticlePage])}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (StoryAssignment.Status.ASSIGNED, _("Still to write")),
            (StoryAssignment.Status.DONE, _("Done")),
        ]
        if self.instance.status == StoryAssignment.Status.CANCELLED:
            self.fields["status"].disabled = True
            self.fields["status"].choices = StoryAssignment.Status.choices

    def clean(self):
        cleaned_data = super().clean()
        self.check_story(cleaned_data.get("story"), self.instance.outlet)
        return cleaned_data


ASSIGNMENT_PANELS = [
    FieldPanel("title"),
    FieldRowPanel([FieldPanel("outlet"), FieldPanel("journalist"), FieldPanel("due_on")]),
    FieldPanel("brief"),
    FieldPanel("target_page"),
    FieldRowPanel([FieldPanel("event"), FieldPanel("anniversary_number")]),
]

bound_add_panel = ObjectList(ASSIGNMENT_PANELS, base_form_class=AssignmentForm).bind_to_model(StoryAssignment)
edit_panel = ObjectList(
    [*ASSIGNMENT_PANELS, FieldRowPanel([FieldPanel("story"), FieldPanel("status")])],
    base_form_class=AssignmentForm,
)


def report_panel(assignment):
    """What the journalist reads (what the assignment is for, only where it says) and what they may change."""
    purpose = [name for name in ("target_page", "event") if getattr(assignment, f"{name}_id")]
    return ObjectList(
        [
            FieldPanel("title", read_only=True),
            FieldPanel("brief", read_only=True),
            FieldRowPanel([FieldPanel("outlet", read_only=True), FieldPanel("due_on", read_only=True)]),
            *[FieldPanel(name, read_only=True) for name in purpose],
            FieldPanel("story"),
            FieldPanel("status"),
        ],
        base_form_class=ReportForm,
    ).bind_to_model(StoryAssignment)


class AssignmentIndexView(IndexView):
    def get_base_queryset(self):
        return visible_assignments(self.request.user).select_related("journalist", "target_page", "event")

    @cached_property
    def columns(self):
        """The outlet is said only to those who assign for several (a narrow screen needs the room)."""
        if len(outlets_assigned_by(self.request.user)) > 1:
            return super().columns
        return [column for column in super().columns if column.name != "outlet"]


class AssignmentCreateView(CreateView):
    def get_initial(self):
        """The fields the anniversary calendar's link fills in; the form checks them as any input."""
        initial = super().get_initial()
        for name in PREFILLED_FIELDS:
            if self.request.GET.get(name):
                initial[name] = self.request.GET[name]
        return initial


class AssignmentEditView(EditView):
    def get_object(self, queryset=None):
        assignment = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", assignment
        ):
            raise PermissionDenied
        return assignment

    def get_panel(self):
        # Wagtail picks the panel in `setup`, before it reads the object: the object decides whose form it is.
        if not hasattr(self, "object"):
            self.object = self.get_object()
        if is_only_the_writer(self.request.user, self.object):
            return report_panel(self.object)
        return super().get_panel()

    def get_form_class(self):
        return self.panel.get_form_class()


class VisibleOnlyMixin:
    """Another's assignment is not found: its history and usage tell who worked on what."""

    def get_base_object_queryset(self):
        return visible_assignments(self.request.user)


class AssignmentHistoryView(VisibleOnlyMixin, HistoryView):
    """The changes to an assignment, for those who may see it."""


class AssignmentUsageView(VisibleOnlyMixin, UsageView):
    """What points at an assignment (a tip), for those who may see it."""


def status_label(assignment):
    """The status, "overdue" for an open assignment past its due date."""
    if assignment.is_overdue(local_today()):
        return _("Overdue")
    return assignment.get_status_display()


def purpose_label(assignment):
    parts = [page.title for page in [assignment.target_page] if page is not None]
    if assignment.event is not None:
        parts.append(assignment.event.name)
    return " · ".join(parts)


class StoryAssignmentViewSet(ModelViewSet):
    model = StoryAssignment
    icon = "tasks"
    menu_label = gettext_lazy("Story assignments")
    menu_order = 290
    add_to_admin_menu = True
    url_prefix = "newsroom/assignments"
    url_namespace = "newsroom_assignment"
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = AssignmentIndexView
    add_view_class = AssignmentCreateView
    edit_view_class = AssignmentEditView
    history_view_class = AssignmentHistoryView
    usage_view_class = AssignmentUsageView
    list_display = [
        TitleColumn("title", label=gettext_lazy("Title"), url_name="newsroom_assignment:edit", width="35%"),
        Column(
            "journalist", label=gettext_lazy("Journalist"), accessor=lambda a: journalist_label(a.journalist)
        ),
        Column("outlet", label=gettext_lazy("Outlet"), accessor="get_outlet_display", sort_key="outlet"),
        Column(
            "due_on", label=gettext_lazy("Due on"), accessor=lambda a: short_date(a.due_on), sort_key="due_on"
        ),
        Column("purpose", label=gettext_lazy("For"), accessor=purpose_label),
        Column("status", label=gettext_lazy("Status"), accessor=status_label, sort_key="status"),
    ]
    list_filter = ["status", "outlet"]
    search_fields = ["title", "brief"]
    ordering = ["due_on", "pk"]
    edit_handler = edit_panel

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(**kwargs) | {
            "panel": bound_add_panel,
            "form_class": bound_add_panel.get_form_class(),
        }
