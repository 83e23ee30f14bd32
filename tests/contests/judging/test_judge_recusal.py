"""Recusal: the judge steps aside from an entry, which disappears for them, with their sheet for it."""

import pytest

from django.urls import reverse
from django.utils import timezone

from contests.models import Entry, Judging, Recusal, ScoreSheet

pytestmark = pytest.mark.django_db


def recuse_url(entry):
    return reverse("contests_judge_recuse", args=[entry.pk])


def test_recusing_removes_the_entry_and_the_judges_sheet_for_it(client, judge, entry, write_sheet):
    write_sheet(entry, judge, 7, 7)
    form = client.get(recuse_url(entry)).content.decode()
    assert "Your scores for it will be deleted" in form

    response = client.post(recuse_url(entry), {"reason": "Tác giả là cháu ruột của tôi"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("contests_judge_contest", args=[entry.contest.pk])
    assert "Your scores for it have been deleted" in response.content.decode()
    assert Recusal.objects.get(entry=entry, judge=judge).reason == "Tác giả là cháu ruột của tôi"
    assert not ScoreSheet.objects.filter(entry=entry, judge=judge).exists()
    assert reverse("contests_judge_entry", args=[entry.pk]) not in response.content.decode()
    for url in [reverse("contests_judge_entry", args=[entry.pk]), recuse_url(entry)]:
        assert client.get(url).status_code == 404


def test_another_judges_sheet_stays_when_one_judge_recuses(client, judge, entry, make_judge, write_sheet):
    colleague = make_judge(contest=entry.contest)
    write_sheet(entry, colleague, 9, 9)
    response = client.post(recuse_url(entry), {"reason": "Đồng nghiệp cùng cơ quan"}, follow=True)
    assert "Your scores for it have been deleted" not in response.content.decode()
    assert ScoreSheet.objects.filter(entry=entry, judge=colleague).exists()


def test_a_recusal_needs_a_reason(client, judge, entry):
    response = client.post(recuse_url(entry), {"reason": "   "})
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    assert not Recusal.objects.exists()


def test_recusing_after_judging_closed_is_forbidden(client, judge, entry, organiser, write_sheet):
    write_sheet(entry, judge, 7, 7)
    Judging.objects.create(contest=entry.contest, closed_at=timezone.now(), closed_by=organiser)

    assert client.get(recuse_url(entry)).status_code == 403
    response = client.post(recuse_url(entry), {"reason": "Muộn rồi"})
    assert response.status_code == 403 and "closed" in response.content.decode()
    assert not Recusal.objects.exists() and ScoreSheet.objects.filter(entry=entry, judge=judge).exists()
    assert (
        recuse_url(entry) not in client.get(reverse("contests_judge_entry", args=[entry.pk])).content.decode()
    )


def test_nobody_recuses_for_a_judge_of_another_category(client, judged_contest, make_judge):
    report = judged_contest.categories.get(name="Phóng sự")
    client.force_login(make_judge(contest=judged_contest, categories=[report]))
    writing_entry = judged_contest.entries.filter(
        category__name="Bút ký", status=Entry.Status.ACCEPTED
    ).first()
    assert client.post(recuse_url(writing_entry), {"reason": "Thử"}).status_code == 404
    assert not Recusal.objects.exists()
