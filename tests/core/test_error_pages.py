"""A request that meets the database or the disk out of reach gets a Vietnamese page saying to try again in a
moment (503, Retry-After, no traceback), and the site answers again as soon as the database does."""

import errno
from contextlib import contextmanager

import pytest

from django.db import InterfaceError, OperationalError, connection
from django.test import Client

pytestmark = pytest.mark.django_db

BUSY = "Hệ thống đang bận"
FAULT = "Xin lỗi, đã có lỗi xảy ra"


@pytest.fixture
def reader():
    """An anonymous reader whose requests answer as a browser sees them, errors included."""
    return Client(raise_request_exception=False)


@contextmanager
def every_query_fails(error):
    """Each query raises `error`, as on a database that restarts: sessions, sites and pages alike."""

    def fail(execute, sql, params, many, context):
        raise error

    with connection.execute_wrapper(fail):
        yield


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("server closed the connection unexpectedly"),
        InterfaceError("connection already closed"),
    ],
    ids=["restarting", "connection-closed"],
)
def test_a_database_out_of_reach_gets_the_busy_page_and_the_site_recovers(outlets, reader, error):
    with every_query_fails(error):
        response = reader.get("/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert BUSY in page and "Mời bạn thử lại sau ít phút" in page
    assert "Traceback" not in page and str(error) not in page
    assert reader.get("/").status_code == 200


def test_a_json_api_client_gets_the_reason_as_json(outlets, reader):
    with every_query_fails(OperationalError("the database system is starting up")):
        response = reader.get("/api/v2/pages/")

    assert response.status_code == 503
    assert response.json() == {
        "error": "Hệ thống đang bận. Trang bạn yêu cầu tạm thời chưa thể hiển thị. Mời bạn thử lại sau ít phút."
    }


def test_a_disk_that_cannot_take_a_file_gets_its_own_page(outlets, reader):
    with every_query_fails(OSError(errno.ENOSPC, "No space left on device")):
        response = reader.get("/")

    assert response.status_code == 503
    assert "Chưa lưu được tệp" in response.content.decode()


def test_a_fault_of_ours_is_still_the_500_page(outlets, reader):
    with every_query_fails(ZeroDivisionError("a bug, not an outage")):
        response = reader.get("/")

    assert response.status_code == 500
    assert FAULT in response.content.decode() and BUSY not in response.content.decode()
