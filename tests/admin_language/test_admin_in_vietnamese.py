"""The admin speaks Vietnamese to every role: each screen a role reaches on the demo shows no English msgid of the
catalogues the admin draws on (tests/admin_language/catalogues.py) and no raw Python value; the scripts'
catalogue translates every string Wagtail's admin scripts use; the project's Vietnamese catalogue of Wagtail's
strings (locale/wagtail) is what the admin shows, and no two of the project's catalogues translate one msgid two
ways (the admin would show only one of them)."""

import json
import re
import time
from collections import defaultdict
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image as PillowImage

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import reverse
from django.utils import translation

from wagtail.admin.views.i18n import js_catalog
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.users.models import UserProfile

from broadcasts.models import MediaItem
from tests.newsroom.test_admin_translations import po_entries

from .catalogues import (
    DOMAINS,
    catalogue_files,
    describe_translated_counts,
    english_strings,
    entry_keys,
    project_catalogue,
    translated_entries,
    wagtail_msgids,
    wagtail_msgids_translated,
)
from .screens import open_screens

# One demo login per role the README names, and the visitor who has not signed in yet.
ROLE_LOGINS = {
    "journalist": "phongvien.bao",
    "editor": "bientap.bao",
    "unit officer": "canbo.so-y-te",
    "Department reviewer": "thamdinh.snv",
    "chairman's office": "vanphong.ubnd",
    "judge": "giamkhao.chung",
    "contest organiser": "bantochuc.cuocthi",
    "superuser": "quantri",
    "signed out": None,
}
# Python's words for yes, no and nothing, printed where a value should have been put in words.
RAW_VALUES = {"True", "False", "None"}
SEARCH_WORD = "gương"
MISSING_SCREEN = "/admin/khong-co-man-hinh-nay/"
# A screen only administrators may open: the others meet the admin's refusal there.
REFUSED_SCREEN = "/admin/users/"
# How many screens an English string's report names before it counts the rest.
SCREENS_NAMED = 3
ROOT = Path(settings.BASE_DIR)
# The catalogues the project writes: its apps', its templates' and its translation of Wagtail's.
PROJECT_CATALOGUES = [
    *sorted(ROOT.glob("*/locale/vi/LC_MESSAGES/django.po")),
    ROOT / "locale/vi/LC_MESSAGES/django.po",
    project_catalogue("django"),
    ROOT / "locale/wagtailmedia/vi/LC_MESSAGES/django.po",
]


def vietnamese_client(client, user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "vi"
    profile.save()
    client.force_login(user)
    return client


def own_image_and_document(user):
    """An image and a document the user uploaded: their index and edit screens have a row to show."""
    buffer = BytesIO()
    PillowImage.new("RGB", (640, 360), "#a50e1e").save(buffer, "JPEG")
    get_image_model().objects.create(
        title="Ảnh buôn làng", file=ImageFile(buffer, name="buon-lang.jpg"), uploaded_by_user=user
    )
    get_document_model().objects.create(
        title="Kế hoạch tuyên truyền",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="ke-hoach.pdf"),
        uploaded_by_user=user,
    )


def own_media_item(user):
    """An audio item the user uploaded: the media index and its edit screen have a row of theirs to show."""
    MediaItem.objects.create(
        title="Bản tin thời sự",
        type="audio",
        file=ContentFile(b"ID3", name="ban-tin.mp3"),
        mime_type="audio/mpeg",
        uploaded_by_user=user,
    )


def seeds(user):
    """Where a role starts: the dashboard (or the login page), a search, a missing screen, a refused one."""
    if user is None:
        return [reverse("wagtailadmin_login"), "/admin/", MISSING_SCREEN]
    seeds = ["/admin/", f"{reverse('wagtailadmin_pages:search')}?q={SEARCH_WORD}", MISSING_SCREEN]
    if not user.is_superuser:
        seeds.append(REFUSED_SCREEN)
    # wagtailmedia's choosers open from the editors' scripts: their addresses are in no screen's HTML.
    seeds += [reverse("wagtailmedia:chooser")] + [
        reverse("wagtailmedia:chooser_typed", args=(media_type,)) for media_type in ("audio", "video")
    ]
    return seeds


def screens_of(role, client):
    login = ROLE_LOGINS[role]
    if login is None:
        return open_screens(client, seeds(None))
    user = User.objects.get(username=login)
    own_image_and_document(user)
    own_media_item(user)
    return open_screens(vietnamese_client(client, user), seeds(user))


def problems_by_string(screens, is_problem):
    """{string: [screen kinds (URL)]} of the strings `is_problem` picks, each screen named once."""
    found = defaultdict(list)
    for screen in screens:
        for text in sorted({text for text in screen.strings if is_problem(text)}):
            found[text].append(f"{screen.kind} ({screen.url})")
    return found


def report(role, screens, problems, what):
    lines = [f"{role}: {len(screens)} screens opened, {len(problems)} {what}:"]
    for text, where in sorted(problems.items()):
        more = f" and {len(where) - SCREENS_NAMED} more" if len(where) > SCREENS_NAMED else ""
        lines.append(f"  {text!r} on {', '.join(where[:SCREENS_NAMED])}{more}")
    return "\n".join(lines)


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


@pytest.mark.usefixtures("wagtail_search_index")  # the search seed opens the pages it finds
@pytest.mark.parametrize("role", ROLE_LOGINS)
def test_every_screen_a_role_reaches_speaks_vietnamese(client, demo, role):
    started = time.monotonic()
    screens = screens_of(role, client)
    english = problems_by_string(screens, english_strings().__contains__)
    raw = problems_by_string(screens, RAW_VALUES.__contains__)
    print(
        f"{role}: {len(screens)} screens in {time.monotonic() - started:.1f} s, "
        f"{len(english)} English strings, {len(raw)} raw values"
    )
    assert screens
    assert not english and not raw, "\n".join(
        [report(role, screens, english, "English strings"), report(role, screens, raw, "raw Python values")]
    )


# The catalogue of the admin's scripts, as Wagtail serves it.

SERVED_CATALOGUE = re.compile(r"const newcatalog = (\{.*?\});\n", re.S)


def served_script_catalogue(client, make_user):
    user = make_user("phongvien", admin_language="vi")
    client.force_login(user)
    script = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    return json.loads(SERVED_CATALOGUE.search(script).group(1))


def script_msgids():
    """{(context, msgid)} of the packages whose scripts' strings Wagtail's catalogue view serves."""
    locale_dirs = map(Path, js_catalog.view_class().get_paths(js_catalog.view_initkwargs["packages"]))
    return {key for path in catalogue_files("djangojs", locale_dirs) for key in entry_keys(path)}


def catalogue_key(context, msgid):
    return f"{context}\x04{msgid}" if context else msgid


def first_form(value):
    return value[0] if isinstance(value, list) else value


def test_the_scripts_catalogue_translates_every_string_of_wagtails_admin_scripts_as_the_project_does(
    client, make_user
):
    served = served_script_catalogue(client, make_user)
    missing = sorted(
        msgid
        for context, msgid in script_msgids()
        if not first_form(served.get(catalogue_key(context, msgid)))
    )
    assert missing == []
    projects = {
        catalogue_key(context, msgid): msgstrs[0]
        for _flags, msgid, _plural, msgstrs, context in po_entries(project_catalogue("djangojs"))
        if msgid
    }
    assert {key: first_form(served[key]) for key in projects} == projects


# The project's own catalogue of Wagtail's strings, and how it sits with the project's other catalogues.


def shown(context, msgid, plural):
    """What the admin shows a Vietnamese user for a msgid (one item of a plural)."""
    with translation.override("vi"):
        if plural:
            if context:
                return translation.npgettext(context, msgid, plural, 1)
            return translation.ngettext(msgid, plural, 1)
        return translation.pgettext(context, msgid) if context else translation.gettext(msgid)


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_projects_catalogue_translates_every_msgid_of_wagtails_installed_apps(domain):
    """A Wagtail upgrade brings new msgids: README "Admin strings" says how to merge and translate them."""
    path = project_catalogue(domain)
    header = next(msgstrs[0] for _flags, msgid, _plural, msgstrs, _context in po_entries(path) if msgid == "")
    assert "Language: vi\n" in header and "Plural-Forms: nplurals=1; plural=0;\n" in header
    assert sorted(msgid for _context, msgid in wagtail_msgids(domain) - translated_entries(path)) == []


def test_the_admin_shows_the_projects_translation_of_every_wagtail_string_it_holds():
    """locale/wagtail takes precedence over Wagtail's own Vietnamese and over the apps' catalogues."""
    print(f"The project's catalogue translates {describe_translated_counts(wagtail_msgids_translated())}")
    entries = [entry for entry in po_entries(project_catalogue("django")) if entry[1]]
    assert entries
    differing = {
        msgid: (msgstrs[0], shown(context, msgid, plural))
        for _flags, msgid, plural, msgstrs, context in entries
        if shown(context, msgid, plural) != msgstrs[0]
    }
    assert differing == {}


def test_the_projects_catalogues_translate_each_msgid_one_way():
    """The admin reads one flat catalogue: where two of the project's translate a msgid differently, it shows
    only one of them (LOCALE_PATHS first, then the apps in INSTALLED_APPS order), so the other screen says what
    nobody chose. A msgid that means two things takes a context (pgettext)."""
    translations = defaultdict(dict)
    for path in PROJECT_CATALOGUES:
        for _flags, msgid, _plural, msgstrs, context in po_entries(path):
            if msgid:
                translations[(context, msgid)][str(path.relative_to(ROOT))] = msgstrs[0]
    assert {key: ways for key, ways in translations.items() if len(set(ways.values())) > 1} == {}
