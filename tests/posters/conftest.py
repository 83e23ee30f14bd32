"""The exemplar registry's fixtures, and profiles short, long and nominated, for posters and share cards."""

import datetime

import pytest

from exemplars.appraisal import take_step
from tests.exemplars import conftest as registry_fixtures

# The registry's fixtures that the profiles below stand on, found by pytest here under the same names.
advance = registry_fixtures.advance
make_exemplar = registry_fixtures.make_exemplar
make_movement = registry_fixtures.make_movement
make_nomination = registry_fixtures.make_nomination
make_officer = registry_fixtures.make_officer
make_unit = registry_fixtures.make_unit
movement_index = registry_fixtures.movement_index
nomination_round = registry_fixtures.nomination_round
officer_a = registry_fixtures.officer_a
private_nomination_files = registry_fixtures.private_nomination_files
registry = registry_fixtures.registry
reviewer = registry_fixtures.reviewer
roles = registry_fixtures.roles
unit_a = registry_fixtures.unit_a

# The portal holds the registry: its editors see the profiles, the newspaper's journalists do not.
EDITOR = "Cổng thông tin điện tử tỉnh · Biên tập viên"
JOURNALIST_ELSEWHERE = "Báo Đắk Lắk · Phóng viên"
LONG_NAME = "H'Hen Niê " + "Nguyễn Thị Hồng Nhung Phương Thảo " * 6 + "Cuốitên"
LONG_ACHIEVEMENT = "Vận động bà con buôn Đắk Phơi làm đường giao thông nông thôn. " * 60 + "Hếtthànhtích"


@pytest.fixture
def short_profile(make_exemplar, make_movement, make_image, make_unit):
    movement = make_movement("Phong trào “Cả nước chung tay vì người nghèo”")
    return make_exemplar(
        "Nguyễn Thị Hương",
        unit=make_unit("Trạm Y tế xã Ea Tu"),
        position="Điều dưỡng",
        summary="Mười năm đưa y tế về buôn, vận động bà con sinh đẻ an toàn.",
        movements=[movement],
        lead_image=make_image("Chân dung"),
    )


@pytest.fixture
def long_profile(make_exemplar):
    return make_exemplar(
        LONG_NAME, position="Phó Chủ tịch Hội Liên hiệp Phụ nữ " * 5, summary=LONG_ACHIEVEMENT[:600]
    )


@pytest.fixture
def nominated_profile(registry, officer_a, reviewer, make_nomination, advance):
    """A profile made by approving a nomination that holds a contact, a phone, an ID number and an address."""
    nomination = advance(
        make_nomination(officer_a, name="H'Hen Niê"),
        ("submit", officer_a),
        ("start_appraisal", reviewer),
        ("propose", reviewer),
    )
    decision = {"decision_number": "125/QĐ-UBND", "decision_date": datetime.date(2025, 4, 2)}
    take_step(nomination.pk, "approve", reviewer, **decision)
    nomination.refresh_from_db()
    nomination.exemplar.get_latest_revision().publish()
    return nomination.exemplar.specific_class.objects.get(pk=nomination.exemplar.pk)
