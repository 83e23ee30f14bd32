"""Audio or video uploaded while the disk is full or read-only: a page in Vietnamese saying the file could not be
stored (503), and neither a row nor a part of the file left behind."""

import pytest

from django.test import Client

from broadcasts.models import MediaItem
from tests.core.full_disk import FULL, READ_ONLY, private_storage_on

from .test_uploads import add, editor, media_groups, stored_files, upload  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("failure", [FULL, READ_ONLY], ids=["full", "read-only"])
def test_an_upload_the_disk_refuses_says_so_and_leaves_nothing(
    editor,  # noqa: F811 - the fixture imported above
    media_samples,
    private_files,
    monkeypatch,
    failure,
):
    monkeypatch.setattr(MediaItem._meta.get_field("file"), "storage", private_storage_on(failure))
    browser = Client(raise_request_exception=False)
    browser.force_login(editor)

    response = add(browser, "audio", upload(media_samples["audio.mp3"], "ban-tin-sang.mp3"))

    assert response.status_code == 503
    assert "Chưa lưu được tệp" in response.content.decode()
    assert not MediaItem.objects.exists()
    assert stored_files(private_files) == []
