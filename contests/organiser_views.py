"""The organisers' side of judging: the contests, a contest's dashboard (progress, ranking, ties), closing and
re-opening judging, prizes, publishing the results, articles from winning entries, and the score exports.

Everything here needs contests.manage_judging. Organisers see the scores and the aggregate while judging is still
open (only judges must not see each other's scores before closing); the public sees nothing until publication.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet

from . import organiser_actions as actions
from .exports import RankingExport, ScoresExport
from .models import ContestPage, JudgeAssignment, PrizeAward
from .organiser_forms import ArticleColumnForm, AwardForm, JudgeAssignmentForm
from .scoring import ContestScores
from .stages import loaded_judging, stage_of

PERMISSION = "contests.manage_judging"
URL_NAMESPACE = "contests_judging"
SUBMENU_HOOK = "register_writing_contests_menu_item"  # ContestAdminGroup.submenu_hook in wagtail_hooks


def judging_url(name, contest, *args):
    return reverse(f"{URL_NAMESPACE}:{name}", args=[contest.pk, *args])


def check_organiser(user):
    """Refuses whoever lacks the judging permission, before anything is looked up."""
    if not user.has_perm(PERMISSION):
        raise PermissionDenied


class OrganiserOnly:
    def dispatch(self, request, *args, **kwargs):
        check_organiser(request.user)
        return super().dispatch(request, *args, **kwargs)


def assignment_category_names(assignment):
    return ", ".join(category.name for category in assignment.categories.all()) or _("All")


class ContestListView(OrganiserOnly, BaseListingView):
    page_title = gettext_lazy("Judging")
    header_icon = "crosshairs"
    paginate_by = 50
    columns = [
        TitleColumn(
            "title", label=gettext_lazy("Contest"), get_url=lambda contest: judging_url("dashboard", contest)
        ),
        Column("closes_at", label=gettext_lazy("Entry deadline")),
        Column(
            "stage",
            label=gettext_lazy("Stage"),
            accessor=lambda contest: stage_of(contest).label,
        ),
    ]

    def get_base_queryset(self):
        return ContestPage.objects.select_related("judging").order_by("-closes_at")


class ContestView(WagtailAdminTemplateMixin, View):
    """A view about one contest; `self.contest` and `self.judging` (None before any judging step) are set."""

    header_icon = "crosshairs"

    def dispatch(self, request, *args, **kwargs):
        check_organiser(request.user)
        self.contest = get_object_or_404(ContestPage, pk=kwargs["contest_id"])
        self.judging = loaded_judging(self.contest)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.contest.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{URL_NAMESPACE}:index"), "label": _("Judging")},
            {"url": judging_url("dashboard", self.contest), "label": self.contest.title},
            {"url": "", "label": self.get_page_title()},
        ]

    def back_to_dashboard(self):
        return redirect(judging_url("dashboard", self.contest))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            contest=self.contest, judging=self.judging, stage=stage_of(self.contest), **kwargs
        )


class DashboardView(ContestView):
    template_name = "contests/judging/organiser_dashboard.html"
    page_title = gettext_lazy("Judging dashboard")

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{URL_NAMESPACE}:index"), "label": _("Judging")},
            {"url": "", "label": self.contest.title},
        ]

    def get(self, request, contest_id):
        scores = ContestScores(self.contest)
        awards = {
            award.entry_id: award
            for award in PrizeAward.objects.filter(prize__contest=self.contest).select_related("prize")
        }
        rankings = [
            (ranking, [(tally, awards.get(tally.entry.pk)) for tally in ranking.tallies])
            for ranking in scores.rankings
        ]
        return self.render_to_response(
            self.get_context_data(scores=scores, rankings=rankings, export_formats=["xlsx", "csv"])
        )


class StepView(ContestView):
    """A judging step: GET asks for confirmation, POST calls the subclass's `perform()`; a refusal comes back as
    an error message."""

    template_name = "contests/judging/organiser_confirm.html"
    confirm_label = ""
    button_class = "button"

    def confirmation(self):
        return ""

    def get(self, request, contest_id):
        context = self.get_context_data(
            confirmation=self.confirmation(), confirm_label=self.confirm_label, button_class=self.button_class
        )
        return self.render_to_response(context)

    def post(self, request, contest_id):
        try:
            message = self.perform()
        except actions.Refused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, message)
        return self.back_to_dashboard()


class CloseJudgingView(StepView):
    page_title = gettext_lazy("Close judging")
    confirm_label = gettext_lazy("Yes, close judging")

    def confirmation(self):
        missing = ContestScores(self.contest).missing_sheets
        text = _(
            "Closing freezes every score: judges can no longer change them, and see the whole panel's sheets."
        )
        if missing:
            text += " " + _("%(count)s score sheets are still missing or incomplete.") % {"count": missing}
        return text

    def perform(self):
        already = self.judging is not None and self.judging.is_closed
        actions.close_judging(self.contest, self.request.user)
        return _("Judging was already closed.") if already else _("Judging is closed: the scores are frozen.")


class ReopenJudgingView(StepView):
    page_title = gettext_lazy("Re-open judging")
    confirm_label = gettext_lazy("Yes, re-open judging")
    button_class = "button serious"

    def confirmation(self):
        return _("Judges will be able to change their scores again, and will no longer see each other's.")

    def perform(self):
        actions.reopen_judging(self.contest)
        return _("Judging is open again.")


class PublishResultsView(StepView):
    page_title = gettext_lazy("Publish the results")
    confirm_label = gettext_lazy("Yes, publish the results")

    def confirmation(self):
        return _(
            "The results page will show, per category, the prizes with the titles and the names the winners "
            "consented to; no contact details and no scores."
        )

    def perform(self):
        already = self.judging is not None and self.judging.results_published
        actions.publish_results(self.contest, self.request.user)
        return _("The results were already published.") if already else _("The results are published.")


class WithdrawResultsView(StepView):
    page_title = gettext_lazy("Withdraw the results")
    confirm_label = gettext_lazy("Yes, withdraw the results")
    button_class = "button serious"

    def confirmation(self):
        return _("The results page will answer “not found” until the results are published again.")

    def perform(self):
        actions.withdraw_results(self.contest)
        return _("The results are withdrawn.")


class PrizesView(ContestView):
    template_name = "contests/judging/organiser_prizes.html"
    page_title = gettext_lazy("Prizes")

    def get(self, request, contest_id):
        return self.render_to_response(self.get_context_data(form=self.award_form()))

    def post(self, request, contest_id):
        form = self.award_form(request.POST)
        if form.is_valid():
            try:
                award = actions.award_prize(
                    form.cleaned_data["prize"], form.cleaned_data["entry"], request.user
                )
            except actions.Refused as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(
                    request,
                    _("%(prize)s awarded to %(entry)s.")
                    % {"prize": award.prize.name, "entry": award.entry.anonymous_label},
                )
                return redirect(judging_url("prizes", self.contest))
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def award_form(self, data=None):
        return AwardForm(data, contest=self.contest, scores=self.scores)

    @cached_property
    def scores(self):
        return ContestScores(self.contest)

    def get_context_data(self, **kwargs):
        awards = PrizeAward.objects.filter(prize__contest=self.contest).select_related(
            "entry__category", "article"
        )
        by_prize = {}
        for award in awards.order_by("entry__number"):
            by_prize.setdefault(award.prize_id, []).append(award)
        prizes = [(prize, by_prize.get(prize.pk, [])) for prize in self.contest.prizes.all()]
        awards_may_change = bool(
            self.judging and self.judging.is_closed and not self.judging.results_published
        )
        return super().get_context_data(prizes=prizes, awards_may_change=awards_may_change, **kwargs)


class RemoveAwardView(ContestView):
    http_method_names = ["post"]

    def post(self, request, contest_id, award_id):
        award = get_object_or_404(
            PrizeAward.objects.select_related("prize__contest"), pk=award_id, prize__contest=self.contest
        )
        try:
            actions.remove_award(award)
        except actions.Refused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("The award is removed."))
        return redirect(judging_url("prizes", self.contest))


class ArticleFromAwardView(ContestView):
    """A draft article from a winning entry, in a column the organiser chooses; made once, then reopened."""

    template_name = "contests/judging/organiser_article.html"
    page_title = gettext_lazy("Article from a winning entry")

    def setup_award(self, award_id):
        self.award = get_object_or_404(
            PrizeAward.objects.select_related("entry__category", "prize__contest", "article"),
            pk=award_id,
            prize__contest=self.contest,
        )

    def get(self, request, contest_id, award_id):
        self.setup_award(award_id)
        if self.award.article is not None:
            return self.open_article(self.award.article)
        if not self.award.entry.consented_to_publication:
            return self.refuse(
                _("The entrant did not consent to publication: no article can be made from this entry.")
            )
        return self.render_form(ArticleColumnForm(columns=self.columns))

    def post(self, request, contest_id, award_id):
        self.setup_award(award_id)
        if self.award.article is not None:
            return self.open_article(self.award.article)
        form = ArticleColumnForm(request.POST, columns=self.columns)
        if not form.is_valid():
            return self.render_form(form, status=400)
        try:
            article, _created = actions.article_from_award(
                self.award, form.cleaned_data["column"], request.user
            )
        except actions.Refused as refusal:
            return self.refuse(str(refusal))
        messages.success(
            request,
            _("A draft article was made from %(entry)s.") % {"entry": self.award.entry.anonymous_label},
        )
        return self.open_article(article)

    @cached_property
    def columns(self):
        return actions.columns_for_articles(self.request.user)

    def render_form(self, form, status=200):
        return self.render_to_response(self.get_context_data(form=form, award=self.award), status=status)

    def refuse(self, message):
        messages.error(self.request, message)
        return redirect(judging_url("prizes", self.contest))

    def open_article(self, article):
        return redirect("wagtailadmin_pages:edit", article.pk)


class ExportView(OrganiserOnly, View):
    """?export=xlsx or ?export=csv; any other format is not found."""

    export_class = None

    def get(self, request, contest_id):
        contest = get_object_or_404(ContestPage, pk=contest_id)
        spreadsheet_format = request.GET.get("export", "xlsx")
        if spreadsheet_format not in self.export_class.FORMATS:
            raise Http404
        return self.export_class(ContestScores(contest)).as_spreadsheet(spreadsheet_format)


class ScoresExportView(ExportView):
    export_class = ScoresExport


class RankingExportView(ExportView):
    export_class = RankingExport


# Registration: the assignments' model viewset and the judging views, in the "Writing contests" submenu -----


class JudgeAssignmentIndexView(IndexView):
    queryset = JudgeAssignment.objects.select_related("contest", "judge").prefetch_related("categories")


class JudgeAssignmentViewSet(ModelViewSet):
    """Organisers put judges of the judges group on a contest's panel (permissions on JudgeAssignment)."""

    model = JudgeAssignment
    icon = "group"
    menu_label = gettext_lazy("Judge assignments")
    menu_order = 21
    menu_hook = SUBMENU_HOOK
    url_prefix = "contests/judge-assignments"
    url_namespace = "contests_judgeassignment"
    copy_view_enabled = False
    index_view_class = JudgeAssignmentIndexView
    list_display = [
        TitleColumn("judge", label=gettext_lazy("Judge"), url_name="contests_judgeassignment:edit"),
        "contest",
        Column("category_names", label=gettext_lazy("Categories"), accessor=assignment_category_names),
        "assigned_at",
    ]
    list_filter = ["contest"]
    edit_handler = ObjectList(
        [FieldPanel("contest"), FieldPanel("judge"), FieldPanel("categories"), FieldPanel("public_title")],
        base_form_class=JudgeAssignmentForm,
    )


class JudgingMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


class JudgingViewSet(ViewSet):
    name = URL_NAMESPACE
    url_prefix = "contests/judging"
    icon = "crosshairs"
    # The judges' own menu item is "Judging"; a superuser sees both.
    menu_label = gettext_lazy("Judging dashboard")
    menu_order = 20
    menu_hook = SUBMENU_HOOK
    menu_item_class = JudgingMenuItem

    def get_urlpatterns(self):
        return [
            path("", ContestListView.as_view(), name="index"),
            path("<int:contest_id>/", DashboardView.as_view(), name="dashboard"),
            path("<int:contest_id>/close/", CloseJudgingView.as_view(), name="close"),
            path("<int:contest_id>/reopen/", ReopenJudgingView.as_view(), name="reopen"),
            path("<int:contest_id>/publish/", PublishResultsView.as_view(), name="publish"),
            path("<int:contest_id>/withdraw/", WithdrawResultsView.as_view(), name="withdraw"),
            path("<int:contest_id>/prizes/", PrizesView.as_view(), name="prizes"),
            path(
                "<int:contest_id>/prizes/<int:award_id>/remove/",
                RemoveAwardView.as_view(),
                name="remove_award",
            ),
            path(
                "<int:contest_id>/prizes/<int:award_id>/article/",
                ArticleFromAwardView.as_view(),
                name="article",
            ),
            path("<int:contest_id>/export/scores/", ScoresExportView.as_view(), name="export_scores"),
            path("<int:contest_id>/export/ranking/", RankingExportView.as_view(), name="export_ranking"),
        ]
