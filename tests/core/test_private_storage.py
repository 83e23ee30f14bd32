"""Private files: under the directory their setting names when they are written, and with no public URL."""

import pytest

from django.core.files.base import ContentFile

from core.private_storage import PrivateStorage


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
