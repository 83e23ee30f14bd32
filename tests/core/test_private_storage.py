"""Private files: under the directory their setting names when they are written, with no public URL, and nothing
left of a file the disk refused or of one whose row was never saved."""

import pytest

from django.core.files.base import ContentFile

from core.private_storage import FileNotStored, PrivateStorage, removed_on_failure

from .full_disk import FULL, READ_ONLY, private_storage_on


def test_files_go_under_the_directory_the_setting_names_at_the_time(settings, tmp_path):
    storage = PrivateStorage(root_setting="NOMINATION_FILES_ROOT")
    settings.NOMINATION_FILES_ROOT = tmp_path / "first"
    first = storage.save("a.pdf", ContentFile(b"%PDF-"))
    settings.NOMINATION_FILES_ROOT = tmp_path / "second"
    second = storage.save("b.pdf", ContentFile(b"%PDF-"))
    assert (tmp_path / "first" / first).exists() and (tmp_path / "second" / second).exists()


def test_the_private_media_root_is_the_default(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    assert PrivateStorage().path("entries/1/x.pdf") == str(tmp_path / "entries" / "1" / "x.pdf")


def test_no_public_url_is_ever_built():
    with pytest.raises(PermissionError):
        PrivateStorage().url("entries/1/x.pdf")


def test_migrations_record_the_setting_never_a_path():
    assert PrivateStorage(root_setting="NOMINATION_FILES_ROOT").deconstruct() == (
        "core.private_storage.PrivateStorage",
        (),
        {"root_setting": "NOMINATION_FILES_ROOT"},
    )


def files_under(folder):
    return [path for path in folder.rglob("*") if path.is_file()]


@pytest.mark.parametrize("failure", [FULL, READ_ONLY], ids=["full", "read-only"])
def test_a_disk_that_refuses_a_file_keeps_no_part_of_it(settings, tmp_path, failure):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    storage = private_storage_on(failure)

    with pytest.raises(FileNotStored) as refused:
        storage.save("entries/1/bai.pdf", ContentFile(b"%PDF-1.4 " + b"0" * 4096))

    assert refused.value.errno == failure
    assert files_under(tmp_path) == []


def test_the_files_of_a_block_that_fails_are_removed(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    storage = PrivateStorage()
    kept = storage.save("before.pdf", ContentFile(b"%PDF-"))

    with pytest.raises(RuntimeError), removed_on_failure():
        storage.save("a.pdf", ContentFile(b"%PDF-"))
        with removed_on_failure():
            storage.save("b.pdf", ContentFile(b"%PDF-"))
        raise RuntimeError("the rows pointing to them were refused")

    assert files_under(tmp_path) == [tmp_path / kept]


def test_the_files_of_a_block_that_ends_well_are_kept(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    storage = PrivateStorage()

    with removed_on_failure():
        name = storage.save("a.pdf", ContentFile(b"%PDF-"))

    assert files_under(tmp_path) == [tmp_path / name]
