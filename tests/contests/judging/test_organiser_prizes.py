"""Prizes: awarded after closing, to accepted entries of the contest, never beyond their number, one per entry."""

import pytest

from django.contrib.messages import get_messages
from django.urls import reverse

from contests.models import ContestPrize, Entry, PrizeAward
from contests.organiser_actions import Refused, award_prize, close_judging, publish_results

pytestmark = pytest.mark.django_db


def prizes_url(contest):
    return reverse("contests_judging:prizes", args=[contest.pk])


@pytest.fixture
def closed_contest(judged_contest, organiser):
    close_judging(judged_contest, organiser)
    return judged_contest


@pytest.fixture
def as_organiser(client, organiser):
    client.force_login(organiser)
    return client


def prize(contest, name):
    return ContestPrize.objects.get(contest=contest, name=name)


def accepted(contest):
    return list(Entry.objects.filter(contest=contest, status=Entry.Status.ACCEPTED))


def post_award(client, contest, prize_name, entry):
    return client.post(prizes_url(contest), {"prize": prize(contest, prize_name).pk, "entry": entry.pk})


def test_an_organiser_awards_a_prize(as_organiser, closed_contest, organiser, make_judge, write_sheet):
    first = accepted(closed_contest)[0]
    write_sheet(first, make_judge(contest=closed_contest), 9, 8)
    page = as_organiser.get(prizes_url(closed_contest))
    # The entries are offered with their rank and mean.
    assert page.status_code == 200 and "#1, mean 8.60" in page.content.decode()

    response = post_award(as_organiser, closed_contest, "Giải Nhất", first)
    assert response.status_code == 302
    award = PrizeAward.objects.get()
    assert (award.entry, award.prize.name, award.awarded_by) == (first, "Giải Nhất", organiser)


def test_a_prize_is_never_given_beyond_its_number(as_organiser, closed_contest):
    first, second, third, _ = accepted(closed_contest)
    post_award(as_organiser, closed_contest, "Giải Nhì", first)
    post_award(as_organiser, closed_contest, "Giải Nhì", second)
    response = post_award(as_organiser, closed_contest, "Giải Nhì", third)
    assert response.status_code == 400
    assert "“Giải Nhì” has already been awarded 2 times, as many as there are." in response.content.decode()
    assert PrizeAward.objects.filter(prize__name="Giải Nhì").count() == 2


def test_an_entry_wins_one_prize_only(as_organiser, closed_contest):
    first = accepted(closed_contest)[0]
    post_award(as_organiser, closed_contest, "Giải Nhất", first)
    response = post_award(as_organiser, closed_contest, "Giải Nhì", first)
    assert response.status_code == 400
    assert "This entry already has the prize “Giải Nhất”" in response.content.decode()
    assert PrizeAward.objects.count() == 1


def test_disqualified_entries_and_other_contests_entries_win_nothing(
    as_organiser, closed_contest, make_contest, make_entry
):
    disqualified = Entry.objects.get(contest=closed_contest, status=Entry.Status.DISQUALIFIED)
    response = post_award(as_organiser, closed_contest, "Giải Nhất", disqualified)
    assert (
        response.status_code == 400
        and "Only entries accepted for judging can win a prize" in response.content.decode()
    )

    elsewhere = make_entry(make_contest(title="Cuộc thi khác"))
    response = post_award(as_organiser, closed_contest, "Giải Nhất", elsewhere)
    assert response.status_code == 400 and "Choose an entry of this contest." in response.content.decode()
    with pytest.raises(Refused, match="một cuộc thi khác"):
        award_prize(prize(closed_contest, "Giải Nhất"), elsewhere, None)
    assert not PrizeAward.objects.exists()


def test_prizes_wait_for_judging_to_close(as_organiser, judged_contest):
    response = post_award(as_organiser, judged_contest, "Giải Nhất", accepted(judged_contest)[0])
    assert (
        response.status_code == 400
        and "Prizes are awarded once judging is closed." in response.content.decode()
    )
    assert not PrizeAward.objects.exists()


def test_an_award_is_removed_until_publication(as_organiser, closed_contest, organiser):
    first, second = accepted(closed_contest)[:2]
    removable = award_prize(prize(closed_contest, "Giải Nhì"), first, organiser)
    kept = award_prize(prize(closed_contest, "Giải Nhất"), second, organiser)
    as_organiser.post(reverse("contests_judging:remove_award", args=[closed_contest.pk, removable.pk]))
    assert list(PrizeAward.objects.all()) == [kept]

    publish_results(closed_contest, organiser)
    response = as_organiser.post(reverse("contests_judging:remove_award", args=[closed_contest.pk, kept.pk]))
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("withdraw the publication" in message for message in messages)
    assert PrizeAward.objects.filter(pk=kept.pk).exists()


def test_a_judge_cannot_award_or_remove(client, closed_contest, make_judge, organiser):
    award = award_prize(prize(closed_contest, "Giải Nhất"), accepted(closed_contest)[0], organiser)
    client.force_login(make_judge(contest=closed_contest))
    assert post_award(client, closed_contest, "Giải Nhì", accepted(closed_contest)[1]).status_code == 302
    client.post(reverse("contests_judging:remove_award", args=[closed_contest.pk, award.pk]))
    assert list(PrizeAward.objects.all()) == [award]
