"""A backup archive as `manage.py backup` writes it, and every way a restore refuses one before touching anything:
altered bytes, members that would land outside their folder or are not plain files, sizes that lie, members the
manifest does not list or lacks, an archive cut short or not an archive at all."""

import hashlib
import io
import json
import sqlite3
import stat
import subprocess
import tarfile
from contextlib import ExitStack, closing

import pytest

from django.core.cache import caches
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings

from core.backups.archive import verified_archive
from core.backups.errors import BackupError, RestoreRefused
from core.backups.making import make_backup

# The backups read the test database (the small one as migrated, through a module's fixture): pytest-django makes
# it only for a run holding a test that asks for it.
pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
# A file in each folder a backup holds: MEDIA_ROOT, PRIVATE_MEDIA_ROOT and the nominations' inside it.
SMALL_SITE_FILES = {
    "media/original_images/gia-lang.jpg": b"\xff\xd8\xff\xe0 JPEG " * 40,
    "private-media/contests/1/bai-du-thi.pdf": PDF,
    "private-media/nominations/2025/03/ho-so.pdf": PDF * 3,
}


def small_site_settings(folder):
    return {
        "MEDIA_ROOT": folder / "media",
        "PRIVATE_MEDIA_ROOT": folder / "private-media",
        "NOMINATION_FILES_ROOT": folder / "private-media" / "nominations",
    }


@pytest.fixture(scope="module")
def small_backup(django_db_setup, django_db_blocker, tmp_path_factory):
    return small_site_backup(django_db_blocker, tmp_path_factory)


def small_site_backup(django_db_blocker, tmp_path_factory):
    """A backup of the test database as migrated and of a file in each folder; a backup only reads them."""
    folder = tmp_path_factory.mktemp("small-site")
    for name, data in SMALL_SITE_FILES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    # Not a file the site wrote: left out.
    (folder / "media" / "original_images" / "link.jpg").symlink_to("gia-lang.jpg")
    with override_settings(**small_site_settings(folder)), django_db_blocker.unblock():
        return make_backup(folder / "backups")


def rewritten(source, destination, change=None, add=(), drop=(), change_manifest=None):
    """A copy of the archive `source` at `destination`: `change(name, data)` gives a member's new bytes, `add` is
    (TarInfo, bytes) members to append, `drop` names members to leave out, `change_manifest(data)` edits the
    manifest, written last as the backup writes it."""
    with tarfile.open(source) as original:
        members = [(member, original.extractfile(member).read()) for member in original.getmembers()]
    manifest_info, manifest_data = members.pop()
    manifest = json.loads(manifest_data)
    if change_manifest:
        change_manifest(manifest)
    with tarfile.open(destination, "w", format=tarfile.PAX_FORMAT) as tar:
        for info, data in members:
            if info.name in drop:
                continue
            data = change(info.name, data) if change else data
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        for info, data in add:
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        data = json.dumps(manifest).encode()
        manifest_info.size = len(data)
        tar.addfile(manifest_info, io.BytesIO(data))
    return destination


def listed(name, data, kind=tarfile.REGTYPE, linkname=""):
    """A member to add and the manifest's entry for it, with its true size and checksum: only what the member
    is or where it would land may then refuse it."""
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, linkname
    return (info, data), {name: {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}}


def with_listed(source, destination, name, kind=tarfile.REGTYPE, linkname=""):
    # A link or a device carries no bytes.
    data = b"not what the site wrote" if kind == tarfile.REGTYPE else b""
    member, entry = listed(name, data, kind, linkname)
    return rewritten(source, destination, add=[member], change_manifest=lambda m: m["files"].update(entry))


def refusal(path):
    """Why verifying the archive at `path` refuses it."""
    with pytest.raises(RestoreRefused) as refused, ExitStack() as opened:
        opened.enter_context(verified_archive(path))
    return str(refused.value)


def test_the_archive_holds_the_database_and_each_folder_under_its_setting(small_backup):
    with tarfile.open(small_backup.path) as tar:
        names = tar.getnames()
        manifest = json.loads(tar.extractfile("manifest.json").read())

    assert names[-1] == "manifest.json"
    assert set(names[:-1]) == set(manifest["files"])
    assert {
        "MEDIA_ROOT/original_images/gia-lang.jpg",
        "PRIVATE_MEDIA_ROOT/contests/1/bai-du-thi.pdf",
        "NOMINATION_FILES_ROOT/2025/03/ho-so.pdf",
    } <= set(names)
    assert "MEDIA_ROOT/original_images/link.jpg" not in names
    # The nominations' folder lies inside the private media: its files are archived once, under their own setting.
    assert not [name for name in names if name.startswith("PRIVATE_MEDIA_ROOT/nominations/")]
    assert manifest["database"]["member"] in names
    assert manifest["migrations"]["core"].startswith("0")
    assert manifest["files"]["NOMINATION_FILES_ROOT/2025/03/ho-so.pdf"] == {
        "size": len(PDF * 3),
        "sha256": hashlib.sha256(PDF * 3).hexdigest(),
    }


def test_only_its_owner_may_read_the_archive_and_its_folder(small_backup):
    assert stat.S_IMODE(small_backup.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(small_backup.path.parent.stat().st_mode) == 0o700


def test_the_archive_as_written_passes_every_check(small_backup):
    with verified_archive(small_backup.path) as archive:
        assert archive.manifest.files.keys() == archive.members.keys()


def test_a_backups_folder_inside_a_folder_of_files_is_refused(db, tmp_path):
    media = tmp_path / "media"
    with override_settings(MEDIA_ROOT=media), pytest.raises(BackupError, match="lies in MEDIA_ROOT"):
        make_backup(media / "backups")
    assert not (media / "backups").exists()


def test_altered_bytes_are_refused(small_backup, tmp_path):
    def altered(name, data):
        return data.replace(b"JPEG", b"jpeg") if name.startswith("MEDIA_ROOT/") else data

    message = refusal(rewritten(small_backup.path, tmp_path / "altered.tar", change=altered))
    assert "MEDIA_ROOT/original_images/gia-lang.jpg does not match its checksum" in message


@pytest.mark.parametrize(
    ("name", "kind", "linkname", "refused_because"),
    [
        ("MEDIA_ROOT/../../../etc/cron.d/backup", tarfile.REGTYPE, "", "outside the destination"),
        ("MEDIA_ROOT//etc/passwd", tarfile.REGTYPE, "", "not a plain path"),
        ("/etc/passwd", tarfile.REGTYPE, "", "not a plain path"),
        (
            "MEDIA_ROOT/original_images/a/../../../PRIVATE_MEDIA_ROOT/x",
            tarfile.REGTYPE,
            "",
            "not a plain path",
        ),
        (
            "MEDIA_ROOT/original_images/passwd",
            tarfile.SYMTYPE,
            "/etc/passwd",
            "is a link to an absolute path",
        ),
        ("MEDIA_ROOT/original_images/copy.jpg", tarfile.SYMTYPE, "gia-lang.jpg", "not a regular file"),
        (
            "MEDIA_ROOT/original_images/same.jpg",
            tarfile.LNKTYPE,
            "MEDIA_ROOT/original_images/a.jpg",
            "not a regular",
        ),
        ("PRIVATE_MEDIA_ROOT/null", tarfile.CHRTYPE, "", "is a special file"),
        ("STATIC_ROOT/admin/js/core.js", tarfile.REGTYPE, "", "not a plain path inside a backed-up folder"),
    ],
)
def test_a_member_that_could_land_outside_its_folder_or_is_no_plain_file_is_refused(
    small_backup, tmp_path, name, kind, linkname, refused_because
):
    archive = with_listed(small_backup.path, tmp_path / "escaping.tar", name, kind=kind, linkname=linkname)

    message = refusal(archive)
    assert repr(name) in message
    assert refused_because in message


def test_a_size_that_lies_is_refused(small_backup, tmp_path):
    def lying(manifest):
        manifest["files"]["PRIVATE_MEDIA_ROOT/contests/1/bai-du-thi.pdf"]["size"] = 10

    message = refusal(rewritten(small_backup.path, tmp_path / "lying.tar", change_manifest=lying))
    assert f"declares {len(PDF)} bytes; the manifest, 10" in message


def test_a_member_the_manifest_does_not_list_is_refused(small_backup, tmp_path):
    member, _entry = listed("MEDIA_ROOT/original_images/extra.jpg", b"unlisted")
    message = refusal(rewritten(small_backup.path, tmp_path / "extra.tar", add=[member]))
    assert "'MEDIA_ROOT/original_images/extra.jpg' is not in its manifest" in message


def test_a_file_the_manifest_lists_missing_from_the_archive_is_refused(small_backup, tmp_path):
    archive = rewritten(
        small_backup.path, tmp_path / "lacking.tar", drop={"NOMINATION_FILES_ROOT/2025/03/ho-so.pdf"}
    )
    assert "lacks 1 files its manifest lists, NOMINATION_FILES_ROOT/2025/03/ho-so.pdf first" in refusal(
        archive
    )


def test_an_archive_cut_short_is_refused(small_backup, tmp_path):
    data = small_backup.path.read_bytes()
    cut = tmp_path / "cut.tar"
    cut.write_bytes(data[: len(data) // 2])
    assert "cut short" in refusal(cut)


def test_what_is_not_an_archive_is_refused(tmp_path):
    not_one = tmp_path / "notes.tar"
    not_one.write_bytes(b"Nothing of a tar archive here.\n" * 100)
    assert "is not a whole backup archive" in refusal(not_one)


def test_a_manifest_of_another_shape_is_refused(small_backup, tmp_path):
    def reshaped(manifest):
        manifest["files"] = list(manifest["files"])

    message = refusal(rewritten(small_backup.path, tmp_path / "reshaped.tar", change_manifest=reshaped))
    assert "not a backup manifest" in message


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_rows_of_the_caches_kept_in_the_database_are_left_out(tmp_path):
    caches["content_api"].set("answer", "an answer cached before the backup")
    with override_settings(**small_site_settings(tmp_path)):
        report = make_backup(tmp_path / "backups")
    with tarfile.open(report.path) as tar:
        member = json.loads(tar.extractfile("manifest.json").read())["database"]["member"]
        tar.extract(member, tmp_path / "copy", filter="data")
    database = tmp_path / "copy" / member

    if connection.vendor == "sqlite":
        with closing(sqlite3.connect(database)) as copy:
            counts = {
                table: copy.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("content_api_cache", "django_migrations")
            }
        assert counts["content_api_cache"] == 0
        assert counts["django_migrations"] > 0
    else:
        listing = subprocess.run(
            ["pg_restore", "--list", str(database)], capture_output=True, text=True, check=True
        ).stdout
        assert "TABLE public content_api_cache" in listing
        assert "TABLE DATA public content_api_cache" not in listing
        assert "TABLE DATA public django_migrations" in listing


def test_check_reads_the_archive_through_and_changes_nothing(small_backup, tmp_path):
    kept = tmp_path / "media" / "kept.jpg"
    kept.parent.mkdir()
    kept.write_bytes(b"a picture of the site in use")
    output = io.StringIO()
    with override_settings(**small_site_settings(tmp_path)):
        call_command("restore", str(small_backup.path), "--check", stdout=output)

    assert "each matching its checksum" in output.getvalue()
    assert f"MEDIA_ROOT: 1 files into {kept.parent}" in output.getvalue()
    assert f"MEDIA_ROOT ({kept.parent}) holds files" in output.getvalue()
    assert "it would need --replace" in output.getvalue()
    assert [path.name for path in kept.parent.iterdir()] == ["kept.jpg"]

    altered = rewritten(small_backup.path, tmp_path / "altered.tar", change=lambda name, data: data.upper())
    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("restore", str(altered), "--check", stdout=output)
