"""The admin's home page as the newsroom's roles meet it: each one's own work first, never another outlet's, and
only links the user may follow (newsroom/dashboard.py, newsroom/own_work.py, newsroom/anniversaries_panel.py)."""

import datetime
import re
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.admin.views.home import HomeView
from wagtail.models import GroupApprovalTask, GroupPagePermission, WorkflowState, WorkflowTask

from newsroom.models import ArticlePage, CampaignPage, HistoricEvent, Outlet
from newsroom.models.calendar import ensure_plan_events
from newsroom.outlets import editors_group_name, journalists_group_name, page_permission
from newsroom.own_work import PANEL_LIMIT, tasks_with_status

NEWSPAPER, BROADCAST, PORTAL = Outlet.NEWSPAPER, Outlet.BROADCAST, Outlet.PORTAL
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
COMMENT = "Bổ sung ý kiến của chính quyền xã; kiểm tra lại số liệu diện tích đất hiến."


@pytest.fixture
def columns(outlets, make_column):
    return {
        NEWSPAPER: make_column(outlets[NEWSPAPER], "Điển hình tiên tiến"),
        BROADCAST: make_column(outlets[BROADCAST], "Bản tin tiếng Ê Đê"),
        PORTAL: make_column(outlets[PORTAL], "Gương sáng"),
    }


@pytest.fixture
def people(make_user, outlets):
    return SimpleNamespace(
        journalist=make_user("phongvien.bao", journalists_group_name(NEWSPAPER)),
        colleague=make_user("phongvien2.bao", journalists_group_name(NEWSPAPER)),
        editor=make_user("bientap.bao", editors_group_name(NEWSPAPER)),
        station_journalist=make_user("phongvien.dai", journalists_group_name(BROADCAST)),
        station_editor=make_user("bientap.dai", editors_group_name(BROADCAST)),
        administrator=make_user("quantri", is_superuser=True),
    )


def draft(column, title, owner):
    page = column.add_child(instance=ArticlePage(title=title, live=False, owner=owner))
    page.save_revision(user=owner, log_action=True)
    return page


def submitted(column, title, owner):
    page = draft(column, title, owner)
    page.get_workflow().start(page, owner)
    return page


def returned(column, title, owner, reviewer, comment=COMMENT):
    page = submitted(column, title, owner)
    page.current_workflow_task_state.reject(user=reviewer, comment=comment)
    return page


def scheduled(column, title, owner, publisher, go_live_at):
    page = draft(column, title, owner)
    page.go_live_at = go_live_at
    page.save_revision(user=owner).publish(user=publisher)
    return page


def published(column, title, owner, expire_at=None):
    page = column.add_child(instance=ArticlePage(title=title, live=False, owner=owner, expire_at=expire_at))
    page.save_revision(user=owner).publish()
    return ArticlePage.objects.get(pk=page.pk)


def admin_access():
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def group_with_page_permission(name, outlets, permission_type):
    """A group allowed into the admin with one page permission on the newspaper's home; its name."""
    group = Group.objects.create(name=name)
    group.permissions.add(admin_access())
    GroupPagePermission.objects.create(
        group=group, page=outlets[NEWSPAPER], permission=page_permission(permission_type)
    )
    return group.name


def refused(response):
    """Wagtail answers a refusal with 403, or with a redirect to the dashboard and an error message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def in_days(days):
    return timezone.now() + datetime.timedelta(days=days)


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def panel(html, name):
    """The HTML of the dashboard panel whose section id is `name`-section, or "" when it is not shown."""
    match = re.search(rf'<section[^>]* id="{name}-section".*?</section>', html, re.S)
    return match.group(0) if match else ""


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_campaign_url(home):
    return reverse("wagtailadmin_pages:add", args=["newsroom", "campaignpage", home.pk])


def positions(html, *names):
    """Where each named panel starts on the page (a missing panel fails the test)."""
    return [html.index(f'id="{name}-section"') for name in names]


class TestAJournalist:
    def test_sees_their_drafts_latest_first_and_not_what_waits_elsewhere(self, client, columns, people):
        column = columns[NEWSPAPER]
        first = draft(column, "Nông dân Krông Pắc làm giàu từ cà phê", people.journalist)
        second = draft(column, "Giữ lửa cồng chiêng ở buôn Akõ Dhông", people.journalist)
        edited = draft(column, "Bài của đồng nghiệp, mình sửa sau", people.colleague)
        edited.save_revision(user=people.journalist)
        colleagues = draft(column, "Bài nháp của đồng nghiệp", people.colleague)
        live = published(column, "Bài đã đăng", people.journalist)
        in_review = submitted(column, "Bài đang chờ duyệt", people.journalist)
        going_live = scheduled(column, "Bài hẹn giờ", people.journalist, people.editor, in_days(2))

        drafts = panel(dashboard(client, people.journalist), "drafts")

        linked = re.findall(r'<a href="/admin/pages/(\d+)/edit/">', drafts)
        assert linked == [str(page.pk) for page in (edited, second, first)]
        assert "Điển hình tiên tiến" in drafts
        for elsewhere in (colleagues, live, in_review, going_live):
            assert edit_url(elsewhere) not in drafts

    def test_finds_a_returned_page_with_the_reviewers_comment_until_they_resubmit(
        self, client, columns, people
    ):
        page = returned(
            columns[NEWSPAPER], "Cựu chiến binh hiến đất mở đường", people.journalist, people.editor
        )

        html = dashboard(client, people.journalist)
        returned_panel = panel(html, "returned_pages")
        assert edit_url(page) in returned_panel
        assert COMMENT in returned_panel and "bientap.bao" in returned_panel
        assert edit_url(page) not in panel(html, "drafts")
        assert edit_url(page) not in panel(html, "objects-in-workflow")

        page.current_workflow_state.resume(user=people.journalist)

        html = dashboard(client, people.journalist)
        assert panel(html, "returned_pages") == ""
        assert edit_url(page) in panel(html, "objects-in-workflow")

    def test_sees_their_scheduled_pages_but_not_a_colleagues(self, client, columns, people):
        column = columns[NEWSPAPER]
        going_live_at = datetime.datetime(2031, 3, 10, 7, 30, tzinfo=HANOI)
        theirs = scheduled(
            column, "Kỷ niệm ngày Báo chí cách mạng", people.journalist, people.editor, going_live_at
        )
        live = published(column, "Bài đã đăng sẽ được sửa", people.journalist)
        live.go_live_at = in_days(3)
        live.save_revision(user=people.journalist).publish(user=people.editor)
        colleagues = scheduled(
            column, "Bài hẹn giờ của đồng nghiệp", people.colleague, people.editor, in_days(1)
        )

        scheduled_panel = panel(dashboard(client, people.journalist), "scheduled_pages")

        assert edit_url(theirs) in scheduled_panel and "07:30 ngày 10/3/2031" in scheduled_panel
        assert edit_url(live) in scheduled_panel and "Thay đổi của một trang đang hiển thị" in scheduled_panel
        assert edit_url(colleagues) not in scheduled_panel

    def test_of_the_newspaper_sees_nothing_of_the_stations_work(self, client, columns, people):
        station = columns[BROADCAST]
        stations = [
            draft(station, "Bản nháp của đài", people.station_journalist),
            returned(station, "Bài đài bị trả lại", people.station_journalist, people.station_editor),
            submitted(station, "Bài đài đang chờ duyệt", people.station_journalist),
            scheduled(
                station, "Bài đài hẹn giờ", people.station_journalist, people.station_editor, in_days(1)
            ),
            # What the journalist wrote there before joining the newspaper is no longer theirs to open.
            draft(station, "Bản nháp cũ ở đài", people.journalist),
            returned(station, "Bài cũ ở đài bị trả lại", people.journalist, people.station_editor),
            submitted(station, "Bài cũ ở đài đang chờ duyệt", people.journalist),
            scheduled(station, "Bài cũ ở đài hẹn giờ", people.journalist, people.station_editor, in_days(1)),
        ]
        station_live = published(station, "Bài đài sắp hết hạn", people.station_journalist, in_days(2))
        station_live.save_revision(user=people.journalist, log_action=True)

        html = dashboard(client, people.journalist)

        for page in [*stations, station_live]:
            assert page.title not in html and edit_url(page) not in html

    def test_gets_no_review_queue_nor_expiring_pages_of_their_outlet(self, client, columns, people):
        waiting = submitted(columns[NEWSPAPER], "Bài của đồng nghiệp chờ duyệt", people.colleague)
        expiring = published(columns[NEWSPAPER], "Bài sắp hết hạn", people.colleague, in_days(2))

        html = dashboard(client, people.journalist)

        assert panel(html, "awaiting-review") == "" and panel(html, "expiring_pages") == ""
        assert waiting.title not in html and expiring.title not in html
        # The editor of the outlet does get them.
        editors = dashboard(client, people.editor)
        assert edit_url(waiting) in panel(editors, "awaiting-review")
        assert edit_url(expiring) in panel(editors, "expiring_pages")

    def test_meets_their_work_first_in_vietnamese_and_the_anniversaries_after(
        self, client, columns, people, outlets
    ):
        ensure_plan_events()
        column = columns[NEWSPAPER]
        returned(column, "Bài bị trả lại", people.journalist, people.editor)
        draft(column, "Bản nháp", people.journalist)
        submitted(column, "Bài chờ duyệt", people.journalist)
        scheduled(column, "Bài hẹn giờ", people.journalist, people.editor, in_days(1))

        html = dashboard(client, people.journalist)

        order = positions(
            html,
            "returned_pages",
            "drafts",
            "objects-in-workflow",
            "scheduled_pages",
            "recent-edits",
            "anniversaries",
        )
        assert order == sorted(order)
        for heading in (
            "Trả lại để bạn sửa",
            "Bản nháp của bạn",
            "Hẹn giờ xuất bản",
            "Góp ý của người duyệt",
        ):
            assert heading in html


class TestAnEditor:
    def test_reviews_the_pages_waiting_in_their_outlet_only(self, client, columns, people):
        ours = [submitted(columns[NEWSPAPER], f"Bài báo chờ duyệt {n}", people.journalist) for n in (1, 2)]
        theirs = submitted(columns[BROADCAST], "Bài đài chờ duyệt", people.station_journalist)
        sent_back = returned(columns[NEWSPAPER], "Bài đã trả lại", people.journalist, people.editor)

        newspaper = panel(dashboard(client, people.editor), "awaiting-review")
        station = panel(dashboard(client, people.station_editor), "awaiting-review")

        assert all(edit_url(page) in newspaper for page in ours)
        assert edit_url(theirs) not in newspaper and theirs.title not in newspaper
        assert edit_url(sent_back) not in newspaper
        assert edit_url(theirs) in station
        assert not any(page.title in station for page in ours)

    def test_sees_the_scheduled_and_soon_expiring_pages_of_their_outlet_only(self, client, columns, people):
        news, station = columns[NEWSPAPER], columns[BROADCAST]
        ours = scheduled(news, "Bài báo hẹn giờ", people.journalist, people.editor, in_days(2))
        theirs = scheduled(
            station, "Bài đài hẹn giờ", people.station_journalist, people.station_editor, in_days(1)
        )
        soon = published(news, "Bài báo hết hạn sau 3 ngày", people.journalist, in_days(3))
        later = published(news, "Bài báo hết hạn sau 10 ngày", people.journalist, in_days(10))
        station_soon = published(station, "Bài đài hết hạn sau 2 ngày", people.station_journalist, in_days(2))

        html = dashboard(client, people.editor)

        scheduled_panel, expiring_panel = panel(html, "scheduled_pages"), panel(html, "expiring_pages")
        assert edit_url(ours) in scheduled_panel and edit_url(theirs) not in scheduled_panel
        assert edit_url(soon) in expiring_panel
        assert edit_url(later) not in expiring_panel and edit_url(station_soon) not in expiring_panel
        assert theirs.title not in html and station_soon.title not in html

    def test_meets_the_review_queue_first_and_the_anniversaries_after(self, client, columns, people):
        ensure_plan_events()
        news = columns[NEWSPAPER]
        submitted(news, "Bài chờ duyệt", people.journalist)
        scheduled(news, "Bài hẹn giờ", people.journalist, people.editor, in_days(2))
        published(news, "Bài sắp hết hạn", people.journalist, in_days(3))

        html = dashboard(client, people.editor)

        order = positions(html, "awaiting-review", "scheduled_pages", "expiring_pages", "anniversaries")
        assert order == sorted(order)
        assert "Sắp hết hạn" in html and "Đang chờ bạn duyệt" in html

    def test_keeps_the_exemplar_drafts_panel_once_and_the_anniversaries_last(self, people):
        request = RequestFactory().get(reverse("wagtailadmin_home"))
        request.user = people.editor

        panels = sorted(HomeView(request=request).get_panels(), key=lambda panel: panel.order)

        names = [panel.name for panel in panels]
        assert names.count("approved_nomination_drafts") == 1
        assert names[-1] == "anniversaries"


class TestTheCreateColumnLinks:
    @pytest.fixture
    def missing_columns(self, time_machine, outlets):
        """The plan's anniversaries of 2025 ahead, no outlet's special column made yet."""
        time_machine.move_to(datetime.datetime(2025, 1, 1, 9, tzinfo=HANOI), tick=False)
        ensure_plan_events()

    def test_an_editor_is_offered_only_their_own_outlet_and_the_others_refuse_them(
        self, client, outlets, people, missing_columns
    ):
        html = dashboard(client, people.editor)

        assert add_campaign_url(outlets[NEWSPAPER]) in html
        for other in (BROADCAST, PORTAL):
            assert add_campaign_url(outlets[other]) not in html
            assert refused(client.get(add_campaign_url(outlets[other])))
        assert client.get(add_campaign_url(outlets[NEWSPAPER])).status_code == 200

    def test_an_administrator_is_offered_every_outlet(self, client, outlets, people, missing_columns):
        html = dashboard(client, people.administrator)

        assert all(add_campaign_url(home) in html for home in outlets.values())

    def test_each_link_follows_the_page_permissions_a_group_holds(
        self, client, outlets, make_user, people, missing_columns
    ):
        """A contributor may add pages (and edit their own); a proofreader may change pages but add none."""
        contributor = make_user(
            "congtacvien", group_with_page_permission("Cộng tác viên báo", outlets, "add")
        )
        proofreader = make_user("hieudinh", group_with_page_permission("Hiệu đính báo", outlets, "change"))
        campaign = outlets[NEWSPAPER].add_child(
            instance=CampaignPage(
                title="Chuyên mục 50 năm Chiến thắng Buôn Ma Thuột",
                event=HistoricEvent.objects.get(name="Chiến thắng Buôn Ma Thuột"),
                anniversary_year=2025,
                window_start=datetime.date(2025, 1, 1),
                window_end=datetime.date(2025, 3, 31),
                owner=people.editor,
            )
        )
        add_url = add_campaign_url(outlets[NEWSPAPER])

        contributors_view = panel(dashboard(client, contributor), "anniversaries")
        proofreaders_view = panel(dashboard(client, proofreader), "anniversaries")

        assert add_url in contributors_view and edit_url(campaign) not in contributors_view
        assert edit_url(campaign) in proofreaders_view and add_url not in proofreaders_view
        assert refused(client.get(add_url))
        assert client.get(edit_url(campaign)).status_code == 200

    def test_someone_outside_the_outlets_gets_no_anniversary_table(self, client, make_user, missing_columns):
        outsider = make_user("nguoingoai")
        outsider.user_permissions.add(admin_access())

        assert panel(dashboard(client, outsider), "anniversaries") == ""


class TestAnAdministrator:
    def test_sees_every_outlets_queue_and_schedule_and_where_each_page_belongs(self, client, columns, people):
        news, station = columns[NEWSPAPER], columns[BROADCAST]
        waiting = [
            submitted(news, "Bài báo chờ duyệt", people.journalist),
            submitted(station, "Bài đài chờ duyệt", people.station_journalist),
        ]
        going_live = [
            scheduled(news, "Bài báo hẹn giờ", people.journalist, people.editor, in_days(1)),
            scheduled(
                station, "Bài đài hẹn giờ", people.station_journalist, people.station_editor, in_days(2)
            ),
        ]
        expiring = published(station, "Bài đài sắp hết hạn", people.station_journalist, in_days(1))
        someone_elses = draft(news, "Bản nháp của phóng viên", people.journalist)

        html = dashboard(client, people.administrator)

        assert all(edit_url(page) in panel(html, "awaiting-review") for page in waiting)
        scheduled_panel = panel(html, "scheduled_pages")
        assert all(edit_url(page) in scheduled_panel for page in going_live)
        assert Outlet.NEWSPAPER.label in scheduled_panel and Outlet.BROADCAST.label in scheduled_panel
        assert edit_url(expiring) in panel(html, "expiring_pages")
        # Drafts are one's own: the administrator has none.
        assert panel(html, "drafts") == "" and edit_url(someone_elses) not in html


def count_queries(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
    return len(queries)


def test_a_dashboard_costs_the_same_queries_for_10_pages_of_each_kind_as_for_2(client, columns, people):
    news = columns[NEWSPAPER]
    created = iter(range(1000))

    def add_work(count):
        for _ in range(count):
            number = next(created)
            draft(news, f"Bản nháp {number}", people.journalist)
            submitted(news, f"Bài chờ duyệt {number}", people.journalist)
            returned(news, f"Bài trả lại {number}", people.journalist, people.editor)
            scheduled(news, f"Bài hẹn giờ {number}", people.journalist, people.editor, in_days(2))
            published(news, f"Bài sắp hết hạn {number}", people.journalist, in_days(3))

    add_work(2)
    with_2 = {
        user: count_queries(client, user) for user in (people.journalist, people.editor, people.administrator)
    }
    add_work(PANEL_LIMIT - 2)
    with_10 = {
        user: count_queries(client, user) for user in (people.journalist, people.editor, people.administrator)
    }

    assert with_10 == with_2
    html = dashboard(client, people.editor)
    assert len(re.findall(r"Bài chờ duyệt \d+", panel(html, "awaiting-review"))) == PANEL_LIMIT


def test_the_tasks_of_each_waiting_page_are_those_wagtail_reads_page_by_page(columns, people, outlets):
    """newsroom.own_work.tasks_with_status against WorkflowState.all_tasks_with_status, on a two-step workflow."""
    legal = GroupApprovalTask.objects.create(name="Pháp chế duyệt")
    legal.groups.set([Group.objects.get(name=editors_group_name(NEWSPAPER))])
    workflow = outlets[NEWSPAPER].get_workflow()
    WorkflowTask.objects.create(workflow=workflow, task=legal, sort_order=1)
    at_first_step = submitted(columns[NEWSPAPER], "Ở bước một", people.journalist)
    at_second_step = submitted(columns[NEWSPAPER], "Ở bước hai", people.journalist)
    at_second_step.current_workflow_task_state.approve(user=people.editor)
    sent_back = returned(columns[NEWSPAPER], "Bị trả lại", people.journalist, people.editor)
    resubmitted = returned(columns[NEWSPAPER], "Bị trả lại rồi gửi lại", people.journalist, people.editor)
    resubmitted.current_workflow_state.resume(user=people.journalist)
    states = list(
        WorkflowState.objects.filter(
            object_id__in=[str(p.pk) for p in (at_first_step, at_second_step, sent_back, resubmitted)]
        )
    )

    ours = tasks_with_status(states)

    def summary(tasks):
        return [(task.pk, task.name, task.status, str(task.status_display)) for task in tasks]

    assert {state.pk: summary(ours[state.pk]) for state in states} == {
        state.pk: summary(state.all_tasks_with_status()) for state in states
    }
    assert [task.status for task in ours[WorkflowState.objects.get(object_id=str(at_second_step.pk)).pk]] == [
        "approved",
        "in_progress",
    ]
