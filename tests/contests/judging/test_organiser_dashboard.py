"""The organisers' judging dashboard: who may open it, what it shows, and what it costs."""

import datetime

import pytest
import time_machine

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contests.models import Entry, Recusal
from newsroom.models import Outlet
from newsroom.outlets import journalists_group_name

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"


def dashboard_url(contest):
    return reverse("contests_judging:dashboard", args=[contest.pk])


@pytest.fixture
def journalist(make_user, outlets):
    return make_user("phongvien", journalists_group_name(Outlet.NEWSPAPER))


def organiser_urls(contest):
    urls = [
        reverse("contests_judging:index"),
        dashboard_url(contest),
        reverse("contests_judging:export_scores", args=[contest.pk]) + "?export=csv",
        reverse("contests_judging:export_ranking", args=[contest.pk]) + "?export=xlsx",
    ]
    urls += [
        reverse(f"contests_judging:{step}", args=[contest.pk]) for step in ("close", "publish", "prizes")
    ]
    return urls


def test_judges_and_journalists_are_sent_away_from_every_organiser_page(
    client, judged_contest, make_judge, journalist
):
    for user in (make_judge(contest=judged_contest), journalist):
        client.force_login(user)
        for url in organiser_urls(judged_contest):
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"] == reverse("wagtailadmin_home"), url


def test_the_menu_shows_judging_to_organisers_only(client, judged_contest, organiser, make_judge):
    client.force_login(organiser)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("contests_judging:index") in home
    assert reverse("contests_judgeassignment:index") in home
    client.force_login(make_judge(contest=judged_contest))
    assert reverse("contests_judging:index") not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_contest_list_links_to_each_dashboard(client, judged_contest, organiser):
    client.force_login(organiser)
    response = client.get(reverse("contests_judging:index"))
    assert response.status_code == 200
    assert dashboard_url(judged_contest) in response.content.decode()
    empty = client.get(dashboard_url(judged_contest)).content.decode()
    assert "No judge is assigned to this contest yet" in empty
    assert reverse("contests_judgeassignment:add") in empty


def test_the_dashboard_shows_progress_ranking_ties_and_checks(
    client, judged_contest, organiser, make_judge, write_sheet
):
    writing, report = judged_contest.categories.all()
    first, second = Entry.objects.filter(category=writing, status=Entry.Status.ACCEPTED)
    Entry.objects.filter(pk=second.pk).update(title=SCRIPT)
    a = make_judge("giamkhao.a", contest=judged_contest)
    b = make_judge("giamkhao.b", contest=judged_contest, categories=[writing])
    b.first_name, b.last_name = "Lan", "Trần Thị"
    b.save()
    write_sheet(first, a, 8, 8)
    write_sheet(first, b, 8, 8)
    write_sheet(second, a, 9, 9)
    write_sheet(second, b, 7, 7)
    Recusal.objects.create(entry=Entry.objects.filter(category=report).first(), judge=a, reason="Đồng nghiệp")

    client.force_login(organiser)
    response = client.get(dashboard_url(judged_contest))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Scoring open" in html
    progress = {row.judge.username: row for row in response.context["scores"].progress}
    assert (
        progress["giamkhao.a"].scored,
        progress["giamkhao.a"].assigned,
        progress["giamkhao.a"].recused,
    ) == (
        2,
        3,
        1,
    )
    assert "Lan Trần Thị" in html and "2 / 3" in html and "2 / 2" in html
    ranking, rows = response.context["rankings"][0]
    assert [(tally.rank, tally.tied) for tally, _award in rows] == [(1, True), (1, True)]
    assert html.count('<span class="w-status w-status--primary">') == 2  # both marked tied
    assert SCRIPT not in html and "&lt;script&gt;" in html


def test_the_dashboard_of_an_unknown_contest_is_not_found(client, organiser):
    client.force_login(organiser)
    assert client.get(reverse("contests_judging:dashboard", args=[999999])).status_code == 404


def dashboard_queries(client, contest):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(dashboard_url(contest)).status_code == 200
    return len(queries)


def test_the_dashboard_costs_the_same_with_4_or_12_entries(
    client, judged_contest, organiser, make_judge, make_entry, write_sheet
):
    writing, report = judged_contest.categories.all()
    judges = [make_judge(contest=judged_contest), make_judge(contest=judged_contest, categories=[writing])]
    client.force_login(organiser)
    for entry in Entry.objects.filter(status=Entry.Status.ACCEPTED):
        write_sheet(entry, judges[0], 7, 8)
    dashboard_queries(client, judged_contest)  # warm the session and the admin's caches
    few = dashboard_queries(client, judged_contest)
    for category in (writing, report) * 4:
        entry = make_entry(judged_contest, category)
        write_sheet(entry, judges[0], 6, 9)
        write_sheet(entry, judges[1], 5, 5)
    assert Entry.objects.filter(status=Entry.Status.ACCEPTED).count() == 12
    assert dashboard_queries(client, judged_contest) == few


def test_while_entries_come_in_nobody_is_offered_to_close_judging(
    client, judged_contest, organiser, make_judge
):
    judge = make_judge("giamkhao.a", contest=judged_contest)
    close_url = reverse("contests_judging:close", args=[judged_contest.pk])

    with time_machine.travel(judged_contest.closes_at - datetime.timedelta(days=1), tick=False):
        client.force_login(organiser)
        dashboard = client.get(dashboard_url(judged_contest)).content.decode()
        listing = client.get(reverse("contests_judging:index")).content.decode()
        client.force_login(judge)
        judges_list = client.get(reverse("contests_judge_index")).content.decode()

    assert close_url not in dashboard
    assert (
        "Stage: Taking entries" in dashboard
        and "Entries are received until 17:00 ngày 30/4/2025" in dashboard
    )
    assert "Taking entries" in listing and "Scoring open" not in listing
    assert "Taking entries until 17:00" in judges_list
    client.force_login(organiser)
    assert close_url in client.get(dashboard_url(judged_contest)).content.decode()  # once the deadline passed
