"""The panel's sheets: nothing of the other judges before judging closes, their scores and comments after."""

import pytest

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from contests.models import Entry, Judging, Recusal

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
COLLEAGUE_COMMENT = "Bố cục chặt chẽ, kết bài chưa thuyết phục"


@pytest.fixture
def panel(judged_contest, make_judge, write_sheet):
    """Two judges of every category, each with a sheet for the first writing entry; the first is logged in."""
    me = make_judge("giamkhao_an", contest=judged_contest)
    colleague = make_judge("giamkhao_binh", contest=judged_contest)
    User.objects.filter(pk=colleague.pk).update(first_name="Lê Văn", last_name="Bình")
    entry = judged_contest.entries.filter(status=Entry.Status.ACCEPTED).first()
    write_sheet(entry, me, 7, 8, comment="Của tôi")
    write_sheet(entry, colleague, 9.5, 6, comment=COLLEAGUE_COMMENT)
    return me, colleague, entry


def close_judging(contest, organiser):
    Judging.objects.create(contest=contest, closed_at=timezone.now(), closed_by=organiser)


def entry_page(client, entry):
    response = client.get(reverse("contests_judge_entry", args=[entry.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_before_closing_a_judge_sees_nothing_of_the_other_judges(client, panel):
    me, colleague, entry = panel
    client.force_login(me)
    pages = [
        entry_page(client, entry),
        client.get(reverse("contests_judge_contest", args=[entry.contest.pk])).content.decode(),
        client.get(reverse("contests_judge_index")).content.decode(),
    ]
    for html in pages:
        assert COLLEAGUE_COMMENT not in html and "Lê Văn Bình" not in html and "giamkhao_binh" not in html
        assert "9.5" not in html and "9,5" not in html and "panel's scores" not in html
    assert "Của tôi" in pages[0]


def test_after_closing_the_judge_sees_every_sheet_of_the_panel(client, panel, organiser):
    me, colleague, entry = panel
    close_judging(entry.contest, organiser)
    client.force_login(me)

    html = entry_page(client, entry)
    assert "Lê Văn Bình" in html and COLLEAGUE_COMMENT in html and ("9,5" in html or "9.5" in html)
    assert "giamkhao_an (you)" in html and "Của tôi" in html
    # The two weighted totals: 7 × 60% + 8 × 40% and 9.5 × 60% + 6 × 40%.
    assert ("7,40" in html or "7.40" in html) and ("8,10" in html or "8.10" in html)
    assert "id_score_" not in html


def test_the_panels_comments_are_shown_as_text(
    client, judged_contest, panel, organiser, make_judge, write_sheet
):
    me, colleague, entry = panel
    write_sheet(entry, make_judge(contest=judged_contest), 5, 5, comment=SCRIPT)
    close_judging(entry.contest, organiser)
    client.force_login(me)
    html = entry_page(client, entry)
    assert SCRIPT not in html and "&lt;script&gt;" in html


def test_after_closing_a_recused_judge_or_a_judge_of_another_category_sees_no_sheet(
    client, judged_contest, panel, organiser, make_judge
):
    me, colleague, entry = panel
    recused = make_judge(contest=judged_contest)
    Recusal.objects.create(entry=entry, judge=recused, reason="Người nhà")
    other_category = make_judge(
        contest=judged_contest, categories=[judged_contest.categories.get(name="Phóng sự")]
    )
    close_judging(entry.contest, organiser)

    for judge in (recused, other_category):
        client.force_login(judge)
        assert client.get(reverse("contests_judge_entry", args=[entry.pk])).status_code == 404


def test_a_judge_removed_from_the_panel_has_their_sheet_left_out(client, panel, organiser):
    me, colleague, entry = panel
    colleague.judge_assignments.all().delete()
    close_judging(entry.contest, organiser)
    client.force_login(me)
    assert COLLEAGUE_COMMENT not in entry_page(client, entry)
