"""A contest as search engines and shared links see it: an Event held online from the opening of entries to their
deadline, organised by its outlet; a preview and share links that load nobody else's script."""

import datetime

import time_machine

from tests.conftest import LARGE_PHOTO
from tests.social_markup import assert_only_our_scripts_and_no_frames, markup, stored_image

from .conftest import DURING


@time_machine.travel(DURING, tick=False)
def test_a_contest_is_an_online_event_from_its_opening_to_its_deadline(client, contest):
    page = markup(client.get(contest.url))
    (event,) = page.of_type("Event")

    assert event["name"] == "Cuộc thi viết về gương người tốt việc tốt"
    assert event["description"] == "Những tấm gương bình dị mà cao quý"
    assert event["startDate"] == "2025-03-01T14:00:00+07:00"
    assert event["endDate"] == "2025-04-30T17:00:00+07:00"
    assert event["location"] == {"@type": "VirtualLocation", "url": page.canonical}
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["organizer"]["@type"] == "Organization"
    assert event["organizer"]["name"] == "Báo Đắk Lắk"
    assert [item["name"] for item in page.of_type("BreadcrumbList")[0]["itemListElement"]][
        -1
    ] == contest.title


@time_machine.travel(DURING, tick=False)
def test_a_contest_is_shared_with_its_picture_and_share_links(client, make_contest, make_image):
    contest = make_contest(
        title="Tự hào 80 mùa thu", lead_image=make_image("Cờ đỏ sao vàng", size=LARGE_PHOTO)
    )
    page = markup(client.get(contest.url))

    assert page.property("og:type") == "website"
    assert page.property("og:url") == page.canonical
    assert page.property("og:description") == "Những tấm gương bình dị mà cao quý"
    assert stored_image(page.property("og:image")).size == (1200, 630)
    (event,) = page.of_type("Event")
    assert stored_image(event["image"][0]).size == (1200, 630)
    assert page.link_to("www.facebook.com").endswith(
        f"u={contest.full_url.replace(':', '%3A').replace('/', '%2F')}"
    )
    assert_only_our_scripts_and_no_frames(page)


def test_the_status_look_up_is_shared_at_its_own_address(client, contest):
    page = markup(client.get(f"{contest.url}tra-cuu/"))

    assert page.property("og:url") == page.canonical == f"{contest.full_url}tra-cuu/"
    assert page.of_type("Event")[0]["startDate"] == datetime.datetime(2025, 3, 1, 14).isoformat() + "+07:00"
