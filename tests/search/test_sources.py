"""Exemplar profiles, movements, contests and anniversary columns are found on both engines, by any of the
public fields their pages show, typed with or without diacritics; drafts, private pages and aliases are not."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from contests.models import ContestPage
from exemplars.models import ExemplarIndexPage, ExemplarPage, MovementPage
from newsroom.models import CampaignPage
from search.documents import source_for
from search.engines.base import SearchQuery
from search.indexing import drain_queue, rebuild


def found(engine, text, **filters):
    """{document key: hit} of every match (the page size covers them all here)."""
    results = engine.search(SearchQuery(text=text, filters=filters, page_size=100))
    return {hit.key: hit for hit in results.hits}


def key(page):
    return f"{page._meta.label_lower}:{page.pk}"


def assert_found_both_ways(engine, page, queries):
    """Each query finds the page, typed with diacritics and without (the second of each pair)."""
    for with_diacritics, without in queries:
        for text in (with_diacritics, without):
            assert key(page) in found(engine, text), f"{text!r} did not find {page.title!r}"


@pytest.fixture
def movement(make_movement):
    return make_movement(
        "Phong trào Cả nước chung tay vì người nghèo",
        launched_by="Thủ tướng Chính phủ",
        goals="<p>Xóa nhà tạm, nhà dột nát cho hộ nghèo.</p>",
        criteria="<p>Mỗi xã có mô hình giảm nghèo bền vững.</p>",
        results="<p>Hơn 1.200 căn nhà đại đoàn kết được bàn giao.</p>",
    )


@pytest.fixture
def exemplar(make_exemplar, make_unit, movement):
    return make_exemplar(
        "Hoàng Thị Nguyệt",
        position="Trưởng thôn",
        unit=make_unit("Hợp tác xã cà phê Ea Tul", locality="Xã Ea Tul"),
        fields=("nhan-dao-tu-thien",),
        summary="Người đưa nước sạch về buôn.",
        achievements=[("paragraph", "<p>Vận động bà con đào giếng khoan cho ba buôn đồng bào Ê Đê.</p>")],
        awards=["Chiến sĩ thi đua cấp tỉnh"],
        movements=[movement],
        tags=["khuyến học"],
    )


def test_an_exemplar_is_found_by_every_public_field_of_its_profile(each_engine, exemplar):
    rebuild()
    assert_found_both_ways(
        each_engine,
        exemplar,
        [
            ("Hoàng Thị Nguyệt", "hoang thi nguyet"),
            ("trưởng thôn", "truong thon"),
            ("Hợp tác xã cà phê Ea Tul", "hop tac xa ca phe ea tul"),
            ("Cư M'gar", "cu mgar"),  # the commune's former district
            ("nhân đạo từ thiện", "nhan dao tu thien"),
            ("giếng khoan", "gieng khoan"),
            ("chiến sĩ thi đua cấp tỉnh", "chien si thi dua cap tinh"),
            ("chung tay vì người nghèo", "chung tay vi nguoi ngheo"),
            ("khuyến học", "khuyen hoc"),
        ],
    )
    hit = found(each_engine, "hoang thi nguyet")[key(exemplar)]
    assert (hit.kind, hit.exemplar_kind, hit.outlet, hit.column) == ("exemplar", "individual", "portal", "")
    assert hit.url.startswith("http") and "/ho-so-dien-hinh/" in hit.url
    assert hit.published_at == exemplar.first_published_at


def test_a_profile_is_found_under_its_present_commune_and_under_its_former_district(
    each_engine, make_exemplar, make_unit
):
    """Since 1 July 2025 the profile stands in a commune; older articles name the district it was part of."""
    exemplar = make_exemplar(
        "Chị H'Zoa Byă",
        unit=make_unit("Tổ hợp tác sầu riêng", locality="Xã Ea Knuếc"),
        summary="Trồng sầu riêng.",
    )
    elsewhere = make_exemplar(
        "Anh Y Phôn Niê",
        unit=make_unit("Tổ hợp tác mắc ca", locality="Xã Đắk Phơi"),
        summary="Trồng sầu riêng.",
    )
    rebuild()
    assert_found_both_ways(
        each_engine, exemplar, [("huyện Krông Pắc", "huyen krong pac"), ("xã Ea Knuếc", "xa ea knuec")]
    )
    assert_found_both_ways(
        each_engine, elsewhere, [("huyện Lắk", "huyen lak"), ("xã Đắk Phơi", "xa dak phoi")]
    )
    assert key(elsewhere) not in found(each_engine, "huyện Krông Pắc")
    assert key(exemplar) not in found(each_engine, "huyện Lắk")


def test_a_movement_is_found_by_its_launcher_goals_criteria_and_results(each_engine, movement):
    rebuild()
    assert_found_both_ways(
        each_engine,
        movement,
        [
            ("Thủ tướng Chính phủ", "thu tuong chinh phu"),
            ("xóa nhà tạm", "xoa nha tam"),
            ("mô hình giảm nghèo bền vững", "mo hinh giam ngheo ben vung"),
            ("nhà đại đoàn kết", "nha dai doan ket"),
        ],
    )
    hit = found(each_engine, "xoa nha tam")[key(movement)]
    assert (hit.kind, hit.exemplar_kind, hit.outlet) == ("movement", None, "portal")


def test_a_contest_is_found_by_its_title_theme_and_rules(each_engine, make_contest):
    contest = make_contest(
        "Cuộc thi viết Gương sáng đời thường",
        theme="Những người thầy ở buôn xa",
        rules="<p>Mỗi tác giả gửi tối đa <strong>hai</strong> bút ký về người thật việc thật.</p>",
        outlet="portal",
    )
    rebuild()
    assert_found_both_ways(
        each_engine,
        contest,
        [
            ("Gương sáng đời thường", "guong sang doi thuong"),
            ("người thầy ở buôn xa", "nguoi thay o buon xa"),
            ("bút ký về người thật việc thật", "but ky ve nguoi that viec that"),
        ],
    )
    hit = found(each_engine, "guong sang doi thuong")[key(contest)]
    assert (hit.kind, hit.outlet) == ("contest", "portal")
    assert "<strong>" not in hit.text


def test_an_anniversary_column_is_found_by_its_introduction_sections_and_event(each_engine, make_campaign):
    campaign = make_campaign(
        "Năm mươi năm mùa xuân đại thắng",
        outlet="broadcast",
        introduction="<p>Những nhân chứng của trận then chốt mở màn.</p>",
        sections=[("section", {"heading": "Ký ức người lính", "body": "<p>Cựu chiến binh kể lại.</p>"})],
    )
    rebuild()
    assert_found_both_ways(
        each_engine,
        campaign,
        [
            ("mùa xuân đại thắng", "mua xuan dai thang"),
            ("trận then chốt", "tran then chot"),
            ("ký ức người lính", "ky uc nguoi linh"),
            ("cựu chiến binh", "cuu chien binh"),
            ("Chiến thắng Buôn Ma Thuột", "chien thang buon ma thuot"),
        ],
    )
    hit = found(each_engine, "tran then chot")[key(campaign)]
    assert (hit.kind, hit.outlet) == ("campaign", "broadcast")


def test_drafts_private_pages_and_aliases_are_not_found(
    each_engine, outlets, shared_indexes, make_exemplar, make_movement, make_contest, make_campaign
):
    original = make_exemplar("Y Thuột Niê", summary="Già làng giữ rừng đầu nguồn.")
    newspaper_registry = ExemplarIndexPage.objects.child_of(outlets["newspaper"]).get()
    original.create_alias(parent=newspaper_registry)
    make_exemplar("Bản nháp Y Bhiêng", summary="Già làng giữ rừng đầu nguồn.", live=False)
    make_movement("Phong trào nháp giữ rừng đầu nguồn", live=False)
    make_campaign("Chuyên mục nháp giữ rừng đầu nguồn", live=False)
    private = make_contest("Cuộc thi nội bộ giữ rừng đầu nguồn")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    rebuild()

    results = each_engine.search(SearchQuery(text="giu rung dau nguon"))
    assert [hit.key for hit in results.hits] == [key(original)]
    assert results.hits[0].outlet == "portal"


def test_the_exemplar_kind_facet_counts_profiles_and_filters_them(
    each_engine, make_exemplar, make_movement, make_column, outlets, make_article
):
    for name, subject_kind in [
        ("Anh Y Khu Niê", "individual"),
        ("Chị H'Wen Buôn Ya", "individual"),
        ("Trường Tiểu học Hòa Phú", "collective"),
        ("Hộ ông Nguyễn Văn Lộc", "household"),
    ]:
        make_exemplar(name, subject_kind=subject_kind, summary="Điển hình trồng cà phê bền vững.")
    make_movement("Phong trào cà phê bền vững", goals="<p>Cà phê bền vững.</p>")
    make_article(make_column(outlets["newspaper"], "Kinh tế"), "Cà phê bền vững ở Cư Kuin")
    rebuild()

    results = each_engine.search(SearchQuery(text="ca phe ben vung"))
    assert results.count == 6
    assert counts(results, "exemplar_kind") == {"individual": 2, "collective": 1, "household": 1}
    assert counts(results, "kind") == {"exemplar": 4, "movement": 1, "article": 1}

    households = each_engine.search(
        SearchQuery(text="cà phê bền vững", filters={"exemplar_kind": "household"})
    )
    assert [hit.title for hit in households.hits] == ["Hộ ông Nguyễn Văn Lộc"]
    assert households.hits[0].exemplar_kind == "household"
    # A facet ignores its own filter and obeys the others.
    assert counts(households, "exemplar_kind") == counts(results, "exemplar_kind")
    assert counts(households, "kind") == {"exemplar": 1}
    movements = each_engine.search(SearchQuery(text="ca phe ben vung", filters={"kind": "movement"}))
    assert counts(movements, "exemplar_kind") == {}
    # With two filters, each of their facets obeys the other one, and every other facet both.
    both = each_engine.search(
        SearchQuery(text="ca phe ben vung", filters={"kind": "exemplar", "exemplar_kind": "household"})
    )
    assert counts(both, "exemplar_kind") == counts(results, "exemplar_kind")
    assert counts(both, "kind") == {"exemplar": 1}
    assert sum(counts(both, "language").values()) == 1


def counts(results, facet):
    return {value.value: value.count for value in results.facets[facet]}


def test_unpublishing_an_exemplar_removes_it_from_results(each_engine, make_exemplar):
    exemplar = make_exemplar("Bà H'Năm Byă", summary="Dệt thổ cẩm truyền thống.")
    drain_queue()
    each_engine.refresh()
    assert key(exemplar) in found(each_engine, "det tho cam")

    exemplar.unpublish()
    drain_queue()
    each_engine.refresh()
    assert found(each_engine, "dệt thổ cẩm") == {}


def test_building_documents_costs_the_same_queries_for_two_pages_or_six(
    make_exemplar, make_movement, make_contest, make_campaign
):
    movement = make_movement("Phong trào Nông dân sản xuất giỏi")
    for number in range(6):
        make_exemplar(f"Nông dân số {number}", movements=[movement], tags=["lúa"], awards=["Giấy khen"])
        make_movement(f"Phong trào số {number}")
        make_contest(f"Cuộc thi số {number}")
        make_campaign(f"Chuyên mục số {number}")

    def queries_to_build(model, count):
        source = source_for(model)
        with CaptureQueriesContext(connection) as context:
            source.build(list(source.searchable()[:count]))
        return len(context.captured_queries)

    for model in (ExemplarPage, MovementPage, ContestPage, CampaignPage):
        assert queries_to_build(model, 2) == queries_to_build(model, 6), model
