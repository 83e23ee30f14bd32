"""The registry's and the posters' fixtures (profiles short, long and nominated), a few more profiles for the
order of names, and users on either side of the yearbooks' door."""

import pytest

from tests.posters import conftest as poster_fixtures

# The fixtures the profiles below stand on, found by pytest here under the same names.
advance = poster_fixtures.advance
make_exemplar = poster_fixtures.make_exemplar
make_movement = poster_fixtures.make_movement
make_nomination = poster_fixtures.make_nomination
make_officer = poster_fixtures.make_officer
make_unit = poster_fixtures.make_unit
movement_index = poster_fixtures.movement_index
nomination_round = poster_fixtures.nomination_round
officer_a = poster_fixtures.officer_a
private_nomination_files = poster_fixtures.private_nomination_files
registry = poster_fixtures.registry
reviewer = poster_fixtures.reviewer
roles = poster_fixtures.roles
unit_a = poster_fixtures.unit_a
short_profile = poster_fixtures.short_profile
long_profile = poster_fixtures.long_profile
nominated_profile = poster_fixtures.nominated_profile

LONG_NAME = poster_fixtures.LONG_NAME
LONG_ACHIEVEMENT = poster_fixtures.LONG_ACHIEVEMENT
EDITOR = poster_fixtures.EDITOR
JOURNALIST = poster_fixtures.JOURNALIST_ELSEWHERE

# Out of order on purpose: Vietnamese order puts "Đ" after "D" and "Ă", "Â" after "A".
NAMES_IN_ORDER = ["An Văn Bình", "Ăn Thị Chi", "Ân Văn Dũng", "Dương Thị Hoa", "Đặng Văn Khoa"]


@pytest.fixture
def private_files(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def alphabet_profiles(make_exemplar, make_unit):
    unit = make_unit("Trường Tiểu học Hòa Thắng")
    names = [NAMES_IN_ORDER[i] for i in (4, 2, 0, 3, 1)]
    return [make_exemplar(name, unit=unit, summary=f"Thành tích của {name}.") for name in names]
