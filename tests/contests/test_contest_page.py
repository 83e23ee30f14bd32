"""The contest page: its phase in the province's clock, the countdown, and the rules it states."""

import datetime

import time_machine

from django.urls import reverse

from wagtail.models import Page

from contests.models import ContestCategory, ContestPrize, Phase, RubricCriterion

from .conftest import CLOSES_AT, DURING, OPENS_AT


def test_the_phase_follows_the_clock_to_the_second(contest):
    assert contest.phase(OPENS_AT - datetime.timedelta(seconds=1)) == Phase.UPCOMING
    assert contest.phase(OPENS_AT) == Phase.OPEN
    assert contest.phase(CLOSES_AT - datetime.timedelta(seconds=1)) == Phase.OPEN
    assert contest.phase(CLOSES_AT) == Phase.CLOSED


def moved_away_and_back(row, elsewhere):
    """`row` rewritten as PostgreSQL rewrites a row whose indexed column changes: last in its table and in the
    index on its contest, so that its place in a scan says nothing of the order it was written in."""
    rows = type(row).objects.filter(pk=row.pk)
    home = row.contest_id
    rows.update(contest=elsewhere)
    rows.update(contest=home)


def test_categories_prizes_and_criteria_written_without_an_order_keep_the_order_they_were_written_in(
    client, contest, make_contest
):
    other = make_contest(title="Cuộc thi khác")
    for model in (ContestCategory, ContestPrize, RubricCriterion):
        first_written = model.objects.filter(contest=contest).earliest("pk")
        assert first_written.sort_order is None
        moved_away_and_back(first_written, other)
    contest.refresh_from_db()
    assert [category.name for category in contest.categories.all()] == ["Bút ký", "Phóng sự"]
    assert [prize.name for prize in contest.prizes.all()] == ["Giải Nhất", "Giải Nhì"]
    assert [criterion.name for criterion in contest.rubric_criteria.all()] == ["Nội dung", "Nghệ thuật"]
    html = client.get(contest.url).content.decode()
    assert html.index("1 Giải Nhất") < html.index("2 Giải Nhì")


@time_machine.travel(OPENS_AT - datetime.timedelta(days=2, hours=3), tick=False)
def test_an_upcoming_contest_counts_down_to_its_opening(client, contest):
    html = client.get(contest.url).content.decode()
    assert "Sắp mở" in html and "Bắt đầu nhận bài từ 14:00 ngày 1/3/2025" in html
    assert "2 ngày 3 giờ" in html
    assert 'name="title"' not in html


@time_machine.travel(CLOSES_AT - datetime.timedelta(hours=5, minutes=30), tick=False)
def test_an_open_contest_shows_the_form_and_counts_down_to_the_deadline(client, contest):
    html = client.get(contest.url).content.decode()
    assert "Đang nhận bài" in html and "Hạn cuối nhận bài: 17:00 ngày 30/4/2025" in html
    assert "5 giờ 30 phút" in html and f'datetime="{CLOSES_AT.astimezone().isoformat()}"' not in html
    assert 'data-countdown datetime="2025-04-30T17:00:00+07:00"' in html
    assert 'name="title"' in html and 'name="submission_token"' in html
    assert "tối đa 10 MB" in html


@time_machine.travel(CLOSES_AT + datetime.timedelta(minutes=1), tick=False)
def test_a_closed_contest_says_so_and_has_no_form(client, contest):
    html = client.get(contest.url).content.decode()
    assert "Đã hết hạn nhận bài" in html and 'name="title"' not in html


@time_machine.travel(DURING, tick=False)
def test_the_index_lists_contests_by_phase(client, contest_index, make_contest):
    make_contest("Cuộc thi đang mở")
    make_contest(
        "Cuộc thi đã qua", opens_at=OPENS_AT.replace(year=2024), closes_at=CLOSES_AT.replace(year=2024)
    )
    html = client.get(contest_index.url).content.decode()
    assert html.index("Đang nhận bài") < html.index("Cuộc thi đang mở") < html.index("Đã hết hạn nhận bài")
    assert html.index("Đã hết hạn nhận bài") < html.index("Cuộc thi đã qua")


@time_machine.travel(DURING, tick=False)
def test_the_index_shows_each_contest_as_a_card_in_its_picture(
    client, contest_index, make_contest, make_image
):
    make_contest(
        "Cuộc thi có ảnh", lead_image=make_image("Bàn viết", description="Trang giấy và cây bút trên bàn")
    )
    make_contest(
        "Cuộc thi không ảnh", opens_at=OPENS_AT.replace(year=2024), closes_at=CLOSES_AT.replace(year=2024)
    )
    html = client.get(contest_index.url).content.decode()
    assert html.count('class="card card--contest"') == 1
    assert html.count('class="card card--contest card--text"') == 1
    assert 'alt="Trang giấy và cây bút trên bàn"' in html and "image/avif" in html


def test_the_admin_adds_a_contest_under_a_contest_index_only(client, contest_index, outlets, make_user):
    client.force_login(make_user("quantri", is_superuser=True))

    def add_form(parent):
        return client.get(reverse("wagtailadmin_pages:add", args=["contests", "contestpage", parent.pk]))

    elsewhere = [add_form(Page.get_first_root_node()), add_form(outlets["newspaper"])]

    refused = (302, reverse("wagtailadmin_home"))  # Wagtail refuses with a redirect to its dashboard
    assert add_form(contest_index).status_code == 200
    assert [(page.status_code, page.get("Location")) for page in elsewhere] == [refused, refused]
