"""Demo content for `make run`: the three outlets, the columns the plan names, an archive and one user per role."""

from pathlib import Path

from django.contrib.auth.models import Group, User
from django.core.management import call_command

from contests.demo import load_contest_demo, load_contest_demo_users
from exemplars.demo import (
    ensure_nomination_setup,
    load_exemplar_demo,
    load_nomination_demo,
    show_registry_in_columns,
)
from newsroom.models import ColumnPage, Outlet, PlainPage
from newsroom.models.calendar import ensure_plan_events
from newsroom.outlets import editors_group_name, ensure_all_outlets, journalists_group_name
from newsroom.vietnamese import slugify

DEMO_ARCHIVE = Path(__file__).parent / "demo" / "archive.jsonl"
DEMO_PASSWORD = "neuguong-demo"  # development logins, listed in the README, refused outside DEBUG

REGISTRY_COLUMN = "Điển hình tiên tiến"  # shows the exemplar registry's profiles above its features
SHARED_COLUMNS = [
    (
        REGISTRY_COLUMN,
        "Những tập thể, cá nhân, hộ gia đình tiêu biểu trong các phong trào thi đua yêu nước.",
    ),
    ("Gương người tốt việc tốt", "Những việc làm nhân ái, dũng cảm, thầm lặng giữa đời thường."),
    ("Phong trào thi đua", "Các phong trào thi đua yêu nước của Trung ương, của tỉnh và của từng đơn vị."),
    ("Cuộc thi viết", "Thể lệ, bài dự thi và kết quả các cuộc thi viết về điển hình tiên tiến."),
]
ANNIVERSARY_COLUMNS = [
    ("Kỷ niệm 120 năm thành lập tỉnh Đắk Lắk", "22/11/1904 – 22/11/2024."),
    ("Kỷ niệm 50 năm Chiến thắng Buôn Ma Thuột", "10/3/1975 – 10/3/2025."),
    ("Kỷ niệm 80 năm Quốc khánh", "2/9/1945 – 2/9/2025."),
]
OUTLET_COLUMNS = {
    Outlet.BROADCAST: [
        ("Phát thanh tiếng dân tộc", "Chương trình phát thanh, truyền hình tiếng Ê Đê và tiếng M'nông.")
    ],
}
ABOUT_PAGES = {
    Outlet.NEWSPAPER: "Báo Đắk Lắk là cơ quan ngôn luận của Đảng bộ, chính quyền và nhân dân các dân tộc tỉnh Đắk Lắk.",
    Outlet.BROADCAST: "Đài Phát thanh và Truyền hình tỉnh phát sóng bằng tiếng Việt, tiếng Ê Đê và tiếng M'nông.",
    Outlet.PORTAL: "Cổng thông tin điện tử tỉnh đăng tải thông tin chính thống của Ủy ban nhân dân tỉnh và các sở, ngành.",
}
USER_PREFIXES = {Outlet.NEWSPAPER: "bao", Outlet.BROADCAST: "dai", Outlet.PORTAL: "congttdt"}


def load_demo(stdout, with_users=True):
    homes = ensure_all_outlets()
    for outlet, home in homes.items():
        for title, intro in SHARED_COLUMNS + OUTLET_COLUMNS.get(outlet, []):
            ensure_column(home, title, intro, in_menu=True)
        for title, intro in ANNIVERSARY_COLUMNS:
            ensure_column(home, title, intro, in_menu=False)
        ensure_about_page(home, ABOUT_PAGES[outlet])
    ensure_plan_events()
    call_command("import_archive", str(DEMO_ARCHIVE), stdout=stdout)
    load_exemplar_demo(homes)
    show_registry_in_columns(homes, slugify(REGISTRY_COLUMN))
    load_contest_demo(homes[Outlet.NEWSPAPER])
    nomination_round = ensure_nomination_setup()
    if with_users:
        ensure_demo_users(stdout)
        load_nomination_demo(nomination_round, lambda *args: ensure_user(*args, stdout=stdout))
        load_contest_demo_users(lambda *args: ensure_user(*args, stdout=stdout))


def ensure_column(home, title, intro, in_menu):
    slug = slugify(title)
    column = ColumnPage.objects.child_of(home).filter(slug=slug).first()
    if column is None:
        home.add_child(
            instance=ColumnPage(title=title, slug=slug, intro=f"<p>{intro}</p>", show_in_menus=in_menu)
        )


def ensure_about_page(home, text):
    if not PlainPage.objects.child_of(home).filter(slug="gioi-thieu").exists():
        page = PlainPage(title="Giới thiệu", slug="gioi-thieu", body=[("paragraph", f"<p>{text}</p>")])
        home.add_child(instance=page)


def ensure_demo_users(stdout):
    """One login per role for trying the software; never created in production (see the command)."""
    ensure_user("quantri", superuser=True, stdout=stdout)
    for outlet, prefix in USER_PREFIXES.items():
        ensure_user(f"phongvien.{prefix}", journalists_group_name(outlet), stdout=stdout)
        ensure_user(f"bientap.{prefix}", editors_group_name(outlet), stdout=stdout)


def ensure_user(username, group_name=None, superuser=False, stdout=None):
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"email": f"{username}@example.vn", "is_superuser": superuser, "is_staff": superuser},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
        stdout.write(f"Demo user {username} / {DEMO_PASSWORD}")
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user
