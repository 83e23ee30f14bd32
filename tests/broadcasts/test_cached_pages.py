"""The station's pages in the page cache (core.page_cache): an item edited shows at once, and an item reaching its
broadcast time shows at the scheduler's tick, though nothing was saved."""

import datetime

import pytest
import time_machine

from django.utils import timezone

from newsroom.scheduler import run_due_publications

from .conftest import visit


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def programme(new_programme):
    return new_programme("Gương sáng giữa đời thường")


def test_an_item_edited_shows_at_once_on_its_programme(
    client, programme, new_media_item, django_capture_on_commit_callbacks
):
    item = new_media_item("Số ngày 1/3", programme=programme)
    assert "Số ngày 1/3" in visit(client, programme).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        item.title = "Số đặc biệt ngày 1/3"
        item.save()

    assert "Số đặc biệt ngày 1/3" in visit(client, programme).content.decode()


def test_an_item_shows_on_its_programme_at_the_first_tick_after_its_broadcast_time(
    client, settings, programme, new_media_item, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 600
    on_air = timezone.now() + datetime.timedelta(minutes=1)
    new_media_item("Số phát tối nay", programme=programme, broadcast_at=on_air)
    run_due_publications()
    assert "Số phát tối nay" not in visit(client, programme).content.decode()

    with time_machine.travel(on_air + datetime.timedelta(minutes=1)):
        assert "Số phát tối nay" not in visit(client, programme).content.decode(), "kept until the tick"
        with django_capture_on_commit_callbacks(execute=True):
            run_due_publications()
        assert "Số phát tối nay" in visit(client, programme).content.decode()
