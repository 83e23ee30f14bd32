"""The dashboard panels of judging: a judge's entries left to score, and an organiser's view of each contest
still to be decided, with each judge's progress and what keeps its results from being published.

A panel renders nothing for a user outside its role. The judge's panel reads a fixed number of queries however
many contests and entries; the organiser's a fixed number per contest shown (at most ORGANISER_CONTESTS), however
many entries, judges and sheets.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from core.role_panels import RolePanel

from .judge_access import judging_closed, progress_of
from .judge_views import category_names, contest_url, stage_label
from .models import ContestPage
from .organiser_actions import closing_refusal, publication_refusals
from .organiser_views import PERMISSION as ORGANISER_PERMISSION
from .organiser_views import judging_url
from .scoring import ContestScores
from .stages import Stage, stage_of

# The organiser's panel shows the contests whose results are not yet published, the latest to close first.
ORGANISER_CONTESTS = 5


# A judge ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class JudgeRow:
    """One contest the judge is on the panel of: the entries left to score and where the contest stands.

    Scoring has no deadline of its own (it lasts until the organisers close judging), so the stage is shown."""

    progress: object  # judge_access.ContestProgress

    @property
    def contest(self):
        return self.progress.contest

    @property
    def url(self):
        return contest_url(self.contest)

    @property
    def categories(self):
        return category_names(self.progress.assignment)

    @property
    def stage(self):
        return stage_label(self.contest)


def judge_rows(user):
    """The user's contests still being judged (results not published), with their own entries left to score."""
    return [
        JudgeRow(progress)
        for progress in progress_of(user)
        if stage_of(progress.contest) != Stage.RESULTS_PUBLISHED
    ]


class JudgePanel(RolePanel):
    name = "judge_contests"
    template_name = "contests/judging/judge_dashboard_panel.html"
    order = 60

    def context_for(self, user):
        rows = judge_rows(user)
        return {"rows": rows} if rows else None


# An organiser ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContestOverview:
    contest: ContestPage
    stage: Stage
    progress: list  # scoring.JudgeProgress, one per judge on the panel
    blockers: list  # why the results cannot be published yet, in the order to deal with them

    @property
    def url(self):
        return judging_url("dashboard", self.contest)


def result_blockers(contest, scores, now=None):
    """What keeps the contest's results from publication: the refusals of the organisers' own actions (closing,
    publishing), and while judging is open the score sheets still missing or incomplete."""
    blockers = []
    if not judging_closed(contest):
        blockers.append(closing_refusal(contest, now))
        if scores.missing_sheets:
            blockers.append(
                _("%(count)s score sheets are still missing or incomplete.")
                % {"count": scores.missing_sheets}
            )
    blockers.extend(publication_refusals(contest))
    return [blocker for blocker in blockers if blocker]


def contests_to_decide():
    """The contests whose results are not published yet, the latest to close first, with their judging row."""
    return (
        ContestPage.objects.select_related("judging")
        .exclude(judging__results_published_at__isnull=False)
        .order_by("-closes_at", "pk")[:ORGANISER_CONTESTS]
    )


def contest_overviews(now=None):
    now = now or timezone.now()
    overviews = []
    for contest in contests_to_decide():
        scores = ContestScores(contest)
        overviews.append(
            ContestOverview(
                contest, stage_of(contest, now), scores.progress, result_blockers(contest, scores, now)
            )
        )
    return overviews


class OrganiserPanel(RolePanel):
    name = "organiser_contests"
    template_name = "contests/judging/organiser_dashboard_panel.html"
    order = 60

    def context_for(self, user):
        if not user.has_perm(ORGANISER_PERMISSION):
            return None
        return {"overviews": contest_overviews()}
