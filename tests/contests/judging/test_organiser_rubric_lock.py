"""Once judging has material, a page edit cannot silently delete it: the rubric, categories and prizes hold."""

import pytest

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from contests.models import ContestPrize, CriterionScore, Entry, PrizeAward, RubricCriterion
from contests.organiser_actions import award_prize, close_judging

pytestmark = pytest.mark.django_db

RUBRIC_LOCKED = "criteria can no longer be added, removed or re-weighted"


def edit_data(contest, criteria=None, categories=None, prizes=None):
    """The contest's edit form as the editor posts it; pass lists of child dicts to change the inline panels."""

    def children(relation, fields):
        return [
            {"id": child.pk, **{name: getattr(child, name) for name in fields}} for child in relation.all()
        ]

    return nested_form_data(
        {
            "title": contest.title,
            "slug": contest.slug,
            "theme": contest.theme,
            "rules": rich_text(contest.rules),
            "eligibility": contest.eligibility,
            "opens_at": contest.opens_at.strftime("%Y-%m-%d %H:%M"),
            "closes_at": contest.closes_at.strftime("%Y-%m-%d %H:%M"),
            "entries_per_person": contest.entries_per_person,
            "accepts_docx": "on",
            "categories": inline_formset(
                categories or children(contest.categories, ["name", "description"]), initial=2
            ),
            "prizes": inline_formset(
                prizes or children(contest.prizes, ["name", "count", "reward"]), initial=2
            ),
            "rubric_criteria": inline_formset(
                criteria or children(contest.rubric_criteria, ["name", "weight", "description"]), initial=2
            ),
            "action-publish": "action-publish",
        }
    )


def criteria_of(contest, **changes):
    rows = [
        {"id": c.pk, "name": c.name, "weight": c.weight, "description": ""}
        for c in contest.rubric_criteria.all()
    ]
    for row in rows:
        row.update(changes.get(row["name"], {}))
    return rows


@pytest.fixture
def as_admin(client, make_user):
    client.force_login(make_user("quantri", is_superuser=True, admin_language="en"))
    return client


@pytest.fixture
def scored_contest(judged_contest, make_judge, write_sheet):
    entry = Entry.objects.filter(contest=judged_contest, status=Entry.Status.ACCEPTED).first()
    write_sheet(entry, make_judge(contest=judged_contest), 8, 7)
    return judged_contest


def post_edit(client, contest, **changes):
    return client.post(reverse("wagtailadmin_pages:edit", args=[contest.pk]), edit_data(contest, **changes))


def test_reweighting_a_scored_rubric_is_refused(as_admin, scored_contest):
    criteria = criteria_of(scored_contest, **{"Nội dung": {"weight": 50}, "Nghệ thuật": {"weight": 50}})
    response = post_edit(as_admin, scored_contest, criteria=criteria)
    assert response.status_code == 200 and RUBRIC_LOCKED in response.content.decode()
    assert sorted(RubricCriterion.objects.values_list("weight", flat=True)) == [40, 60]


def test_removing_a_scored_criterion_is_refused_and_the_scores_stay(as_admin, scored_contest):
    criteria = criteria_of(scored_contest, **{"Nghệ thuật": {"DELETE": "1"}, "Nội dung": {"weight": 100}})
    response = post_edit(as_admin, scored_contest, criteria=criteria)
    assert RUBRIC_LOCKED in response.content.decode()
    assert RubricCriterion.objects.count() == 2 and CriterionScore.objects.count() == 2


def test_a_scored_criterion_may_still_be_renamed(as_admin, scored_contest):
    criteria = criteria_of(scored_contest, **{"Nội dung": {"name": "Nội dung, tính chân thực"}})
    assert post_edit(as_admin, scored_contest, criteria=criteria).status_code == 302
    assert RubricCriterion.objects.filter(name="Nội dung, tính chân thực").exists()
    assert CriterionScore.objects.count() == 2


def test_an_unscored_rubric_may_be_reweighted(as_admin, judged_contest):
    criteria = criteria_of(judged_contest, **{"Nội dung": {"weight": 50}, "Nghệ thuật": {"weight": 50}})
    assert post_edit(as_admin, judged_contest, criteria=criteria).status_code == 302
    assert list(RubricCriterion.objects.values_list("weight", flat=True)) == [50, 50]


def test_a_category_with_entries_cannot_be_removed(as_admin, judged_contest):
    categories = [
        {"id": c.pk, "name": c.name, "description": "", "DELETE": "1" if c.name == "Phóng sự" else ""}
        for c in judged_contest.categories.all()
    ]
    response = post_edit(as_admin, judged_contest, categories=categories)
    assert "The category “Phóng sự” has entries: it cannot be removed." in response.content.decode()
    assert judged_contest.categories.count() == 2


def test_prizes_cannot_fall_below_their_awards(as_admin, judged_contest, organiser):
    close_judging(judged_contest, organiser)
    second_prize = ContestPrize.objects.get(contest=judged_contest, name="Giải Nhì")
    for entry in Entry.objects.filter(contest=judged_contest, status=Entry.Status.ACCEPTED)[:2]:
        award_prize(second_prize, entry, organiser)

    def prizes(**changes):
        rows = [
            {"id": p.pk, "name": p.name, "count": p.count, "reward": ""} for p in judged_contest.prizes.all()
        ]
        for row in rows:
            row.update(changes.get(row["name"], {}))
        return rows

    lowered = post_edit(as_admin, judged_contest, prizes=prizes(**{"Giải Nhì": {"count": 1}}))
    assert "has been awarded 2 times: its number cannot be lower" in lowered.content.decode()
    removed = post_edit(as_admin, judged_contest, prizes=prizes(**{"Giải Nhì": {"DELETE": "1"}}))
    assert "The prize “Giải Nhì” has been awarded: it cannot be removed." in removed.content.decode()
    assert PrizeAward.objects.count() == 2 and ContestPrize.objects.get(pk=second_prize.pk).count == 2
    assert post_edit(as_admin, judged_contest, prizes=prizes(**{"Giải Nhì": {"count": 3}})).status_code == 302
