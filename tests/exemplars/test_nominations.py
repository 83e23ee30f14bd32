"""Filing nominations in the admin: the quota, the round's clock, each unit seeing only its own."""

import datetime

import pytest
import time_machine

from django.urls import reverse

from exemplars.models import AchievementField, Nomination, NominationEvent, NominationRound, Status
from newsroom.outlets import journalists_group_name

from .conftest import LOCAL, ROUND_CLOSES, ROUND_OPENS, assert_refused

ADD_URL = "exemplars_nominations:add"
INDEX_URL = "exemplars_nominations:index"


def form_data(nomination_round, **overrides):
    data = {
        "round": nomination_round.pk,
        "subject_kind": "individual",
        "name": "Y Ni Kbuôr",
        "position": "Y sĩ trạm y tế xã",
        "achievement_fields": [AchievementField.objects.get(code="cong-tac").pk],
        "achievements_summary": "Tự học tiếng M'nông để tư vấn sức khỏe cho bà con.",
        "awards_received": "",
        "proposed_commendation": "merit_certificate",
        "proposed_commendation_other": "",
        "contact_person": "Nguyễn Văn Liên",
        "contact_phone": "0262 3852 123",
        "id_number": "066123456789",
        "address": "Buôn Ea Sol",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_an_officer_files_a_nomination_for_their_own_unit(
    client, officer_a, unit_a, nomination_round, while_open
):
    client.force_login(officer_a)

    response = client.post(reverse(ADD_URL), form_data(nomination_round, unit=999))

    nomination = Nomination.objects.get()
    assert response.status_code == 302
    assert nomination.unit == unit_a  # fixed to the officer's unit, whatever the form says
    assert nomination.status == Status.DRAFT
    event = NominationEvent.objects.get()
    assert (event.actor, event.from_status, event.to_status) == (officer_a, "", Status.DRAFT)


@pytest.mark.parametrize("claimed", ["1", "3", "1.0", "99999999999999999999"])
def test_a_forged_count_of_existing_attachments_is_refused_not_a_500(
    client, officer_a, unit_a, nomination_round, while_open, claimed
):
    client.force_login(officer_a)

    response = client.post(
        reverse(ADD_URL), form_data(nomination_round, **{"attachments-INITIAL_FORMS": claimed})
    )

    assert response.status_code == 400
    assert "Biểu mẫu đã bị thay đổi" in response.content.decode()
    assert not Nomination.objects.exists()


def test_the_fourth_nomination_of_a_unit_is_refused_and_told_why(
    client, officer_a, make_officer, unit_a, make_nomination, nomination_round, while_open
):
    second_officer = make_officer("canbo.a2", unit_a)
    make_nomination(officer_a, "Tập thể Khoa Nhi", subject_kind="collective", position="", id_number="")
    make_nomination(officer_a, "Trần Thị Mai")
    make_nomination(second_officer, "Hộ ông Y Dhung", subject_kind="household", position="", id_number="")
    client.force_login(second_officer)

    response = client.post(reverse(ADD_URL), form_data(nomination_round))

    assert response.status_code == 200
    assert "Đơn vị của bạn đã lập 3 hồ sơ đề nghị trong đợt này" in response.content.decode()
    assert Nomination.objects.filter(unit=unit_a).count() == 3


def test_deleting_a_draft_frees_its_place(client, officer_a, make_nomination, nomination_round, while_open):
    drafts = [make_nomination(officer_a, f"Cá nhân {index}") for index in range(3)]
    client.force_login(officer_a)

    client.post(reverse("exemplars_nominations:delete", args=[drafts[0].pk]))
    response = client.post(reverse(ADD_URL), form_data(nomination_round))

    assert response.status_code == 302
    assert Nomination.objects.count() == 3


def test_the_quota_is_per_unit(client, officer_a, officer_b, make_nomination, nomination_round, while_open):
    for index in range(3):
        make_nomination(officer_a, f"Cá nhân {index}")
    client.force_login(officer_b)

    response = client.post(reverse(ADD_URL), form_data(nomination_round))

    assert response.status_code == 302
    assert Nomination.objects.filter(unit=officer_b.officer_profile.unit).count() == 1


@pytest.mark.parametrize(
    ("moment", "accepted"),
    [
        (ROUND_OPENS - datetime.timedelta(seconds=1), False),
        (ROUND_OPENS, True),
        (ROUND_CLOSES - datetime.timedelta(seconds=1), True),
        (ROUND_CLOSES, False),
    ],
    ids=["07:29:59 refused", "07:30:00 accepted", "16:59:59 accepted", "17:00:00 refused"],
)
def test_new_nominations_are_taken_from_the_opening_second_until_the_closing_one(
    client, officer_a, nomination_round, moment, accepted
):
    client.force_login(officer_a)
    with time_machine.travel(moment, tick=False):
        response = client.post(reverse(ADD_URL), form_data(nomination_round))

    assert Nomination.objects.exists() is accepted
    if not accepted:
        # A round that is not open is not even offered; posting it anyway is refused by the form.
        assert response.status_code == 200


def test_the_closing_time_typed_in_the_admin_is_read_in_vietnam(client, reviewer, officer_a):
    client.force_login(reviewer)
    opened = client.post(
        reverse("exemplars_nomination_rounds:add"),
        {
            "title": "Đợt tháng Ba",
            "opens_at": "2025-03-01 07:30",
            "closes_at": "2025-03-10 23:59",
            "note": "",
        },
    )
    march_round = NominationRound.objects.get()
    client.force_login(officer_a)
    # 00:10 on 11/3 in the province is still 10/3 in UTC (17:10): the round has closed all the same.
    for moment, name in (
        (datetime.datetime(2025, 3, 10, 23, 30, tzinfo=LOCAL), "Gửi lúc 23 giờ 30"),
        (datetime.datetime(2025, 3, 11, 0, 10, tzinfo=LOCAL), "Gửi lúc 0 giờ 10"),
    ):
        with time_machine.travel(moment, tick=False):
            client.post(reverse(ADD_URL), form_data(march_round, name=name))

    assert opened.status_code == 302
    assert list(Nomination.objects.values_list("name", flat=True)) == ["Gửi lúc 23 giờ 30"]


@pytest.mark.parametrize(
    ("moment", "submitted"),
    [(ROUND_CLOSES - datetime.timedelta(seconds=1), True), (ROUND_CLOSES, False)],
    ids=["16:59:59 accepted", "17:00:00 refused"],
)
def test_no_submission_once_the_round_closes(client, officer_a, make_nomination, moment, submitted):
    nomination = make_nomination(officer_a)
    client.force_login(officer_a)

    with time_machine.travel(moment, tick=False):
        response = client.post(
            reverse("exemplars_nominations:step", args=[nomination.pk, "submit"]), follow=True
        )

    nomination.refresh_from_db()
    assert (nomination.status == Status.SUBMITTED) is submitted
    if not submitted:
        assert "đã kết thúc: không thể gửi đề nghị khen thưởng nữa" in response.content.decode()


def test_an_officer_lists_only_their_units_nominations(client, officer_a, officer_b, make_nomination):
    make_nomination(officer_a, "Trần Thị Mai")
    make_nomination(officer_b, "Nguyễn Văn Tâm")
    client.force_login(officer_a)

    content = client.get(reverse(INDEX_URL)).content.decode()

    assert "Trần Thị Mai" in content
    assert "Nguyễn Văn Tâm" not in content


@pytest.mark.parametrize("view", ["inspect", "edit", "delete"])
def test_an_officer_of_another_unit_is_refused(client, officer_a, officer_b, make_nomination, view):
    nomination = make_nomination(officer_a)
    client.force_login(officer_b)

    response = client.get(reverse(f"exemplars_nominations:{view}", args=[nomination.pk]))

    assert_refused(response)


def test_an_officer_of_another_unit_cannot_submit_it(
    client, officer_a, officer_b, make_nomination, while_open
):
    nomination = make_nomination(officer_a)
    client.force_login(officer_b)

    response = client.post(reverse("exemplars_nominations:step", args=[nomination.pk, "submit"]))

    assert_refused(response)
    nomination.refresh_from_db()
    assert nomination.status == Status.DRAFT


def test_an_officer_cannot_edit_after_submitting(
    client, officer_a, make_nomination, advance, nomination_round
):
    nomination = advance(make_nomination(officer_a), ("submit", officer_a))
    client.force_login(officer_a)

    assert_refused(client.get(reverse("exemplars_nominations:edit", args=[nomination.pk])))
    response = client.post(
        reverse("exemplars_nominations:edit", args=[nomination.pk]),
        form_data(nomination_round, name="Đổi tên"),
    )
    assert_refused(response)
    nomination.refresh_from_db()
    assert nomination.name == "Trần Thị Mai"
    assert client.get(reverse("exemplars_nominations:inspect", args=[nomination.pk])).status_code == 200


def test_a_returned_nomination_is_fixed_and_resubmitted_even_after_the_close(
    client, officer_a, reviewer, make_nomination, advance, nomination_round
):
    nomination = advance(
        make_nomination(officer_a),
        ("submit", officer_a),
        ("start_appraisal", reviewer),
        ("return", reviewer, {"note": "Bổ sung số liệu."}),
    )
    client.force_login(officer_a)

    with time_machine.travel(ROUND_CLOSES + datetime.timedelta(days=2), tick=False):
        edit = client.post(
            reverse("exemplars_nominations:edit", args=[nomination.pk]),
            form_data(nomination_round, name="Trần Thị Mai", achievements_summary="Có số liệu năm 2024."),
        )
        client.post(reverse("exemplars_nominations:step", args=[nomination.pk, "submit"]))

    nomination.refresh_from_db()
    assert edit.status_code == 302
    assert nomination.achievements_summary == "Có số liệu năm 2024."
    assert nomination.status == Status.SUBMITTED


def test_a_stale_edit_form_cannot_undo_a_submission(
    client, officer_a, make_nomination, nomination_round, while_open
):
    from exemplars.views.nominations import NominationEditView

    nomination = make_nomination(officer_a)
    client.force_login(officer_a)
    # The edit form is opened while a draft; the officer's colleague submits before it is saved.
    original_get_object = NominationEditView.get_object

    def get_object_then_submit(view, queryset=None):
        instance = original_get_object(view, queryset)
        Nomination.objects.filter(pk=instance.pk).update(status=Status.SUBMITTED)
        return instance

    NominationEditView.get_object = get_object_then_submit
    try:
        response = client.post(
            reverse("exemplars_nominations:edit", args=[nomination.pk]),
            form_data(nomination_round, name="Đổi"),
        )
    finally:
        NominationEditView.get_object = original_get_object

    nomination.refresh_from_db()
    assert response.status_code == 200
    assert (nomination.status, nomination.name) == (Status.SUBMITTED, "Trần Thị Mai")


def test_a_journalist_has_no_nominations(client, outlets, make_user, officer_a, make_nomination):
    nomination = make_nomination(officer_a)
    journalist = make_user("phongvien", journalists_group_name("newspaper"))
    client.force_login(journalist)

    assert_refused(client.get(reverse(INDEX_URL)))
    assert_refused(client.get(reverse("exemplars_nominations:inspect", args=[nomination.pk])))
    assert_refused(client.get(reverse(ADD_URL)))


def test_reviewers_do_not_see_drafts(client, reviewer, officer_a, make_nomination, advance):
    make_nomination(officer_a, "Hồ sơ chưa gửi")
    advance(make_nomination(officer_a, "Hồ sơ đã gửi"), ("submit", officer_a))
    client.force_login(reviewer)

    content = client.get(reverse(INDEX_URL)).content.decode()

    assert "Hồ sơ đã gửi" in content
    assert "Hồ sơ chưa gửi" not in content
    # The Department files sudden deeds only (tests/exemplars/test_sudden_deeds.py): its form has no round.
    add_form = client.get(reverse(ADD_URL)).content.decode()
    assert 'name="round"' not in add_form
    assert 'name="unit"' in add_form


def test_an_id_number_belongs_to_an_individual_only(client, officer_a, nomination_round, while_open):
    client.force_login(officer_a)

    response = client.post(
        reverse(ADD_URL), form_data(nomination_round, subject_kind="collective", position="")
    )

    assert response.status_code == 200
    assert not Nomination.objects.exists()


def test_a_user_belongs_to_one_unit(make_officer, unit_a, unit_b):
    from django.db import IntegrityError, transaction

    from exemplars.models import OfficerProfile

    officer = make_officer("canbo.x", unit_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        OfficerProfile.objects.create(user=officer, unit=unit_b)
    assert list(officer.groups.values_list("name", flat=True)) == ["Sở Y tế · Cán bộ thi đua"]


def test_moving_an_officer_changes_their_group(make_officer, unit_a, unit_b):
    officer = make_officer("canbo.x", unit_a)
    profile = officer.officer_profile
    profile.unit = unit_b
    profile.save()

    assert list(officer.groups.values_list("name", flat=True)) == ["UBND xã Ea Knuếc · Cán bộ thi đua"]


def test_the_server_refuses_a_nomination_in_a_closed_round_whatever_the_form(officer_a, nomination_round):
    from exemplars.filing import FilingRefused, file_nomination

    nomination = Nomination(round=nomination_round, unit=officer_a.officer_profile.unit, name="Muộn")
    with time_machine.travel(ROUND_CLOSES, tick=False), pytest.raises(FilingRefused):
        file_nomination(nomination, nomination.save, officer_a)
    assert not Nomination.objects.exists()


def test_the_form_states_the_attachment_rules(client, officer_a, nomination_round, while_open):
    client.force_login(officer_a)

    response = client.get(reverse(ADD_URL))

    assert response.status_code == 200
    assert "mỗi tệp tối đa 10 MB" in response.content.decode()
