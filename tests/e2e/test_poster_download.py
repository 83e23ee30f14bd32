"""An editor downloads the poster of an exemplar's profile or of a movement from its page in the admin, as a person
does."""

import datetime
from io import BytesIO

import pytest
from pypdf import PdfReader

from django.urls import reverse

from exemplars.models import ExemplarIndexPage, MovementIndexPage, MovementPage
from newsroom.models import Outlet
from newsroom.outlets import editors_group_name
from tests.e2e.admin_login import sign_in
from tests.exemplars.conftest import new_exemplar, new_unit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_editor_picks_a3_and_the_modern_design_and_gets_the_pdf(
    page, live_server, shared_indexes, make_user, make_image, tmp_path
):
    profile = new_exemplar(
        shared_indexes[ExemplarIndexPage],
        "Nguyễn Thị Hương",
        unit=new_unit("Trạm Y tế xã Ea Tu"),
        position="Điều dưỡng",
        summary="Mười năm đưa y tế về buôn.",
        lead_image=make_image("Chân dung"),
    )
    editor = make_user("bien-tap-cong", editors_group_name(Outlet.PORTAL))
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, live_server, editor)

    page.goto(f"{live_server.url}{reverse('wagtailadmin_pages:edit', args=[profile.pk])}")
    page.locator("header [data-w-dropdown-target='toggle']").first.click()
    page.get_by_role("link", name="Tải áp phích").click()
    page.get_by_label("Khổ A3 (297 × 420 mm)").check()
    page.get_by_label("Hiện đại", exact=False).check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Tải tệp PDF").click()

    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    reader = PdfReader(BytesIO(saved.read_bytes()))
    assert saved.name == "ap-phich-nguyen-thi-huong-hien-dai-a3.pdf"
    assert float(reader.pages[0].mediabox.height) == pytest.approx(1191, abs=1)
    assert "Nguyễn Thị Hương" in reader.pages[0].extract_text()


def test_the_editor_downloads_a_movements_poster_from_its_page_in_the_admin(
    page, live_server, shared_indexes, make_user, make_image, tmp_path
):
    movement = MovementPage(
        title="Phong trào “Đắk Lắk chung tay xây dựng nông thôn mới”",
        launch_level=MovementPage.LaunchLevel.PROVINCE,
        launched_by="UBND tỉnh",
        start_date=datetime.date(2025, 3, 10),
        goals="<p>Huy động mọi nguồn lực xây dựng nông thôn mới.</p>",
        lead_image=make_image("Lễ phát động"),
    )
    shared_indexes[MovementIndexPage].add_child(instance=movement)
    movement.save_revision().publish()
    editor = make_user("bien-tap-cong", editors_group_name(Outlet.PORTAL))
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, live_server, editor)

    page.goto(f"{live_server.url}{reverse('wagtailadmin_pages:edit', args=[movement.pk])}")
    page.locator("header [data-w-dropdown-target='toggle']").first.click()
    page.get_by_role("link", name="Tải áp phích").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Tải tệp PDF").click()

    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    text = " ".join(PdfReader(BytesIO(saved.read_bytes())).pages[0].extract_text().split())
    assert saved.name == f"ap-phich-{movement.slug}-trang-trong-a4.pdf"
    assert "PHONG TRÀO THI ĐUA YÊU NƯỚC" in text
    assert "UBND tỉnh phát động từ ngày 10/3/2025" in text
