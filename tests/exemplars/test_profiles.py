"""A profile page: who and where, fields, awards, movements, the features about it; no personal data."""

import datetime
import re
from urllib.parse import urlsplit

from exemplars.models import Award, ExemplarPage, Unit

from .conftest import PORTAL


def get_page(client, page):
    response = client.get(urlsplit(page.full_url).path, HTTP_HOST=PORTAL)
    assert response.status_code == 200
    return response.content.decode()


def test_a_profile_shows_who_where_fields_flags_and_awards(client, make_exemplar, make_unit):
    unit = make_unit("Trường Tiểu học Yang Mao", Unit.Kind.SCHOOL, "Xã Yang Mao", "Khối văn hóa - xã hội")
    profile = make_exemplar(
        "Lê Quang Vinh",
        unit=unit,
        position="Giáo viên điểm trường",
        fields=["cong-tac", "hoc-tap"],
        awards=[
            ("Chiến sĩ thi đua cấp tỉnh", datetime.date(2024, 11, 20)),
            ("Bằng khen", datetime.date(2025, 3, 1)),
        ],
        achievements=[("paragraph", "<p>Mười năm bám bản dạy chữ.</p>")],
        is_new_factor=True,
    )
    html = get_page(client, profile)
    for text in [
        "Lê Quang Vinh",
        "Cá nhân",
        "Giáo viên điểm trường",
        "Trường Tiểu học Yang Mao",
        "Xã Yang Mao (trước đây: Huyện Krông Bông)",
        "Khối văn hóa - xã hội",
        "Công tác",
        "Học tập",
        "Nhân tố mới",
        "Mười năm bám bản dạy chữ.",
        "Chiến sĩ thi đua cấp tỉnh",
        "ngày 20/11/2024",
    ]:
        assert text in html, text
    assert html.index("Chiến sĩ thi đua cấp tỉnh") < html.index("Bằng khen")
    assert "Thành tích đột xuất" not in html


def test_awards_written_without_an_order_keep_the_order_they_were_written_in(client, make_exemplar):
    titles = [f"Bằng khen số {number}" for number in range(1, 6)]
    profile = make_exemplar("Y Bih Niê", awards=[(title, None) for title in titles])
    other = make_exemplar("H'Hen Niê")
    # An award moved away and back, as a rewritten row, sits last in a PostgreSQL table and in its index on the
    # profile: its place in a scan says nothing of the order it was written in.
    first = Award.objects.filter(pk=profile.awards.get(title=titles[0]).pk)
    first.update(page=other)
    first.update(page=profile)
    assert [award.title for award in ExemplarPage.objects.get(pk=profile.pk).awards.all()] == titles
    html = get_page(client, profile)
    assert [html.index(f"{title}<") for title in titles] == sorted(
        html.index(f"{title}<") for title in titles
    )


def test_a_profile_shows_its_movements(client, make_exemplar, make_movement):
    movement = make_movement("Toàn dân bảo vệ an ninh Tổ quốc")
    draft_movement = make_movement("Phong trào chưa công bố")
    draft_movement.unpublish()
    profile = make_exemplar("Công an xã Cư Pơng", movements=[movement, draft_movement])
    html = get_page(client, profile)
    assert "Toàn dân bảo vệ an ninh Tổ quốc" in html
    assert "Phong trào chưa công bố" not in html


def test_a_profiles_tags_lead_to_the_tag_index_of_the_site_it_is_read_on(client, make_exemplar):
    profile = make_exemplar("Già làng Y Khu")
    profile.tags.add("giữ rừng")
    profile.save_revision().publish()
    html = client.get(f"/ho-so-dien-hinh/{profile.slug}/", HTTP_HOST="drt.localhost").content.decode()
    assert '<a href="/tags/giu-rung/">giữ rừng</a>' in html


PERSONAL_FIELD_WORDS = ("phone", "identity", "id_number", "address", "birth", "email", "cccd")
PHONE_OR_ID = re.compile(r"(?<![\d/])0\d{9,11}(?!\d)")
# An e-mail address; not the "@" of JSON-LD's keywords ("@type"), which a page's structured data holds.
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def test_profiles_have_no_personal_data_fields():
    names = [field.name for field in ExemplarPage._meta.get_fields()]
    assert not [name for name in names if any(word in name.lower() for word in PERSONAL_FIELD_WORDS)]


def test_the_profile_and_the_registry_show_no_phone_id_or_email(client, make_exemplar):
    profile = make_exemplar("Trần Văn Lộc", is_sudden_deed=True, summary="Nhặt được 120 triệu đồng, tìm trả.")
    for html in (
        get_page(client, profile),
        client.get("/ho-so-dien-hinh/", HTTP_HOST=PORTAL).content.decode(),
    ):
        text = re.sub(r"<[^>]+>", " ", html)
        assert not PHONE_OR_ID.search(text)
        assert not EMAIL.search(text)
        assert "Thành tích đột xuất" in text
