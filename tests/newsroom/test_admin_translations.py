"""The admin speaks each user's language in our own strings too, and our Vietnamese catalogues stay complete."""

import ast
import gettext
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.users.models import UserProfile

from contests.setup import JUDGES_GROUP, ensure_contest_roles
from tests.conftest import require_service

ROOT = Path(settings.BASE_DIR)
# Our catalogues: each app's locale/ and the project's (templates/). An app without locale/ is not translated yet.
CATALOGUES = sorted(ROOT.glob("*/locale/vi/LC_MESSAGES/django.po")) + [
    ROOT / "locale/vi/LC_MESSAGES/django.po"
]
TRANSLATED_APPS = {"newsroom", "exemplars", "contests", "search"}


def admin_client(client, user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return client


@pytest.fixture
def superuser_client(client, make_user):
    def make(language):
        return admin_client(client, make_user("quantri", is_superuser=True), language)

    return make


SIDEBAR_PROPS = re.compile(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>')


def page_text(response):
    """The page without the menu's JSON, where English labels would match and Vietnamese ones are escaped."""
    assert response.status_code == 200
    return SIDEBAR_PROPS.sub("", response.content.decode())


def sidebar_labels(response):
    """The labels of the admin menu, which Wagtail sends as JSON with non-ASCII letters escaped."""
    assert response.status_code == 200
    props = SIDEBAR_PROPS.search(response.content.decode())
    return json.dumps(json.loads(props.group(1)), ensure_ascii=False)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("vi", ["Các ngày kỷ niệm và sự kiện sắp tới", "Theo dõi lịch:"]),
        ("en", ["Coming anniversaries and events", "Subscribe to the calendar:"]),
    ],
)
def test_the_dashboard_panel_from_the_project_templates_speaks_the_users_language(
    superuser_client, outlets, language, expected
):
    html = page_text(superuser_client(language).get(reverse("wagtailadmin_home")))
    for text in expected:
        assert text in html


@pytest.mark.parametrize(
    ("language", "expected", "foreign"),
    [
        ("vi", ["Sự kiện lịch sử", "Đề nghị khen thưởng", "Cuộc thi viết", "Bài dự thi"], "Writing contests"),
        ("en", ["Historic events", "Nominations", "Writing contests", "Entries"], "Cuộc thi viết"),
    ],
)
def test_the_menu_items_of_each_app_speak_the_users_language(
    superuser_client, outlets, language, expected, foreign
):
    labels = sidebar_labels(superuser_client(language).get(reverse("wagtailadmin_home")))
    for text in expected:
        assert f'"{text}"' in labels
    assert f'"{foreign}"' not in labels


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("vi", ["Tác giả, thẻ và ngày đăng", "Ngày đăng", "Phóng sự ảnh"]),
        ("en", ["Byline", "Publication date", "Photo story"]),
    ],
)
def test_an_article_edit_page_names_its_panels_and_fields_in_the_users_language(
    superuser_client, outlets, make_column, make_article, language, expected
):
    article = make_article(make_column(outlets["newspaper"], "Thời sự"), "Gương sáng buôn làng")
    html = page_text(superuser_client(language).get(reverse("wagtailadmin_pages:edit", args=[article.pk])))
    for text in expected:
        assert text in html


@pytest.mark.parametrize(
    ("language", "message"),
    [("vi", "30/2/1975 không phải là một ngày có thật."), ("en", "30/2/1975 is not a date.")],
)
def test_a_form_error_in_the_admin_speaks_the_users_language(superuser_client, outlets, language, message):
    data = {"name": "Chiến thắng", "day": "30", "month": "2", "year": "1975", "category": "victory"}
    response = superuser_client(language).post(reverse("wagtailsnippets_newsroom_historicevent:add"), data)
    assert message in page_text(response)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("vi", ["Hồ sơ đề nghị khen thưởng", "Đang thẩm định", "Đã trình Chủ tịch UBND tỉnh"]),
        ("en", ["Nominations", "Under appraisal", "Referred to the chairman"]),
    ],
)
def test_the_nominations_listing_speaks_the_users_language(superuser_client, outlets, language, expected):
    html = page_text(superuser_client(language).get(reverse("exemplars_nominations:index")))
    for text in expected:
        assert text in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("vi", ["Chấm thi", "Bạn không có tên trong Ban giám khảo của cuộc thi nào."]),
        ("en", ["Judging", "You are not on the panel of any contest."]),
    ],
)
def test_a_judge_reads_the_judging_page_in_their_language(client, make_user, language, expected):
    ensure_contest_roles()
    judge = make_user("giamkhao")
    judge.groups.add(Group.objects.get(name=JUDGES_GROUP))
    html = page_text(admin_client(client, judge, language).get(reverse("contests_judge_index")))
    for text in expected:
        assert text in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("vi", ["Bài dự thi", "Được đưa vào chấm", "Không hợp lệ"]),
        ("en", ["Contest entries", "Accepted for judging", "Disqualified"]),
    ],
)
def test_the_contest_entries_listing_speaks_the_users_language(superuser_client, language, expected):
    html = page_text(superuser_client(language).get(reverse("entry:index")))
    for text in expected:
        assert text in html


# The catalogues themselves: read as text (no dependency), entry by entry.


def po_entries(path):
    """[(flags, msgid, msgid_plural, [msgstr…], msgctxt or None)] of a .po file, obsolete entries left out."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.strip().splitlines() if not line.startswith("#~")]
        if not any(line.startswith("msgid ") for line in lines):
            continue
        flags = {flag.strip() for line in lines if line.startswith("#,") for flag in line[2:].split(",")}
        values, current = {}, None
        for line in lines:
            keyword, _, literal = line.partition(" ")
            if keyword.startswith("msg"):
                current = keyword
                values[current] = ast.literal_eval(literal)
            elif line.startswith('"'):
                values[current] += ast.literal_eval(line)
        msgstrs = [value for keyword, value in values.items() if keyword.startswith("msgstr")]
        entries.append((flags, values["msgid"], values.get("msgid_plural"), msgstrs, values.get("msgctxt")))
    return entries


def unfinished(path):
    """The msgids still to translate: without a msgstr, or fuzzy (guessed by msgmerge from a similar msgid)."""
    return [
        msgid
        for flags, msgid, _plural, msgstrs, _context in po_entries(path)
        if msgid and (not all(msgstrs) or "fuzzy" in flags)
    ]


def test_the_three_apps_and_the_project_templates_have_catalogues():
    apps = {path.relative_to(ROOT).parts[0] for path in CATALOGUES}
    assert apps >= TRANSLATED_APPS | {"locale"}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_string_of_a_catalogue_is_translated_and_none_is_fuzzy(path):
    entries = po_entries(path)
    header = next(msgstrs[0] for _flags, msgid, _plural, msgstrs, _context in entries if msgid == "")
    assert "Language: vi\n" in header
    assert "Plural-Forms: nplurals=1; plural=0;\n" in header
    assert unfinished(path) == []
    # One msgstr per plural entry: Vietnamese has a single form.
    assert all(len(msgstrs) == 1 for _flags, _msgid, plural, msgstrs, _context in entries if plural)


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.relative_to(ROOT)))
def test_the_compiled_catalogue_says_what_the_po_file_says(path):
    """The .mo files are committed (a server may lack gettext): each must be compiled from the current .po."""
    with path.with_suffix(".mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    for _flags, msgid, plural, msgstrs, context in po_entries(path):
        if not msgid:
            continue
        if plural:
            translated = (
                catalogue.npgettext(context, msgid, plural, 2)
                if context
                else catalogue.ngettext(msgid, plural, 2)
            )
        else:
            translated = catalogue.pgettext(context, msgid) if context else catalogue.gettext(msgid)
        assert translated == msgstrs[0]


def apps_without_locale(root):
    return sorted(
        path.parent.name for path in root.glob("*/apps.py") if not (path.parent / "locale").is_dir()
    )


def test_every_admin_string_in_the_source_has_a_vietnamese_translation(tmp_path):
    """`make messages` on a copy of the source adds no untranslated string: new strings were translated."""
    require_service(shutil.which("xgettext"), "The gettext tools (xgettext)")
    copy = tmp_path / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "static", "opensearch_node")
    for app in {path.parent for path in ROOT.glob("*/apps.py")}:
        shutil.copytree(app, copy / app.name, ignore=ignore)
    shutil.copytree(ROOT / "templates", copy / "templates", ignore=ignore)
    shutil.copytree(ROOT / "locale", copy / "locale", ignore=ignore)
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    ignored = [f"--ignore={name}" for name in ["tests", *apps_without_locale(ROOT)]]
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "vi",
            "--no-obsolete",
            "--add-location=file",
            *ignored,
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    missing = {
        str(path.relative_to(copy)): unfinished(path)
        for path in [
            *copy.glob("*/locale/vi/LC_MESSAGES/django.po"),
            copy / "locale/vi/LC_MESSAGES/django.po",
        ]
    }
    assert {path: msgids for path, msgids in missing.items() if msgids} == {}
