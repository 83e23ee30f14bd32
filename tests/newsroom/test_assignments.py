"""Story assignments (Admin → Giao viết bài): an outlet's editors assign, its journalists see their own and report
them done, nobody else reaches them; a published story closes its assignment; the dashboard shows them
(newsroom/assignments.py, newsroom/admin_assignments.py, newsroom/assignments_panel.py)."""

import datetime
import re
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newsroom.models import Outlet, StoryAssignment
from newsroom.outlets import editors_group_name, journalists_group_name
from tests.newsroom.test_dashboard import dashboard, panel

NEWSPAPER, BROADCAST = Outlet.NEWSPAPER, Outlet.BROADCAST
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = datetime.date(2025, 1, 6)
INDEX_URL = reverse("newsroom_assignment:index")
ADD_URL = reverse("newsroom_assignment:add")


def edit_url(assignment):
    return reverse("newsroom_assignment:edit", args=[assignment.pk])


def refused(response):
    """Wagtail answers a refusal with 403, or with a redirect to the dashboard and an error message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def in_days(days):
    return TODAY + datetime.timedelta(days=days)


@pytest.fixture(autouse=True)
def monday_morning(time_machine):
    time_machine.move_to(datetime.datetime(2025, 1, 6, 9, tzinfo=HANOI), tick=False)


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


@pytest.fixture
def columns(outlets, make_column):
    return {
        NEWSPAPER: make_column(outlets[NEWSPAPER], "Điển hình tiên tiến"),
        BROADCAST: make_column(outlets[BROADCAST], "Bản tin tiếng Ê Đê"),
    }


def assign(journalist, editor, title="Gương sáng buôn Ea Tân", outlet=NEWSPAPER, due_on=None, **fields):
    return StoryAssignment.objects.create(
        outlet=outlet,
        title=title,
        journalist=journalist,
        assigned_by=editor,
        due_on=due_on or in_days(7),
        **fields,
    )


def form_data(journalist, **fields):
    return {
        "outlet": NEWSPAPER,
        "title": "Người giữ rừng ở Krông Bông",
        "brief": "Phỏng vấn già làng, ảnh ở rẫy; 1.200 chữ.",
        "journalist": journalist.pk,
        "due_on": in_days(5).isoformat(),
        **fields,
    }


def post(client, user, url, data):
    client.force_login(user)
    return client.post(url, data)


def form_errors(response):
    assert response.status_code == 200, "the form should come back with its errors"
    form = response.context["form"]
    return {field: " ".join(errors) for field, errors in form.errors.items()}


class TestAnEditor:
    def test_assigns_a_story_to_a_journalist_of_their_outlet(self, client, people, columns):
        data = form_data(people.journalist, target_page=columns[NEWSPAPER].pk)

        response = post(client, people.editor, ADD_URL, data)

        assert response.status_code == 302 and response["Location"] == INDEX_URL
        [assignment] = StoryAssignment.objects.all()
        assert (assignment.outlet, assignment.journalist, assignment.assigned_by) == (
            NEWSPAPER,
            people.journalist,
            people.editor,
        )
        assert assignment.status == StoryAssignment.Status.ASSIGNED and assignment.done_at is None
        assert assignment.target_page_id == columns[NEWSPAPER].pk

    def test_a_form_sent_twice_gives_one_assignment(self, client, people):
        data = form_data(people.journalist)
        assert post(client, people.editor, ADD_URL, data).status_code == 302

        again = post(client, people.editor, ADD_URL, data)

        assert "đã được giao" in form_errors(again)["__all__"]
        assert StoryAssignment.objects.count() == 1

    def test_cannot_assign_a_journalist_of_another_outlet(self, client, people):
        response = post(client, people.editor, ADD_URL, form_data(people.station_journalist))

        assert "journalist" in form_errors(response)
        assert not StoryAssignment.objects.exists()

    def test_a_superuser_cannot_give_a_newspaper_story_to_the_stations_journalist(self, client, people):
        response = post(client, people.administrator, ADD_URL, form_data(people.station_journalist))

        assert "không phải phóng viên của Báo Đắk Lắk" in form_errors(response)["journalist"]
        assert not StoryAssignment.objects.exists()

    def test_cannot_assign_for_another_outlet(self, client, people):
        data = form_data(people.station_journalist, outlet=BROADCAST)

        response = post(client, people.editor, ADD_URL, data)

        assert "outlet" in form_errors(response)
        assert not StoryAssignment.objects.exists()

    def test_cannot_aim_it_at_a_page_of_another_outlet(self, client, people, columns):
        data = form_data(people.journalist, target_page=columns[BROADCAST].pk)

        response = post(client, people.editor, ADD_URL, data)

        assert "target_page" in form_errors(response)

    def test_a_due_date_in_the_past_is_refused_with_a_message(self, client, people):
        response = post(client, people.editor, ADD_URL, form_data(people.journalist, due_on=in_days(-1)))

        assert "Hạn nộp đã qua" in form_errors(response)["due_on"]
        assert not StoryAssignment.objects.exists()

    def test_an_overdue_assignment_keeps_its_date_when_edited(self, client, people):
        late = assign(people.journalist, people.editor, due_on=in_days(-3))
        data = form_data(people.journalist, due_on=in_days(-3), title="Bài đã trễ hạn", status="assigned")

        assert post(client, people.editor, edit_url(late), data).status_code == 302

        late.refresh_from_db()
        assert (late.title, late.due_on) == ("Bài đã trễ hạn", in_days(-3))

    def test_cancels_an_assignment(self, client, people):
        assignment = assign(people.journalist, people.editor)

        data = form_data(people.journalist, title=assignment.title, status="cancelled")
        assert post(client, people.editor, edit_url(assignment), data).status_code == 302

        assignment.refresh_from_db()
        assert assignment.status == StoryAssignment.Status.CANCELLED
        assert panel(dashboard(client, people.journalist), "your_assignments") == ""

    def test_cancels_the_assignment_of_a_journalist_who_left_but_gives_them_no_new_one(self, client, people):
        assignment = assign(people.journalist, people.editor)
        people.journalist.groups.clear()

        data = form_data(people.journalist, title=assignment.title, status="cancelled")
        assert post(client, people.editor, edit_url(assignment), data).status_code == 302
        assignment.refresh_from_db()
        assert assignment.status == StoryAssignment.Status.CANCELLED

        response = post(client, people.editor, ADD_URL, form_data(people.journalist))
        assert "journalist" in form_errors(response)

    def test_of_another_outlet_cannot_open_or_change_it(self, client, people):
        assignment = assign(people.journalist, people.editor)
        client.force_login(people.station_editor)

        assert refused(client.get(edit_url(assignment)))
        data = form_data(people.journalist, title="Đổi tên", status="cancelled")
        assert refused(client.post(edit_url(assignment), data))
        assignment.refresh_from_db()
        assert (assignment.title, assignment.status) == ("Gương sáng buôn Ea Tân", "assigned")
        assert assignment.title not in client.get(INDEX_URL).content.decode()

    def test_cannot_delete_it_but_a_superuser_may(self, client, people):
        assignment = assign(people.journalist, people.editor)
        delete_url = reverse("newsroom_assignment:delete", args=[assignment.pk])
        client.force_login(people.editor)

        assert refused(client.post(delete_url))
        assert StoryAssignment.objects.filter(pk=assignment.pk).exists()
        client.force_login(people.administrator)
        client.post(delete_url)
        assert not StoryAssignment.objects.filter(pk=assignment.pk).exists()

    def test_title_and_brief_are_shown_as_text(self, client, people):
        script = '<script>alert("x")</script>'
        assignment = assign(people.journalist, people.editor, title=f"Bài {script}", brief=script)
        client.force_login(people.editor)

        listing = client.get(INDEX_URL).content.decode()
        form = client.get(edit_url(assignment)).content.decode()
        home = dashboard(client, people.journalist)

        for html in (listing, form, home):
            assert script not in html
        assert "&lt;script&gt;" in listing and "&lt;script&gt;" in home


class TestAJournalist:
    def test_cannot_open_the_form_nor_assign(self, client, people):
        client.force_login(people.journalist)

        assert refused(client.get(ADD_URL))
        assert refused(client.post(ADD_URL, form_data(people.journalist)))
        assert not StoryAssignment.objects.exists()

    def test_sees_only_their_own(self, client, people):
        mine = assign(people.journalist, people.editor, title="Bài của tôi")
        theirs = assign(people.colleague, people.editor, title="Bài của đồng nghiệp")
        client.force_login(people.journalist)

        listing = client.get(INDEX_URL).content.decode()

        assert mine.title in listing and theirs.title not in listing
        assert refused(client.get(edit_url(theirs)))
        assert refused(client.post(edit_url(theirs), {"status": "done"}))
        theirs.refresh_from_db()
        assert theirs.status == StoryAssignment.Status.ASSIGNED
        # Nor its history or usage, which name it and who worked on it.
        for view in ("history", "usage"):
            assert client.get(reverse(f"newsroom_assignment:{view}", args=[theirs.pk])).status_code == 404
            assert client.get(reverse(f"newsroom_assignment:{view}", args=[mine.pk])).status_code == 200

    def test_reports_their_story_done_but_cannot_reassign_or_rewrite_it(
        self, client, people, columns, make_article
    ):
        assignment = assign(people.journalist, people.editor, brief="Phỏng vấn già làng")
        story = make_article(columns[NEWSPAPER], "Già làng giữ rừng", live=False)
        client.force_login(people.journalist)
        page = client.get(edit_url(assignment)).content.decode()
        assert "Phỏng vấn già làng" in page and 'name="journalist"' not in page

        data = {"story": story.pk, "status": "done", "journalist": people.colleague.pk, "title": "Khác"}
        assert client.post(edit_url(assignment), data).status_code == 302

        assignment.refresh_from_db()
        assert (assignment.status, assignment.story_id) == ("done", story.pk)
        assert assignment.done_at is not None
        assert (assignment.journalist, assignment.title) == (people.journalist, "Gương sáng buôn Ea Tân")

    def test_links_only_an_article_of_their_outlet(self, client, people, columns, make_article):
        assignment = assign(people.journalist, people.editor)
        elsewhere = make_article(columns[BROADCAST], "Bản tin của đài")
        client.force_login(people.journalist)

        for page in (elsewhere, columns[NEWSPAPER]):
            response = client.post(edit_url(assignment), {"story": page.pk, "status": "done"})
            assert "story" in form_errors(response)
        assignment.refresh_from_db()
        assert assignment.story_id is None and assignment.status == "assigned"

    def test_of_another_outlet_cannot_open_it(self, client, people):
        assignment = assign(people.journalist, people.editor)
        client.force_login(people.station_journalist)

        assert refused(client.get(edit_url(assignment)))
        assert assignment.title not in client.get(INDEX_URL).content.decode()


def test_a_superuser_sees_every_outlets_assignments(client, people):
    ours = assign(people.journalist, people.editor, title="Bài của báo")
    theirs = assign(
        people.station_journalist, people.station_editor, title="Phóng sự của đài", outlet=BROADCAST
    )
    client.force_login(people.administrator)

    listing = client.get(INDEX_URL).content.decode()

    assert ours.title in listing and theirs.title in listing
    assert client.get(edit_url(theirs)).status_code == 200


class TestPublishingTheStory:
    def test_makes_the_assignment_done_once(self, people, columns, make_article, time_machine):
        story = make_article(columns[NEWSPAPER], "Già làng giữ rừng", live=False)
        assignment = assign(people.journalist, people.editor, story=story)
        cancelled = assign(people.colleague, people.editor, story=story, status="cancelled")

        story.save_revision().publish()
        assignment.refresh_from_db()
        first_done_at = assignment.done_at
        time_machine.shift(datetime.timedelta(hours=2))
        story.save_revision().publish()

        assignment.refresh_from_db()
        cancelled.refresh_from_db()
        assert assignment.status == "done" and assignment.done_at == first_done_at is not None
        assert cancelled.status == "cancelled" and cancelled.done_at is None

    def test_linking_a_story_already_live_makes_it_done(self, client, people, columns, make_article):
        story = make_article(columns[NEWSPAPER], "Bài đã đăng")
        assignment = assign(people.journalist, people.editor)

        post(client, people.journalist, edit_url(assignment), {"story": story.pk, "status": "assigned"})

        assignment.refresh_from_db()
        assert assignment.status == "done" and assignment.done_at is not None


class TestTheDashboard:
    def test_a_journalist_sees_their_open_assignments_the_overdue_marked(self, client, people):
        late = assign(people.journalist, people.editor, title="Bài trễ hạn", due_on=in_days(-2))
        coming = assign(people.journalist, people.editor, title="Bài sắp tới", due_on=in_days(3))
        assign(people.journalist, people.editor, title="Bài đã xong", status="done")
        assign(people.colleague, people.editor, title="Bài của đồng nghiệp")

        mine = panel(dashboard(client, people.journalist), "your_assignments")

        assert "Bài được giao cho bạn" in mine
        assert re.findall(r'data-assignment="(\d+)"', mine) == [str(late.pk), str(coming.pk)]
        assert re.search(rf'data-assignment="{late.pk}" data-overdue', mine)
        assert not re.search(rf'data-assignment="{coming.pk}" data-overdue', mine)
        assert "Quá hạn" in mine and "3 ngày" in mine and "4/1/2025" in mine
        assert "Bài đã xong" not in mine and "Bài của đồng nghiệp" not in mine

    def test_an_editor_sees_their_outlets_assignments_overdue_or_due_this_week(self, client, people):
        late = assign(people.journalist, people.editor, title="Bài trễ hạn", due_on=in_days(-2))
        this_week = assign(people.colleague, people.editor, title="Bài tuần này", due_on=in_days(7))
        assign(people.journalist, people.editor, title="Bài tháng sau", due_on=in_days(30))
        assign(people.station_journalist, people.station_editor, title="Bài của đài", outlet=BROADCAST)

        html = dashboard(client, people.editor)
        theirs = panel(html, "outlet_assignments")

        assert re.findall(r'data-assignment="(\d+)"', theirs) == [str(late.pk), str(this_week.pk)]
        assert "phongvien2.bao" in theirs and "Bài của đài" not in html and "Bài tháng sau" not in html
        assert panel(html, "your_assignments") == ""

    def test_the_journalist_panel_comes_first_and_the_anniversaries_last(self, client, people):
        assign(people.journalist, people.editor)

        html = dashboard(client, people.journalist)

        assert html.index('id="your_assignments-section"') < html.index('id="anniversaries-section"')


def count_queries(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
    return len(queries)


def test_the_dashboard_costs_the_same_queries_for_10_assignments_as_for_2(client, people, columns):
    def add(count):
        for number in range(count):
            assign(people.journalist, people.editor, title=f"Bài {number}", due_on=in_days(number % 5 - 2))
            target = {"target_page": columns[NEWSPAPER]} if number % 2 else {}
            assign(people.colleague, people.editor, title=f"Bài khác {number}", due_on=in_days(1), **target)

    add(2)
    # A first visit fills the caches of the process (content types, sites) that every later visit finds full.
    count_queries(client, people.journalist)
    few = {user: count_queries(client, user) for user in (people.journalist, people.editor)}
    StoryAssignment.objects.all().delete()
    add(10)
    many = {user: count_queries(client, user) for user in (people.journalist, people.editor)}

    assert many == few


def test_the_list_costs_the_same_queries_for_10_assignments_as_for_2(client, people, columns):
    def listing_queries():
        client.force_login(people.editor)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(INDEX_URL).status_code == 200
        return len(queries)

    for number in range(2):
        assign(people.journalist, people.editor, title=f"Bài {number}", target_page=columns[NEWSPAPER])
    few = listing_queries()
    for number in range(2, 10):
        assign(people.colleague, people.editor, title=f"Bài {number}", target_page=columns[NEWSPAPER])

    assert listing_queries() == few
