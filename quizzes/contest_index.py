"""The outlet's knowledge contests on its contest index (contests' CONTEST_INDEX_SECTIONS_HOOK): a reader who
opens "Cuộc thi" finds the contests the whole province takes beside the writing contests, each with where its
rounds stand."""

from django.db.models import Prefetch
from django.utils import timezone

from newsroom.models.sections import Section
from newsroom.pictures import listing_images

from .models import QuizPage, RoundPhase

TEMPLATE = "quizzes/contest_index_section.html"


def knowledge_contests_section(index_page, request):
    contests = (
        QuizPage.objects.live()
        .public()
        .sibling_of(index_page, inclusive=False)
        .prefetch_related("rounds", Prefetch("lead_image", queryset=listing_images("card")))
        .order_by("-first_published_at", "pk")
    )
    now = timezone.now()
    cards = [{"contest": contest, **round_standing(list(contest.rounds.all()), now)} for contest in contests]
    return Section(TEMPLATE, {"cards": cards}) if cards else None


def round_standing(rounds, now):
    """The round open now, else the next to open, else the last that closed: {"phase": …, "round": …}."""
    by_phase = {phase: [r for r in rounds if r.phase(now) == phase] for phase in RoundPhase}
    for phase, pick in ((RoundPhase.OPEN, 0), (RoundPhase.UPCOMING, 0), (RoundPhase.CLOSED, -1)):
        if by_phase[phase]:
            return {"phase": phase, "round": by_phase[phase][pick]}
    return {"phase": None, "round": None}
