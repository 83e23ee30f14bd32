"""`load_demo` sets the site up, then builds the plan's columns, an archive, the registry, a contest with its panel
and one login per role, once."""

import re
import unicodedata
from io import StringIO

import pytest

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils.html import strip_tags

from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from broadcasts.models import MediaItem
from contests.models import ContestPage, JudgeAssignment
from contests.organiser_actions import columns_for_articles
from core.dates import local_today
from core.vietnamese import fold
from exemplars.models import ColumnRegistry, ExemplarPage, Nomination, Status, Unit
from newsroom.models import ArticlePage, ColumnPage, Outlet, OutletHomePage, StoryAssignment
from search.engines.base import SearchQuery
from search.models import SynonymGroup
from search.service import get_engine
from tests.datasets import Dataset

# Words in a row that a profile's achievements may share with its summary: a name or a figure, not a sentence.
LONGEST_SHARED_RUN = 4

PLAN_COLUMNS = {"Điển hình tiên tiến", "Gương người tốt việc tốt", "Phong trào thi đua", "Cuộc thi viết"}


def load_demo(*args):
    with override_settings(DEBUG=True):
        call_command("load_demo", *args, stdout=StringIO())


# The tests that read the demo share one load per run (tests/datasets.py).
DEMO = Dataset(load_demo, shared_name="demo")


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
        StoryAssignment.objects.count(),
        JudgeAssignment.objects.count(),
        # The pictures are drawn once, and the pages they were put on are not published again.
        get_image_model().objects.count(),
        Revision.objects.count(),
        # The episodes are found again by their titles: their files are not copied again.
        MediaItem.objects.count(),
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
    contest = ContestPage.objects.get(title="Cuộc thi viết “Những tấm gương bình dị mà cao quý”")
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


def test_the_demo_files_its_sudden_deeds_outside_the_round(demo):
    sudden = Nomination.objects.filter(is_sudden_deed=True)
    assert sudden.count() == 2
    assert not sudden.filter(round__isnull=False).exists()
    waiting = sudden.get(name="Lê Văn Hùng")
    assert waiting.status == Status.SUBMITTED
    assert waiting.appraisal_due_at is not None
    assert ExemplarPage.objects.filter(title="Nguyễn Văn Tâm", is_sudden_deed=True).exists()


def test_the_demo_gives_its_journalists_stories_one_of_them_overdue(demo):
    today = local_today()
    mine = StoryAssignment.objects.of_journalist(User.objects.get(username="phongvien.bao"))
    assert mine.count() == 2
    assert list(mine.overdue(today).values_list("assigned_by__username", flat=True)) == ["bientap.bao"]
    assert StoryAssignment.objects.filter(journalist__username="phongvien.dai", outlet="broadcast").exists()


def test_the_demo_has_editors_synonyms_that_search_applies(demo):
    assert SynonymGroup.objects.count() == 2
    found = [hit for hit in get_engine().search(SearchQuery(text="NVH")).hits if not hit.approximate]
    assert found, "the demo's stories write nhà văn hóa in full; NVH finds them"
    assert all("nha van hoa" in fold(f"{hit.title} {hit.text}").lower() for hit in found)


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


def words(text):
    return re.findall(r"\w+", unicodedata.normalize("NFC", text).lower())


def runs(words_, length):
    return {tuple(words_[start : start + length]) for start in range(len(words_) - length + 1)}


def test_every_profiles_achievements_tell_more_than_its_summary(demo):
    profiles = ExemplarPage.objects.live().filter(alias_of__isnull=True)
    assert profiles.count() == 16
    for profile in profiles:
        summary = words(profile.summary)
        achievements = words(" ".join(strip_tags(str(block.value)) for block in profile.achievements))
        assert len(achievements) >= 4 * len(summary), profile.title
        copied = runs(summary, LONGEST_SHARED_RUN + 1) & runs(achievements, LONGEST_SHARED_RUN + 1)
        assert not copied, (profile.title, copied)


def test_the_demos_units_stand_in_communes_and_wards_found_under_their_former_districts(client, demo):
    """The registry follows the map of 1 July 2025; the archive keeps the names of its time ("huyện Krông
    Năng"), and either name finds the profile."""
    units = Unit.objects.select_related("locality")
    assert units.count() == 14
    assert all(unit.locality.is_present for unit in units) and not units.filter(kind=Unit.Kind.DISTRICT)
    profile = ExemplarPage.objects.get(title="Hộ ông Đỗ Văn Dụng", alias_of__isnull=True)
    assert (profile.unit.name, profile.unit.locality.name) == ("UBND xã Krông Năng", "Xã Krông Năng")

    portal = settings.OUTLET_HOSTS[Outlet.PORTAL]
    for name in ("Xã Krông Năng", "Huyện Krông Năng"):
        html = client.get("/ho-so-dien-hinh/", {"locality": name}, HTTP_HOST=portal).content.decode()
        assert re.findall(r'<h3 class="card__title"><a href="[^"]*">([^<]+)</a>', html) == [profile.title]

    hits = get_engine().search(SearchQuery(text="huyện Krông Năng", page_size=50)).hits
    titles = {hit.title for hit in hits}
    assert profile.title in titles
    assert "Hộ ông Đỗ Văn Dụng: từ vườn tạp đến đồi mắc ca 12 ha" in titles  # the article of 2024, as written
