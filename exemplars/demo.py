"""Demo units, movements and exemplar profiles, linked to the demo archive's features. Idempotent."""

import datetime

from django.utils import timezone

from newsroom.models import ArticlePage, ColumnPage
from newsroom.vietnamese import slugify

from .models import (
    AchievementField,
    ArticleExemplarLink,
    ArticleMovementLink,
    Award,
    ColumnRegistry,
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
from .setup import ensure_shared_indexes

CLUSTERS = [
    ("Khối các sở, ngành kinh tế", "block"),
    ("Khối văn hóa - xã hội", "block"),
    ("Khối lực lượng vũ trang", "block"),
    ("Khối Mặt trận và các đoàn thể", "block"),
    ("Khối doanh nghiệp, hợp tác xã", "block"),
    ("Cụm thi đua các huyện phía Đông", "cluster"),
    ("Cụm thi đua các huyện phía Tây", "cluster"),
]

# name, kind, locality, cluster or block
UNITS = [
    ("Hội Liên hiệp Phụ nữ tỉnh", "association", "Thành phố Buôn Ma Thuột", "Khối Mặt trận và các đoàn thể"),
    ("Tỉnh đoàn Đắk Lắk", "association", "Thành phố Buôn Ma Thuột", "Khối Mặt trận và các đoàn thể"),
    ("Hội Chữ thập đỏ tỉnh", "association", "Thành phố Buôn Ma Thuột", "Khối Mặt trận và các đoàn thể"),
    ("Hợp tác xã cà phê Kom Leh", "cooperative", "Thành phố Buôn Ma Thuột", "Khối doanh nghiệp, hợp tác xã"),
    ("Công ty TNHH Hồ tiêu hữu cơ Cư Kuin", "enterprise", "Huyện Cư Kuin", "Khối doanh nghiệp, hợp tác xã"),
    ("Bộ đội Biên phòng tỉnh", "armed_forces", "Huyện Ea Súp", "Khối lực lượng vũ trang"),
    ("Công an tỉnh", "armed_forces", "Thành phố Buôn Ma Thuột", "Khối lực lượng vũ trang"),
    ("Sở Y tế", "department", "Thành phố Buôn Ma Thuột", "Khối văn hóa - xã hội"),
    ("Trường Tiểu học Yang Mao", "school", "Huyện Krông Bông", "Khối văn hóa - xã hội"),
    ("UBND huyện Krông Năng", "district", "Huyện Krông Năng", "Cụm thi đua các huyện phía Đông"),
    ("UBND xã Ea Knuếc", "commune", "Huyện Krông Pắc", "Cụm thi đua các huyện phía Đông"),
    ("UBND xã Đắk Phơi", "commune", "Huyện Lắk", "Cụm thi đua các huyện phía Tây"),
    ("UBND xã Ea M'droh", "commune", "Huyện Cư M'gar", "Cụm thi đua các huyện phía Tây"),
    ("UBND phường Tân Lợi", "commune", "Thành phố Buôn Ma Thuột", "Cụm thi đua các huyện phía Tây"),
]

MOVEMENTS = [
    {
        "title": "Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau",
        "launch_level": "central",
        "launched_by": "Thủ tướng Chính phủ",
        "start_date": datetime.date(2021, 6, 1),
        "end_date": datetime.date(2025, 12, 31),
        "goals": "Huy động cả hệ thống chính trị và Nhân dân chung tay giảm nghèo bền vững.",
        "articles": ["Chung tay vì người nghèo", "Quỹ “Vì người nghèo”"],
    },
    {
        "title": "Cả nước chung sức xây dựng nông thôn mới",
        "launch_level": "central",
        "launched_by": "Thủ tướng Chính phủ",
        "start_date": datetime.date(2021, 1, 1),
        "end_date": datetime.date(2025, 12, 31),
        "goals": "Xây dựng nông thôn mới nâng cao, kiểu mẫu; nâng cao đời sống vật chất, tinh thần của người dân.",
        "articles": ["Xã Ea Ktur đạt chuẩn nông thôn mới"],
    },
    {
        "title": "Toàn dân bảo vệ an ninh Tổ quốc",
        "launch_level": "central",
        "launched_by": "Bộ Công an",
        "start_date": datetime.date(2024, 1, 1),
        "end_date": None,
        "goals": "Giữ vững an ninh chính trị, trật tự, an toàn xã hội ở từng buôn, thôn, tổ dân phố.",
        "articles": ["Toàn dân bảo vệ an ninh Tổ quốc"],
    },
    {
        "title": "Thi đua lập thành tích chào mừng 50 năm Chiến thắng Buôn Ma Thuột",
        "launch_level": "province",
        "launched_by": "UBND tỉnh Đắk Lắk",
        "start_date": datetime.date(2024, 3, 10),
        "end_date": datetime.date(2025, 3, 10),
        "goals": "Thi đua hoàn thành các mục tiêu phát triển kinh tế - xã hội chào mừng 50 năm giải phóng tỉnh.",
        "articles": ["UBND tỉnh phát động phong trào thi đua năm 2024"],
    },
    {
        "title": "Phụ nữ tích cực học tập, lao động sáng tạo, xây dựng gia đình hạnh phúc",
        "launch_level": "unit",
        "launching_unit": "Hội Liên hiệp Phụ nữ tỉnh",
        "start_date": datetime.date(2022, 1, 1),
        "end_date": None,
        "goals": "Phụ nữ tích cực học tập, lao động sáng tạo, xây dựng gia đình no ấm, hạnh phúc.",
        "articles": ["Phụ nữ Đắk Lắk thi đua học tập"],
    },
]

# title, subject, position, unit, fields, year, flags, movements (by title start), article title start, summary
EXEMPLARS = [
    (
        "H'Linh Mlô",
        "individual",
        "Giám đốc Hợp tác xã cà phê Kom Leh",
        "Hợp tác xã cà phê Kom Leh",
        ["lao-dong-san-xuat-kinh-doanh"],
        2024,
        {},
        ["Phụ nữ tích cực", "Cả nước chung sức"],
        "Chị H’Linh Mlô",
        "Vận động 46 hộ đồng bào Ê Đê cùng làm cà phê đặc sản.",
    ),
    (
        "Hợp tác xã cà phê Kom Leh",
        "collective",
        "",
        "Hợp tác xã cà phê Kom Leh",
        ["lao-dong-san-xuat-kinh-doanh", "sang-kien-cai-tien-ky-thuat"],
        2024,
        {},
        ["Cả nước chung sức"],
        "Chùm ảnh: Mùa hái chín",
        "Hái chọn quả chín, liên kết hơn 70 ha cà phê theo tiêu chuẩn 4C.",
    ),
    (
        "Hộ ông Đỗ Văn Dụng",
        "household",
        "",
        "UBND huyện Krông Năng",
        ["lao-dong-san-xuat-kinh-doanh"],
        2024,
        {},
        ["Cả nước chung sức"],
        "Hộ ông Đỗ Văn Dụng",
        "Một trong những hộ đầu tiên trồng mắc ca xen cà phê ở xã Phú Lộc.",
    ),
    (
        "Đồn Biên phòng Ia Rvê",
        "collective",
        "",
        "Bộ đội Biên phòng tỉnh",
        ["chien-dau-phuc-vu-chien-dau"],
        2024,
        {},
        ["Toàn dân bảo vệ"],
        "Đồn Biên phòng Ia Rvê",
        "Nhiều năm liền dẫn đầu phong trào thi đua Quyết thắng.",
    ),
    (
        "Hợp tác xã sầu riêng Ea Knuếc",
        "collective",
        "",
        "UBND xã Ea Knuếc",
        ["lao-dong-san-xuat-kinh-doanh"],
        2025,
        {"is_new_factor": True},
        ["Cả nước chung sức"],
        "Hợp tác xã sầu riêng Ea Knuếc",
        "Xuất khẩu chính ngạch lô sầu riêng đầu tiên.",
    ),
    (
        "Công an xã Cư Pơng",
        "collective",
        "",
        "Công an tỉnh",
        ["chien-dau-phuc-vu-chien-dau"],
        2024,
        {},
        ["Toàn dân bảo vệ"],
        "Công an xã Cư Pơng",
        "“Ba bám, bốn cùng” giữ bình yên buôn làng.",
    ),
    (
        "Nguyễn Thị Hòa",
        "individual",
        "Bác sĩ, Trung tâm Y tế huyện Ea Súp",
        "Sở Y tế",
        ["cong-tac", "nhan-dao-tu-thien"],
        2024,
        {},
        [],
        "Bác sĩ Nguyễn Thị Hòa",
        "Gần 20 năm vượt rừng cấp cứu người bệnh vùng sâu.",
    ),
    (
        "Lê Quang Vinh",
        "individual",
        "Giáo viên điểm trường Yang Mao",
        "Trường Tiểu học Yang Mao",
        ["cong-tac", "hoc-tap"],
        2025,
        {},
        [],
        "Thầy Lê Quang Vinh",
        "Dạy tiếng Việt cho trẻ em đồng bào ở điểm trường vùng sâu.",
    ),
    (
        "Công ty TNHH Hồ tiêu hữu cơ Cư Kuin",
        "collective",
        "",
        "Công ty TNHH Hồ tiêu hữu cơ Cư Kuin",
        ["lao-dong-san-xuat-kinh-doanh", "khoa-hoc-cong-nghe"],
        2025,
        {},
        [],
        "Doanh nghiệp hồ tiêu hữu cơ",
        "Đưa hồ tiêu hữu cơ của tỉnh sang thị trường châu Âu.",
    ),
    (
        "Nguyễn Thị Hoa",
        "individual",
        "Chi hội trưởng phụ nữ",
        "Hội Liên hiệp Phụ nữ tỉnh",
        ["cong-tac", "nhan-dao-tu-thien"],
        2024,
        {},
        ["Phụ nữ tích cực", "Cả nước chung tay"],
        "Chi hội trưởng Nguyễn Thị Hoa",
        "Mô hình “Tiết kiệm vì chị em” giúp hội viên vay vốn làm ăn.",
    ),
    (
        "Tổ hợp tác mắc ca xã Đắk Phơi",
        "collective",
        "",
        "UBND xã Đắk Phơi",
        ["lao-dong-san-xuat-kinh-doanh"],
        2025,
        {},
        ["Cả nước chung sức"],
        "Tổ hợp tác mắc ca",
        "Đồng bào M'nông cùng nhau trồng và tiêu thụ mắc ca.",
    ),
    (
        "Y Khoa Niê",
        "individual",
        "Bí thư Chi đoàn",
        "Tỉnh đoàn Đắk Lắk",
        ["lao-dong-san-xuat-kinh-doanh", "sang-kien-cai-tien-ky-thuat"],
        2025,
        {"is_new_factor": True},
        [],
        "Bí thư Chi đoàn Y Khoa Niê",
        "Khởi nghiệp với cà phê rang xay của buôn.",
    ),
    (
        "Phạm Minh Đức",
        "individual",
        "Thiếu úy, Công an xã Dray Sáp",
        "Công an tỉnh",
        ["chien-dau-phuc-vu-chien-dau"],
        2024,
        {"is_sudden_deed": True},
        ["Toàn dân bảo vệ"],
        "Thiếu úy công an xã",
        "Lao vào căn nhà đang cháy cứu một bé gái 3 tuổi.",
    ),
    (
        "Trần Văn Lộc",
        "individual",
        "Lái xe công nghệ",
        "UBND phường Tân Lợi",
        ["nhan-dao-tu-thien"],
        2024,
        {"is_sudden_deed": True},
        [],
        "Người chạy xe ôm công nghệ",
        "Nhặt được 120 triệu đồng, tìm trả người đánh rơi.",
    ),
    (
        "Hộ ông Y Dhung Knul",
        "household",
        "",
        "UBND xã Ea M'droh",
        ["nhan-dao-tu-thien"],
        2025,
        {},
        [],
        "Ông Y Dhung Knul",
        "Hiến 2.000 m² đất xây điểm trường mẫu giáo cho buôn.",
    ),
    (
        "Nhóm thiện nguyện Bếp ấm",
        "collective",
        "",
        "Hội Chữ thập đỏ tỉnh",
        ["nhan-dao-tu-thien"],
        2025,
        {},
        ["Cả nước chung tay"],
        "Nhóm thiện nguyện “Bếp ấm”",
        "3.000 suất cơm miễn phí mỗi tháng cho bệnh nhân nghèo.",
    ),
]

DEMO_AWARD = ("Bằng khen của Chủ tịch UBND tỉnh", "UBND tỉnh Đắk Lắk")


def load_exemplar_demo(homes):
    """Units, movements and profiles on the shared indexes of `homes`, linked to matching demo articles."""
    indexes = ensure_shared_indexes(homes)
    ensure_units()
    movements = [ensure_movement(indexes[MovementIndexPage], spec) for spec in MOVEMENTS]
    for spec in EXEMPLARS:
        ensure_exemplar(indexes[ExemplarIndexPage], movements, *spec)


def show_registry_in_columns(homes, column_slug):
    """Each outlet's column `column_slug` shows the registry, through the outlet's own alias of it."""
    for home in homes.values():
        column = ColumnPage.objects.child_of(home).filter(slug=column_slug).first()
        registry = ExemplarIndexPage.objects.child_of(home).first()
        if column is None or registry is None or column.registry_links.exists():
            continue
        column.registry_links.add(ColumnRegistry(registry=registry))
        column.save_revision().publish()


def ensure_units():
    for name, kind in CLUSTERS:
        EmulationCluster.objects.get_or_create(name=name, defaults={"kind": kind})
    for name, kind, locality, cluster in UNITS:
        Unit.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "locality": Locality.objects.filter(name=locality).first(),
                "cluster": EmulationCluster.objects.get(name=cluster),
            },
        )


def ensure_movement(index, spec):
    spec = dict(spec)
    article_titles = spec.pop("articles")
    movement = MovementPage.objects.child_of(index).filter(title=spec["title"]).first()
    if movement is None:
        unit_name = spec.pop("launching_unit", None)
        movement = MovementPage(
            **{**spec, "goals": f"<p>{spec['goals']}</p>"},
            launching_unit=Unit.objects.get(name=unit_name) if unit_name else None,
        )
        index.add_child(instance=movement)
        movement.save_revision().publish()
    for title in article_titles:
        link_articles(title, ArticleMovementLink, "movement_links", movement=movement)
    return movement


def ensure_exemplar(
    index, movements, title, kind, position, unit, fields, year, flags, in_movements, article, summary
):
    exemplar = ExemplarPage.objects.child_of(index).filter(title=title).first()
    if exemplar is None:
        exemplar = ExemplarPage(
            title=title,
            subject_kind=kind,
            position=position,
            unit=Unit.objects.get(name=unit),
            summary=summary,
            year=year,
            achievements=[("paragraph", f"<p>{summary}</p>")],
            **flags,
        )
        exemplar.achievement_fields = AchievementField.objects.filter(code__in=fields)
        exemplar.movements = [
            movement for movement in movements if movement.title.startswith(tuple(in_movements))
        ]
        exemplar.awards = [
            Award(title=DEMO_AWARD[0], issuing_authority=DEMO_AWARD[1], date=datetime.date(year, 11, 20))
        ]
        index.add_child(instance=exemplar)
        exemplar.save_revision().publish()
    link_articles(article, ArticleExemplarLink, "exemplar_links", exemplar=exemplar)


def link_articles(title_start, link_class, relation, **target):
    """Link the live original articles whose title starts with `title_start`, publishing the link with them."""
    articles = ArticlePage.objects.live().filter(title__startswith=title_start, alias_of__isnull=True)
    for article in articles:
        links = getattr(article, relation)
        if not any(
            getattr(link, f"{name}_id") == page.pk for link in links.all() for name, page in target.items()
        ):
            links.add(link_class(**target))
            article.save_revision().publish()


DEMO_ROUND_TITLE = "Đợt giới thiệu điển hình tiên tiến (thử nghiệm)"
DEMO_ROUND_NOTE = (
    "Mỗi cơ quan, đơn vị, địa phương giới thiệu không quá 03 điển hình (bao gồm cả tập thể, cá nhân) "
    "qua Sở Nội vụ, theo biểu mẫu đính kèm Kế hoạch."
)
DEMO_OFFICER_UNITS = ["Sở Y tế", "UBND xã Ea Knuếc"]

# unit, subject, name, position, fields, commendation, flags, summary, steps (name, note) after filing
DEMO_NOMINATIONS = [
    (
        "Sở Y tế",
        "individual",
        "Trần Thị Mai",
        "Điều dưỡng trưởng, Trung tâm Y tế huyện Lắk",
        ["cong-tac"],
        "provincial_emulation_soldier",
        {},
        "Mười năm liền đưa y tế cơ sở về tận buôn, vận động đồng bào khám thai và tiêm chủng đầy đủ.",
        [("submit", "")],
    ),
    (
        "Sở Y tế",
        "collective",
        "Khoa Hồi sức tích cực, Bệnh viện Đa khoa vùng Tây Nguyên",
        "",
        ["cong-tac", "khoa-hoc-cong-nghe"],
        "chairman_certificate",
        {},
        "Làm chủ kỹ thuật lọc máu liên tục và ECMO, cứu sống nhiều ca bệnh nặng.",
        [("submit", ""), ("start_appraisal", ""), ("return", "Bổ sung số liệu các ca bệnh năm 2024.")],
    ),
    (
        "Sở Y tế",
        "individual",
        "Y Ni Kbuôr",
        "Y sĩ, Trạm Y tế xã Ea Sol",
        ["cong-tac", "nhan-dao-tu-thien"],
        "merit_certificate",
        {"is_new_factor": True},
        "Tự học tiếng M'nông để tư vấn sức khỏe cho bà con.",
        [],
    ),
    (
        "UBND xã Ea Knuếc",
        "household",
        "Hộ bà H'Nga Byă",
        "",
        ["lao-dong-san-xuat-kinh-doanh"],
        "chairman_certificate",
        {},
        "Chuyển đổi 5 ha cà phê già cỗi sang sầu riêng xen canh, giúp 20 hộ trong buôn cùng làm theo.",
        [
            ("submit", ""),
            ("start_appraisal", ""),
            ("propose", ""),
            ("refer", "Mô hình có ảnh hưởng toàn tỉnh."),
        ],
    ),
    (
        "UBND xã Ea Knuếc",
        "individual",
        "Nguyễn Văn Tâm",
        "Dân quân xã Ea Knuếc",
        ["chien-dau-phuc-vu-chien-dau"],
        "chairman_certificate",
        {"is_sudden_deed": True},
        "Lao xuống dòng nước lũ cứu hai học sinh bị cuốn trôi.",
        [("submit", ""), ("start_appraisal", ""), ("propose", ""), ("approve", "")],
    ),
]


def ensure_nomination_setup():
    """The roles, a column and an officers' group per unit on the portal, and a round open now."""
    from .setup import ensure_all_unit_columns, ensure_nomination_roles

    ensure_nomination_roles()
    ensure_all_unit_columns()
    now = timezone.now()
    return NominationRound.objects.get_or_create(
        title=DEMO_ROUND_TITLE,
        defaults={
            "opens_at": now - datetime.timedelta(days=7),
            "closes_at": now + datetime.timedelta(days=60),
            "note": DEMO_ROUND_NOTE,
        },
    )[0]


def load_nomination_demo(nomination_round, ensure_user):
    """One officer for each of two units, a reviewer, the chairman's office and nominations in every state."""
    from .roles import CHAIRMAN_OFFICE_GROUP, REVIEWERS_GROUP

    officers = {}
    for unit_name in DEMO_OFFICER_UNITS:
        unit = Unit.objects.get(name=unit_name)
        officer = ensure_user(f"canbo.{slugify(unit_name)}")
        OfficerProfile.objects.get_or_create(user=officer, defaults={"unit": unit})
        officers[unit_name] = officer
    actors = {
        "reviewer": ensure_user("thamdinh.snv", REVIEWERS_GROUP),
        "chairman": ensure_user("vanphong.ubnd", CHAIRMAN_OFFICE_GROUP),
    }
    if nomination_round.nominations.exists():
        return
    for spec in DEMO_NOMINATIONS:
        file_demo_nomination(nomination_round, officers, actors, *spec)


def file_demo_nomination(
    nomination_round,
    officers,
    actors,
    unit_name,
    kind,
    name,
    position,
    fields,
    commendation,
    flags,
    summary,
    steps,
):
    from .appraisal import take_step
    from .filing import file_nomination

    officer = officers[unit_name]
    nomination = Nomination(
        round=nomination_round,
        unit=Unit.objects.get(name=unit_name),
        subject_kind=kind,
        name=name,
        position=position,
        achievements_summary=summary,
        proposed_commendation=commendation,
        contact_person="Cán bộ thi đua",
        contact_phone="0262 3852 000",
        created_by=officer,
        **flags,
    )
    file_nomination(nomination, lambda: nomination.save() or nomination, officer)
    nomination.achievement_fields.set(AchievementField.objects.filter(code__in=fields))
    for step, note in steps:
        actor = officer if step == "submit" else actors["reviewer"]
        decision = (
            {"decision_number": "125/QĐ-UBND", "decision_date": timezone.localdate()}
            if step == "approve"
            else {}
        )
        take_step(nomination.pk, step, actor, note=note, **decision)
