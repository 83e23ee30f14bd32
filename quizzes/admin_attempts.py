"""The organisers' listing of attempts, with who took each: read-only, since an attempt is kept as it was sent.
Filtered by contest and round, searched by name or by phone number written any way people write one, and
exported (formula-safe) for the organisers' own checks."""

import django_filters

from django.utils.translation import gettext_lazy

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from core.dates import time_and_date
from core.spreadsheets import FormulaSafeSpreadsheetMixin

from .admin_questions import ROUND_LABEL
from .exports import local_time
from .models import Attempt, QuizPage, QuizRound
from .phones import NotAPhoneNumber, phone_key


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Attempts come from the public form only and are kept as sent: nobody adds, changes or deletes one here."""

    FORBIDDEN = {"add", "change", "delete"}

    def user_has_permission(self, user, action):
        return action not in self.FORBIDDEN and super().user_has_permission(user, action)


class AttemptFilterSet(WagtailFilterSet):
    contest = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Contest"), field_name="round__contest", queryset=QuizPage.objects.all()
    )
    round = django_filters.ModelChoiceFilter(
        label=ROUND_LABEL, queryset=QuizRound.objects.select_related("contest")
    )

    class Meta:
        model = Attempt
        fields = ["contest", "round"]


def optional_time(moment):
    return time_and_date(moment) if moment else "—"


def local_or_empty(moment):
    return local_time(moment) if moment else None


class AttemptIndexView(FormulaSafeSpreadsheetMixin, IndexView):
    custom_field_preprocess = {
        field: {"csv": local_or_empty, "xlsx": local_or_empty} for field in ("started_at", "submitted_at")
    }

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("round__contest", "entrant__unit", "entrant__locality")
            .order_by("-started_at", "-pk")
        )

    def search_queryset(self, queryset):
        """A phone number matches whichever way it is written (0912 345 678, +84912345678); else the name."""
        if not self.is_searching:
            return queryset
        try:
            return queryset.filter(entrant__phone_key=phone_key(self.search_query))
        except NotAPhoneNumber:
            return queryset.filter(entrant__full_name__icontains=self.search_query)


def right_answers(attempt):
    """The score, 0 included; a dash until the attempt is sent."""
    return "—" if attempt.correct_count is None else attempt.correct_count


def entrant_name(attempt):
    return attempt.entrant.full_name


class AttemptViewSet(ModelViewSet):
    model = Attempt
    icon = "list-ul"
    menu_label = gettext_lazy("Attempts")
    url_prefix = "quizzes/attempts"
    url_namespace = "quizzes_attempt"
    copy_view_enabled = False
    add_to_reference_index = False
    index_view_class = AttemptIndexView
    filterset_class = AttemptFilterSet
    # The search box runs AttemptIndexView.search_queryset; the ORM's fields are named for Wagtail's sake only.
    search_fields = ["entrant__full_name"]
    # No form: the policy refuses adding and changing; the viewset still builds its (empty) form class.
    form_fields = []
    list_display = [
        Column("entrant", label=gettext_lazy("Full name"), accessor=entrant_name),
        Column("phone", label=gettext_lazy("Phone"), accessor="entrant.phone_key"),
        Column("affiliation", label=gettext_lazy("Unit or commune"), accessor="entrant.affiliation"),
        Column("round", label=ROUND_LABEL),
        "number",
        Column(
            "started_at", label=gettext_lazy("Started at"), accessor=lambda a: time_and_date(a.started_at)
        ),
        Column(
            "submitted_at", label=gettext_lazy("Sent at"), accessor=lambda a: optional_time(a.submitted_at)
        ),
        Column("correct_count", label=gettext_lazy("Right answers"), accessor=right_answers),
    ]
    list_export = [
        "round.contest.title",
        "round.name",
        "entrant.full_name",
        "entrant.birth_date",
        "entrant.phone_key",
        "entrant.id_number",
        "entrant.affiliation",
        "number",
        "started_at",
        "submitted_at",
        "correct_count",
        "question_count",
        "prediction",
        "duration_ms",
    ]
    export_headings = {
        "round.contest.title": gettext_lazy("Contest"),
        "round.name": ROUND_LABEL,
        "entrant.full_name": gettext_lazy("Full name"),
        "entrant.birth_date": gettext_lazy("Date of birth"),
        "entrant.phone_key": gettext_lazy("Phone"),
        "entrant.id_number": gettext_lazy("ID number"),
        "entrant.affiliation": gettext_lazy("Unit or commune"),
    }
    export_filename = "luot-thi"
