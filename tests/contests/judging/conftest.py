"""Fixtures of judging: a closed contest with accepted entries in two categories, its panel and organisers."""

import itertools
import uuid
from decimal import Decimal

import pytest

from contests.models import CriterionScore, Entry, JudgeAssignment, ScoreSheet
from contests.setup import JUDGES_GROUP, ORGANISERS_GROUP

from ..conftest import CLOSES_AT

ENTRANTS = [
    ("Nguyễn Thị Hoa", "Hoa Ban", "hoa@example.vn", "Người giữ lửa buôn làng"),
    ("Y Moan Ênuôl", "", "ymoan@example.vn", "Mùa cà phê trên đồi Ea Tu"),
    ("Trần Văn Đức", "Đức Trần", "duc@example.vn", "Ông giáo làng Krông Pắc"),
    ("H'Bia Niê", "", "hbia@example.vn", "Bếp ăn nghĩa tình"),
]


@pytest.fixture
def judging_roles(roles):
    return roles


@pytest.fixture
def make_judge(make_user, judging_roles):
    counter = itertools.count(1)

    def make(username=None, contest=None, categories=()):
        # The panel's tests read the admin's English messages.
        judge = make_user(username or f"giamkhao{next(counter)}", JUDGES_GROUP, admin_language="en")
        if contest is not None:
            assignment = JudgeAssignment.objects.create(contest=contest, judge=judge)
            assignment.categories.set(categories)
        return judge

    return make


@pytest.fixture
def organiser(make_user, judging_roles):
    return make_user("bantochuc", ORGANISERS_GROUP, admin_language="en")


@pytest.fixture
def make_entry():
    numbers = itertools.count(1)

    def make(contest, category=None, status=Entry.Status.ACCEPTED, **fields):
        number = next(numbers)
        full_name, pen_name, email, title = ENTRANTS[(number - 1) % len(ENTRANTS)]
        values = {
            "full_name": full_name,
            "pen_name": pen_name,
            "credit": Entry.Credit.PEN_NAME if pen_name else Entry.Credit.FULL_NAME,
            "email": email,
            "email_key": email,
            "phone": "0912 345 678",
            "address": "Buôn Ma Thuột",
            "title": title,
            "text": "Bài viết về một tấm gương người tốt việc tốt ở Đắk Lắk.",
            "consented_to_rules": True,
            "consented_to_publication": True,
            "receipt_code": f"NG-{uuid.uuid4().hex[:10].upper()}",
            "submission_token": uuid.uuid4(),
            "submitted_at": CLOSES_AT,
        }
        values.update(fields)
        return Entry.objects.create(
            contest=contest,
            number=number,
            category=category or contest.categories.first(),
            status=status,
            **values,
        )

    return make


@pytest.fixture
def judged_contest(contest, make_entry):
    """The contest with two accepted entries per category and one disqualified entry."""
    writing, report = contest.categories.all()
    for category in (writing, writing, report, report):
        make_entry(contest, category)
    make_entry(contest, writing, status=Entry.Status.DISQUALIFIED)
    return contest


@pytest.fixture
def write_sheet():
    """A judge's score sheet for an entry, scores in the rubric's order; fewer scores than criteria: incomplete."""

    def write(entry, judge, *scores, comment=""):
        sheet = ScoreSheet.objects.create(entry=entry, judge=judge)
        criteria = list(entry.contest.rubric_criteria.all())[: len(scores)]
        for criterion, score in zip(criteria, scores, strict=True):
            CriterionScore.objects.create(
                sheet=sheet, criterion=criterion, score=Decimal(str(score)), comment=comment
            )
        return sheet

    return write


@pytest.fixture
def score_data():
    """The judge's score form as posted: a score (and the comment) per criterion of the rubric, in order."""

    def data(contest, *scores, comment=""):
        criteria = list(contest.rubric_criteria.order_by("sort_order", "pk"))
        posted = {}
        for criterion, score in zip(criteria, scores, strict=True):
            posted[f"score_{criterion.pk}"] = str(score)
            posted[f"comment_{criterion.pk}"] = comment
        return posted

    return data


@pytest.fixture
def judge(client, judged_contest, make_judge):
    """A judge of the whole judged contest, logged in."""
    judge = make_judge(contest=judged_contest)
    client.force_login(judge)
    return judge


@pytest.fixture
def entry(judged_contest):
    """The first accepted entry of the judged contest."""
    return judged_contest.entries.filter(status=Entry.Status.ACCEPTED).first()
