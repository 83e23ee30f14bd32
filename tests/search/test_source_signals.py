"""The index follows profiles, movements, contests and anniversary columns as they are published, unpublished,
moved, deleted, renamed, and as the names they show change; OpenSearch gets the same changes through its queue."""

import pytest

from exemplars.models import ExemplarIndexPage, Locality, LocalityFormerName
from search.indexing import REMOVE, UPSERT
from search.models import PendingIndexChange, SearchDocument


def indexed(page):
    return SearchDocument.objects.filter(key=f"{page._meta.label_lower}:{page.pk}").first()


def queued():
    return dict(PendingIndexChange.objects.values_list("key", "action"))


def test_publishing_and_unpublishing_each_kind_indexes_and_removes_it(
    make_exemplar, make_movement, make_contest, make_campaign
):
    pages = [
        make_exemplar("Chị Lê Thị Mến"),
        make_movement("Phong trào Dân vận khéo"),
        make_contest("Cuộc thi viết Dân vận khéo"),
        make_campaign("Kỷ niệm 50 năm giải phóng Buôn Ma Thuột"),
    ]
    assert [indexed(page).kind for page in pages] == ["exemplar", "movement", "contest", "campaign"]
    for page in pages:
        page.unpublish()
        assert indexed(page) is None


def test_a_draft_is_indexed_only_once_published(make_exemplar):
    exemplar = make_exemplar("Anh Y Jut Êban", live=False)
    assert indexed(exemplar) is None
    exemplar.get_latest_revision().publish()
    assert indexed(exemplar).title == "Anh Y Jut Êban"


def test_moving_a_contest_to_another_outlet_moves_its_document(make_contest, contest_indexes):
    contest = make_contest("Cuộc thi tìm hiểu lịch sử Đảng bộ tỉnh", outlet="newspaper")
    assert indexed(contest).outlet == "newspaper"
    contest.move(contest_indexes["portal"], pos="last-child")
    assert indexed(contest).outlet == "portal"


def test_deleting_a_column_removes_it(make_campaign):
    campaign = make_campaign("Kỷ niệm 80 năm Quốc khánh")
    campaign.delete()
    assert indexed(campaign) is None


def test_an_alias_of_a_profile_is_never_indexed(outlets, make_exemplar):
    exemplar = make_exemplar("Bà H'Lim Mlô")
    alias = exemplar.create_alias(parent=ExemplarIndexPage.objects.child_of(outlets["broadcast"]).get())
    exemplar.save_revision().publish()
    assert indexed(alias) is None
    assert SearchDocument.objects.filter(kind="exemplar").count() == 1


def test_a_movement_renamed_or_unpublished_changes_the_profiles_that_list_it(make_movement, make_exemplar):
    movement = make_movement("Phong trào Thi đua quyết thắng")
    exemplar = make_exemplar("Thượng úy Nguyễn Văn Hùng", movements=[movement])
    assert " quyet thang " in indexed(exemplar).folded

    movement.title = "Phong trào Thi đua vì an ninh Tổ quốc"
    movement.save_revision().publish()
    assert " an ninh to quoc " in indexed(exemplar).folded
    assert " quyet thang " not in indexed(exemplar).folded

    movement.unpublish()
    assert " an ninh to quoc " not in indexed(exemplar).folded


def test_a_renamed_unit_or_locality_changes_the_profiles_that_show_it(make_unit, make_exemplar):
    unit = make_unit("Trường THCS Lê Lợi", locality="Huyện Krông Ana")
    exemplar = make_exemplar("Cô Phan Thị Dạy", unit=unit)
    unit.name = "Trường THCS Nguyễn Du"
    unit.save()
    assert " nguyen du " in indexed(exemplar).folded
    assert " le loi " not in indexed(exemplar).folded

    locality = unit.locality
    locality.name = "Xã Krông Ana mới"
    locality.save()
    assert " moi " in indexed(exemplar).folded


def test_a_former_name_added_renamed_or_removed_changes_the_profiles_that_show_its_locality(
    make_unit, make_exemplar
):
    exemplar = make_exemplar("Chị H'Ngăm Mlô", unit=make_unit("Tổ hợp tác sầu riêng", locality="Xã Ea Knuếc"))
    assert " krong pac " in indexed(exemplar).folded
    locality = Locality.objects.get(name="Xã Ea Knuếc")

    # As the locality's admin form saves them: with the locality, its former names after it.
    locality.former_names.add(LocalityFormerName(name="Xã Ea Kênh"))
    locality.save()
    assert " ea kenh " in indexed(exemplar).folded

    former = LocalityFormerName.objects.get(name="Xã Ea Kênh")
    former.name = "Xã Hòa Đông"
    former.save()
    assert " hoa dong " in indexed(exemplar).folded
    assert " ea kenh " not in indexed(exemplar).folded

    former.delete()
    assert " hoa dong " not in indexed(exemplar).folded
    assert " krong pac " in indexed(exemplar).folded


@pytest.mark.opensearch
def test_changes_of_the_new_kinds_are_queued_for_opensearch(opensearch, make_exemplar, make_contest):
    exemplar = make_exemplar("Ông Ama Thuột")
    contest = make_contest("Cuộc thi ảnh Buôn làng hôm nay")
    key = f"exemplars.exemplarpage:{exemplar.pk}"
    assert queued()[key] == UPSERT
    assert queued()[f"contests.contestpage:{contest.pk}"] == UPSERT
    exemplar.unpublish()
    assert queued()[key] == REMOVE
