"""The organisers' results: per round its phase, its figures and the top of its ranking with each entrant's full
contact details; publishing a closed round's results, then the whole contest's; the participation per unit; and
the spreadsheets of a round's ranking and of the participation.

Seeing them needs quizzes.view_attempt (the organisers); publishing needs quizzes.publish_results. The public side
(quizzes.views) shows the published winners with a masked phone only.
"""

import dataclasses

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from .admin_rounds import SUBMENU_HOOK
from .exports import ParticipationExport, RoundRankingExport
from .models import Attempt, Publication, QuizPage, QuizRound, RoundPhase
from .publication import CannotPublish, publish_contest, publish_round
from .ranking import all_correct_count, participation, round_ranking

SEE_PERMISSION = "quizzes.view_attempt"
PUBLISH_PERMISSION = "quizzes.publish_results"
URL_NAMESPACE = "quizzes_results"
# How many of a round's best entrants the results screen lists; the spreadsheet holds them all.
TOP_OF_RANKING = 20
ALREADY_PUBLISHED = gettext_lazy("These results are published already.")


def results_url(name, *args):
    return reverse(f"{URL_NAMESPACE}:{name}", args=args)


class PermissionRequired:
    """Refuses whoever lacks `permission`, before anything is looked up."""

    permission = SEE_PERMISSION

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def contest_results_url(contest):
    return results_url("contest", contest.pk)


class ContestListView(PermissionRequired, BaseListingView):
    page_title = gettext_lazy("Results")
    header_icon = "trophy"
    paginate_by = 50
    columns = [
        TitleColumn("title", label=gettext_lazy("Contest"), get_url=contest_results_url),
        Column("round_count", label=gettext_lazy("Rounds")),
        Column("attempts_sent", label=gettext_lazy("Attempts sent")),
    ]

    def get_base_queryset(self):
        sent = Q(rounds__attempts__submitted_at__isnull=False)
        return QuizPage.objects.annotate(
            round_count=Count("rounds", distinct=True),
            attempts_sent=Count("rounds__attempts", filter=sent),
        ).order_by("-first_published_at", "-pk")


@dataclasses.dataclass
class RoundResults:
    """What the results screen shows of a round."""

    round: QuizRound
    phase: str
    publication: Publication | None
    attempts_sent: int
    participants: int
    all_correct: int
    top: list
    participation: list

    @property
    def phase_label(self):
        return RoundPhase(self.phase).label

    @property
    def may_publish(self):
        return self.phase == RoundPhase.CLOSED and self.publication is None


def round_results(quiz_round, contest):
    publication = getattr(quiz_round, "publication", None)
    # Once published, the kept true count; before, the count as it stands.
    true_count = publication.all_correct_count if publication else all_correct_count(quiz_round)
    sent = Attempt.objects.filter(round=quiz_round, submitted_at__isnull=False)
    ranked = round_ranking(quiz_round, true_count).select_related("entrant__unit", "entrant__locality")
    return RoundResults(
        round=quiz_round,
        phase=quiz_round.phase(),
        publication=publication,
        attempts_sent=sent.count(),
        participants=sent.values("entrant").distinct().count(),
        all_correct=true_count,
        top=list(ranked[:TOP_OF_RANKING]),
        participation=participation(contest, quiz_round),
    )


class ContestView(WagtailAdminTemplateMixin, View):
    """A view about one contest: `self.contest` is set once the user is known to hold `permission`."""

    permission = SEE_PERMISSION
    header_icon = "trophy"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        self.contest = get_object_or_404(QuizPage, pk=kwargs["contest_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.contest.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": results_url("index"), "label": _("Results")},
            {"url": contest_results_url(self.contest), "label": self.contest.title},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(contest=self.contest, **kwargs)

    def round_of_contest(self, round_id):
        return get_object_or_404(
            QuizRound.objects.select_related("contest", "publication"), pk=round_id, contest=self.contest
        )


class ContestResultsView(ContestView):
    template_name = "quizzes/admin/results.html"
    page_title = gettext_lazy("Results")

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": results_url("index"), "label": _("Results")},
            {"url": "", "label": self.contest.title},
        ]

    def get(self, request, contest_id):
        rounds = list(self.contest.rounds.select_related("contest", "publication"))
        whole = Publication.objects.filter(contest=self.contest, round__isnull=True).first()
        context = self.get_context_data(
            rounds=[round_results(quiz_round, self.contest) for quiz_round in rounds],
            whole=whole,
            contest_may_be_published=whole is None
            and bool(rounds)
            and all(getattr(r, "publication", None) for r in rounds),
            participation=participation(self.contest),
            may_publish=request.user.has_perm(PUBLISH_PERMISSION),
            export_formats=["xlsx", "csv"],
        )
        return self.render_to_response(context)


class PublishView(ContestView):
    """GET asks for confirmation; POST publishes once: a replayed or doubled POST says it was published already."""

    permission = PUBLISH_PERMISSION
    template_name = "quizzes/admin/confirm_publish.html"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(confirmation=self.confirmation()))

    def post(self, request, *args, **kwargs):
        try:
            self.publish()
        except CannotPublish as refusal:
            messages.error(request, str(refusal))
        except IntegrityError:
            # Another request published the same results between the check and the write.
            messages.error(request, str(ALREADY_PUBLISHED))
        else:
            messages.success(request, self.success_message())
        return redirect(contest_results_url(self.contest))


class PublishRoundView(PublishView):
    page_title = gettext_lazy("Publish a round's results")

    @cached_property
    def quiz_round(self):
        return self.round_of_contest(self.kwargs["round_id"])

    def get_page_subtitle(self):
        return f"{self.contest.title} · {self.quiz_round.name}"

    def confirmation(self):
        return _(
            "The ranking of %(round)s is worked out now and kept: its winners are published on the contest's "
            "page with their name, unit and masked phone. It cannot be changed afterwards."
        ) % {"round": self.quiz_round.name}

    def publish(self):
        publish_round(self.quiz_round, self.request.user)

    def success_message(self):
        return _("The results of %(round)s are published.") % {"round": self.quiz_round.name}


class PublishContestView(PublishView):
    page_title = gettext_lazy("Publish the whole contest's results")

    def confirmation(self):
        return _(
            "The whole contest's ranking (the rounds' best attempts added up) and the collective prizes of the "
            "units with the most participants are worked out now and published. They cannot be changed afterwards."
        )

    def publish(self):
        publish_contest(self.contest, self.request.user)

    def success_message(self):
        return _("The whole contest's results are published.")


def spreadsheet_format(request):
    chosen = request.GET.get("export", "xlsx")
    if chosen not in RoundRankingExport.FORMATS:
        raise Http404
    return chosen


class RoundRankingExportView(ContestView):
    def get(self, request, contest_id, round_id):
        quiz_round = self.round_of_contest(round_id)
        publication = getattr(quiz_round, "publication", None)
        true_count = publication.all_correct_count if publication else all_correct_count(quiz_round)
        return RoundRankingExport(quiz_round, true_count).as_spreadsheet(spreadsheet_format(request))


class ParticipationExportView(ContestView):
    """The whole contest's participation, or one round's with ?round=<id>."""

    def get(self, request, contest_id):
        round_id = request.GET.get("round")
        quiz_round = self.round_of_contest(round_id) if round_id and round_id.isdigit() else None
        export = ParticipationExport(self.contest, quiz_round)
        return export.as_spreadsheet(spreadsheet_format(request))


class ResultsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(SEE_PERMISSION)


class ResultsViewSet(ViewSet):
    name = URL_NAMESPACE
    url_prefix = "quizzes/results"
    icon = "trophy"
    menu_label = gettext_lazy("Results")
    menu_order = 30
    menu_hook = SUBMENU_HOOK
    menu_item_class = ResultsMenuItem

    def get_urlpatterns(self):
        return [
            path("", ContestListView.as_view(), name="index"),
            path("<int:contest_id>/", ContestResultsView.as_view(), name="contest"),
            path("<int:contest_id>/publish/", PublishContestView.as_view(), name="publish_contest"),
            path(
                "<int:contest_id>/rounds/<int:round_id>/publish/",
                PublishRoundView.as_view(),
                name="publish_round",
            ),
            path(
                "<int:contest_id>/rounds/<int:round_id>/ranking/",
                RoundRankingExportView.as_view(),
                name="export_ranking",
            ),
            path(
                "<int:contest_id>/participation/",
                ParticipationExportView.as_view(),
                name="export_participation",
            ),
        ]
