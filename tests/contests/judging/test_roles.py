"""The two contest groups through the admin: organisers work on the entries as sent, judges never see who sent them."""

import pytest

from django.urls import reverse

from contests.models import Entry

pytestmark = pytest.mark.django_db


def refused(response):
    """Wagtail answers a refusal in the admin with a redirect to its dashboard."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_organisers_list_and_disqualify_entries_and_judges_reach_neither(
    client, judged_contest, organiser, make_judge
):
    entry = judged_contest.entries.filter(status=Entry.Status.ACCEPTED).first()
    edit_url = reverse("entry:edit", args=[entry.pk])

    client.force_login(make_judge(contest=judged_contest))
    judge_answers = [
        client.get(reverse("entry:index")),
        client.get(edit_url),
        client.post(edit_url, {"status": Entry.Status.DISQUALIFIED}),
    ]
    entry.refresh_from_db()
    status_after_the_judge = entry.status

    client.force_login(organiser)
    listing = client.get(reverse("entry:index"))
    disqualified = client.post(edit_url, {"status": Entry.Status.DISQUALIFIED})
    entry.refresh_from_db()

    assert all(refused(answer) for answer in judge_answers)
    assert status_after_the_judge == Entry.Status.ACCEPTED
    assert listing.status_code == 200 and entry.full_name in listing.content.decode()
    assert disqualified.status_code == 302 and entry.status == Entry.Status.DISQUALIFIED
