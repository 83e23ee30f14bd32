"""The organisers' rounds: their times and the rules of an attempt, with how many questions their bank holds and how
many attempts were sent. A round with questions or attempts is never deleted: attempts point at it."""

from django.contrib import messages
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.deletion import ProtectedError
from django.db.models.functions import Coalesce
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from core.dates import time_and_date

from .models import Attempt, Question, QuizRound, RoundPhase

SUBMENU_HOOK = "register_knowledge_contests_menu_item"


def counted(queryset):
    """A subquery counting `queryset`'s rows per round (its `round` field), 0 when none."""
    counts = queryset.filter(round=OuterRef("pk")).order_by().values("round").annotate(count=Count("pk"))
    return Coalesce(Subquery(counts.values("count"), output_field=IntegerField()), 0)


def rounds_with_counts(queryset):
    """Rounds annotated with `bank_size` and `attempts_sent`, one subquery each (no join of the attempts)."""
    return queryset.annotate(
        bank_size=counted(Question.objects.all()),
        attempts_sent=counted(Attempt.objects.filter(submitted_at__isnull=False)),
    )


class RoundForm(WagtailAdminModelForm):
    """Times in order, and never a round left unable to start an attempt while it is open."""

    def clean(self):
        cleaned_data = super().clean()
        opens_at, closes_at = cleaned_data.get("opens_at"), cleaned_data.get("closes_at")
        if opens_at and closes_at and closes_at <= opens_at:
            self.add_error("closes_at", _("A round closes after it opens."))
        self.check_contest_kept(cleaned_data.get("contest"))
        if opens_at and closes_at and not self.errors:
            self.check_bank_when_open(opens_at, closes_at, cleaned_data.get("questions_per_attempt"))
        return cleaned_data

    def check_contest_kept(self, contest):
        """Attempts are taken by the contest's entrants: a round that has some stays in its contest."""
        moved = self.instance.pk and contest and contest.pk != self.instance.contest_id
        if moved and Attempt.objects.filter(round_id=self.instance.pk).exists():
            self.add_error(
                "contest",
                _("People have taken this round already: it can no longer move to another contest."),
            )

    def check_bank_when_open(self, opens_at, closes_at, questions_per_attempt):
        """While the round is open, an attempt must be able to draw its questions: refused at once. Before it
        opens, the organisers may still add questions (the edit view warns them, see `bank_warning`)."""
        now = timezone.now()
        if not questions_per_attempt or not opens_at <= now < closes_at:
            return
        bank = bank_size(self.instance)
        if questions_per_attempt > bank:
            self.add_error(
                "questions_per_attempt",
                ngettext(
                    "The round is open and its bank holds %(bank)s question: an attempt cannot draw %(count)s.",
                    "The round is open and its bank holds %(bank)s questions: an attempt cannot draw %(count)s.",
                    bank,
                )
                % {"bank": bank, "count": questions_per_attempt},
            )


def bank_size(quiz_round):
    return Question.objects.filter(round=quiz_round).count() if quiz_round.pk else 0


def bank_warning(quiz_round):
    """What the organisers must do before an upcoming round opens, or None when its bank is large enough."""
    bank = bank_size(quiz_round)
    if quiz_round.phase() != RoundPhase.UPCOMING or bank >= quiz_round.questions_per_attempt:
        return None
    return ngettext(
        "Its bank holds %(bank)s question and an attempt draws %(count)s: add questions before it opens at "
        "%(opens)s, or nobody can take it.",
        "Its bank holds %(bank)s questions and an attempt draws %(count)s: add questions before it opens at "
        "%(opens)s, or nobody can take it.",
        bank,
    ) % {"bank": bank, "count": quiz_round.questions_per_attempt, "opens": time_and_date(quiz_round.opens_at)}


class BankWarningMixin:
    def form_valid(self, form):
        response = super().form_valid(form)
        warning = bank_warning(self.object)
        if warning:
            messages.warning(self.request, warning)
        return response


class RoundCreateView(BankWarningMixin, CreateView):
    """Adds a round, warning when its bank is still short of an attempt's questions."""


class RoundEditView(BankWarningMixin, EditView):
    """Changes a round, warning when its bank is still short of an attempt's questions."""


class RoundIndexView(IndexView):
    def get_base_queryset(self):
        return rounds_with_counts(super().get_base_queryset().select_related("contest"))


def deletion_refusal(quiz_round):
    """Why the round cannot be deleted, or None. Attempts and questions point at it (PROTECT)."""
    # Two counts apart: joining a round's questions to its attempts would multiply their rows.
    counts = {"questions": quiz_round.questions.count(), "attempts": quiz_round.attempts.count()}
    if not counts["questions"] and not counts["attempts"]:
        return None
    return (
        _(
            "This round cannot be deleted: it has %(questions)s questions and %(attempts)s attempts. Attempts keep "
            "the round they were taken in; a round nobody has taken yet can be deleted once its questions are."
        )
        % counts
    )


class RefusingDeleteView(DeleteView):
    """A delete view that explains, instead of deleting, when `refusal()` gives a reason; a reference that
    appears between the confirmation and the deletion (ProtectedError) is explained the same way."""

    template_name = "quizzes/admin/confirm_delete.html"

    def refusal(self):
        """Why the object cannot be deleted, or None; each subclass says what holds its objects."""
        return None

    def get_context_data(self, **kwargs):
        return super().get_context_data(refusal=self.refusal(), **kwargs)

    def form_valid(self, form):
        reason = self.refusal()
        if reason is None:
            try:
                return super().form_valid(form)
            except ProtectedError:
                reason = self.refusal() or _("Something else points at it now: it cannot be deleted.")
        messages.error(self.request, reason)
        return redirect(self.edit_url_name, self.object.pk)


class RoundDeleteView(RefusingDeleteView):
    def refusal(self):
        return deletion_refusal(self.object)


def phase_label(quiz_round):
    return RoundPhase(quiz_round.phase()).label


def time_column(field_name):
    """A round's time in the house style (07:00 ngày 3/3/2025), sortable."""
    return Column(
        field_name,
        label=capfirst(QuizRound._meta.get_field(field_name).verbose_name),
        accessor=lambda quiz_round: time_and_date(getattr(quiz_round, field_name)),
        sort_key=field_name,
    )


class RoundViewSet(ModelViewSet):
    model = QuizRound
    icon = "date"
    menu_label = gettext_lazy("Rounds")
    url_prefix = "quizzes/rounds"
    url_namespace = "quizzes_round"
    copy_view_enabled = False
    index_view_class = RoundIndexView
    add_view_class = RoundCreateView
    edit_view_class = RoundEditView
    delete_view_class = RoundDeleteView
    list_display = [
        TitleColumn("name", label=gettext_lazy("Name"), url_name="quizzes_round:edit", width="12%"),
        "contest",
        Column("phase", label=gettext_lazy("Phase"), accessor=phase_label),
        time_column("opens_at"),
        time_column("closes_at"),
        Column("bank_size", label=gettext_lazy("Questions in its bank"), sort_key="bank_size"),
        "questions_per_attempt",
        Column("attempts_sent", label=gettext_lazy("Attempts sent"), sort_key="attempts_sent"),
    ]
    list_filter = ["contest"]
    search_fields = ["name"]
    edit_handler = ObjectList(
        [
            FieldPanel("contest"),
            FieldPanel("name"),
            FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
            FieldRowPanel(
                [
                    FieldPanel("questions_per_attempt"),
                    FieldPanel("minutes_allowed"),
                    FieldPanel("attempts_per_person"),
                ]
            ),
        ],
        base_form_class=RoundForm,
    )
