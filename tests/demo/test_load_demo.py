"""`load_demo` sets the site up, then builds the plan's columns, an archive, the registry, a contest with its panel
and one login per role, once."""

import re
from io import StringIO

import pytest

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.test import override_settings

from wagtail.models import Page, Site

from contests.models import ContestPage, JudgeAssignment
from contests.organiser_actions import columns_for_articles
from exemplars.models import ColumnRegistry, Nomination
from newsroom.models import ArticlePage, ColumnPage, Outlet, OutletHomePage
from tests.datasets import Dataset

PLAN_COLUMNS = {"Điển hình tiên tiến", "Gương người tốt việc tốt", "Phong trào thi đua", "Cuộc thi viết"}


def load_demo(*args):
    with override_settings(DEBUG=True):
        call_command("load_demo", *args, stdout=StringIO())


# The tests that read the demo share one load per run (tests/datasets.py).
DEMO = Dataset(load_demo)


@pytest.fixture
def demo(db):
    """The demo, loaded on an empty database with its logins."""
    DEMO.put()


def snapshot():
    return (
        Page.objects.count(),
        Site.objects.count(),
        User.objects.count(),
        ArticlePage.objects.count(),
        ColumnRegistry.objects.count(),
        Nomination.objects.count(),
        JudgeAssignment.objects.count(),
    )


def test_the_demo_builds_three_outlets_with_the_plans_columns_an_archive_and_the_registry_column(
    client, demo
):
    homes = {home.outlet: home for home in OutletHomePage.objects.all()}
    assert set(homes) == set(Outlet.values)
    for home in homes.values():
        columns = set(ColumnPage.objects.child_of(home).values_list("title", flat=True))
        assert columns >= PLAN_COLUMNS
        assert any(title.startswith("Kỷ niệm") for title in columns)
        assert ArticlePage.objects.live().descendant_of(home).exists()
    assert ArticlePage.objects.live().count() >= 40
    assert_exemplar_columns_show_the_registry_on_their_own_site(client)


def assert_exemplar_columns_show_the_registry_on_their_own_site(client):
    for outlet in Outlet.values:
        host = settings.OUTLET_HOSTS[outlet]
        html = client.get("/dien-hinh-tien-tien/", HTTP_HOST=host).content.decode()
        section = re.search(r'<section class="registry-profiles".*?</section>', html, re.S).group(0)
        profile_urls = re.findall(r'<h3 class="card__title"><a href="([^"]*)">', section)
        assert len(profile_urls) == 6 and all(url.startswith("/ho-so-dien-hinh/") for url in profile_urls)
        assert '<a href="/ho-so-dien-hinh/">Xem toàn bộ hồ sơ' in section
        profile = client.get(profile_urls[0], HTTP_HOST=host)
        assert profile.status_code == 200 and profile.context["outlet_home"].outlet == outlet


def test_the_demo_creates_one_login_per_role(demo):
    assert User.objects.get(username="quantri").is_superuser
    for prefix, outlet in (("bao", "Báo Đắk Lắk"), ("dai", "Đài Phát thanh"), ("congttdt", "Cổng thông tin")):
        journalist = User.objects.get(username=f"phongvien.{prefix}")
        editor = User.objects.get(username=f"bientap.{prefix}")
        assert (
            journalist.groups.get().name.startswith(outlet) and "Phóng viên" in journalist.groups.get().name
        )
        assert "Biên tập viên" in editor.groups.get().name
        assert editor.check_password("neuguong-demo")
    assert_the_contest_has_its_panel_and_organiser()


def assert_the_contest_has_its_panel_and_organiser():
    contest = ContestPage.objects.get()
    assignments = {a.judge.username: a for a in JudgeAssignment.objects.filter(contest=contest)}
    assert set(assignments) == {"giamkhao.chung", "giamkhao.phongsu"}
    assert list(assignments["giamkhao.chung"].categories.all()) == []
    assert [c.name for c in assignments["giamkhao.phongsu"].categories.all()] == ["Phóng sự"]
    organiser = User.objects.get(username="bantochuc.cuocthi")
    assert organiser.has_perm("contests.manage_judging")
    assert [label for _column, label in columns_for_articles(organiser)] == [
        "Báo Đắk Lắk · Cuộc thi viết",
        "Đài Phát thanh và Truyền hình tỉnh · Cuộc thi viết",
        "Cổng thông tin điện tử tỉnh · Cuộc thi viết",
    ]


def test_loading_the_demo_twice_changes_nothing(demo):
    first = snapshot()
    load_demo()
    assert snapshot() == first


@pytest.mark.django_db
def test_demo_logins_are_refused_outside_debug():
    with pytest.raises(CommandError, match="--no-users"):
        call_command("load_demo", stdout=StringIO())
    assert not User.objects.exists()
    call_command("load_demo", "--no-users", stdout=StringIO())
    assert ArticlePage.objects.exists() and not User.objects.exists()
    # The demo stands on what `setup` makes: the roles are there for the logins an administrator adds.
    assert (
        Group.objects.filter(name__in=["Giám khảo", "Ban tổ chức cuộc thi", "Sở Nội vụ · Thẩm định"]).count()
        == 3
    )
