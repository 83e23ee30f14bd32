"""`manage.py backup` of a whole site and `manage.py restore` of it on a new machine: an empty database of the
suite's engine (a new SQLite file, or a PostgreSQL database created and dropped here) and empty folders, restored
in a process of its own as an operator runs it, which then finds every page, entry, nomination and file with the
same bytes and serves them through the usual views. And each refusal, as the operator it refuses sees it, leaves
the target as it was, even when told to replace it.
"""

import datetime
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import uuid
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from broadcasts.models import MediaItem
from contests.models import ContestIndexPage, Entry
from exemplars.models import (
    Commendation,
    ExemplarIndexPage,
    Nomination,
    NominationAttachment,
    NominationRound,
    OfficerProfile,
    Unit,
)
from newsroom.models import ArticlePage, Outlet
from tests.contests.conftest import docx_bytes, new_contest, new_contest_index
from tests.core.test_backups_archive import (
    PDF,
    SMALL_SITE_FILES,
    rewritten,
    small_site_backup,
    with_listed,
)
from tests.exemplars.conftest import new_exemplar, new_unit

# The backups read the test database (the small one as migrated, through a module's fixture): pytest-django makes
# it only for a run holding a test that asks for it.
pytestmark = pytest.mark.django_db
ROOT = Path(settings.BASE_DIR)
ARTICLE = "Người giữ lửa buôn Ea Knuếc"
ADMIN = "quantri"
AUDIO = b"ID3\x04\x00" + bytes(range(256)) * 16
# The restored site reads its database and folders from the environment, as on a server; nothing of the
# suite's services (OpenSearch, Redis) follows it there.
LEFT_BEHIND = {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "OPENSEARCH_URL", "REDIS_URL", "PAGE_CACHE_SECONDS"}
IN_THE_RESTORED_SITE = """
import django, json
django.setup()
from tests.core import test_backups
print(json.dumps(test_backups.{function}()))
"""


def digest(data):
    return hashlib.sha256(data).hexdigest()


def file_digest(field_file):
    with field_file.storage.open(field_file.name, "rb") as content:
        return hashlib.file_digest(content, "sha256").hexdigest()


def folder_digests():
    """{folder setting: {path inside it: SHA-256}} of every file in MEDIA_ROOT and PRIVATE_MEDIA_ROOT, the
    nominations' folder inside the latter, whatever put them there."""
    digests = {}
    for setting in ("MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"):
        folder = Path(getattr(settings, setting))
        digests[setting] = {
            path.relative_to(folder).as_posix(): digest(path.read_bytes())
            for path in sorted(folder.rglob("*"))
            if path.is_file()
        }
    return digests


def site_inventory():
    """What the site holds, as plain data; read in the test's process and in the restored site's."""
    images = get_image_model().objects.order_by("pk")
    return {
        "sites": sorted(
            f"{site.hostname}:{site.port} {site.root_page.url_path}" for site in Site.objects.all()
        ),
        "pages": [
            [
                page.url_path,
                page.specific_class.__name__,
                page.title,
                page.live,
                getattr(page.alias_of, "url_path", ""),
            ]
            for page in Page.objects.select_related("alias_of").order_by("path")
        ],
        "entries": [
            [entry.receipt_code, entry.title, entry.full_name, entry.file.name, file_digest(entry.file)]
            for entry in Entry.objects.order_by("pk")
        ],
        "nominations": [
            [
                nomination.name,
                nomination.unit.name,
                nomination.contact_phone,
                [
                    [attachment.original_name, attachment.file.name, file_digest(attachment.file)]
                    for attachment in nomination.attachments.order_by("pk")
                ],
            ]
            for nomination in Nomination.objects.order_by("pk")
        ],
        "images": [
            [
                image.title,
                file_digest(image.file),
                sorted(
                    [rendition.filter_spec, file_digest(rendition.file)]
                    for rendition in image.renditions.all()
                ),
            ]
            for image in images
        ],
        "documents": [
            [document.title, file_digest(document.file)]
            for document in get_document_model().objects.order_by("pk")
        ],
        "media items": [[item.title, file_digest(item.file)] for item in MediaItem.objects.order_by("pk")],
        "users": sorted(User.objects.values_list("username", flat=True)),
        "files": folder_digests(),
    }


def served_by_the_restored_site():
    """What the restored site answers through its usual views: {what: [status, what the body holds]}."""
    client = Client(HTTP_HOST="127.0.0.1")
    article = ArticlePage.objects.get(title=ARTICLE, alias_of=None)
    served = {}
    for label, page in (("article", article), ("its alias", ArticlePage.objects.get(alias_of=article))):
        _site_id, root_url, path = page.get_url_parts()
        response = client.get(path, HTTP_HOST=urlsplit(root_url).hostname)
        served[label] = [response.status_code, ARTICLE in response.content.decode()]
    found = client.get("/api/search/", {"q": "giữ lửa"}).json()
    served["search"] = [200, [hit["title"] for hit in found["results"]]]
    item = MediaItem.objects.get()
    served["broadcast file"] = body(
        client.get(reverse("broadcasts:media_file", args=[item.pk, item.filename]))
    )
    rendition = get_image_model().objects.get().renditions.order_by("pk").first()
    served["rendition"] = body(client.get(rendition.url))
    client.force_login(User.objects.get(username=ADMIN))
    attachment = NominationAttachment.objects.get()
    served["nomination attachment"] = body(
        client.get(reverse("exemplars_nominations:download", args=[attachment.pk]))
    )
    served["contest entry file"] = body(
        client.get(reverse("contests_entry_file", args=[Entry.objects.get().pk]))
    )
    served["document"] = body(client.get(get_document_model().objects.get().url, follow=True))
    # The keys go on from the restored ones (PostgreSQL's sequences came along).
    highest = Unit.objects.order_by("-pk").first().pk
    served["a new row's key"] = [200, Unit.objects.create(name="Sở Tư pháp", kind="department").pk > highest]
    return served


def body(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return [response.status_code, digest(content)]


@dataclass
class Target:
    """A machine's empty database and folders, restored into; commands run there in processes of their own."""

    folder: Path
    # The SQLite file's path, or the PostgreSQL database's name.
    database: str

    @property
    def env(self):
        env = {key: value for key, value in os.environ.items() if key not in LEFT_BEHIND}
        return {
            **env,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
            "DATABASE_URL": database_url(self.database),
            "MEDIA_ROOT": str(self.folder / "media"),
            "PRIVATE_MEDIA_ROOT": str(self.folder / "private-media"),
            "NOMINATION_FILES_ROOT": str(self.folder / "private-media" / "nominations"),
            "BACKUP_DIR": str(self.folder / "backups"),
        }

    def manage(self, *args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )

    def read(self, function):
        """What `function` of this module returns, run in the restored site."""
        result = subprocess.run(
            [sys.executable, "-c", IN_THE_RESTORED_SITE.format(function=function.__name__)],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout.splitlines()[-1])

    def restore(self, archive, *options):
        result = self.manage("restore", str(archive), *options)
        assert result.returncode == 0, result.stderr
        return result.stdout

    def holds_something(self):
        """A table with a row in the database and a file in MEDIA_ROOT, as a site in use has."""
        with target_cursor(self.database) as cursor:
            cursor.execute("CREATE TABLE kept (note varchar(40))")
            cursor.execute("INSERT INTO kept VALUES ('the site in use')")
        (self.folder / "media").mkdir()
        (self.folder / "media" / "kept.jpg").write_bytes(b"a picture of the site in use")

    def state(self):
        """Every table with its rows, every file under the folder (the SQLite file among them) and every
        database named after the target: what a refused restore must leave as it found."""
        files = {
            path.relative_to(self.folder).as_posix(): digest(path.read_bytes())
            for path in sorted(self.folder.rglob("*"))
            if path.is_file()
        }
        return {
            "tables": tables_of(self.database),
            "files": files,
            "databases": databases_named(self.database),
        }


def database_url(database):
    if connection.vendor == "sqlite":
        return f"sqlite:///{database}"
    server = connection.settings_dict
    credentials = f"{quote(server['USER'], safe='')}:{quote(server['PASSWORD'], safe='')}"
    return f"postgres://{credentials}@{server['HOST']}:{server['PORT']}/{database}"


@contextmanager
def target_cursor(database):
    if connection.vendor == "sqlite":
        with closing(sqlite3.connect(database)) as sqlite:
            yield sqlite.cursor()
            sqlite.commit()
        return
    other = connection.copy()
    other.settings_dict["NAME"] = database
    try:
        with other.cursor() as cursor:
            yield cursor
    finally:
        other.close()


def tables_of(database):
    if connection.vendor == "sqlite":
        if not Path(database).exists():
            return {}
        query = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    else:
        query = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
    with target_cursor(database) as cursor:
        cursor.execute(query)
        names = sorted(name for (name,) in cursor.fetchall())
        counts = {}
        for name in names:
            cursor.execute(f'SELECT count(*) FROM "{name}"')
            counts[name] = cursor.fetchone()[0]
        return counts


def databases_named(database):
    if connection.vendor == "sqlite":
        return []
    with target_cursor("postgres") as cursor:
        cursor.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s ORDER BY datname", [f"{database}%"]
        )
        return [name for (name,) in cursor.fetchall()]


def drop_database(name):
    """Drop a target, ending first the sessions the suite's role left on it (the restored site's server). Not
    `WITH (FORCE)`: that refuses to end an autovacuum worker, which runs under no role, where a plain DROP ends
    it itself."""
    with target_cursor("postgres") as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND usename = current_user",
            [name],
        )
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


@pytest.fixture
def make_target(tmp_path, django_db_blocker):
    """Empty targets: a folder, and a database of the suite's engine that does not hold a table yet. The test
    reaches them through connections of their own, never the test database's."""
    made = []

    def make(name="target"):
        folder = tmp_path / name
        folder.mkdir()
        if connection.vendor == "sqlite":
            database = str(folder / "site.sqlite3")
        else:
            database = f"{connection.settings_dict['NAME'][:40]}_{name}"
            drop_database(database)
            with target_cursor("postgres") as cursor:
                cursor.execute(f'CREATE DATABASE "{database}"')
        made.append(database)
        return Target(folder, database)

    with django_db_blocker.unblock():
        yield make
        for database in made:
            for name in databases_named(database):
                drop_database(name)


@pytest.fixture
def target(make_target):
    return make_target()


@pytest.fixture
def source_folders(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "source" / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "source" / "private-media"
    settings.NOMINATION_FILES_ROOT = settings.PRIVATE_MEDIA_ROOT / "nominations"
    settings.BACKUP_DIR = tmp_path / "backups"


@pytest.fixture
def site(source_folders, outlets, shared_indexes, make_column, make_article, make_image, make_user):
    """A site of every kind of thing a backup must keep: the three outlets, articles (one a draft) and an alias of
    one on the station, an exemplar, a nomination with an attachment, a contest entry with its file, a picture
    with renditions, a document, a broadcast on the air with its file, and the administrator."""
    article = make_article(make_column(outlets[Outlet.NEWSPAPER], "Điển hình tiên tiến"), ARTICLE)
    make_article(article.get_parent(), "Bản thảo chưa đăng", live=False)
    article.create_alias(parent=make_column(outlets[Outlet.BROADCAST], "Gương sáng"))
    exemplar = new_exemplar(
        shared_indexes[ExemplarIndexPage], "Bà H'Linh Niê", unit=new_unit("UBND xã Ea Knuếc")
    )
    officer = make_user("canbo.ea-knuec")
    OfficerProfile.objects.create(user=officer, unit=exemplar.unit)
    now = timezone.now()
    nomination = Nomination.objects.create(
        round=NominationRound.objects.create(
            title="Đợt 1",
            opens_at=now - datetime.timedelta(days=1),
            closes_at=now + datetime.timedelta(days=30),
        ),
        unit=exemplar.unit,
        subject_kind=Nomination.SubjectKind.INDIVIDUAL,
        name="Trần Thị Mai",
        position="Điều dưỡng",
        achievements_summary="Mười năm đưa y tế về buôn.",
        proposed_commendation=Commendation.CHAIRMAN_CERTIFICATE,
        contact_person="Ông Lê Văn Liên Hệ",
        contact_phone="0912345678",
        created_by=officer,
    )
    NominationAttachment.objects.create(
        nomination=nomination,
        file=ContentFile(PDF, name="ho-so.pdf"),
        original_name="Hồ sơ đề nghị.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )
    new_contest_index()
    contest = new_contest(ContestIndexPage.objects.get())
    entry_file = docx_bytes("Người giữ lửa")
    Entry.objects.create(
        contest=contest,
        number=1,
        category=contest.categories.first(),
        full_name="Nguyễn Thị Hoa",
        email="hoa.nguyen@example.vn",
        email_key="hoa.nguyen@example.vn",
        phone="0912 345 678",
        address="Xã Ea Knuếc",
        title="Người giữ lửa buôn làng",
        file=ContentFile(entry_file, name=f"contests/{contest.pk}/bai-du-thi.docx"),
        file_name="Bài dự thi.docx",
        file_kind="docx",
        file_size=len(entry_file),
        consented_to_rules=True,
        consented_to_publication=True,
        receipt_code="NG-SAOLUU0001",
        submission_token=uuid.uuid4(),
    )
    image = make_image("Già làng Y Bih bên bếp lửa")
    image.get_rendition("fill-320x180")
    get_document_model().objects.create(
        title="Quyết định khen thưởng", file=ContentFile(PDF, name="quyet-dinh.pdf")
    )
    MediaItem.objects.create(
        title="Bản tin tiếng Ê Đê",
        type="audio",
        file=ContentFile(AUDIO, name="ban-tin.mp3"),
        size=len(AUDIO),
        mime_type="audio/mpeg",
        broadcast_at=now - datetime.timedelta(hours=1),
    )
    make_user(ADMIN, is_superuser=True)


def back_up():
    """`manage.py backup` here, on the test's database and folders; the archive it wrote."""
    call_command("backup", stdout=io.StringIO())
    (archive,) = Path(settings.BACKUP_DIR).glob("neuguong-*.tar")
    return archive


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_restored_site_has_every_page_entry_nomination_and_file_and_serves_them(site, target):
    archive = back_up()
    inventory = json.loads(json.dumps(site_inventory()))

    assert "Restored" in target.restore(archive)

    assert target.read(site_inventory) == inventory
    # Nothing escaped the comparison: every kind of thing is there, the nominations' folder too.
    assert all(
        inventory[kind] for kind in ("pages", "entries", "nominations", "images", "documents", "media items")
    )
    assert any(name.startswith("nominations/") for name in inventory["files"]["PRIVATE_MEDIA_ROOT"])
    served = target.read(served_by_the_restored_site)
    status, rendition = served.pop("rendition")
    assert status == 200
    assert rendition in {digest for _spec, digest in inventory["images"][0][2]}
    assert served == {
        "article": [200, True],
        "its alias": [200, True],
        "search": [200, [ARTICLE]],
        "broadcast file": [200, digest(AUDIO)],
        "nomination attachment": [200, digest(PDF)],
        "contest entry file": [200, inventory["entries"][0][4]],
        "document": [200, digest(PDF)],
        "a new row's key": [200, True],
    }


@pytest.fixture(scope="module")
def small_backup(django_db_setup, django_db_blocker, tmp_path_factory):
    return small_site_backup(django_db_blocker, tmp_path_factory)


def altered(source, destination):
    def change(name, data):
        return data[:-1] + bytes([data[-1] ^ 1]) if name.startswith("MEDIA_ROOT/") else data

    return rewritten(source, destination, change=change)


def escaping(source, destination):
    return with_listed(source, destination, "MEDIA_ROOT/../../../../.bashrc")


def from_newer_code(source, destination):
    def newer(manifest):
        manifest["migrations"]["exemplars"] = "9999_from_a_later_version"

    return rewritten(source, destination, change_manifest=newer)


@pytest.mark.parametrize(
    ("fault", "refused_because"),
    [
        (altered, "does not match its checksum in the manifest: the archive was altered or damaged"),
        (escaping, "which is outside the destination"),
        (from_newer_code, "made by a newer version of the site"),
    ],
)
def test_a_faulty_archive_is_refused_and_the_site_stays_as_it_was(
    small_backup, target, tmp_path, fault, refused_because
):
    archive = fault(small_backup.path, tmp_path / "faulty.tar")
    target.holds_something()
    before = target.state()

    result = target.manage("restore", str(archive), "--replace")

    assert result.returncode == 1
    assert refused_because in result.stderr
    assert "Traceback" not in result.stderr
    assert target.state() == before


def test_a_restore_that_fails_once_begun_leaves_the_site_as_it_was(small_backup, target, tmp_path):
    # A database its engine cannot read, though the archive is whole: the files are restored beside the site's
    # before the database fails to load.
    broken = b"not a database " * 100

    def damaged(name, data):
        return broken if name.startswith("database/") else data

    def vouched_for(manifest):
        manifest["files"][manifest["database"]["member"]] = {"size": len(broken), "sha256": digest(broken)}

    archive = rewritten(
        small_backup.path, tmp_path / "damaged.tar", change=damaged, change_manifest=vouched_for
    )
    target.holds_something()
    before = target.state()

    result = target.manage("restore", str(archive), "--replace")

    assert result.returncode == 1
    loading_failed = "database is damaged" if connection.vendor == "sqlite" else "pg_restore failed"
    assert loading_failed in result.stderr
    assert "Traceback" not in result.stderr
    assert target.state() == before


def test_a_site_that_is_not_empty_is_replaced_only_when_told(small_backup, target):
    target.holds_something()
    before = target.state()

    refused = target.manage("restore", str(small_backup.path))

    assert refused.returncode == 1
    assert "The site is not empty" in refused.stderr
    assert "holds 1 tables" in refused.stderr
    assert "MEDIA_ROOT" in refused.stderr
    assert "--replace" in refused.stderr
    assert target.state() == before

    target.restore(small_backup.path, "--replace")

    after = target.state()
    assert "kept" not in after["tables"]
    assert after["tables"]["django_migrations"] > 0
    assert "media/kept.jpg" not in after["files"]
    picture = "media/original_images/gia-lang.jpg"
    assert after["files"][picture] == digest(SMALL_SITE_FILES[picture])
    # Nothing of the swap is left: no staging, nothing replaced kept aside.
    assert not [
        name for name in after["files"] if ".restore-" in name or name.endswith((".restoring", ".replaced"))
    ]
    assert after["databases"] == ([] if connection.vendor == "sqlite" else [target.database])


def test_a_backup_older_than_the_code_is_migrated_forward(small_backup, make_target):
    older = make_target("older")
    older.restore(small_backup.path)
    # The sessions app's one migration undone: the site as it stood before the code that added it.
    assert older.manage("migrate", "sessions", "zero").returncode == 0
    made = older.manage("backup")
    assert made.returncode == 0, made.stderr
    (archive,) = (older.folder / "backups").glob("neuguong-*.tar")
    newer = make_target("newer")

    output = newer.restore(archive)

    assert "Migrated forward: sessions." in output
    assert "django_session" in newer.state()["tables"]
    assert newer.manage("migrate", "--check").returncode == 0


@pytest.mark.postgres
def test_a_restore_waits_for_the_site_to_stop_using_its_database(small_backup, target):
    target.holds_something()
    before = target.state()

    with target_cursor(target.database) as site_in_use:
        site_in_use.execute("SELECT 1")
        result = target.manage("restore", str(small_backup.path), "--replace")

    assert result.returncode == 1
    assert "other sessions are connected to the database" in result.stderr
    assert target.state() == before
