"""Two organisers clicking at once on PostgreSQL: a prize never goes beyond its number, an article is made once."""

import pytest

from django.contrib.auth.models import Group

from wagtail.models import GroupPagePermission

from contests.models import ContestPrize, Entry, PrizeAward
from contests.organiser_actions import Refused, article_from_award, award_prize, close_judging
from contests.setup import ORGANISERS_GROUP
from newsroom.models import ArticlePage
from newsroom.outlets import page_permission
from tests.races import at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_single_prize_goes_to_one_entry_however_many_click(judged_contest, make_entry, organiser):
    for _ in range(4):
        make_entry(judged_contest)
    close_judging(judged_contest, organiser)
    first_prize = ContestPrize.objects.get(contest=judged_contest, name="Giải Nhất")
    entries = list(Entry.objects.filter(contest=judged_contest, status=Entry.Status.ACCEPTED))
    outcomes = at_once(
        [lambda entry=entry: award_prize(first_prize, entry, organiser) for entry in entries],
        refusals=Refused,
    )
    assert sum(isinstance(outcome, PrizeAward) for outcome in outcomes) == 1
    assert sum(isinstance(outcome, Refused) for outcome in outcomes) == len(entries) - 1
    assert PrizeAward.objects.filter(prize=first_prize).count() == 1


def test_a_double_click_makes_one_article(judged_contest, organiser, outlets, make_column):
    column = make_column(outlets["newspaper"], "Cuộc thi viết")
    GroupPagePermission.objects.create(
        group=Group.objects.get(name=ORGANISERS_GROUP), page=column, permission=page_permission("add")
    )
    close_judging(judged_contest, organiser)
    entry = Entry.objects.filter(contest=judged_contest, status=Entry.Status.ACCEPTED).first()
    award = award_prize(ContestPrize.objects.get(contest=judged_contest, name="Giải Nhất"), entry, organiser)
    outcomes = at_once([lambda: article_from_award(award, column, organiser)] * 3, refusals=Refused)
    assert sorted(created for _article, created in outcomes) == [False, False, True]
    assert ArticlePage.objects.count() == 1
    assert {article.pk for article, _created in outcomes} == {ArticlePage.objects.get().pk}
