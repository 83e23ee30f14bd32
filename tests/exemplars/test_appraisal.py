"""The Department's appraisal: the state machine, who may take each step, the record, the emails, the praise."""

import datetime

import pytest

from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.models import OutgoingMail
from core.outbox import send_due_mail
from exemplars.appraisal import STEPS, StepRefused, available_steps, take_step
from exemplars.dashboard import drafts_from_nominations
from exemplars.models import ExemplarPage, NominationEvent, Status
from exemplars.views.nominations import STEP_NOTE_MAX_CHARS
from newsroom.outlets import editors_group_name

from .conftest import PRIVATE_DATA, assert_refused

DECISION = {"decision_number": "125/QĐ-UBND", "decision_date": datetime.date(2025, 4, 2)}


@pytest.fixture
def proposed(officer_a, reviewer, make_nomination, advance):
    return advance(
        make_nomination(officer_a, is_sudden_deed=True),
        ("submit", officer_a),
        ("start_appraisal", reviewer),
        ("propose", reviewer),
    )


def test_every_step_is_recorded(proposed, officer_a, reviewer):
    steps = list(
        NominationEvent.objects.filter(nomination=proposed).values_list("actor", "from_status", "to_status")
    )

    assert steps == [
        (officer_a.pk, "", Status.DRAFT),
        (officer_a.pk, Status.DRAFT, Status.SUBMITTED),
        (reviewer.pk, Status.SUBMITTED, Status.UNDER_APPRAISAL),
        (reviewer.pk, Status.UNDER_APPRAISAL, Status.PROPOSED),
    ]


def test_the_unit_is_emailed_when_its_nomination_is_returned(
    officer_a, officer_b, reviewer, make_nomination, advance, django_capture_on_commit_callbacks
):
    nomination = advance(make_nomination(officer_a), ("submit", officer_a), ("start_appraisal", reviewer))

    with django_capture_on_commit_callbacks(execute=True):
        take_step(nomination.pk, "return", reviewer, note="Bổ sung số liệu các ca bệnh năm 2024.")

    assert [message.to for message in mail.outbox] == [[officer_a.email]]
    assert "Bổ sung số liệu các ca bệnh năm 2024." in mail.outbox[0].body
    assert OutgoingMail.objects.values_list("status", "attempts").get() == ("sent", 1)
    event = NominationEvent.objects.filter(nomination=nomination).last()
    assert (event.to_status, event.note) == (Status.RETURNED, "Bổ sung số liệu các ca bệnh năm 2024.")


def test_returning_needs_a_reason(officer_a, reviewer, make_nomination, advance):
    nomination = advance(make_nomination(officer_a), ("submit", officer_a))

    with pytest.raises(StepRefused):
        take_step(nomination.pk, "return", reviewer, note="  ")


def test_only_reviewers_take_appraisal_steps(officer_a, chairman_office, make_nomination, advance):
    nomination = advance(make_nomination(officer_a), ("submit", officer_a))

    for user in (officer_a, chairman_office):
        with pytest.raises(PermissionDenied):
            take_step(nomination.pk, "start_appraisal", user)


def test_a_step_out_of_order_is_refused(officer_a, reviewer, make_nomination, advance):
    nomination = advance(make_nomination(officer_a), ("submit", officer_a))

    with pytest.raises(StepRefused):
        take_step(nomination.pk, "approve", reviewer, **DECISION)


def test_reviewers_decide_what_they_did_not_refer(
    proposed, officer_a, reviewer, outlets, registry, make_user, django_capture_on_commit_callbacks
):
    editor = make_user("bientap.congttdt", editors_group_name("portal"))

    with django_capture_on_commit_callbacks(execute=True):
        take_step(proposed.pk, "approve", reviewer, **DECISION)

    proposed.refresh_from_db()
    assert proposed.status == Status.APPROVED
    assert (proposed.decision_number, proposed.decision_date) == ("125/QĐ-UBND", datetime.date(2025, 4, 2))
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([officer_a.email, editor.email])
    [to_unit] = [message for message in mail.outbox if message.to == [officer_a.email]]
    assert "Quyết định số 125/QĐ-UBND ngày 2/4/2025." in to_unit.body


def test_a_reviewer_cannot_decide_a_referred_case(proposed, reviewer, client):
    take_step(proposed.pk, "refer", reviewer, note="Ảnh hưởng toàn tỉnh.")
    client.force_login(reviewer)

    for step in ("approve", "decline"):
        with pytest.raises(PermissionDenied):
            take_step(proposed.pk, step, reviewer, note="Không đủ.", **DECISION)
        assert_refused(
            client.post(
                reverse("exemplars_nominations:step", args=[proposed.pk, step]), {"note": "x", **DECISION}
            )
        )
    proposed.refresh_from_db()
    assert proposed.status == Status.REFERRED
    assert [step.name for step in available_steps(proposed, reviewer)] == []


def test_the_chairmans_office_decides_a_referred_case(proposed, reviewer, chairman_office, registry):
    take_step(proposed.pk, "refer", reviewer)
    proposed.refresh_from_db()

    assert {step.name for step in available_steps(proposed, chairman_office)} == {"approve", "decline"}
    take_step(proposed.pk, "approve", chairman_office, **DECISION)

    proposed.refresh_from_db()
    assert proposed.status == Status.APPROVED


def test_the_chairmans_office_decides_nothing_else(proposed, chairman_office):
    with pytest.raises(PermissionDenied):
        take_step(proposed.pk, "approve", chairman_office, **DECISION)


def test_a_decline_needs_a_reason_and_tells_the_unit(
    proposed, officer_a, reviewer, django_capture_on_commit_callbacks
):
    with pytest.raises(StepRefused):
        take_step(proposed.pk, "decline", reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        take_step(proposed.pk, "decline", reviewer, note="Thành tích chưa tiêu biểu.")

    proposed.refresh_from_db()
    assert proposed.status == Status.DECLINED
    assert mail.outbox[0].to == [officer_a.email]


def test_approval_needs_the_decision_number_and_date(proposed, reviewer):
    with pytest.raises(StepRefused):
        take_step(proposed.pk, "approve", reviewer, decision_number="", decision_date=None)


def test_approval_drafts_the_profile_without_the_private_data(proposed, reviewer, registry):
    take_step(proposed.pk, "approve", reviewer, **DECISION)

    proposed.refresh_from_db()
    exemplar = proposed.exemplar
    assert exemplar.get_parent().specific == registry
    assert not exemplar.live
    assert (exemplar.title, exemplar.unit, exemplar.year) == ("Trần Thị Mai", proposed.unit, 2025)
    assert exemplar.is_sudden_deed
    assert list(exemplar.achievement_fields.values_list("code", flat=True)) == ["cong-tac"]
    award = exemplar.awards.get()
    assert (award.title, award.decision_number) == ("Bằng khen của Chủ tịch UBND tỉnh", "125/QĐ-UBND")
    stored = str(exemplar.get_latest_revision().content) + str(
        ExemplarPage.objects.filter(pk=exemplar.pk).values()
    )
    for value in PRIVATE_DATA.values():
        assert value not in stored


def test_the_draft_is_announced_to_the_editors_its_link_opens_for(
    proposed, reviewer, registry, make_user, client, django_capture_on_commit_callbacks
):
    portal_editor = make_user("bientap.congttdt", editors_group_name("portal"))
    newspaper_editor = make_user("bientap.bao", editors_group_name("newspaper"))

    with django_capture_on_commit_callbacks(execute=True):
        take_step(proposed.pk, "approve", reviewer, **DECISION)

    [announcement] = [message for message in mail.outbox if message.subject.startswith("Điển hình mới")]
    assert announcement.to == [portal_editor.email]
    link = announcement.body.rsplit(": ", 1)[1].removeprefix(settings.WAGTAILADMIN_BASE_URL)
    client.force_login(portal_editor)
    assert client.get(link).status_code == 200
    client.force_login(newspaper_editor)
    assert (
        client.get(link).status_code == 302
    )  # Wagtail sends a user without permission back to the dashboard


def test_the_editors_dashboard_lists_the_waiting_draft(proposed, reviewer, registry, make_user, client):
    take_step(proposed.pk, "approve", reviewer, **DECISION)
    editor = make_user("bientap.congttdt", editors_group_name("portal"))
    journalist_elsewhere = make_user("bientap.bao", editors_group_name("newspaper"))
    client.force_login(editor)

    content = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Trần Thị Mai" in content
    assert [page.title for page in drafts_from_nominations(editor)] == ["Trần Thị Mai"]
    # The newspaper's editors are emailed, but only those who can publish it see it on their dashboard.
    assert drafts_from_nominations(journalist_elsewhere) == []


def test_the_inspect_view_offers_only_the_users_steps(proposed, reviewer, officer_a, client):
    client.force_login(reviewer)
    content = client.get(reverse("exemplars_nominations:inspect", args=[proposed.pk])).content.decode()
    assert str(STEPS["refer"].label) in content
    assert PRIVATE_DATA["contact_phone"] in content  # the Department sees the contact details

    client.force_login(officer_a)
    content = client.get(reverse("exemplars_nominations:inspect", args=[proposed.pk])).content.decode()
    assert str(STEPS["refer"].label) not in content


def test_a_step_through_the_admin(proposed, reviewer, client):
    client.force_login(reviewer)

    response = client.post(reverse("exemplars_nominations:step", args=[proposed.pk, "refer"]), {"note": ""})

    assert response.status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == Status.REFERRED


def test_a_step_note_over_its_limit_is_refused_with_the_limit_named(proposed, reviewer, client):
    client.force_login(reviewer)
    url = reverse("exemplars_nominations:step", args=[proposed.pk, "refer"])

    response = client.post(url, {"note": "x" * (STEP_NOTE_MAX_CHARS + 1)}, follow=True)

    proposed.refresh_from_db()
    assert proposed.status == Status.PROPOSED
    assert not proposed.events.filter(note__startswith="x").exists()
    refusal = " ".join(str(message) for message in response.context["messages"])
    assert "4000" in refusal or "4.000" in refusal
    assert "Check the decision date" not in refusal


# The mail server fails after the step is saved (issue 12, case 13): the step stands, the mail waits.


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_returning_while_the_mail_server_is_down_answers_as_usual(
    officer_a, reviewer, make_nomination, advance, client, mail_server_down
):
    # Transactional: the step's commit, and what runs after it, happen inside the request as in production.
    nomination = advance(make_nomination(officer_a), ("submit", officer_a), ("start_appraisal", reviewer))
    client.force_login(reviewer)
    client.raise_request_exception = False

    response = client.post(
        reverse("exemplars_nominations:step", args=[nomination.pk, "return"]), {"note": "Bổ sung số liệu."}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("exemplars_nominations:inspect", args=[nomination.pk])
    nomination.refresh_from_db()
    assert nomination.status == Status.RETURNED
    [waiting] = OutgoingMail.objects.all()
    assert (waiting.status, waiting.attempts, waiting.recipients) == ("pending", 1, [officer_a.email])
    assert "Bổ sung số liệu." in waiting.body and "SMTPServerDisconnected" in waiting.last_error


def test_approval_emails_the_editors_even_when_the_units_email_fails(
    proposed, officer_a, reviewer, registry, make_user, mail_server_down, django_capture_on_commit_callbacks
):
    editor = make_user("bientap.congttdt", editors_group_name("portal"))

    with django_capture_on_commit_callbacks(execute=True):
        take_step(proposed.pk, "approve", reviewer, **DECISION)

    proposed.refresh_from_db()
    assert proposed.status == Status.APPROVED
    waiting = OutgoingMail.objects.order_by("pk")
    assert [(queued.recipients, queued.status, queued.attempts) for queued in waiting] == [
        ([officer_a.email], "pending", 1),
        ([editor.email], "pending", 1),
    ]
    mail_server_down.come_back()
    assert send_due_mail(now=timezone.now() + datetime.timedelta(minutes=2)) == 2
    assert sorted(message.to[0] for message in mail.outbox) == sorted([officer_a.email, editor.email])


def test_a_step_rolled_back_queues_no_mail(officer_a, reviewer, make_nomination, advance):
    nomination = advance(make_nomination(officer_a), ("submit", officer_a), ("start_appraisal", reviewer))

    with pytest.raises(RuntimeError), transaction.atomic():
        take_step(nomination.pk, "return", reviewer, note="Bổ sung số liệu.")
        raise RuntimeError("what follows the step fails: the whole transaction is rolled back")

    nomination.refresh_from_db()
    assert nomination.status == Status.UNDER_APPRAISAL
    assert not OutgoingMail.objects.exists()
