"""Sudden deeds (thành tích đột xuất): filed at any time outside the rounds and the quota, by the unit or the
Department, appraised on a fast track with its own deadline, marked in the registry once approved."""

import datetime
import io
import re
import uuid
from types import SimpleNamespace

import openpyxl
import pytest
import time_machine

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse

from exemplars.appraisal import StepRefused, is_appraisal_overdue, take_step
from exemplars.filing import AlreadyFiled, file_nomination
from exemplars.models import Commendation, Nomination, NominationEvent, Status
from exemplars.sudden_deeds import DEFAULT_APPRAISAL_DAYS
from newsroom.outlets import journalists_group_name

from .conftest import LOCAL, PORTAL, PRIVATE_DATA, ROUND_CLOSES, WHILE_OPEN, assert_refused
from .test_nominations import ADD_URL, form_data

# Weeks after the round of the fixtures has closed: no round is open.
NO_ROUND_OPEN = datetime.datetime(2025, 6, 2, 9, 0, tzinfo=LOCAL)
DECISION = {"decision_number": "88/QĐ-UBND", "decision_date": datetime.date(2025, 6, 5)}


def sudden_deed_data(**overrides):
    no_round = SimpleNamespace(pk="")
    data = form_data(no_round, name="Y Blih Niê", achievements_summary="Cứu hai em nhỏ khỏi dòng nước lũ.")
    data.update(filing_key=str(uuid.uuid4()), **overrides)
    return data


def post_at(client, user, data, at=NO_ROUND_OPEN):
    client.force_login(user)
    with time_machine.travel(at, tick=False):
        return client.post(reverse(ADD_URL), data)


def unsaved_sudden_deed(user, unit, name, **attributes):
    return Nomination(
        round=None,
        unit=unit,
        subject_kind=Nomination.SubjectKind.INDIVIDUAL,
        name=name,
        achievements_summary="Dập tắt đám cháy rừng đầu mùa khô.",
        proposed_commendation=Commendation.MERIT_CERTIFICATE,
        created_by=user,
        **{**PRIVATE_DATA, **attributes},
    )


def sudden_deed(user, unit, name="A Sang", at=NO_ROUND_OPEN, **attributes):
    """A sudden deed filed through `file_nomination`, as `user`, for `unit`."""
    nomination = unsaved_sudden_deed(user, unit, name, **attributes)
    with time_machine.travel(at, tick=False):
        return file_nomination(nomination, lambda: nomination.save() or nomination, user)


def steps(nomination, *taken, at=NO_ROUND_OPEN):
    with time_machine.travel(at, tick=False):
        for step, user, *extra in taken:
            take_step(nomination.pk, step, user, **(extra[0] if extra else {}))
    nomination.refresh_from_db()
    return nomination


# Filing ------------------------------------------------------------------------------------------------------


def test_an_officer_files_a_sudden_deed_when_no_round_is_open(client, officer_a, unit_a, nomination_round):
    response = post_at(client, officer_a, sudden_deed_data())

    nomination = Nomination.objects.get()
    assert response.status_code == 302
    assert (nomination.unit, nomination.round, nomination.status) == (unit_a, None, Status.DRAFT)
    assert nomination.is_sudden_deed  # no round means a sudden deed, ticked or not
    assert nomination.appraisal_due_at is None  # the clock starts at submission


def test_a_sudden_deed_is_outside_the_quota_of_the_round(
    client, officer_a, unit_a, make_nomination, nomination_round
):
    for name in ("Một", "Hai", "Ba"):
        make_nomination(officer_a, name)

    response = post_at(client, officer_a, sudden_deed_data(), at=WHILE_OPEN)

    assert response.status_code == 302
    assert Nomination.objects.filter(unit=unit_a, round=None).count() == 1
    assert Nomination.objects.filter(unit=unit_a, round=nomination_round).count() == 3


def test_round_nominations_are_filed_as_before(client, officer_a, nomination_round):
    response = post_at(client, officer_a, form_data(nomination_round), at=WHILE_OPEN)

    nomination = Nomination.objects.get()
    assert response.status_code == 302
    assert (nomination.round, nomination.is_sudden_deed) == (nomination_round, False)


def round_select(client, officer, query=""):
    client.force_login(officer)
    with time_machine.travel(WHILE_OPEN, tick=False):
        html = client.get(reverse(ADD_URL) + query).content.decode()
    assert 'name="unit"' not in html and 'name="filing_key"' in html
    return re.search(r'<select name="round".*?</select>', html, re.S).group(0)


def test_the_officer_s_form_offers_the_round_first_and_a_sudden_deed_by_choice(
    client, officer_a, nomination_round
):
    select = round_select(client, officer_a)

    assert f'<option value="{nomination_round.pk}" selected>' in select
    assert re.search(r'<option value="">[^<]*thành tích đột xuất', select)


def test_the_dashboard_s_link_opens_the_form_on_a_sudden_deed(client, officer_a, nomination_round):
    select = round_select(client, officer_a, "?kind=sudden-deed")

    assert re.search(r'<option value="" selected>[^<]*thành tích đột xuất', select)
    assert f'<option value="{nomination_round.pk}">' in select


def test_an_officer_edits_the_draft_and_it_stays_outside_the_rounds(
    client, officer_a, unit_a, nomination_round
):
    nomination = sudden_deed(officer_a, unit_a)
    data = sudden_deed_data(round=nomination_round.pk, name="Y Blih Niê (đã sửa)")
    client.force_login(officer_a)

    with time_machine.travel(WHILE_OPEN, tick=False):
        response = client.post(reverse("exemplars_nominations:edit", args=[nomination.pk]), data)

    nomination.refresh_from_db()
    assert response.status_code == 302
    assert (nomination.name, nomination.round, nomination.is_sudden_deed) == (
        "Y Blih Niê (đã sửa)",
        None,
        True,
    )


def test_a_sudden_deed_is_submitted_at_any_time_and_due_within_the_fast_track(officer_a, unit_a):
    nomination = steps(sudden_deed(officer_a, unit_a), ("submit", officer_a))

    assert nomination.status == Status.SUBMITTED
    assert nomination.appraisal_due_at == NO_ROUND_OPEN + datetime.timedelta(days=DEFAULT_APPRAISAL_DAYS)


def test_the_deadline_follows_the_setting_and_restarts_on_resubmission(settings, officer_a, unit_a, reviewer):
    settings.SUDDEN_DEED_APPRAISAL_DAYS = 3
    nomination = steps(
        sudden_deed(officer_a, unit_a),
        ("submit", officer_a),
        ("return", reviewer, {"note": "Bổ sung xác nhận của công an xã."}),
    )
    later = NO_ROUND_OPEN + datetime.timedelta(days=5)

    steps(nomination, ("submit", officer_a), at=later)

    assert nomination.appraisal_due_at == later + datetime.timedelta(days=3)


def test_the_department_files_for_a_unit_and_it_is_submitted_at_once(client, reviewer, officer_b, unit_b):
    response = post_at(client, reviewer, sudden_deed_data(unit=unit_b.pk))

    nomination = Nomination.objects.get()
    assert response.status_code == 302
    assert (nomination.unit, nomination.round, nomination.is_sudden_deed) == (unit_b, None, True)
    assert nomination.status == Status.SUBMITTED
    assert nomination.appraisal_due_at == NO_ROUND_OPEN + datetime.timedelta(days=DEFAULT_APPRAISAL_DAYS)
    assert list(NominationEvent.objects.values_list("actor", "to_status")) == [
        (reviewer.pk, Status.DRAFT),
        (reviewer.pk, Status.SUBMITTED),
    ]
    # The unit concerned sees it, and revises it if the Department returns it.
    client.force_login(officer_b)
    assert client.get(reverse("exemplars_nominations:inspect", args=[nomination.pk])).status_code == 200


def test_the_department_s_form_files_sudden_deeds_only(client, reviewer, unit_b, nomination_round):
    response = post_at(
        client, reviewer, sudden_deed_data(unit=unit_b.pk, round=nomination_round.pk), at=WHILE_OPEN
    )

    assert response.status_code == 302
    assert Nomination.objects.get().round is None


def test_a_nomination_outside_the_rounds_is_always_a_sudden_deed(officer_a, unit_a):
    nomination = unsaved_sudden_deed(officer_a, unit_a, "Không đợt", is_sudden_deed=False)

    with pytest.raises(IntegrityError), transaction.atomic():
        nomination.save()


# Refused -----------------------------------------------------------------------------------------------------


def test_an_officer_cannot_file_a_sudden_deed_for_another_unit(client, officer_a, unit_a, unit_b):
    response = post_at(client, officer_a, sudden_deed_data(unit=unit_b.pk))

    assert response.status_code == 302
    assert not Nomination.objects.filter(unit=unit_b).exists()  # the form's unit is not the officer's to set
    assert Nomination.objects.get().unit == unit_a
    with pytest.raises(PermissionDenied):
        sudden_deed(officer_a, unit_b)
    assert not Nomination.objects.filter(unit=unit_b).exists()


def test_an_officer_does_not_act_as_the_department(client, officer_a, unit_a, reviewer):
    post_at(client, officer_a, sudden_deed_data())
    nomination = Nomination.objects.get()
    assert (nomination.status, nomination.appraisal_due_at) == (Status.DRAFT, None)  # not submitted at once

    steps(nomination, ("submit", officer_a))
    for step, extra in (("start_appraisal", {}), ("return", {"note": "…"}), ("approve", DECISION)):
        with pytest.raises(PermissionDenied):
            take_step(nomination.pk, step, officer_a, **extra)
    nomination.refresh_from_db()
    assert nomination.status == Status.SUBMITTED


def test_an_officer_of_another_unit_cannot_submit_it(officer_a, officer_b, unit_a):
    nomination = sudden_deed(officer_a, unit_a)

    with pytest.raises(PermissionDenied):
        take_step(nomination.pk, "submit", officer_b)


def test_anonymous_files_nothing(client, unit_a):
    with time_machine.travel(NO_ROUND_OPEN, tick=False):
        page = client.get(reverse(ADD_URL))
        sent = client.post(reverse(ADD_URL), sudden_deed_data(unit=unit_a.pk))

    for response in (page, sent):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert not Nomination.objects.exists()


def test_a_journalist_files_nothing(client, make_user, outlets, unit_a):
    journalist = make_user("phongvien", journalists_group_name("newspaper"))

    assert_refused(post_at(client, journalist, sudden_deed_data(unit=unit_a.pk)))
    assert not Nomination.objects.exists()


def test_the_same_form_sent_twice_files_one(client, officer_a):
    data = sudden_deed_data()

    first = post_at(client, officer_a, data)
    second = post_at(client, officer_a, data)

    nomination = Nomination.objects.get()
    inspect = reverse("exemplars_nominations:inspect", args=[nomination.pk])
    assert first["Location"] == inspect
    assert (second.status_code, second["Location"]) == (302, inspect)


def test_a_filing_key_files_once_and_the_database_holds_it_to_that(officer_a, unit_a):
    key = uuid.uuid4()
    sudden_deed(officer_a, unit_a, "Lần một", filing_key=key)
    again = unsaved_sudden_deed(officer_a, unit_a, "Lần hai", filing_key=key)

    with pytest.raises(AlreadyFiled):
        file_nomination(again, lambda: again.save() or again, officer_a)
    # Two requests past that check at once: the unique key lets one in.
    with pytest.raises(IntegrityError), transaction.atomic():
        again.save()
    assert Nomination.objects.count() == 1


def test_submitting_twice_submits_once(officer_a, unit_a):
    nomination = steps(sudden_deed(officer_a, unit_a), ("submit", officer_a))

    with pytest.raises(StepRefused):
        steps(nomination, ("submit", officer_a))
    assert NominationEvent.objects.filter(nomination=nomination, to_status=Status.SUBMITTED).count() == 1


# The fast track ----------------------------------------------------------------------------------------------


def test_overdue_once_the_deadline_passes_until_the_department_decides(officer_a, unit_a, reviewer, registry):
    nomination = steps(sudden_deed(officer_a, unit_a), ("submit", officer_a), ("start_appraisal", reviewer))
    due = nomination.appraisal_due_at

    assert not is_appraisal_overdue(nomination, due - datetime.timedelta(seconds=1))
    assert is_appraisal_overdue(nomination, due)
    steps(nomination, ("propose", reviewer), ("approve", reviewer, DECISION), at=due)
    assert not is_appraisal_overdue(nomination, due)


def test_the_department_s_dashboard_lists_sudden_deeds_overdue_first_and_marked(
    client, reviewer, officer_a, officer_b, unit_a, unit_b
):
    late = steps(sudden_deed(officer_a, unit_a, "Đến hạn trước"), ("submit", officer_a))
    recent = steps(
        sudden_deed(officer_b, unit_b, "Đến hạn sau"),
        ("submit", officer_b),
        at=NO_ROUND_OPEN + datetime.timedelta(days=5),
    )
    sudden_deed(officer_b, unit_b, "Bản nháp")  # a draft waits for no one
    client.force_login(reviewer)

    with time_machine.travel(late.appraisal_due_at + datetime.timedelta(hours=1), tick=False):
        html = client.get(reverse("wagtailadmin_home")).content.decode()

    listed = re.findall(r'<li[^>]*data-sudden-deed="(\d+)"([^>]*)>', html)
    assert [(int(pk), "data-overdue" in attributes) for pk, attributes in listed] == [
        (late.pk, True),
        (recent.pk, False),
    ]
    assert "Bản nháp" not in html


def test_the_record_shows_the_deadline_and_whether_it_passed(client, reviewer, officer_a, unit_a):
    nomination = steps(sudden_deed(officer_a, unit_a), ("submit", officer_a))
    client.force_login(reviewer)
    url = reverse("exemplars_nominations:inspect", args=[nomination.pk])

    with time_machine.travel(NO_ROUND_OPEN, tick=False):
        on_time = client.get(url).content.decode()
    with time_machine.travel(nomination.appraisal_due_at, tick=False):
        overdue = client.get(url).content.decode()

    assert "data-fast-track" in on_time and "09:00 ngày 9/6/2025" in on_time
    assert "data-overdue" not in on_time
    assert "data-overdue" in overdue


def test_a_round_nomination_has_no_fast_track(client, officer_a, reviewer, make_nomination, advance):
    nomination = advance(make_nomination(officer_a), ("submit", officer_a))
    client.force_login(reviewer)

    html = client.get(reverse("exemplars_nominations:inspect", args=[nomination.pk])).content.decode()

    assert nomination.appraisal_due_at is None
    assert "data-fast-track" not in html


def test_after_the_round_closed_a_sudden_deed_still_goes_through(officer_a, unit_a, reviewer, registry):
    nomination = steps(
        sudden_deed(officer_a, unit_a, at=ROUND_CLOSES),
        ("submit", officer_a),
        ("start_appraisal", reviewer),
        ("propose", reviewer),
        ("approve", reviewer, DECISION),
        at=ROUND_CLOSES,
    )

    assert nomination.status == Status.APPROVED


# Approval and the registry ---------------------------------------------------------------------------------


def test_approval_drafts_a_profile_the_registry_marks_as_a_sudden_deed(
    client, officer_a, unit_a, reviewer, registry
):
    nomination = steps(
        sudden_deed(officer_a, unit_a, "Y Blih Niê"),
        ("submit", officer_a),
        ("start_appraisal", reviewer),
        ("propose", reviewer),
        ("approve", reviewer, DECISION),
    )
    exemplar = nomination.exemplar
    assert exemplar.is_sudden_deed and not exemplar.live
    exemplar.get_latest_revision().publish()
    exemplar.refresh_from_db()

    listing = client.get("/ho-so-dien-hinh/", HTTP_HOST=PORTAL).content.decode()
    profile = client.get(f"/ho-so-dien-hinh/{exemplar.slug}/", HTTP_HOST=PORTAL)

    card = re.search(r'<article class="card[^"]*"[^>]*>.*?Y Blih Niê.*?</article>', listing, re.S).group(0)
    assert '<span class="badge">Thành tích đột xuất</span>' in card
    assert '<span class="badge">Thành tích đột xuất</span>' in profile.content.decode()


def test_the_report_names_a_sudden_deed_where_a_round_would_be(client, reviewer, officer_a, unit_a):
    steps(sudden_deed(officer_a, unit_a), ("submit", officer_a))
    client.force_login(reviewer)

    report = client.get(reverse("exemplars_nomination_report")).content.decode()
    export = client.get(reverse("exemplars_nomination_report"), {"export": "csv"})

    workbook = openpyxl.load_workbook(
        io.BytesIO(
            b"".join(client.get(reverse("exemplars_nomination_report"), {"export": "xlsx"}).streaming_content)
        )
    )

    assert "Thành tích đột xuất, ngoài các đợt" in report
    assert "Thành tích đột xuất, ngoài các đợt" in b"".join(export.streaming_content).decode()
    assert workbook.active["A2"].value == "Thành tích đột xuất, ngoài các đợt"
