"""Fixtures of the exemplar registry: the shared indexes on the three outlets, units, profiles, movements."""

import datetime
from functools import partial
from zoneinfo import ZoneInfo

import pytest
import time_machine

from django.urls import reverse

from exemplars.appraisal import take_step
from exemplars.filing import file_nomination
from exemplars.models import (
    AchievementField,
    Award,
    Commendation,
    EmulationCluster,
    ExemplarIndexPage,
    ExemplarPage,
    Locality,
    MovementIndexPage,
    MovementPage,
    Nomination,
    NominationRound,
    OfficerProfile,
    Unit,
)
from exemplars.roles import CHAIRMAN_OFFICE_GROUP, REVIEWERS_GROUP
from exemplars.setup import ensure_nomination_roles

HOSTS = {"newspaper": "127.0.0.1", "broadcast": "drt.localhost", "portal": "congthongtin.localhost"}
PORTAL = HOSTS["portal"]


@pytest.fixture
def registry(shared_indexes):
    return shared_indexes[ExemplarIndexPage]


@pytest.fixture
def movement_index(shared_indexes):
    return shared_indexes[MovementIndexPage]


def new_unit(name, kind=Unit.Kind.COMMUNE, locality="Huyện Lắk", cluster=None):
    cluster_obj = None
    if cluster:
        cluster_obj, _ = EmulationCluster.objects.get_or_create(
            name=cluster, defaults={"kind": EmulationCluster.Kind.CLUSTER}
        )
    return Unit.objects.create(
        name=name, kind=kind, locality=Locality.objects.get(name=locality), cluster=cluster_obj
    )


@pytest.fixture
def make_unit(db):
    return new_unit


def new_exemplar(
    registry, title, unit=None, fields=("cong-tac",), movements=(), awards=(), live=True, **attributes
):
    """A published profile in the registry; `fields` are achievement field codes, `awards` (title, date) pairs."""
    exemplar = ExemplarPage(
        title=title,
        live=live,
        subject_kind=attributes.pop("subject_kind", ExemplarPage.SubjectKind.INDIVIDUAL),
        year=attributes.pop("year", 2024),
        unit=unit or Unit.objects.first() or new_unit("UBND xã Đắk Phơi"),
        **attributes,
    )
    exemplar.achievement_fields = AchievementField.objects.filter(code__in=fields)
    exemplar.movements = list(movements)
    exemplar.awards = [
        Award(title=award, date=date, decision_number="", issuing_authority="") for award, date in awards
    ]
    registry.add_child(instance=exemplar)
    revision = exemplar.save_revision()
    if live:
        revision.publish()
        exemplar.refresh_from_db()
    return exemplar


@pytest.fixture
def make_exemplar(registry):
    return partial(new_exemplar, registry)


@pytest.fixture
def make_movement(movement_index):
    def make(title, start=datetime.date(2024, 1, 1), end=None, **attributes):
        movement = MovementPage(
            title=title,
            launch_level=attributes.pop("launch_level", MovementPage.LaunchLevel.PROVINCE),
            launched_by=attributes.pop("launched_by", "UBND tỉnh Đắk Lắk"),
            start_date=start,
            end_date=end,
            **attributes,
        )
        movement_index.add_child(instance=movement)
        movement.save_revision().publish()
        movement.refresh_from_db()
        return movement

    return make


def assert_refused(response):
    """Wagtail's admin answers a PermissionDenied with a redirect to its dashboard (403 for non-admin views)."""
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")
    else:
        assert response.status_code == 403


LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
# A round that closes at 17:00 on 10/3/2025, local time; tests travel to the second around it.
ROUND_OPENS = datetime.datetime(2025, 3, 1, 7, 30, tzinfo=LOCAL)
ROUND_CLOSES = datetime.datetime(2025, 3, 10, 17, 0, tzinfo=LOCAL)
WHILE_OPEN = datetime.datetime(2025, 3, 5, 9, 0, tzinfo=LOCAL)


@pytest.fixture(autouse=True)
def private_nomination_files(settings, tmp_path):
    settings.NOMINATION_FILES_ROOT = tmp_path / "private-nominations"
    return settings.NOMINATION_FILES_ROOT


@pytest.fixture
def while_open():
    with time_machine.travel(WHILE_OPEN, tick=False):
        yield WHILE_OPEN


@pytest.fixture
def nomination_round(db):
    return NominationRound.objects.create(
        title="Đợt 1 năm 2025", opens_at=ROUND_OPENS, closes_at=ROUND_CLOSES
    )


@pytest.fixture
def roles(db):
    return ensure_nomination_roles()


@pytest.fixture
def make_officer(make_user):
    def make(username, unit):
        user = make_user(username)
        OfficerProfile.objects.create(user=user, unit=unit)
        return user

    return make


@pytest.fixture
def reviewer(roles, make_user):
    return make_user("thamdinh", REVIEWERS_GROUP)


@pytest.fixture
def chairman_office(roles, make_user):
    return make_user("vanphong", CHAIRMAN_OFFICE_GROUP)


@pytest.fixture
def unit_a(make_unit):
    return make_unit("Sở Y tế", kind=Unit.Kind.DEPARTMENT, locality="Phường Buôn Ma Thuột")


@pytest.fixture
def unit_b(make_unit):
    return make_unit("UBND xã Ea Knuếc", locality="Xã Ea Knuếc")


@pytest.fixture
def officer_a(make_officer, unit_a):
    return make_officer("canbo.a", unit_a)


@pytest.fixture
def officer_b(make_officer, unit_b):
    return make_officer("canbo.b", unit_b)


PRIVATE_DATA = {
    "contact_person": "Ông Lê Văn Liên Hệ",
    "contact_phone": "0912345678",
    "id_number": "066123456789",
    "address": "Số 7 đường Bí Mật, buôn Riêng Tư",
}


@pytest.fixture
def make_nomination(nomination_round):
    """A nomination filed (through the quota) while the round is open, as `officer`."""

    def make(officer, name="Trần Thị Mai", fields=("cong-tac",), **attributes):
        nomination = Nomination(
            round=attributes.pop("round", nomination_round),
            unit=officer.officer_profile.unit,
            subject_kind=attributes.pop("subject_kind", Nomination.SubjectKind.INDIVIDUAL),
            name=name,
            position=attributes.pop("position", "Điều dưỡng"),
            achievements_summary=attributes.pop("achievements_summary", "Mười năm đưa y tế về buôn."),
            proposed_commendation=attributes.pop("proposed_commendation", Commendation.CHAIRMAN_CERTIFICATE),
            created_by=officer,
            **{**PRIVATE_DATA, **attributes},
        )
        with time_machine.travel(WHILE_OPEN, tick=False):
            file_nomination(nomination, lambda: nomination.save() or nomination, officer)
        nomination.achievement_fields.set(AchievementField.objects.filter(code__in=fields))
        return nomination

    return make


@pytest.fixture
def advance():
    """Take appraisal steps in order: (step name, user, extra arguments)."""

    def run(nomination, *steps):
        for step, user, *extra in steps:
            with time_machine.travel(WHILE_OPEN, tick=False):
                take_step(nomination.pk, step, user, **(extra[0] if extra else {}))
        nomination.refresh_from_db()
        return nomination

    return run
