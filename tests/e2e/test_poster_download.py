"""An editor downloads an exemplar's poster from the profile's page in the admin, as a person does."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from django.urls import reverse

from exemplars.models import ExemplarIndexPage
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
