"""`manage.py setup` under the production settings, on a fresh database: every group the README names, with the
permissions its role needs, the outlets' sites and workflows; a second run changes nothing, and a unit added
later gets its column and officers' group from the next run.

Each command runs in a process of its own, as on a server, on a freshly migrated SQLite file of its own.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from django.conf import settings

from newsroom.models import Outlet
from tests.newsroom.test_settings import PRODUCTION_ENV

ROOT = Path(settings.BASE_DIR)
ROLE_TABLE_HEADER = "| role | group | may |"
HOMES = {
    Outlet.NEWSPAPER: "/bao-dak-lak/",
    Outlet.BROADCAST: "/dai-phat-thanh-va-truyen-hinh/",
    Outlet.PORTAL: "/cong-thong-tin-dien-tu/",
}
LATER_UNIT = "Sở Tư pháp"
# `setup`, then what it left, in a process of its own under the production settings.
SETUP_SCRIPT = """
import io, json, django
django.setup()
from django.core.management import call_command
from tests.newsroom.test_setup import site_state
{before}
call_command("setup", stdout=io.StringIO())
print(json.dumps(site_state()))
"""
ADD_UNIT = f"from exemplars.models import Unit; Unit.objects.create(name='{LATER_UNIT}', kind='department')"


def site_state():
    """What setup leaves in the database, as plain data; run in the production process (SETUP_SCRIPT)."""
    from django.contrib.auth.models import Group

    from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page, Site, Workflow

    return {
        "groups": {group.name: group_state(group) for group in Group.objects.all()},
        "workflows": {
            workflow.name: {
                "pages": sorted(link.page.url_path for link in workflow.workflow_pages.all()),
                "approvers": sorted(
                    group.name for task in workflow.tasks.specific() for group in task.groups.all()
                ),
            }
            for workflow in Workflow.objects.all()
        },
        "sites": sorted(
            f"{site.hostname}:{site.port} {site.root_page.url_path}" for site in Site.objects.all()
        ),
        "pages": sorted(f"{page.url_path} {page.specific_class.__name__}" for page in Page.objects.all()),
        "counts": {
            "group permissions": Group.permissions.through.objects.count(),
            "group page permissions": GroupPagePermission.objects.count(),
            "group collection permissions": GroupCollectionPermission.objects.count(),
        },
    }


def group_state(group):
    from wagtail.models import GroupCollectionPermission, GroupPagePermission

    return {
        "permissions": sorted(
            f"{permission.content_type.app_label}.{permission.codename}"
            for permission in group.permissions.all()
        ),
        "pages": sorted(
            f"{grant.page.url_path} {grant.permission.codename}"
            for grant in GroupPagePermission.objects.filter(group=group)
        ),
        "collections": sorted(
            grant.permission.codename for grant in GroupCollectionPermission.objects.filter(group=group)
        ),
    }


def in_production(database, *args):
    env = {key: value for key, value in os.environ.items() if key not in PRODUCTION_ENV}
    env.pop("OPENSEARCH_URL", None)
    env.update(PRODUCTION_ENV, DATABASE_URL=f"sqlite:///{database}")
    result = subprocess.run(
        [sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def set_up(database, before=""):
    return json.loads(in_production(database, "-c", SETUP_SCRIPT.format(before=before)))


@pytest.fixture(scope="module")
def production_site(migrated_database, tmp_path_factory):
    """What the site holds after a first setup, after a second one, and after one more once a unit was added."""
    database = migrated_database or tmp_path_factory.mktemp("production") / "site.sqlite3"
    # The run's migrated copy (tests/shared_migrations.py) is used where there is one: the production settings
    # must then find no migration left to apply.
    in_production(database, "manage.py", "migrate", "--check" if migrated_database else "--noinput")
    return {"first": set_up(database), "second": set_up(database), "with a unit": set_up(database, ADD_UNIT)}


def readme_groups(**placeholders):
    """The groups of the README's role tables, each placeholder (`<outlet>`) filled with every value given."""
    names, in_role_table = [], False
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        in_role_table = line == ROLE_TABLE_HEADER or (in_role_table and line.startswith("|"))
        cells = [cell.strip() for cell in line.split("|")]
        if in_role_table and cells[2].startswith("`"):
            names.append(cells[2].split("`")[1])
    return [filled for name in names for filled in fill(name, placeholders)]


def fill(name, placeholders):
    for placeholder, values in placeholders.items():
        if placeholder in name:
            return [name.replace(placeholder, value) for value in values]
    return [name]


def test_every_group_the_readme_names_is_created(production_site):
    outlets = [Outlet(outlet).label for outlet in Outlet.values]
    named = readme_groups(**{"<outlet>": outlets, "<unit>": [LATER_UNIT]})

    # Journalists and editors of each outlet; unit officers, reviewers, the chairman's office, the writing
    # contests' organisers and judges, the knowledge contests' organisers.
    assert len(named) == 2 * len(outlets) + 6
    assert set(named) - {f"{LATER_UNIT} · Cán bộ thi đua"} <= set(production_site["first"]["groups"])
    assert set(named) <= set(production_site["with a unit"]["groups"])


def test_the_outlets_answer_at_the_hosts_of_the_environment(production_site):
    assert production_site["first"]["sites"] == sorted(
        [
            f"{PRODUCTION_ENV['NEWSPAPER_HOST']}:443 {HOMES[Outlet.NEWSPAPER]}",
            f"{PRODUCTION_ENV['BROADCAST_HOST']}:443 {HOMES[Outlet.BROADCAST]}",
            f"{PRODUCTION_ENV['PORTAL_HOST']}:443 {HOMES[Outlet.PORTAL]}",
        ]
    )
    pages = production_site["first"]["pages"]
    for home in HOMES.values():
        assert f"{home}tim-kiem/ SearchPage" in pages
        assert f"{home}ho-so-dien-hinh/ ExemplarIndexPage" in pages
        assert f"{home}phong-trao/ MovementIndexPage" in pages


@pytest.mark.parametrize("outlet", Outlet.values)
def test_journalists_write_and_editors_publish_in_their_outlet_only(production_site, outlet):
    groups, label, home = production_site["first"]["groups"], Outlet(outlet).label, HOMES[outlet]
    journalists, editors = groups[f"{label} · Phóng viên"], groups[f"{label} · Biên tập viên"]

    assert journalists["pages"] == [f"{home} add_page", f"{home} change_page"]
    assert f"{home} publish_page" in editors["pages"]
    assert {page.split()[0] for page in editors["pages"]} == {home}
    for group in (journalists, editors):
        assert "wagtailadmin.access_admin" in group["permissions"]
        assert {"add_image", "choose_image", "add_document", "choose_document"} <= set(group["collections"])
    assert production_site["first"]["workflows"][f"Duyệt biên tập · {label}"] == {
        "pages": [home],
        "approvers": [f"{label} · Biên tập viên"],
    }


def test_the_nomination_and_contest_roles_get_what_their_work_needs(production_site):
    groups = production_site["first"]["groups"]

    assert {
        "wagtailadmin.access_admin",
        "exemplars.add_nominationround",
        "exemplars.change_officerprofile",
        "exemplars.view_nominationreminder",
    } <= set(groups["Sở Nội vụ · Thẩm định"]["permissions"])
    assert groups["Văn phòng UBND tỉnh · Chủ tịch"]["permissions"] == ["wagtailadmin.access_admin"]
    assert set(groups["Giám khảo"]["permissions"]) == {"wagtailadmin.access_admin", "contests.score_entries"}
    organisers = set(groups["Ban tổ chức cuộc thi"]["permissions"])
    assert {"contests.manage_judging", "contests.view_entry", "contests.add_judgeassignment"} <= organisers
    assert "contests.score_entries" not in organisers
    quiz_organisers = groups["Ban tổ chức cuộc thi tìm hiểu"]
    assert {"quizzes.add_question", "quizzes.change_quizround", "quizzes.publish_results"} <= set(
        quiz_organisers["permissions"]
    )
    assert quiz_organisers["pages"] == sorted(f"{path} add_page" for path in HOMES.values())
    assert {"add_image", "choose_image"} <= set(quiz_organisers["collections"])


def test_a_second_run_changes_nothing(production_site):
    assert production_site["second"] == production_site["first"]


def test_a_unit_added_later_gets_its_column_and_officers_from_the_next_run(production_site):
    officers = production_site["with a unit"]["groups"][f"{LATER_UNIT} · Cán bộ thi đua"]
    column = f"{HOMES[Outlet.PORTAL]}so-tu-phap/"

    assert f"{column} ColumnPage" in production_site["with a unit"]["pages"]
    assert officers["pages"] == [f"{column} add_page", f"{column} change_page"]
    assert "wagtailadmin.access_admin" in officers["permissions"]
