"""The demo's writing contest on the newspaper (data/contest.json): published and open since yesterday morning,
for two months, so that whoever tries the demo can send an entry; with its categories, prizes and rubric, and
its panel of judges. Its name carries no year: the demo may be loaded in any."""

import datetime

from django.contrib.auth.models import Group, User
from django.utils import timezone

from wagtail.models import GroupPagePermission

from contests.models import (
    ContestCategory,
    ContestIndexPage,
    ContestPage,
    ContestPrize,
    JudgeAssignment,
    RubricCriterion,
)
from contests.setup import ORGANISERS_GROUP
from newsroom.models import ColumnPage
from newsroom.outlets import page_permission

from .data import read_json
from .dating import add_published_child
from .past_contest import load_past_contest

ENTRY_PERIOD = datetime.timedelta(days=60, hours=10)


def load_contest(home):
    """The contest index under `home`, the demo contest and the past one in it, created where missing."""
    data = read_json("contest.json")
    index = ContestIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(instance=ContestIndexPage(**data["index"], show_in_menus=True))
        index.save_revision().publish()
    if not ContestPage.objects.child_of(index).filter(title=data["contest"]["title"]).exists():
        contest = demo_contest(data)
        add_published_child(index, contest, contest.opens_at)
    load_past_contest(index)
    let_organisers_draft_in(data["drafts_column"])


def let_organisers_draft_in(column_slug):
    """Organisers make draft articles from winning entries in the outlets' contest columns; the outlets'
    editors review and publish them."""
    organisers = Group.objects.get(name=ORGANISERS_GROUP)
    for column in ColumnPage.objects.filter(slug=column_slug):
        GroupPagePermission.objects.get_or_create(
            group=organisers, page=column, permission=page_permission("add")
        )


def seat_the_panel():
    """The judges on the demo contest's panel, each for the categories named (none: every category).

    Judging itself starts when the entry period ends, two months after the demo was loaded.
    """
    data = read_json("contest.json")
    contest = ContestPage.objects.get(title=data["contest"]["title"])
    for seat in data["panel"]:
        judge = User.objects.get(username=seat["judge"])
        assignment, _created = JudgeAssignment.objects.get_or_create(contest=contest, judge=judge)
        assignment.categories.set(contest.categories.filter(name__in=seat["categories"]))


def demo_contest(data):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    opens = datetime.datetime.combine(yesterday, datetime.time(7), tzinfo=timezone.get_current_timezone())
    contest = ContestPage(**data["contest"], opens_at=opens, closes_at=opens + ENTRY_PERIOD)
    contest.categories = [ContestCategory(**category) for category in data["categories"]]
    contest.prizes = [ContestPrize(**prize) for prize in data["prizes"]]
    contest.rubric_criteria = [RubricCriterion(**criterion) for criterion in data["rubric"]]
    return contest
