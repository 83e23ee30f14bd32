"""Judge assignments in the admin: judges of the judges group, categories of the chosen contest, one per contest."""

import pytest

from django.urls import reverse

from contests.models import JudgeAssignment
from newsroom.models import Outlet
from newsroom.outlets import journalists_group_name

pytestmark = pytest.mark.django_db

ADD_URL = "contests_judgeassignment:add"


def assignment_data(contest, judge, categories=()):
    return {"contest": contest.pk, "judge": judge.pk, "categories": [category.pk for category in categories]}


@pytest.fixture
def as_organiser(client, organiser):
    client.force_login(organiser)
    return client


def test_an_organiser_assigns_a_judge_to_categories(as_organiser, contest, make_judge):
    judge = make_judge("giamkhao.hoa")
    writing = contest.categories.first()
    response = as_organiser.post(reverse(ADD_URL), assignment_data(contest, judge, [writing]))
    assert response.status_code == 302
    assignment = JudgeAssignment.objects.get()
    assert (assignment.contest, assignment.judge, list(assignment.categories.all())) == (
        contest,
        judge,
        [writing],
    )
    listing = as_organiser.get(reverse("contests_judgeassignment:index")).content.decode()
    assert "giamkhao.hoa" in listing and "Bút ký" in listing


def test_only_members_of_the_judges_group_can_be_chosen(as_organiser, contest, make_user, outlets):
    journalist = make_user("phongvien", journalists_group_name(Outlet.NEWSPAPER))
    form = as_organiser.get(reverse(ADD_URL)).content.decode()
    assert "phongvien" not in form
    response = as_organiser.post(reverse(ADD_URL), assignment_data(contest, journalist))
    assert response.status_code == 200 and not JudgeAssignment.objects.exists()
    assert "judge" in response.context["form"].errors


def test_a_category_of_another_contest_is_refused(as_organiser, contest, make_contest, make_judge):
    other = make_contest(title="Cuộc thi viết khác")
    response = as_organiser.post(
        reverse(ADD_URL), assignment_data(contest, make_judge(), [other.categories.first()])
    )
    assert not JudgeAssignment.objects.exists()
    assert "Choose categories of Cuộc thi viết về gương người tốt việc tốt only" in response.content.decode()


def test_a_judge_is_assigned_once_per_contest(as_organiser, contest, make_judge):
    judge = make_judge(contest=contest)
    response = as_organiser.post(reverse(ADD_URL), assignment_data(contest, judge))
    assert response.status_code == 200 and JudgeAssignment.objects.count() == 1
    assert "This judge is already on this contest&#x27;s panel" in response.content.decode()
    existing = JudgeAssignment.objects.get()
    edit = as_organiser.post(
        reverse("contests_judgeassignment:edit", args=[existing.pk]),
        assignment_data(contest, judge, [contest.categories.last()]),
    )
    assert edit.status_code == 302 and list(existing.categories.all()) == [contest.categories.last()]


def test_judges_and_journalists_cannot_assign(client, contest, make_judge, make_user, outlets):
    judge = make_judge(contest=contest)
    for user in (judge, make_user("phongvien", journalists_group_name(Outlet.NEWSPAPER))):
        client.force_login(user)
        assert client.get(reverse("contests_judgeassignment:index")).status_code == 302
        client.post(reverse(ADD_URL), assignment_data(contest, judge, [contest.categories.first()]))
    assert not JudgeAssignment.objects.filter(categories__isnull=False).exists()
