"""The registry's spotlight on the outlets' home pages: recent published profiles, those with a picture first, a
different few each day, linking to the profile on the site being read, in a fixed number of queries."""

import datetime
from types import SimpleNamespace

from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from exemplars.models import ExemplarIndexPage
from exemplars.spotlight import SPOTLIGHT_SIZE, of_the_day, spotlight_section

from .conftest import HOSTS, LOCAL

SPOTLIGHT_HEADING = "Gương điển hình tiên tiến"


def home_html(client, outlet):
    response = client.get("/", HTTP_HOST=HOSTS[outlet])
    assert response.status_code == 200
    return response.content.decode()


def profiles(pool):
    return [profile.name for profile in pool]


def test_the_day_turns_the_spotlight_and_pictures_come_first():
    with_pictures = [SimpleNamespace(name=f"ảnh {n}", lead_image_id=n) for n in range(1, 7)]
    without = [SimpleNamespace(name=f"chữ {n}", lead_image_id=None) for n in range(1, 4)]
    pool = [without[0], *with_pictures[:3], without[1], *with_pictures[3:], without[2]]
    today = datetime.date(2025, 3, 10)

    chosen = of_the_day(pool, today)
    tomorrow = of_the_day(pool, today + datetime.timedelta(days=1))
    assert len(chosen) == SPOTLIGHT_SIZE
    assert all(profile.lead_image_id for profile in chosen + tomorrow)
    assert profiles(chosen) != profiles(tomorrow)
    # With fewer pictures than places, the profiles without one fill the rest.
    assert profiles(of_the_day(pool[:3], today))[-1] == "chữ 1"


def test_each_home_shows_recent_profiles_with_their_pictures_linked_on_the_site_read(
    client, outlets, shared_indexes, make_exemplar, make_image
):
    portrait = make_exemplar("Già làng Y Khu Niê", lead_image=make_image("Già làng Y Khu Niê"))
    plain = make_exemplar("Hợp tác xã cà phê Ea Tu")
    draft = make_exemplar("Hồ sơ chưa duyệt", live=False)

    station_registry = ExemplarIndexPage.objects.child_of(outlets["broadcast"]).get()
    html = home_html(client, "broadcast")
    assert SPOTLIGHT_HEADING in html
    assert html.index(portrait.title) < html.index(plain.title)
    assert f'href="{station_registry.relative_url(station_registry.get_site())}{portrait.slug}/"' in html
    assert "<picture" in html and 'alt="Ảnh minh họa: Già làng Y Khu Niê"' in html
    assert draft.title not in html
    for outlet in ("newspaper", "portal"):
        assert portrait.title in home_html(client, outlet)


def test_a_registry_without_published_profiles_puts_no_spotlight(
    client, outlets, shared_indexes, make_exemplar
):
    make_exemplar("Hồ sơ chưa duyệt", live=False)
    assert SPOTLIGHT_HEADING not in home_html(client, "newspaper")


def test_the_spotlight_changes_from_one_day_to_the_next(
    client, outlets, shared_indexes, make_exemplar, time_machine
):
    for number in range(SPOTLIGHT_SIZE + 1):
        make_exemplar(f"Điển hình số {number}")
    time_machine.move_to(datetime.datetime(2025, 3, 10, 23, 0, tzinfo=LOCAL), tick=False)
    tonight = home_html(client, "portal")
    time_machine.move_to(datetime.datetime(2025, 3, 11, 0, 30, tzinfo=LOCAL), tick=False)
    after_midnight = home_html(client, "portal")
    shown_tonight = {n for n in range(SPOTLIGHT_SIZE + 1) if f"Điển hình số {n}<" in tonight}
    shown_after = {n for n in range(SPOTLIGHT_SIZE + 1) if f"Điển hình số {n}<" in after_midnight}
    assert len(shown_tonight) == len(shown_after) == SPOTLIGHT_SIZE
    assert shown_tonight != shown_after


def spotlight_queries(rf, outlets):
    """The queries of the newspaper's spotlight, shown as its home shows it, and the spotlight. The cache is
    emptied first, as a server just started finds it: the pictures' renditions are read from the database."""
    request = rf.get("/", HTTP_HOST=HOSTS["newspaper"])
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        section = spotlight_section(outlets["newspaper"], request)
        render_to_string(section.template, {"section": section.context}, request)
    return len(queries), section


def test_the_spotlight_costs_the_same_queries_for_two_profiles_as_for_twenty(
    rf, outlets, shared_indexes, make_exemplar, make_image
):
    for number in range(2):
        make_exemplar(f"Điển hình số {number}", lead_image=make_image(f"Chân dung {number}"))
    spotlight_queries(rf, outlets)  # renditions are made on the first view; count the steady state
    with_two, _section = spotlight_queries(rf, outlets)
    for number in range(2, 20):
        make_exemplar(f"Điển hình số {number}", lead_image=make_image(f"Chân dung {number}"))
    spotlight_queries(rf, outlets)
    with_twenty, section = spotlight_queries(rf, outlets)
    assert len(section.context["profiles"]) == SPOTLIGHT_SIZE
    assert with_twenty == with_two
