"""What is never searchable: the personal data of the nomination behind a profile, nominations themselves, and
contest entries. The documents themselves are checked, not only the results."""

import dataclasses
import datetime

import pytest
import time_machine

from django.contrib.auth.models import User

from contests.models import Entry
from exemplars.models import AchievementField, Commendation, Nomination, NominationRound, Status
from exemplars.praise import create_exemplar_draft
from search.documents import SOURCES
from search.engines.base import SearchQuery
from search.indexing import rebuild

from .conftest import CONTEST_OPENS

PRIVATE = {
    "contact_person": "Lương Thị Kín Đáo",
    "contact_phone": "0262 3999 777",
    "id_number": "066188000123",
    "address": "Số 9 hẻm Bí Ẩn, phường Tân Lợi",
}


def all_documents():
    return [document for source in SOURCES.values() for document in source.build(list(source.searchable()))]


def assert_in_no_document(documents, values):
    for document in documents:
        content = " ".join(str(value) for value in dataclasses.asdict(document).values())
        for value in values:
            assert value not in content, f"{value!r} is in {document.key}"


def hit_count(engine, text):
    """How many documents have the text's words; approximate matches (some of its words) do not count."""
    results = engine.search(SearchQuery(text=text))
    return results.count - results.approximate_count


@pytest.fixture
def nomination_round(db):
    return NominationRound.objects.create(
        title="Đợt 1 năm 2025",
        opens_at=datetime.datetime(2025, 3, 1, tzinfo=datetime.UTC),
        closes_at=datetime.datetime(2025, 3, 10, tzinfo=datetime.UTC),
    )


@pytest.fixture
def make_nomination(nomination_round, make_unit):
    def make(name, **attributes):
        nomination = Nomination.objects.create(
            round=nomination_round,
            unit=make_unit(f"UBND xã của {name}"),
            subject_kind=Nomination.SubjectKind.INDIVIDUAL,
            name=name,
            position="Y sĩ trạm y tế",
            achievements_summary="Mười năm đưa thuốc men về buôn xa.",
            awards_received="Giấy khen năm 2023",
            proposed_commendation=Commendation.CHAIRMAN_CERTIFICATE,
            **PRIVATE,
            **attributes,
        )
        nomination.achievement_fields.set(AchievementField.objects.filter(code="cong-tac"))
        return nomination

    return make


@pytest.fixture
def praised_exemplar(shared_indexes, make_nomination):
    """An approved nomination made a profile by the praise step, then published by an editor."""
    nomination = make_nomination(
        "Đinh Văn Thuốc",
        status=Status.APPROVED,
        decision_number="125/QĐ-UBND",
        decision_date=datetime.date(2025, 4, 2),
    )
    editor = User.objects.create_superuser("bien-tap", "bien-tap@example.vn", "mat-khau-thu")
    exemplar = create_exemplar_draft(nomination, editor)
    exemplar.get_latest_revision().publish()
    return type(exemplar).objects.get(pk=exemplar.pk)


def test_a_nominations_personal_data_is_in_no_document_and_finds_nothing(each_engine, praised_exemplar):
    pending = Nomination.objects.create(
        round=praised_exemplar.nomination.round,
        unit=praised_exemplar.unit,
        subject_kind=Nomination.SubjectKind.HOUSEHOLD,
        name="Hộ bà Chờ Duyệt",
        achievements_summary="Nuôi ong lấy mật.",
        proposed_commendation=Commendation.MERIT_CERTIFICATE,
        status=Status.SUBMITTED,
        **PRIVATE,
    )
    rebuild()

    documents = all_documents()
    (profile,) = [document for document in documents if document.object_id == praised_exemplar.pk]
    # The public part of the nomination is there, as the profile shows it.
    assert "Mười năm đưa thuốc men về buôn xa." in profile.text
    assert "Giấy khen năm 2023" in profile.text
    assert_in_no_document(
        documents, [*PRIVATE.values(), "02623999777", pending.name, pending.achievements_summary]
    )

    assert hit_count(each_engine, "Đinh Văn Thuốc") == 1
    for text in [*PRIVATE.values(), "0262 3999", "Bí Ẩn", "Chờ Duyệt", "nuôi ong lấy mật"]:
        assert hit_count(each_engine, text) == 0, text


@pytest.fixture
def entry(client, make_contest):
    contest = make_contest("Cuộc thi viết Người tốt quanh ta", theme="Những việc tử tế")
    data = {
        "submission_token": "4b0f2a8e-1f0c-4c41-9a35-1ad1d2b7c001",
        "full_name": "Phạm Thị Dự Thi",
        "pen_name": "",
        "email": "du.thi@example.vn",
        "phone": "0912 345 678",
        "address": "Xã Ea Knuếc, huyện Krông Pắc",
        "category": str(contest.categories.get().pk),
        "title": "Người lái đò trên sông Sêrêpốk",
        "text": "Ông lão chở học trò qua sông suốt ba mươi mùa lũ.",
        "credit": "full_name",
        "consented_to_rules": "on",
        "consented_to_publication": "on",
        "homepage": "",
    }
    with time_machine.travel(CONTEST_OPENS + datetime.timedelta(days=3), tick=False):
        response = client.post(contest.url, data)
    assert response.status_code in (200, 302)
    return Entry.objects.get(contest=contest)


def test_a_contest_entry_is_in_no_document_and_never_found(each_engine, entry):
    rebuild()

    documents = all_documents()
    assert entry.contest.pk in {document.object_id for document in documents}
    assert_in_no_document(documents, [entry.title, entry.text, entry.full_name, entry.phone, entry.email])
    assert hit_count(each_engine, "nguoi tot quanh ta") == 1
    for text in [
        "Người lái đò trên sông Sêrêpốk",
        "lai do song serepok",
        "ba mươi mùa lũ",
        "Phạm Thị Dự Thi",
    ]:
        assert hit_count(each_engine, text) == 0, text
