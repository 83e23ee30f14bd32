"""A contest as search engines read it (newsroom.structured_data): an Event held online, on the contest's page,
from the opening of entries to their deadline, organised by the outlet that runs it."""

from newsroom.structured_data import online_event

from .models import ContestPage


def contest_structured_data(preview, request, context):
    contest = preview.page
    if not isinstance(contest, ContestPage):
        return []
    return [online_event(preview, request, start=contest.opens_at, end=contest.closes_at)]
