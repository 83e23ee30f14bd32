"""A knowledge contest as search engines see it: an Event held online over its rounds; its share links load
nobody else's script."""

import datetime

import time_machine

from tests.social_markup import assert_only_our_scripts_and_no_frames, markup

from .conftest import CLOSES_AT, DURING


@time_machine.travel(DURING, tick=False)
def test_a_knowledge_contest_is_an_online_event_over_its_rounds(client, quiz, make_round):
    make_round()
    make_round(name="Tuần 2", opens_at=CLOSES_AT, closes_at=CLOSES_AT + datetime.timedelta(days=7))
    page = markup(client.get(quiz.url))
    (event,) = page.of_type("Event")
    assert event["name"] == quiz.title
    assert event["startDate"] == "2025-03-03T07:00:00+07:00"
    assert event["endDate"] == "2025-03-17T20:00:00+07:00"
    assert event["location"] == {"@type": "VirtualLocation", "url": page.canonical}
    assert event["organizer"]["name"] == "Báo Đắk Lắk"
    assert_only_our_scripts_and_no_frames(page)


def test_a_contest_without_rounds_is_no_event_yet(client, quiz):
    assert markup(client.get(quiz.url)).of_type("Event") == []
