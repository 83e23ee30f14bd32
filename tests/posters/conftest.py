"""The exemplar registry's fixtures, and profiles short, long and nominated, movements and anniversary columns
short and long, for posters and share cards."""

import datetime

import pytest

from wagtail.models import PageViewRestriction

from exemplars.appraisal import take_step
from newsroom.models import CampaignPage, HistoricEvent
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
LONG_TITLE = "Phong trào thi đua " + "Đồng khởi mới xây dựng buôn làng văn hóa " * 5 + "Cuốitên"
LONG_TEXT = (
    "Mỗi buôn làng giữ gìn cồng chiêng, bảo tồn bản sắc, phát triển kinh tế bền vững. " * 60 + "Hếtnộidung"
)


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


@pytest.fixture
def short_movement(make_movement, make_exemplar, make_image):
    """A movement with a picture, goals in a paragraph and a list, two public exemplars, a draft and a private
    one."""
    movement = make_movement(
        "Phong trào “Đắk Lắk chung tay xây dựng nông thôn mới”",
        start=datetime.date(2025, 3, 10),
        launched_by="UBND tỉnh",
        goals="<p>Huy động mọi nguồn lực xây dựng nông thôn mới.</p><ul><li>Đường làng sạch đẹp</li>"
        "<li>Thu nhập của người dân tăng</li></ul>",
        results="<p>Kết quả không in khi đã có mục tiêu.</p>",
        lead_image=make_image("Lễ phát động", color="#1e40af"),
    )
    for name in ("Y Ngông Niê", "H'Linh Mlô"):
        make_exemplar(name, movements=[movement])
    make_exemplar("Bản nháp", movements=[movement], live=False)
    restricted(make_exemplar("Hồ sơ riêng tư", movements=[movement]))
    return movement


@pytest.fixture
def long_movement(make_movement, make_image):
    """Long everywhere, with a picture: the tightest of the layouts."""
    return make_movement(
        LONG_TITLE,
        start=datetime.date(2021, 1, 5),
        end=datetime.date(2025, 12, 31),
        launched_by="Ban Thường vụ Tỉnh ủy, Hội đồng nhân dân, Ủy ban nhân dân, Ủy ban Mặt trận Tổ quốc " * 2,
        goals=f"<p>{LONG_TEXT}</p>",
        lead_image=make_image("Ngày hội", color="#1e40af"),
    )


@pytest.fixture
def victory(outlets):
    return HistoricEvent.objects.create(
        name="Chiến thắng Buôn Ma Thuột", day=10, month=3, year=1975, category=HistoricEvent.Category.VICTORY
    )


@pytest.fixture
def make_column(outlets):
    """A special anniversary column on the portal, whose editors see it, published by its editor."""

    def make(event, title, **fields):
        values = {
            "anniversary_year": 2025,
            "window_start": datetime.date(2025, 3, 1),
            "window_end": datetime.date(2025, 3, 31),
        }
        column = CampaignPage(event=event, title=title, **(values | fields))
        outlets["portal"].add_child(instance=column)
        column.save_revision().publish()
        return CampaignPage.objects.get(pk=column.pk)

    return make


@pytest.fixture
def short_column(make_column, victory, make_image):
    return make_column(
        victory,
        "Kỷ niệm 50 năm Chiến thắng Buôn Ma Thuột",
        introduction="<p>Năm mươi năm trước, Buôn Ma Thuột mở đầu cuộc Tổng tiến công và nổi dậy "
        "mùa Xuân 1975.</p>",
        hero_image=make_image("Tượng đài Chiến thắng", color="#1e40af"),
    )


@pytest.fixture
def long_column(make_column):
    event = HistoricEvent.objects.create(
        name="Ngày thành lập Đảng bộ tỉnh và phong trào cách mạng của đồng bào các dân tộc Tây Nguyên " * 2,
        year=1930,
        category=HistoricEvent.Category.FOUNDING,
    )
    return make_column(event, LONG_TITLE, anniversary_year=2030, introduction=f"<p>{LONG_TEXT}</p>")


def restricted(page):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page
