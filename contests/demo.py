"""A demo writing contest on the newspaper, open for two months from its creation, with a rubric, and its panel:
an organiser and two judges (development logins). Idempotent."""

import datetime

from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import GroupPagePermission

from newsroom.models import ColumnPage
from newsroom.outlets import page_permission

from .models import (
    ContestCategory,
    ContestIndexPage,
    ContestPage,
    ContestPrize,
    JudgeAssignment,
    RubricCriterion,
)
from .setup import JUDGES_GROUP, ORGANISERS_GROUP, ensure_contest_roles

DEMO_TITLE = "Cuộc thi viết “Những tấm gương bình dị mà cao quý” năm 2025"
CONTEST_COLUMN_SLUG = "cuoc-thi-viet"
DEMO_ORGANISER = "bantochuc.cuocthi"
DEMO_JUDGES = [("giamkhao.chung", []), ("giamkhao.phongsu", ["Phóng sự"])]
CATEGORIES = [
    ("Bút ký", "Ghi chép về một điển hình tiên tiến, người tốt việc tốt có thật ở địa phương."),
    ("Phóng sự", "Phản ánh một phong trào thi đua và những con người làm nên phong trào."),
    ("Tìm hiểu", "Bài tìm hiểu về Lời kêu gọi thi đua ái quốc và các phong trào thi đua của tỉnh."),
]
PRIZES = [
    ("Giải Nhất", 1, "10.000.000 đồng"),
    ("Giải Nhì", 2, "6.000.000 đồng"),
    ("Giải Ba", 3, "4.000.000 đồng"),
]
RUBRIC = [
    ("Nội dung, tính chân thực của nhân vật, sự việc", 40),
    ("Giá trị lan tỏa, nêu gương", 30),
    ("Nghệ thuật thể hiện, ngôn ngữ", 20),
    ("Hình thức, đúng thể lệ", 10),
]
RULES = (
    "<p>Bài dự thi viết bằng tiếng Việt, chưa đăng trên báo chí, sách hoặc mạng xã hội; viết về người thật, "
    "việc thật trên địa bàn tỉnh Đắk Lắk.</p>"
    "<p>Ban tổ chức được quyền sử dụng, đăng tải các bài đoạt giải.</p>"
)


def load_contest_demo(home):
    """The contest index under `home` and the demo contest in it, created where missing."""
    ensure_contest_roles()
    index = ContestIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=ContestIndexPage(title="Cuộc thi", slug="cuoc-thi", show_in_menus=True)
        )
        index.save_revision().publish()
    if not ContestPage.objects.child_of(index).filter(title=DEMO_TITLE).exists():
        index.add_child(instance=demo_contest()).save_revision().publish()
    let_organisers_draft_in_contest_columns()


def let_organisers_draft_in_contest_columns():
    """Organisers make draft articles from winning entries in the outlets' "Cuộc thi viết" columns; the
    outlets' editors review and publish them."""
    organisers = Group.objects.get(name=ORGANISERS_GROUP)
    for column in ColumnPage.objects.filter(slug=CONTEST_COLUMN_SLUG):
        GroupPagePermission.objects.get_or_create(
            group=organisers, page=column, permission=page_permission("add")
        )


def load_contest_demo_users(ensure_user):
    """The organiser and two judges of the demo contest: one judges every category, one the reportage only.

    `ensure_user(username, group_name)` creates a development login (see newsroom.demo_setup.ensure_user).
    Judging itself starts when the entry period ends, two months after the demo was loaded.
    """
    ensure_user(DEMO_ORGANISER, ORGANISERS_GROUP)
    contest = ContestPage.objects.filter(title=DEMO_TITLE).first()
    for username, category_names in DEMO_JUDGES:
        judge = ensure_user(username, JUDGES_GROUP)
        if contest is not None:
            assignment, _created = JudgeAssignment.objects.get_or_create(contest=contest, judge=judge)
            assignment.categories.set(contest.categories.filter(name__in=category_names))


def demo_contest():
    # Open since yesterday morning, so whoever runs the demo can enter straight away.
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    opens = datetime.datetime.combine(yesterday, datetime.time(7), tzinfo=timezone.get_current_timezone())
    contest = ContestPage(
        title=DEMO_TITLE,
        theme="Viết về các điển hình tiên tiến, người tốt việc tốt trong phong trào thi đua yêu nước.",
        rules=RULES,
        eligibility="Mọi công dân Việt Nam đang sinh sống, học tập, làm việc tại tỉnh Đắk Lắk.",
        opens_at=opens,
        closes_at=opens + datetime.timedelta(days=60, hours=10),
        min_words=800,
        max_words=3000,
        entries_per_person=2,
    )
    contest.categories = [ContestCategory(name=name, description=text) for name, text in CATEGORIES]
    contest.prizes = [ContestPrize(name=name, count=count, reward=reward) for name, count, reward in PRIZES]
    contest.rubric_criteria = [RubricCriterion(name=name, weight=weight) for name, weight in RUBRIC]
    return contest
