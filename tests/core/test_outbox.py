"""The outbox: mail queued with what causes it, sent after the commit, retried while the server is down, each
e-mail sent once whoever drains the queue, and the failures shown to administrators only."""

import datetime
import logging

import pytest

from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core import outbox
from core.models import OutgoingMail
from core.outbox import MAX_ATTEMPTS, claim, queue_mail, send_due_mail
from newsroom.outlets import editors_group_name
from tests.races import at_once

pytestmark = pytest.mark.django_db

SUBJECT = "Hồ sơ đề cử “Trần Thị Mai” cần bổ sung"
BODY = "Lý do: bổ sung số điện thoại 0912345678 của người liên hệ."
OFFICER = "canbo.a@example.vn"
INDEX = "core_outgoing_mail:index"


@pytest.fixture
def queued(django_capture_on_commit_callbacks):
    """Queue an e-mail in a step's transaction and run what its commit runs: the first attempt."""

    def queue(subject=SUBJECT, recipients=(OFFICER,), **fields):
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            queued_mail = queue_mail(subject, BODY, list(recipients), **fields)
        return reloaded(queued_mail)

    return queue


def later(minutes):
    return timezone.now() + datetime.timedelta(minutes=minutes)


def reloaded(queued_mail):
    return OutgoingMail.objects.get(pk=queued_mail.pk)


def test_with_the_server_up_the_mail_goes_out_right_after_the_commit(queued):
    sent = queued(html_body="<p>Lý do</p>")

    [message] = mail.outbox
    assert (message.subject, message.body, message.to) == (SUBJECT, BODY, [OFFICER])
    assert message.alternatives[0].content == "<p>Lý do</p>"
    assert (sent.status, sent.attempts, sent.last_error) == ("sent", 1, "")


def test_with_the_server_down_the_mail_waits_with_its_error(mail_server_down, queued):
    waiting = queued()

    assert (waiting.status, waiting.attempts) == ("pending", 1)
    assert waiting.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert waiting.next_attempt_at > timezone.now()
    assert mail.outbox == []


def test_the_tick_sends_each_waiting_mail_exactly_once(mail_server_down, queued):
    for number in range(3):
        queued(f"Thư số {number}", [f"nguoi{number}@example.vn"])
    mail_server_down.come_back()

    assert send_due_mail() == 0  # not due yet: the first retry waits a minute
    assert send_due_mail(now=later(2)) == 3
    assert send_due_mail(now=later(60)) == 0

    assert sorted(message.to[0] for message in mail.outbox) == [
        f"nguoi{number}@example.vn" for number in range(3)
    ]
    assert set(OutgoingMail.objects.values_list("status", "attempts")) == {("sent", 2)}


def test_the_scheduler_tick_sends_what_waits(mail_server_down, queued, time_machine):
    queued_mail = queued()
    mail_server_down.come_back()
    time_machine.move_to(later(2), tick=False)

    call_command("run_scheduler", "--once")

    assert [message.to for message in mail.outbox] == [[OFFICER]]
    assert reloaded(queued_mail).status == "sent"


def test_a_mail_held_by_another_worker_is_left_to_it(mail_server_down, queued):
    queued_mail = queued()
    mail_server_down.come_back()
    assert claim(queued_mail.pk, later(2)) is not None  # another tick is sending it

    assert send_due_mail(now=later(3)) == 0
    assert mail.outbox == []
    # A worker that died while holding it loses it when its lease ends: the e-mail is due again.
    assert send_due_mail(now=later(3) + outbox.CLAIM_LEASE) == 1
    assert len(mail.outbox) == 1


def ticks_while_the_server_is_down():
    """Twice as many scheduler ticks as the e-mail has attempts, each when its retry is due."""
    moment = timezone.now()
    for _tick in range(2 * MAX_ATTEMPTS):
        moment += outbox.LONGEST_RETRY_DELAY
        send_due_mail(now=moment)


def test_after_every_attempt_failed_the_mail_is_marked_failed(mail_server_down, queued, caplog):
    queued_mail = queued()

    with caplog.at_level(logging.WARNING, logger="core.outbox"):
        ticks_while_the_server_is_down()

    failed = reloaded(queued_mail)
    assert (failed.status, failed.attempts) == ("failed", MAX_ATTEMPTS)
    assert "SMTPServerDisconnected" in failed.last_error
    assert caplog.records[-1].levelname == "ERROR"
    assert (
        f"E-mail {failed.pk} to 1 recipient(s) not sent after {MAX_ATTEMPTS} attempts" in caplog.messages[-1]
    )


def test_the_logs_hold_neither_the_body_nor_the_subject_nor_the_address(mail_server_down, queued, caplog):
    with caplog.at_level(logging.DEBUG):
        queued_mail = queued()

    logged = "\n".join(caplog.messages)
    assert f"E-mail {queued_mail.pk} to 1 recipient(s) not sent at attempt 1" in logged
    for private in ("0912345678", "Trần Thị Mai", OFFICER):
        assert private not in logged


def test_a_rolled_back_transaction_leaves_no_mail(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        queue_mail(SUBJECT, BODY, [OFFICER])
        raise RuntimeError("the step failed after queueing its e-mail")

    assert not OutgoingMail.objects.exists()
    assert mail.outbox == []


def test_no_recipient_no_mail():
    assert queue_mail(SUBJECT, BODY, ["", ""]) is None
    assert not OutgoingMail.objects.exists()


def test_a_line_break_in_a_subject_cannot_add_a_header(queued):
    sent = queued("Trần Thị Mai\nBcc: victim@example.com")

    [message] = mail.outbox
    assert message.subject == "Trần Thị Mai Bcc: victim@example.com"
    assert message.message()["Bcc"] is None and message.recipients() == [OFFICER]
    assert sent.status == "sent"


def test_sent_mail_is_forgotten_after_a_month(queued):
    queued_mail = queued()

    send_due_mail(now=timezone.now() + outbox.SENT_KEPT_FOR - datetime.timedelta(minutes=1))
    assert OutgoingMail.objects.filter(pk=queued_mail.pk).exists()
    send_due_mail(now=timezone.now() + outbox.SENT_KEPT_FOR + datetime.timedelta(minutes=1))
    assert not OutgoingMail.objects.filter(pk=queued_mail.pk).exists()


# The administrators' screen.


@pytest.fixture
def failed_mail(mail_server_down, queued):
    queued_mail = queued()
    ticks_while_the_server_is_down()
    return reloaded(queued_mail)


@pytest.fixture
def administrator(make_user):
    return make_user("quantri", is_superuser=True)


@pytest.fixture
def editor(outlets, make_user):
    """Someone with the admin's access, and no say over mail."""
    return make_user("bientap.bao", editors_group_name("newspaper"))


def test_an_administrator_sees_the_failed_mail_with_its_error(
    client, administrator, failed_mail, mail_server_down, queued
):
    mail_server_down.come_back()
    queued("Thư đã gửi")
    client.force_login(administrator)

    listing = client.get(reverse(INDEX), {"status": "failed"}).content.decode()
    inspect = client.get(reverse("core_outgoing_mail:inspect", args=[failed_mail.pk])).content.decode()
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()

    assert failed_mail.status == "failed"
    for page in (listing, inspect):
        assert "Trần Thị Mai" in page and "SMTPServerDisconnected" in page and OFFICER in page
        assert "0912345678" not in page  # the body is not shown
    assert "Thư đã gửi" not in listing and "Thư đã gửi" in client.get(reverse(INDEX)).content.decode()
    assert reverse("core_outgoing_mail:retry", args=[failed_mail.pk]) in inspect
    assert f"{reverse(INDEX)}?status=failed" in dashboard


def test_retry_now_reports_the_outcome(client, administrator, failed_mail, mail_server_down):
    client.force_login(administrator)
    retry = reverse("core_outgoing_mail:retry", args=[failed_mail.pk])

    response = client.post(retry, follow=True)
    assert reloaded(failed_mail).status == "failed" and mail.outbox == []
    assert "SMTPServerDisconnected" in response.content.decode()

    mail_server_down.come_back()
    response = client.post(retry)
    assert response.status_code == 302
    assert response["Location"] == reverse("core_outgoing_mail:inspect", args=[failed_mail.pk])
    assert reloaded(failed_mail).status == "sent"
    assert [message.to for message in mail.outbox] == [[OFFICER]]
    client.post(retry)
    assert len(mail.outbox) == 1  # a sent e-mail is not sent again


def assert_refused(response):
    """Wagtail's admin answers a PermissionDenied with a redirect to its dashboard."""
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")


def test_the_screen_refuses_whoever_is_not_an_administrator(client, editor, failed_mail, mail_server_down):
    mail_server_down.come_back()
    client.force_login(editor)

    assert_refused(client.get(reverse(INDEX)))
    assert_refused(client.get(reverse("core_outgoing_mail:inspect", args=[failed_mail.pk])))
    assert_refused(client.get(reverse("core_outgoing_mail:inspect", args=[failed_mail.pk + 1000])))
    assert_refused(client.post(reverse("core_outgoing_mail:retry", args=[failed_mail.pk])))
    assert_refused(client.get(reverse("core_outgoing_mail:edit", args=[failed_mail.pk])))
    assert_refused(client.post(reverse("core_outgoing_mail:delete", args=[failed_mail.pk])))

    assert reloaded(failed_mail).status == "failed" and mail.outbox == []
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "failed-outgoing-mail" not in dashboard and reverse(INDEX) not in dashboard


def test_even_an_administrator_cannot_write_or_delete_a_mail(client, administrator, failed_mail):
    client.force_login(administrator)

    assert_refused(client.get(reverse("core_outgoing_mail:add")))
    assert_refused(client.post(reverse("core_outgoing_mail:edit", args=[failed_mail.pk]), {"status": "sent"}))
    assert_refused(client.post(reverse("core_outgoing_mail:delete", args=[failed_mail.pk])))

    assert reloaded(failed_mail).status == "failed"


# Two schedulers at once, for real, on PostgreSQL.


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_ticks_at_once_send_each_mail_once(settings):
    settings.EMAIL_BACKEND = "tests.core.mail_servers.SlowMailServer"
    for number in range(30):
        OutgoingMail.objects.create(
            subject=f"Thư {number}", body=BODY, recipients=[f"nguoi{number}@example.vn"]
        )
    at_once([send_due_mail, send_due_mail])

    recipients = [message.to[0] for message in mail.outbox]
    assert sorted(recipients) == sorted(f"nguoi{number}@example.vn" for number in range(30))
    assert set(OutgoingMail.objects.values_list("status", "attempts")) == {("sent", 1)}
