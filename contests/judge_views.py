"""The judges' side of judging in the admin ("Judging"): the contests they judge with their progress, the entries
of a contest, an entry with its score sheet, recusal, and the entry's file without its metadata; once judging is
closed, the panel's sheets.

A judge never sees who wrote an entry: no name, pen name, contact, receipt code, original file name or time of
receipt reaches these pages (the queries do not even load them). What a judge may reach is decided in
judge_access: a user without contests.score_entries is refused (Wagtail's "no permission" redirect); an entry
or contest outside what they judge, or an entry they recused themselves from, is not found (404); scoring or
recusing when the stage does not allow it is forbidden (403, the page saying why).
"""

import io
import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse, reverse_lazy
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext, gettext_lazy
from django.views import View
from django.views.generic import FormView

from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from core.dates import time_and_date
from core.vietnamese import sort_key

from .admin_views import attachment_response
from .anonymise import AnonymisationError, anonymised_file
from .judge_access import (
    SheetState,
    assignment_for,
    entries_with_own_sheets,
    is_judge,
    may_recuse,
    may_see_panel,
    panel_sheets,
    progress_of,
    rubric_weights,
    scoring_refusal,
    sheet_state,
    visible_entry,
)
from .judge_forms import RecusalForm, ScoreSheetForm
from .models import JudgeAssignment, ScoreSheet
from .scoring import for_display, judge_name, sheet_total
from .stages import Stage, stage_of

logger = logging.getLogger(__name__)

INDEX_URL_NAME = "contests_judge_index"


def contest_url(contest):
    return reverse("contests_judge_contest", args=[contest.pk])


def entry_url(entry):
    return reverse("contests_judge_entry", args=[entry.pk])


def anonymous_file_name(entry):
    """What the judge's download is called: bai-so-007.docx, never the entrant's own file name."""
    return f"bai-so-{entry.number:03d}.{entry.file_kind}"


def word_count(entry):
    return len(entry.text.split()) if entry.text else ""


def stage_label(contest):
    """The contest's stage (contests.stages) as a judge needs it: until when entries come, and what closing means."""
    stage = stage_of(contest)
    if stage in (Stage.JUDGING_CLOSED, Stage.RESULTS_PUBLISHED):
        return gettext("Judging closed: the panel's scores are open to you")
    if stage in (Stage.UPCOMING, Stage.TAKING_ENTRIES):
        return gettext("Taking entries until %(deadline)s") % {"deadline": time_and_date(contest.closes_at)}
    return stage.label


def category_names(assignment):
    return ", ".join(category.name for category in assignment.categories.all()) or gettext("All categories")


def own_sheet_label(state, total):
    if state == SheetState.SCORED:
        return f"{state.label} · {number_format(for_display(total), decimal_pos=2)}"
    return state.label


class JudgeOnly:
    """Refuses whoever lacks contests.score_entries before anything is looked up, then loads what is judged."""

    def dispatch(self, request, *args, **kwargs):
        if not is_judge(request.user):
            raise PermissionDenied
        self.load(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def load(self, **kwargs):
        """Sets what the view is about, raising Http404 for what the judge may not reach."""


class JudgeContestsView(JudgeOnly, BaseListingView):
    """The contests the judge is on the panel of, with their own progress in each."""

    page_title = gettext_lazy("Judging")
    header_icon = "clipboard-list"
    index_url_name = INDEX_URL_NAME
    no_results_message = gettext_lazy("You are not on the panel of any contest.")
    columns = [
        TitleColumn(
            "contest",
            label=gettext_lazy("Contest"),
            accessor=lambda row: row.contest.title,
            get_url=lambda row: contest_url(row.contest),
        ),
        Column(
            "categories",
            label=gettext_lazy("Your categories"),
            accessor=lambda row: category_names(row.assignment),
        ),
        Column("stage", label=gettext_lazy("Stage"), accessor=lambda row: stage_label(row.contest)),
        Column("to_score", label=gettext_lazy("To score")),
        Column("scored", label=gettext_lazy("Scored")),
        Column("recused", label=gettext_lazy("Recused")),
    ]

    def get_queryset(self):
        return progress_of(self.request.user)


class JudgeEntriesView(JudgeOnly, BaseListingView):
    """A contest's entries as its judge sees them: anonymous label, category, title, length, their own score."""

    template_name = "contests/judging/judge_entries.html"
    page_title = gettext_lazy("Judging")
    header_icon = "clipboard-list"
    paginate_by = 50
    no_results_message = gettext_lazy("There is no entry for you to judge in this contest.")

    def load(self, contest_id, **kwargs):
        self.assignment = assignment_for(self.request.user, contest_id)
        self.contest = self.assignment.contest

    @cached_property
    def weights(self):
        return rubric_weights([self.contest.pk])[self.contest.pk]

    @cached_property
    def columns(self):
        return [
            TitleColumn("anonymous_label", label=gettext_lazy("Entry"), get_url=entry_url),
            Column("category", label=gettext_lazy("Category"), accessor="category.name"),
            Column("title", label=gettext_lazy("Title")),
            Column("words", label=gettext_lazy("Words"), accessor=word_count),
            Column("own_sheet", label=gettext_lazy("Your score"), accessor=self.own_sheet),
        ]

    def own_sheet(self, entry):
        sheet = entry.own_sheets[0] if entry.own_sheets else None
        return own_sheet_label(*sheet_state(sheet, self.weights))

    def get_queryset(self):
        return entries_with_own_sheets(self.assignment).order_by("number")

    def get_page_subtitle(self):
        return self.contest.title

    def get_index_url(self):
        return contest_url(self.contest)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(INDEX_URL_NAME), "label": gettext("Judging")},
            {"url": "", "label": self.contest.title},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            contest=self.contest,
            stage=stage_label(self.contest),
            categories=category_names(self.assignment),
            **kwargs,
        )


class EntryView(JudgeOnly, WagtailAdminTemplateMixin, View):
    """A view about one entry the judge may read: `entry`, `assignment` and `contest` are set."""

    header_icon = "doc-full"

    def load(self, entry_id, **kwargs):
        self.entry, self.assignment = visible_entry(self.request.user, entry_id)
        self.contest = self.assignment.contest

    def get_page_title(self):
        return self.entry.anonymous_label

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(INDEX_URL_NAME), "label": gettext("Judging")},
            {"url": contest_url(self.contest), "label": self.contest.title},
            {"url": "", "label": self.entry.anonymous_label},
        ]


class JudgeEntryView(EntryView):
    """The entry and the judge's score sheet: a form while scoring is open, read only otherwise."""

    template_name = "contests/judging/judge_entry.html"
    read_only_template_name = "contests/judging/judge_entry_readonly.html"

    @cached_property
    def criteria(self):
        return list(self.contest.rubric_criteria.all())

    @cached_property
    def weights(self):
        return {criterion.pk: criterion.weight for criterion in self.criteria}

    @cached_property
    def sheet(self):
        """The judge's own sheet for the entry, or None."""
        own_sheets = ScoreSheet.objects.filter(entry=self.entry, judge=self.request.user)
        return own_sheets.prefetch_related("scores").first()

    def refusal(self):
        refusal = scoring_refusal(self.contest)
        if refusal is None and not self.criteria:
            return gettext("The organisers have not set this contest's rubric yet.")
        return refusal

    def get(self, request, *args, **kwargs):
        refusal = self.refusal()
        if refusal:
            return self.render_read_only(refusal)
        return self.render_form(ScoreSheetForm(criteria=self.criteria, sheet=self.sheet))

    def post(self, request, *args, **kwargs):
        refusal = self.refusal()
        if refusal:
            return self.render_read_only(refusal, status=403)
        form = ScoreSheetForm(request.POST, criteria=self.criteria, sheet=self.sheet)
        if not form.is_valid():
            messages.error(request, gettext("The scores are not saved: correct the errors below."))
            return self.render_form(form)
        form.save(self.entry, request.user)
        messages.success(
            request, gettext("Your scores for %(entry)s are saved.") % {"entry": self.entry.anonymous_label}
        )
        return redirect(entry_url(self.entry))

    def get_header_buttons(self):
        if not may_recuse(self.contest):
            return []
        recuse_url = reverse("contests_judge_recuse", args=[self.entry.pk])
        return [HeaderButton(gettext("Recuse myself"), url=recuse_url, icon_name="no-view")]

    def render_form(self, form):
        return self.render_to_response(
            self.get_context_data(
                form=form,
                action_url=entry_url(self.entry),
                submit_button_label=gettext("Save my scores"),
                submit_button_active_label=gettext("Saving…"),
            )
        )

    def render_read_only(self, refusal, status=200):
        self.template_name = self.read_only_template_name
        context = self.get_context_data(refusal=refusal, panel=self.panel())
        return self.render_to_response(context, status=status)

    def panel(self):
        """Every judge's sheet for the entry, once judging is closed; None before (nothing of the others shows)."""
        if not may_see_panel(self.contest):
            return None
        rows = []
        for sheet in panel_sheets(self.entry):
            scores = {score.criterion_id: score for score in sheet.scores.all()}
            rows.append(
                {
                    "judge": judge_name(sheet.judge),
                    "is_me": sheet.judge_id == self.request.user.pk,
                    "total": for_display(
                        sheet_total({pk: s.score for pk, s in scores.items()}, self.weights)
                    ),
                    "scores": [(criterion, scores.get(criterion.pk)) for criterion in self.criteria],
                }
            )
        return sorted(rows, key=lambda row: sort_key(row["judge"]))

    def get_context_data(self, **kwargs):
        state, total = sheet_state(self.sheet, self.weights)
        own_scores = {score.criterion_id: score for score in self.sheet.scores.all()} if self.sheet else {}
        return super().get_context_data(
            entry=self.entry,
            contest=self.contest,
            word_count=word_count(self.entry),
            file_url=reverse("contests_judge_file", args=[self.entry.pk]) if self.entry.file else None,
            file_name=anonymous_file_name(self.entry) if self.entry.file else None,
            own_state=own_sheet_label(state, total),
            own_scores=[(criterion, own_scores.get(criterion.pk)) for criterion in self.criteria],
            **kwargs,
        )


class RecusalView(EntryView, FormView):
    """Stepping aside from an entry: the judge can no longer see or score it, and their sheet for it goes."""

    template_name = "contests/judging/judge_recuse.html"
    form_class = RecusalForm

    def get_page_title(self):
        return gettext("Recuse myself from %(entry)s") % {"entry": self.entry.anonymous_label}

    def get(self, request, *args, **kwargs):
        if not may_recuse(self.contest):
            return self.refuse()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not may_recuse(self.contest):
            return self.refuse()
        return super().post(request, *args, **kwargs)

    def refuse(self):
        refusal = gettext("Judging of this contest is closed: recusals can no longer be made.")
        return self.render_to_response(self.get_context_data(refusal=refusal, form=None), status=403)

    def form_valid(self, form):
        sheet_deleted = form.save(self.entry, self.request.user)
        message = gettext("You have recused yourself from %(entry)s: it is no longer among your entries.") % {
            "entry": self.entry.anonymous_label
        }
        if sheet_deleted:
            message += " " + gettext("Your scores for it have been deleted.")
        messages.success(self.request, message)
        return redirect(contest_url(self.contest))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            entry=self.entry,
            has_sheet=ScoreSheet.objects.filter(entry=self.entry, judge=self.request.user).exists(),
            action_url=self.request.path,
            submit_button_label=gettext("Recuse myself"),
            submit_button_active_label=gettext("Recusing…"),
            **kwargs,
        )


def judge_entry_file(request, entry_id):
    """A copy of the entry's file without identifying metadata, named after the entry's anonymous number."""
    if not is_judge(request.user):
        raise PermissionDenied
    entry, _assignment = visible_entry(request.user, entry_id)
    if not entry.file:
        raise Http404(gettext("This entry has no file."))
    try:
        copy = anonymised_file(entry)
    except AnonymisationError:
        logger.warning("The file of entry %s could not be anonymised.", entry.pk, exc_info=True)
        messages.error(
            request,
            gettext(
                "The attached file cannot be shown without details that could identify the writer. "
                "Read the entry's text, or ask the organisers."
            ),
        )
        return redirect(entry_url(entry))
    return attachment_response(io.BytesIO(copy), anonymous_file_name(entry), entry.file_kind)


class JudgingMenuItem(MenuItem):
    """Shown to judges who are on the panel of at least one contest."""

    def is_shown(self, request):
        return is_judge(request.user) and JudgeAssignment.objects.filter(judge=request.user).exists()


def judging_menu_item():
    return JudgingMenuItem(
        gettext_lazy("Judging"), reverse_lazy(INDEX_URL_NAME), icon_name="clipboard-list", order=330
    )


def judge_urls():
    return [
        path("contests/judge/", JudgeContestsView.as_view(), name=INDEX_URL_NAME),
        path("contests/judge/<int:contest_id>/", JudgeEntriesView.as_view(), name="contests_judge_contest"),
        path("contests/judge/entries/<int:entry_id>/", JudgeEntryView.as_view(), name="contests_judge_entry"),
        path(
            "contests/judge/entries/<int:entry_id>/recuse/",
            RecusalView.as_view(),
            name="contests_judge_recuse",
        ),
        path("contests/judge/entries/<int:entry_id>/file/", judge_entry_file, name="contests_judge_file"),
    ]
