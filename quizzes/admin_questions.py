"""The organisers' question bank: each question with its options and which are right.

Once an attempt has drawn a question, the attempt keeps the question's and its options' keys and is scored
against the options marked right: from then on its options, which of them are right and its round stay as they
are (a typo in a text may still be fixed), and it is never deleted."""

import django_filters

from django.db.models import Count
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from .admin_rounds import RefusingDeleteView
from .forms import OPTION_LETTERS
from .models import Attempt, Question, QuizPage, QuizRound, RoundPhase

MIN_OPTIONS = 2
MAX_OPTIONS = len(OPTION_LETTERS)
# "Round" alone is a nomination round (đợt) elsewhere in the admin: a knowledge contest's is a vòng thi.
ROUND_LABEL = pgettext_lazy("knowledge contest", "Round")
# Attempts read per query while looking for a draw of a question: a round's last hour may hold tens of thousands.
DRAWN_SCAN_CHUNK = 2000


def is_drawn(question):
    """Whether any attempt of the question's round drew it. Attempt.drawn is JSON ([[question pk, [option
    pks]], ...]); it is read in Python, in chunks, which every database does alike, and stops at the first draw."""
    if question.pk is None:
        return False
    draws = Attempt.objects.filter(round_id=question.round_id).values_list("drawn", flat=True)
    return any(
        question_pk == question.pk
        for drawn in draws.iterator(chunk_size=DRAWN_SCAN_CHUNK)
        for question_pk, _options in drawn
    )


def leaves_round_short(quiz_round):
    """Why one question fewer would leave an open round unable to start attempts, or None."""
    bank = quiz_round.questions.count()
    if quiz_round.phase() == RoundPhase.OPEN and bank - 1 < quiz_round.questions_per_attempt:
        return _(
            "The round is open and an attempt draws %(count)s of its %(bank)s questions: without this one, "
            "nobody could start an attempt."
        ) % {"count": quiz_round.questions_per_attempt, "bank": bank}
    return None


class QuestionForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].label = ROUND_LABEL

    def clean(self):
        cleaned_data = super().clean()
        options = self.formsets["options"]
        # The options' own errors come first; the rules below read their cleaned data.
        if not options.is_valid():
            return cleaned_data
        kept = kept_options(options)
        self.check_option_count(kept)
        self.check_right_options(cleaned_data.get("kind"), kept)
        if self.instance.pk and "round" in self.changed_data:
            self.check_left_round()
        if self.instance.pk and self.changes_scoring(options) and is_drawn(self.instance):
            self.add_error(
                None,
                _(
                    "Attempts have drawn this question already and are scored against its options: its options, "
                    "which of them are right and its round can no longer change. You may still correct a typo "
                    "in the question or in an option's text."
                ),
            )
        return cleaned_data

    def check_left_round(self):
        left_round = QuizRound.objects.get(pk=self.initial["round"])
        if refusal := leaves_round_short(left_round):
            self.add_error("round", refusal)

    def check_option_count(self, kept):
        if len(kept) < MIN_OPTIONS:
            self.add_error(None, _("A question needs at least %(count)s options.") % {"count": MIN_OPTIONS})
        elif len(kept) > MAX_OPTIONS:
            self.add_error(
                None,
                _("A question has at most %(count)s options (A to %(last)s).")
                % {"count": MAX_OPTIONS, "last": OPTION_LETTERS[-1]},
            )

    def check_right_options(self, kind, kept):
        right = sum(1 for form in kept if form.cleaned_data.get("is_correct"))
        if kind == Question.Kind.SINGLE and right != 1:
            self.add_error(
                None,
                ngettext(
                    "A single choice question has exactly one right option; %(count)s is marked right.",
                    "A single choice question has exactly one right option; %(count)s are marked right.",
                    right,
                )
                % {"count": right},
            )
        elif kind == Question.Kind.MULTIPLE and right < 1:
            self.add_error(None, _("Mark at least one option of a multiple choice question as right."))

    def changes_scoring(self, options):
        """Whether the form adds or removes an option, changes which are right, or moves the question."""
        if "round" in self.changed_data:
            return True
        for form in options.forms:
            if form.instance.pk is None:
                if not is_deleted(form) and form.has_changed():
                    return True
            elif is_deleted(form) or "is_correct" in form.changed_data:
                return True
        return False


def is_deleted(option_form):
    return bool(option_form.cleaned_data.get("DELETE"))


def kept_options(options):
    """The option forms that will be saved: the existing ones not deleted and the new ones filled in."""
    return [
        form
        for form in options.forms
        if not is_deleted(form) and (form.instance.pk is not None or form.has_changed())
    ]


def option_count(question):
    return question.option_count


class QuestionFilterSet(WagtailFilterSet):
    contest = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Contest"), field_name="round__contest", queryset=QuizPage.objects.all()
    )
    round = django_filters.ModelChoiceFilter(
        label=ROUND_LABEL, queryset=QuizRound.objects.select_related("contest")
    )
    kind = django_filters.ChoiceFilter(label=gettext_lazy("Kind"), choices=Question.Kind.choices)

    class Meta:
        model = Question
        fields = ["contest", "round", "kind"]


class QuestionIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.request.user.has_perm("quizzes.add_question"):
            url = reverse("quizzes_bank_import")
            if selected_round := self.request.GET.get("round", "").strip():
                url = f"{url}?round={selected_round}"
            buttons.append(HeaderButton(_("Import from a spreadsheet"), url=url, icon_name="upload"))
        return buttons

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("round__contest")
            .annotate(option_count=Count("options"))
        )


class QuestionDeleteView(RefusingDeleteView):
    def refusal(self):
        if is_drawn(self.object):
            return _(
                "Attempts have drawn this question: it cannot be deleted, since they show it and are scored "
                "against it."
            )
        return leaves_round_short(self.object.round)


class QuestionViewSet(ModelViewSet):
    model = Question
    icon = "help"
    menu_label = gettext_lazy("Question bank")
    url_prefix = "quizzes/questions"
    url_namespace = "quizzes_question"
    copy_view_enabled = False
    index_view_class = QuestionIndexView
    delete_view_class = QuestionDeleteView
    filterset_class = QuestionFilterSet
    list_display = [
        TitleColumn("text", label=gettext_lazy("Question"), url_name="quizzes_question:edit", accessor=str),
        Column("round", label=ROUND_LABEL),
        "kind",
        Column("option_count", label=gettext_lazy("Options"), accessor=option_count, sort_key="option_count"),
    ]
    search_fields = ["text"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("round"), FieldPanel("kind")]),
            FieldPanel("text"),
            FieldPanel("image"),
            InlinePanel(
                "options",
                heading=gettext_lazy("Options"),
                label=gettext_lazy("option"),
                help_text=gettext_lazy("Entrants see them in a shuffled order."),
            ),
        ],
        base_form_class=QuestionForm,
    )
