"""The demo's past contest (data/contest_2025.json): the 2025 contest the archive reports on, with the dates it
ran in 2025, its entries, its judging closed and its results published; its judge's score sheets come with
the logins. Everything in it keeps the date its data gives it."""

import uuid
from decimal import Decimal

from django.contrib.auth.models import User

from contests.forms import email_key
from contests.models import (
    ContestCategory,
    ContestPage,
    ContestPrize,
    CriterionScore,
    Entry,
    JudgeAssignment,
    Judging,
    PrizeAward,
    RubricCriterion,
    ScoreSheet,
)
from core.receipts import new_receipt_code

from .data import read_json
from .dating import add_published_child, data_moment

DATA_FILE = "contest_2025.json"


def load_past_contest(index):
    """The past contest under the contest `index`, with its entries, prizes and judging, once."""
    data = read_json(DATA_FILE)
    if ContestPage.objects.child_of(index).filter(title=data["contest"]["title"]).exists():
        return
    contest = ContestPage(
        **data["contest"], opens_at=data_moment(data["opens_at"]), closes_at=data_moment(data["closes_at"])
    )
    contest.categories = [ContestCategory(**category) for category in data["categories"]]
    contest.prizes = [ContestPrize(**prize) for prize in data["prizes"]]
    contest.rubric_criteria = [RubricCriterion(**criterion) for criterion in data["rubric"]]
    add_published_child(index, contest, data_moment(data["published_at"]))
    entries = [record_entry(contest, number, spec) for number, spec in enumerate(data["entries"], start=1)]
    judging = data["judging"]
    award_prizes(contest, zip(entries, data["entries"], strict=True), data_moment(judging["closed_at"]))
    # Last: saving the judging re-indexes the contest for search, with its results.
    Judging.objects.create(
        contest=contest,
        closed_at=data_moment(judging["closed_at"]),
        results_published_at=data_moment(judging["results_published_at"]),
    )


def record_entry(contest, number, spec):
    category = ContestCategory.objects.get(contest=contest, name=spec["category"])
    email = f"tacgia{number:02d}@example.vn"
    return Entry.objects.create(
        contest=contest,
        number=number,
        category=category,
        full_name=spec["full_name"],
        pen_name=spec["pen_name"],
        credit=spec["credit"],
        email=email,
        email_key=email_key(email),
        phone=f"09050000{number:02d}",
        address=spec["address"],
        title=spec["title"],
        text=spec["text"],
        consented_to_rules=True,
        consented_to_publication=spec["consented_to_publication"],
        receipt_code=new_receipt_code(),
        submission_token=uuid.uuid4(),
        submitted_at=data_moment(spec["submitted_at"]),
        status=spec["status"],
    )


def award_prizes(contest, entries_and_specs, awarded_at):
    prizes = {prize.name: prize for prize in ContestPrize.objects.filter(contest=contest)}
    for entry, spec in entries_and_specs:
        if "prize" in spec:
            PrizeAward.objects.create(prize=prizes[spec["prize"]], entry=entry)
    # awarded_at is set on creation to the present moment: the prizes were given when judging closed.
    PrizeAward.objects.filter(prize__contest=contest).update(awarded_at=awarded_at)


def score_past_contest():
    """The past contest's judge on its panel, with the score sheets they filled in before judging closed."""
    data = read_json(DATA_FILE)
    contest = ContestPage.objects.get(title=data["contest"]["title"])
    judge = User.objects.get(username=data["judge"])
    assignment, created = JudgeAssignment.objects.get_or_create(contest=contest, judge=judge)
    if not created:
        return
    criteria = list(RubricCriterion.objects.filter(contest=contest).order_by("sort_order"))
    entries = {entry.number: entry for entry in Entry.objects.filter(contest=contest)}
    for number, spec in enumerate(data["entries"], start=1):
        if "scores" in spec:
            sheet = ScoreSheet.objects.create(entry=entries[number], judge=judge)
            CriterionScore.objects.bulk_create(
                CriterionScore(sheet=sheet, criterion=criterion, score=Decimal(str(score)))
                for criterion, score in zip(criteria, spec["scores"], strict=True)
            )
    scored_at = data_moment(data["judging"]["scored_at"])
    ScoreSheet.objects.filter(entry__contest=contest, judge=judge).update(updated_at=scored_at)
    JudgeAssignment.objects.filter(pk=assignment.pk).update(assigned_at=data_moment(data["closes_at"]))
