"""Guessing passwords at the admin's login: locks by account and address, the message, and the unlock screen."""

import datetime

import pytest
import time_machine

from django.urls import reverse
from django.utils import timezone

from newsroom.outlets import Outlet, editors_group_name

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-thu"  # make_user's
OWNER_ADDRESS = "192.0.2.10"
ATTACKER_ADDRESS = "198.51.100.66"
LOCKS_URL = "/admin/newsroom/login-locks/"
ACCOUNT_FROM_ADDRESS_LOCKED = "Tài khoản này đã bị tạm khóa đăng nhập từ địa chỉ mạng của bạn"
ADDRESS_LOCKED = "Địa chỉ mạng của bạn đã bị tạm khóa đăng nhập"
ACCOUNT_LOCKED = "Tài khoản này đã bị tạm khóa đăng nhập vì có quá nhiều lần nhập sai mật khẩu."


@pytest.fixture
def owner(make_user):
    return make_user("bientap.bao", is_superuser=True)


def log_in(client, username, password, address=OWNER_ADDRESS, **headers):
    client.logout()
    return client.post(
        "/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def fail(client, times, username="bientap.bao", address=OWNER_ADDRESS, **headers):
    for attempt in range(times):
        log_in(client, username, f"doan-sai-{attempt}", address, **headers)


def is_logged_in(client):
    return "_auth_user_id" in client.session


def test_forty_wrong_passwords_and_the_right_one_is_still_refused(client, owner):
    fail(client, 40)
    response = log_in(client, "bientap.bao", PASSWORD)
    assert not is_logged_in(client)
    assert response.status_code == 429
    html = response.content.decode()
    assert ACCOUNT_FROM_ADDRESS_LOCKED in html
    assert "Vui lòng thử lại sau 15 phút, hoặc nhờ quản trị viên mở khóa." in html
    assert 'value="bientap.bao"' in html  # the form is there again, with the login typed


def test_the_fifth_failure_locks_and_the_fourth_does_not(client, owner):
    fail(client, 4)
    assert log_in(client, "bientap.bao", PASSWORD).status_code == 302 and is_logged_in(client)
    fail(client, 5)
    assert log_in(client, "bientap.bao", PASSWORD).status_code == 429


def test_a_success_forgets_the_mistakes_before_it(client, owner):
    for _ in range(3):
        fail(client, 4)
        assert log_in(client, "bientap.bao", PASSWORD).status_code == 302 and is_logged_in(client)


def test_the_lock_lifts_after_fifteen_minutes_however_often_the_user_retries(client, owner):
    locked_at = timezone.now()
    with time_machine.travel(locked_at, tick=False):
        fail(client, 5)
    with time_machine.travel(locked_at + datetime.timedelta(minutes=10), tick=False):
        retry = log_in(client, "bientap.bao", PASSWORD)
        assert retry.status_code == 429 and "thử lại sau 5 phút" in retry.content.decode()
        fail(client, 10)
    with time_machine.travel(locked_at + datetime.timedelta(minutes=15, seconds=1), tick=False):
        assert log_in(client, "bientap.bao", PASSWORD).status_code == 302 and is_logged_in(client)


def test_someone_guessing_elsewhere_does_not_lock_the_owner_out(client, owner):
    fail(client, 12, address=ATTACKER_ADDRESS)
    assert log_in(client, "bientap.bao", PASSWORD, ATTACKER_ADDRESS).status_code == 429
    assert log_in(client, "bientap.bao", PASSWORD, OWNER_ADDRESS).status_code == 302 and is_logged_in(client)


def test_trying_many_accounts_from_one_address_locks_the_address(client, owner):
    for number in range(19):
        fail(client, 1, username=f"nguoi{number}", address=ATTACKER_ADDRESS)
    assert log_in(client, "bientap.bao", PASSWORD, ATTACKER_ADDRESS).status_code == 302
    fail(client, 1, username="nguoi19", address=ATTACKER_ADDRESS)
    locked = log_in(client, "bientap.bao", PASSWORD, ATTACKER_ADDRESS)
    assert locked.status_code == 429 and ADDRESS_LOCKED in locked.content.decode()
    assert log_in(client, "bientap.bao", PASSWORD, OWNER_ADDRESS).status_code == 302 and is_logged_in(client)


def test_one_account_tried_from_many_addresses_is_locked_everywhere_for_five_minutes(client, owner):
    locked_at = timezone.now()
    with time_machine.travel(locked_at, tick=False):
        for number in range(10):
            fail(client, 3, address=f"203.0.113.{number}")
        refused = log_in(client, "bientap.bao", PASSWORD, OWNER_ADDRESS)
        assert refused.status_code == 429 and not is_logged_in(client)
        assert ACCOUNT_LOCKED in refused.content.decode() and "thử lại sau 5 phút" in refused.content.decode()
    with time_machine.travel(locked_at + datetime.timedelta(minutes=5, seconds=1), tick=False):
        assert log_in(client, "bientap.bao", PASSWORD, OWNER_ADDRESS).status_code == 302 and is_logged_in(
            client
        )


def test_a_forged_forwarded_for_does_not_escape_the_lock(client, owner):
    for number in range(5):
        log_in(client, "bientap.bao", "doan-sai", ATTACKER_ADDRESS, HTTP_X_FORWARDED_FOR=f"10.9.9.{number}")
    rotated = log_in(client, "bientap.bao", PASSWORD, ATTACKER_ADDRESS, HTTP_X_FORWARDED_FOR="10.9.9.99")
    assert rotated.status_code == 429 and not is_logged_in(client)


def test_changing_address_within_ones_own_ipv6_network_does_not_escape_the_lock(client, owner):
    for number in range(1, 6):
        log_in(client, "bientap.bao", "doan-sai", f"2001:db8:66:1::{number:x}")
    rotated = log_in(client, "bientap.bao", PASSWORD, "2001:db8:66:1:dead:beef:0:1")
    assert rotated.status_code == 429
    assert log_in(client, "bientap.bao", PASSWORD, "2001:db8:66:2::1").status_code == 302


def test_behind_a_proxy_the_address_it_saw_is_locked_not_the_one_the_client_wrote(client, owner, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for number in range(5):
        forged = f"10.9.9.{number}, {ATTACKER_ADDRESS}"
        log_in(client, "bientap.bao", "doan-sai", proxy, HTTP_X_FORWARDED_FOR=forged)
    rotated = log_in(
        client, "bientap.bao", PASSWORD, proxy, HTTP_X_FORWARDED_FOR=f"10.9.9.99, {ATTACKER_ADDRESS}"
    )
    assert rotated.status_code == 429
    owner_login = log_in(
        client, "bientap.bao", PASSWORD, proxy, HTTP_X_FORWARDED_FOR=f"{ATTACKER_ADDRESS}, {OWNER_ADDRESS}"
    )
    assert owner_login.status_code == 302 and is_logged_in(client)


def test_connections_without_an_address_are_counted_and_unlocked_together(client, owner):
    fail(client, 5, address="")
    assert log_in(client, "bientap.bao", PASSWORD, "").status_code == 429
    client.force_login(owner)
    assert client.post(LOCKS_URL, {"kind": "account_address", "username": "bientap.bao"}).status_code == 302
    assert log_in(client, "bientap.bao", PASSWORD, "").status_code == 302 and is_logged_in(client)


def test_sessions_opened_without_a_password_still_work(client, owner):
    client.force_login(owner)
    assert client.get("/admin/").status_code == 200


def test_an_administrator_sees_the_locks_and_lifts_one(client, owner, make_user):
    make_user("quantri", is_superuser=True)
    fail(client, 5, address=ATTACKER_ADDRESS)
    assert log_in(client, "quantri", PASSWORD).status_code == 302
    screen = client.get(LOCKS_URL)
    assert screen.status_code == 200
    row = screen.content.decode().split("<tbody>")[1].split("</tbody>")[0]
    assert "bientap.bao" in row and ATTACKER_ADDRESS in row
    unlocked = client.post(
        LOCKS_URL, {"kind": "account_address", "username": "bientap.bao", "ip_address": ATTACKER_ADDRESS}
    )
    assert unlocked.status_code == 302
    assert "<tbody>" not in client.get(LOCKS_URL).content.decode()
    assert log_in(client, "bientap.bao", PASSWORD, ATTACKER_ADDRESS).status_code == 302 and is_logged_in(
        client
    )


def test_the_lock_screen_is_in_the_administrators_menu_only(client, owner, outlets, make_user):
    client.force_login(owner)
    assert LOCKS_URL in client.get("/admin/").content.decode()
    client.force_login(make_user("bientap.dai", editors_group_name(Outlet.BROADCAST)))
    assert LOCKS_URL not in client.get("/admin/").content.decode()


def test_an_editor_can_neither_see_nor_lift_a_lock(client, owner, outlets, make_user):
    fail(client, 5, address=ATTACKER_ADDRESS)
    client.force_login(make_user("bientap.dai", editors_group_name(Outlet.BROADCAST)))
    assert client.get(LOCKS_URL).status_code == 403
    refused = client.post(
        LOCKS_URL, {"kind": "account_address", "username": "bientap.bao", "ip_address": ATTACKER_ADDRESS}
    )
    assert refused.status_code == 403
    assert log_in(client, "bientap.bao", PASSWORD, ATTACKER_ADDRESS).status_code == 429


def test_a_forged_unlock_request_is_refused_without_harm(client, owner):
    client.force_login(owner)
    fail(client, 5, address=ATTACKER_ADDRESS)
    client.force_login(owner)
    forged_requests = [
        {},
        {"kind": "everything"},
        {"kind": "address", "ip_address": "not-an-address"},
        {"kind": "address"},
        {"kind": "account", "username": ""},
        {"kind": "account_address"},
    ]
    for forged in forged_requests:
        assert client.post(LOCKS_URL, forged).status_code == 302
    assert log_in(client, "bientap.bao", PASSWORD, ATTACKER_ADDRESS).status_code == 429
    assert reverse("newsroom_login_locks") == LOCKS_URL
