"""The demo reads as a newsroom in use on the day it is loaded (demo.dating): the newest stories are of the days
before, the contest takes entries and names no other year, and what happened keeps the date its data gives it,
on a first load and on every later one."""

import datetime
import re

import pytest
import time_machine

from wagtail.models import Page

from contests.models import ContestPage, Phase, PrizeAward, ScoreSheet
from core.dates import LOCAL_TIME_ZONE
from demo.data import ARCHIVE, read_json, read_jsonl
from exemplars.models import ExemplarPage, MovementPage
from newsroom.models import ArticlePage, OutletHomePage
from tests.datasets import Dataset
from tests.demo.test_load_demo import load_demo

LOADED_AT = datetime.datetime(2027, 3, 15, 10, 0, tzinfo=LOCAL_TIME_ZONE)
A_WEEK = datetime.timedelta(days=7)


def load_demo_on_a_known_day():
    with time_machine.travel(LOADED_AT, tick=False):
        load_demo()


DEMO_ON_A_KNOWN_DAY = Dataset(load_demo_on_a_known_day, shared_name="demo-on-a-known-day")


@pytest.fixture
def demo_on_a_known_day(db):
    DEMO_ON_A_KNOWN_DAY.put()


def local(moment):
    return moment.astimezone(LOCAL_TIME_ZONE)


def test_every_outlet_leads_with_stories_of_the_week_before_the_load(demo_on_a_known_day):
    for home in OutletHomePage.objects.all():
        newest = ArticlePage.objects.in_outlet(home).for_listing().first()
        assert LOADED_AT - A_WEEK < newest.publication_date < LOADED_AT, home.outlet
    newspaper_newest = ArticlePage.objects.live().order_by("-publication_date").first()
    assert local(newspaper_newest.publication_date) == datetime.datetime(
        2027, 3, 14, 9, 30, tzinfo=LOCAL_TIME_ZONE
    )
    assert newspaper_newest.first_published_at == newspaper_newest.publication_date


def test_the_contest_takes_entries_on_the_load_day_and_names_no_other_year(demo_on_a_known_day):
    contest = ContestPage.objects.live().get(title="Cuộc thi viết “Những tấm gương bình dị mà cao quý”")
    assert contest.phase(LOADED_AT) == Phase.OPEN
    assert contest.first_published_at == contest.opens_at
    assert contest.opens_at.date() < LOADED_AT.date() < contest.closes_at.date()
    named_years = {int(year) for year in re.findall(r"\b(?:19|20)\d\d\b", contest.title)}
    assert named_years <= {local(contest.opens_at).year, local(contest.closes_at).year}


def test_profiles_and_movements_carry_the_dates_their_data_gives_them(demo_on_a_known_day):
    for spec in read_json("exemplars.json")["profiles"]:
        profile = ExemplarPage.objects.get(title=spec["title"], alias_of__isnull=True)
        published_at = datetime.datetime.fromisoformat(spec["published_at"])
        assert (profile.first_published_at, profile.last_published_at) == (published_at, published_at)
        assert profile.latest_revision_created_at == published_at
        assert [(award.title, award.date.isoformat()) for award in profile.awards.all()] == [
            (award["title"], award["date"]) for award in spec["awards"]
        ]
    for spec in read_json("movements.json"):
        movement = MovementPage.objects.get(title=spec["title"], alias_of__isnull=True)
        published_at = datetime.datetime.fromisoformat(spec["published_at"])
        assert (movement.first_published_at, movement.last_published_at) == (published_at, published_at)


def test_linking_the_archive_to_the_registry_leaves_the_articles_dates(demo_on_a_known_day):
    archive_ids = [line["external_id"] for line in read_jsonl(ARCHIVE)]
    linked = ArticlePage.objects.filter(external_id__in=archive_ids, exemplar_links__isnull=False).distinct()
    assert linked.count() >= 10
    for article in linked:
        assert article.last_published_at == article.publication_date, article.title
        assert article.latest_revision_created_at == article.publication_date, article.title


def test_loading_the_demo_again_days_later_keeps_every_date(demo_on_a_known_day):
    def dates():
        return sorted(
            Page.objects.filter(live=True).values_list("pk", "first_published_at", "last_published_at")
        ) + sorted(ContestPage.objects.values_list("pk", "opens_at", "closes_at"))

    first = dates()
    with time_machine.travel(LOADED_AT + datetime.timedelta(days=10), tick=False):
        load_demo()
    assert dates() == first


def test_the_2025_contest_ran_in_2025_and_shows_its_results(client, demo_on_a_known_day):
    contest = ContestPage.objects.get(title="Cuộc thi viết “Tự hào 80 mùa thu độc lập”")
    assert local(contest.opens_at).year == local(contest.closes_at).year == 2025
    assert contest.phase(LOADED_AT) == Phase.CLOSED
    assert contest.judging.closed_at.year == contest.judging.results_published_at.year == 2025
    assert {award.awarded_at for award in PrizeAward.objects.filter(prize__contest=contest)} == {
        contest.judging.closed_at
    }
    assert {entry.submitted_at.year for entry in contest.entries.all()} == {2025}
    assert all(contest.opens_at <= entry.submitted_at < contest.closes_at for entry in contest.entries.all())
    judge_sheets = ScoreSheet.objects.filter(entry__contest=contest)
    assert judge_sheets.exists()
    assert all(sheet.updated_at < contest.judging.closed_at for sheet in judge_sheets)

    html = client.get(contest.url + "ket-qua/").content.decode()
    assert "ngày 20 tháng 10 năm 2025" in html
    assert "Những mùa xuân trên đồi cà phê" in html and "Lê Quang Vịnh" in html
    assert "Chuyện làng cà phê" not in html  # scored, but no prize
