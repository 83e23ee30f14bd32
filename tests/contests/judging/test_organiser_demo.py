"""The demo's judging panel: an organiser who may draft in the contest columns, two judges, loaded once."""

from io import StringIO

import pytest

from django.contrib.auth.models import User

from contests.demo import DEMO_TITLE, load_contest_demo, load_contest_demo_users
from contests.models import ContestPage, JudgeAssignment
from contests.organiser_actions import columns_for_articles
from newsroom.demo_setup import ensure_column, ensure_user
from newsroom.models import Outlet

pytestmark = pytest.mark.django_db


def test_the_demo_panel_is_loaded_once(outlets):
    home = outlets[Outlet.NEWSPAPER]
    ensure_column(home, "Cuộc thi viết", "Thể lệ và kết quả các cuộc thi viết.", in_menu=True)
    for _ in range(2):
        load_contest_demo(home)
        load_contest_demo_users(lambda *args: ensure_user(*args, stdout=StringIO()))

    contest = ContestPage.objects.get(title=DEMO_TITLE)
    assignments = {a.judge.username: a for a in JudgeAssignment.objects.filter(contest=contest)}
    assert set(assignments) == {"giamkhao.chung", "giamkhao.phongsu"}
    assert list(assignments["giamkhao.chung"].categories.all()) == []
    assert [c.name for c in assignments["giamkhao.phongsu"].categories.all()] == ["Phóng sự"]
    organiser = User.objects.get(username="bantochuc.cuocthi")
    assert organiser.has_perm("contests.manage_judging")
    assert [label for _column, label in columns_for_articles(organiser)] == ["Báo Đắk Lắk · Cuộc thi viết"]
