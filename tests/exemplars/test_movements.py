"""Movements: current and past in the Asia/Ho_Chi_Minh calendar, and what each gathers automatically."""

import datetime
from urllib.parse import urlsplit

import time_machine

from exemplars.models import MovementPage, movements

from .conftest import PORTAL

# 17:30 UTC on 31 December 2025 is already 1 January 2026 in the province.
NEW_YEAR_IN_HANOI = datetime.datetime(2025, 12, 31, 17, 30, tzinfo=datetime.UTC)


def section(html, heading):
    start = html.index(heading)
    return html[start : html.index("</section>", start)]


@time_machine.travel(NEW_YEAR_IN_HANOI, tick=False)
def test_the_index_shows_current_and_past_movements_apart(client, make_movement):
    make_movement("Phong trào không thời hạn", start=datetime.date(2024, 1, 1))
    make_movement(
        "Phong trào đến hết năm 2026", start=datetime.date(2025, 1, 1), end=datetime.date(2026, 12, 31)
    )
    make_movement(
        "Phong trào kết thúc hôm nay", start=datetime.date(2025, 1, 1), end=datetime.date(2026, 1, 1)
    )
    make_movement("Phong trào năm 2025", start=datetime.date(2025, 1, 1), end=datetime.date(2025, 12, 31))
    html = client.get("/phong-trao/", HTTP_HOST=PORTAL).content.decode()
    current, past = section(html, "Đang diễn ra"), section(html, "Đã kết thúc")
    for title in ["Phong trào không thời hạn", "Phong trào đến hết năm 2026", "Phong trào kết thúc hôm nay"]:
        assert title in current and title not in past
    assert "Phong trào năm 2025" in past and "Phong trào năm 2025" not in current


def test_other_outlets_list_the_same_movements(client, make_movement):
    movement = make_movement("Cả nước chung sức xây dựng nông thôn mới")
    html = client.get("/phong-trao/", HTTP_HOST="drt.localhost").content.decode()
    assert f'href="{movement.full_url}"' in html


def test_a_movement_page_gathers_its_exemplars(client, make_movement, make_exemplar):
    movement = make_movement(
        "Phụ nữ tích cực học tập, lao động sáng tạo",
        launch_level=MovementPage.LaunchLevel.UNIT,
        launched_by="Hội Liên hiệp Phụ nữ tỉnh",
        goals="<p>Xây dựng gia đình hạnh phúc.</p>",
    )
    make_exemplar("Nguyễn Thị Hoa", movements=[movement], year=2024)
    make_exemplar("H'Linh Mlô", movements=[movement], year=2025)
    make_exemplar("Không thuộc phong trào")
    html = client.get(urlsplit(movement.full_url).path, HTTP_HOST=PORTAL).content.decode()
    assert "Hội Liên hiệp Phụ nữ tỉnh" in html and "Xây dựng gia đình hạnh phúc." in html
    assert html.index("H&#x27;Linh Mlô") < html.index("Nguyễn Thị Hoa")  # newest recognised first
    assert "Không thuộc phong trào" not in html


def test_a_movement_counts_the_exemplars_readers_may_see_and_none_without_any(
    client, make_movement, make_exemplar
):
    movement = make_movement("Toàn dân đoàn kết xây dựng đời sống văn hóa")
    empty = make_movement("Phong trào mới phát động")
    make_exemplar("Buôn Kmrơng Prông A", movements=[movement])
    make_exemplar("Thôn 3 xã Ea Tu", movements=[movement]).unpublish()

    html = client.get(urlsplit(movement.full_url).path, HTTP_HOST=PORTAL).content.decode()
    assert "Điển hình trong phong trào (1)" in html
    assert "Thôn 3 xã Ea Tu" not in html
    empty_html = client.get(urlsplit(empty.full_url).path, HTTP_HOST=PORTAL).content.decode()
    assert "Điển hình trong phong trào (0)" in empty_html


def test_a_movement_with_more_exemplars_than_it_shows_links_to_them_all_in_the_registry(
    client, monkeypatch, make_movement, make_exemplar
):
    monkeypatch.setattr(movements, "MOVEMENT_EXEMPLAR_LIMIT", 1)
    movement = make_movement("Toàn dân đoàn kết xây dựng đời sống văn hóa")
    make_exemplar("Buôn Kmrơng Prông A", movements=[movement])
    make_exemplar("Thôn 3 xã Ea Tu", movements=[movement])
    html = client.get(urlsplit(movement.full_url).path, HTTP_HOST=PORTAL).content.decode()
    assert f'<a href="/ho-so-dien-hinh/?movement={movement.pk}">Xem tất cả 2 điển hình</a>' in html
