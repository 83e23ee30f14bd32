"""Login locks: how many wrong passwords lock whom, for how long, and what the locked-out visitor reads.

django-axes records the failures (an AccessAttempt per username, address and browser, with the time of its latest
failure) and refuses a login while a lock is in force, the right password included. Three locks, checked on
every attempt (README, "Login locks and proxies"):

- one account from one address, after AXES_FAILURE_LIMIT failures, for AXES_COOLOFF_TIME: someone guessing
  elsewhere never locks the owner out of their own office;
- one address, whatever the accounts, after more failures: trying one password on many accounts;
- one account from every address, after still more, for a short while only: a guesser spread over many
  addresses, who must not keep the owner out for long.

A lock lifts once the failures counted by it are older than its cool-off; attempts refused while it is in force
are not counted, so a user who keeps trying does not prolong it (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT).
"""

import datetime
import math
from dataclasses import dataclass

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Lock:
    kind: str
    label: Promise
    # The AccessAttempt fields that attempts must share to be counted together.
    keys: tuple[str, ...]
    failures: int
    cool_off: datetime.timedelta
    # What the visitor reads on the login page, which speaks Vietnamese before anyone is known.
    reason: str

    def lifts_at(self, attempts, now):
        """When the failures still counted fall below the limit; None when they already have.

        `attempts` are (time of the latest failure, failures) of the attempts sharing this lock's keys, newest
        first: the oldest drop out first, so the lock holds until the one that reached the limit drops out.
        """
        counted = 0
        for latest_failure, failures in attempts:
            if latest_failure < now - self.cool_off:
                break
            counted += failures
            if counted >= self.failures:
                return latest_failure + self.cool_off
        return None

    @property
    def cool_off_minutes(self):
        return round(self.cool_off.total_seconds() / 60)

    def matching(self, username, ip_address):
        values = {"username": username, "ip_address": ip_address}
        return {key: values[key] for key in self.keys}


# A wider lock counts over a window no longer than AXES_COOLOFF_TIME: axes deletes older attempts.
ADDRESS_LOCK = Lock(
    kind="address",
    label=_("Address, any account"),
    keys=("ip_address",),
    failures=20,
    cool_off=datetime.timedelta(minutes=15),
    reason=(
        "Địa chỉ mạng của bạn đã bị tạm khóa đăng nhập vì có quá nhiều lần đăng nhập sai từ địa chỉ này."
    ),
)
ACCOUNT_LOCK = Lock(
    kind="account",
    label=_("Account, from any address"),
    keys=("username",),
    failures=30,
    cool_off=datetime.timedelta(minutes=5),
    reason="Tài khoản này đã bị tạm khóa đăng nhập vì có quá nhiều lần nhập sai mật khẩu.",
)


def account_from_address_lock():
    """Axes' own lock (AXES_LOCKOUT_PARAMETERS), read from the settings on each use."""
    return Lock(
        kind="account_address",
        label=_("Account, from one address"),
        keys=("username", "ip_address"),
        failures=settings.AXES_FAILURE_LIMIT,
        cool_off=settings.AXES_COOLOFF_TIME,
        reason=(
            "Tài khoản này đã bị tạm khóa đăng nhập từ địa chỉ mạng của bạn vì nhập sai mật khẩu nhiều lần."
        ),
    )


def all_locks():
    return [account_from_address_lock(), ADDRESS_LOCK, ACCOUNT_LOCK]


@dataclass(frozen=True)
class LockInForce:
    lock: Lock
    username: str | None
    ip_address: str | None
    lifts_at: datetime.datetime


def lock_on(username, ip_address, now):
    """The lock in force on a login by `username` from `ip_address`, the last to lift if several; or None."""
    in_force = []
    for lock in all_locks():
        attempts = (
            AccessAttempt.objects.filter(
                attempt_time__gte=now - lock.cool_off, **lock.matching(username, ip_address)
            )
            .order_by("-attempt_time")
            .values_list("attempt_time", "failures_since_start")
        )
        lifts_at = lock.lifts_at(attempts, now)
        if lifts_at:
            in_force.append(LockInForce(lock, username, ip_address, lifts_at))
    return max(in_force, key=lambda found: found.lifts_at, default=None)


def locks_in_force(now):
    """Every lock in force, the last to lift first: what the administrators' screen lists."""
    longest = max(lock.cool_off for lock in all_locks())
    attempts = list(
        AccessAttempt.objects.filter(attempt_time__gte=now - longest)
        .order_by("-attempt_time")
        .values_list("username", "ip_address", "attempt_time", "failures_since_start")
    )
    found = []
    for lock in all_locks():
        grouped = {}
        for username, ip_address, latest_failure, failures in attempts:
            key = tuple(lock.matching(username, ip_address).items())
            grouped.setdefault(key, []).append((latest_failure, failures))
        for key, group in grouped.items():
            lifts_at = lock.lifts_at(group, now)
            if lifts_at:
                values = dict(key)
                found.append(LockInForce(lock, values.get("username"), values.get("ip_address"), lifts_at))
    return sorted(found, key=lambda lock_in_force: lock_in_force.lifts_at, reverse=True)


def _lock_on_request(request, credentials):
    username = get_client_username(request, credentials)
    return lock_on(username, request.axes_ip_address, request.axes_attempt_time)


class LoginLockHandler(AxesDatabaseHandler):
    """Axes' database handler, locking by every lock of all_locks() rather than by AXES_LOCKOUT_PARAMETERS alone."""

    def is_locked(self, request, credentials=None):
        return _lock_on_request(request, credentials) is not None

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        # Axes records the failure and applies its own lock; the wider ones are checked here.
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or request.axes_locked_out or _lock_on_request(request, credentials) is None:
            return
        request.axes_locked_out = True
        request.axes_credentials = credentials
        user_locked_out.send(
            "axes",
            request=request,
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        )


def lockout_response(request, original_response, credentials):
    """The admin's login page again (AXES_LOCKOUT_CALLABLE), saying which lock holds and for how long.

    `original_response` is the login view's page refusing the attempt; it is kept if the lock was lifted
    meanwhile.
    """
    found = _lock_on_request(request, credentials)
    if found is None:
        return original_response
    minutes = max(1, math.ceil((found.lifts_at - timezone.now()).total_seconds() / 60))
    login_form = type(original_response.context_data["form"])
    context = {
        **original_response.context_data,
        # Unbound: the page shows the lock, not "wrong password" (the password may well have been right).
        "form": login_form(request, initial={"username": get_client_username(request, credentials)}),
        "lock_message": f"{found.lock.reason} Vui lòng thử lại sau {minutes} phút, "
        "hoặc nhờ quản trị viên mở khóa.",
    }
    # Rendered here: the response comes from a middleware, after Django renders the views' template responses.
    return render(
        request, "newsroom/admin/login_locked.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
