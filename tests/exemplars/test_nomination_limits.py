"""Every text field of the nomination forms states its limit beside it, and more is refused, naming the limit.

The admin speaks the officer's language: these officers read it in English, so the tests do not depend on the
compiled Vietnamese catalogue.
"""

import re

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse

from exemplars.models import Nomination, NominationRound, OfficerProfile

from .test_nomination_attachments import PDF, post_with_attachment
from .test_nominations import form_data

pytestmark = pytest.mark.django_db

NOMINATION_LIMITS = {
    "name": 255,
    "position": 200,
    "achievements_summary": 8000,
    "awards_received": 4000,
    "proposed_commendation_other": 200,
    "contact_person": 200,
    "contact_phone": 20,
    "id_number": 12,
    "address": 300,
}


@pytest.fixture
def officer(make_user, unit_a):
    user = make_user("canbo.en", admin_language="en")
    OfficerProfile.objects.create(user=user, unit=unit_a)
    return user


def help_text_of(html, field):
    return re.search(rf'id="panel-child-[^"]*{field}-helptext"[^>]*>(.*?)</div>', html, re.S).group(1)


@pytest.mark.parametrize(("field", "limit"), NOMINATION_LIMITS.items())
def test_the_nomination_form_states_each_limit(client, officer, nomination_round, while_open, field, limit):
    client.force_login(officer)
    html = client.get(reverse("exemplars_nominations:add")).content.decode()
    assert f"At most {limit:,} characters." in re.sub(r"\s+", " ", help_text_of(html, field))
    assert re.search(rf'<(input|textarea) [^>]*name="{field}" [^>]*maxlength="{limit}"', html)


@pytest.mark.parametrize(("field", "limit"), NOMINATION_LIMITS.items())
def test_a_field_over_its_limit_is_refused_naming_the_limit(
    client, officer, nomination_round, while_open, field, limit
):
    client.force_login(officer)
    response = client.post(
        reverse("exemplars_nominations:add"), form_data(nomination_round, **{field: "1" * (limit + 1)})
    )
    assert response.status_code == 200
    assert (
        f"Ensure this value has at most {limit} characters (it has {limit + 1})." in response.content.decode()
    )
    assert not Nomination.objects.exists()


@pytest.mark.parametrize("field", ["achievements_summary", "awards_received"])
def test_the_model_refuses_a_text_over_the_limit_whatever_the_path(nomination_round, unit_a, field):
    nomination = Nomination(
        round=nomination_round,
        unit=unit_a,
        subject_kind=Nomination.SubjectKind.INDIVIDUAL,
        name="Y Ni Kbuôr",
        achievements_summary="Tự học tiếng M'nông.",
        proposed_commendation="merit_certificate",
        contact_person="Nguyễn Văn Liên",
        contact_phone="0262 3852 123",
    )
    setattr(nomination, field, "a" * (NOMINATION_LIMITS[field] + 1))
    with pytest.raises(ValidationError) as refusal:
        nomination.full_clean()
    assert set(refusal.value.message_dict) == {field}


def test_the_round_form_states_and_enforces_its_limits(client, make_user):
    client.force_login(make_user("quantri", is_superuser=True, admin_language="en"))
    url = reverse("exemplars_nomination_rounds:add")
    html = client.get(url).content.decode()
    assert "At most 200 characters." in html and "At most 4,000 characters." in html
    response = client.post(
        url,
        {
            "title": "Đợt 1",
            "opens_at": "2025-03-01 07:30",
            "closes_at": "2025-03-10 17:00",
            "note": "a" * 4001,
        },
    )
    assert "Ensure this value has at most 4000 characters (it has 4001)." in response.content.decode()
    assert not NominationRound.objects.exists()


def test_an_attachment_refusal_names_the_size_and_the_kinds_accepted(
    client, officer, nomination_round, while_open
):
    client.force_login(officer)
    too_big = post_with_attachment(client, nomination_round, "lon.pdf", PDF + b"0" * (10 * 1024 * 1024))
    assert "The file is larger than 10 MB." in too_big.content.decode()
    wrong_kind = post_with_attachment(client, nomination_round, "ghi-chu.txt", b"plain text")
    assert "Only PDF, DOCX, ODT, JPEG, PNG and WebP files are accepted." in wrong_kind.content.decode()
    assert not Nomination.objects.exists()


def test_a_vietnamese_officer_reads_the_limits_in_vietnamese(client, officer_a, nomination_round, while_open):
    client.force_login(officer_a)
    html = client.get(reverse("exemplars_nominations:add")).content.decode()
    assert "Tối đa 8.000 ký tự." in help_text_of(html, "achievements_summary")
    assert "Họ và tên cá nhân, tên tập thể hoặc tên chủ hộ. Tối đa 255 ký tự." in help_text_of(html, "name")
