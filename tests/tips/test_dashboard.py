"""The editors' dashboard: the tips waiting in their own outlet, oldest first; nothing for anyone else."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tips.models import Tip

pytestmark = pytest.mark.django_db


def dashboard(client, user):
    client.force_login(user)
    return client.get(reverse("wagtailadmin_home")).content.decode()


def test_an_editor_sees_the_outlets_waiting_tips_oldest_first(client, people, make_tip, tip_pages):
    make_tip(who="Ông Ama Hoan giữ rừng")
    make_tip(who="Cô giáo Hà dạy chữ")
    make_tip(page=tip_pages["broadcast"], who="Đài: anh Y Moan cứu người")
    make_tip(who="Đã từ chối", status=Tip.Status.REJECTED, rejection_reason="Trùng")
    page = dashboard(client, people["editor"])
    assert "2 tin báo của bạn đọc đang chờ bạn" in page
    assert page.index("Ông Ama Hoan giữ rừng") < page.index("Cô giáo Hà dạy chữ")
    assert "Y Moan" not in page
    assert "Đã từ chối" not in page


def test_the_panel_is_not_shown_to_a_journalist_nor_to_an_editor_with_nothing_waiting(
    client, people, make_tip
):
    make_tip(who="Ông Ama Hoan giữ rừng")
    assert "Ông Ama Hoan" not in dashboard(client, people["journalist"])
    assert "waiting-tips" not in dashboard(client, people["other_editor"])


def test_the_panel_reads_as_many_queries_however_many_tips_wait(client, people, make_tip):
    def queries():
        client.force_login(people["editor"])
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("wagtailadmin_home"))
        return len(captured)

    make_tip(who="Tin 1")
    queries()  # The first visit makes the user's admin profile.
    few = queries()
    for number in range(2, 9):
        make_tip(who=f"Tin {number}")
    assert queries() == few
