"""A knowledge contest as search engines read it (newsroom.structured_data): an Event held online, on the
contest's page, from its first round's opening to its last round's close, organised by the outlet that runs it."""

from django.db.models import Max, Min

from newsroom.structured_data import online_event

from .models import QuizPage


def quiz_structured_data(preview, request, context):
    contest = preview.page
    if not isinstance(contest, QuizPage):
        return []
    span = contest.rounds.aggregate(start=Min("opens_at"), end=Max("closes_at"))
    if span["start"] is None:
        return []
    return [online_event(preview, request, start=span["start"], end=span["end"])]
