"""A draft article from a winning entry: in a column the organiser may write in, once, with consent only."""

import pytest

from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse

from wagtail.models import GroupPagePermission

from contests.models import ContestPrize, Entry, PrizeAward
from contests.organiser_actions import award_prize, close_judging
from contests.setup import ORGANISERS_GROUP
from newsroom.models import ArticlePage, Author
from newsroom.outlets import page_permission

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
TEXT = f"Đoạn mở đầu về chị H'Linh.\r\nDòng thứ hai {SCRIPT}.\r\n\r\nĐoạn kết: tấm gương sáng."


@pytest.fixture
def contest_column(outlets, make_column, roles):
    column = make_column(outlets["newspaper"], "Cuộc thi viết")
    GroupPagePermission.objects.create(
        group=Group.objects.get(name=ORGANISERS_GROUP), page=column, permission=page_permission("add")
    )
    return column


@pytest.fixture
def winning_award(judged_contest, organiser):
    close_judging(judged_contest, organiser)
    entry = Entry.objects.filter(contest=judged_contest, status=Entry.Status.ACCEPTED).first()
    Entry.objects.filter(pk=entry.pk).update(text=TEXT, pen_name="Hoa Ban", credit=Entry.Credit.PEN_NAME)
    prize = ContestPrize.objects.get(contest=judged_contest, name="Giải Nhất")
    return award_prize(prize, Entry.objects.get(pk=entry.pk), organiser)


def article_url(award):
    return reverse("contests_judging:article", args=[award.prize.contest_id, award.pk])


def test_the_draft_carries_the_title_text_and_credited_name_never_the_contact(
    client, organiser, winning_award, contest_column
):
    client.force_login(organiser)
    form = client.get(article_url(winning_award))
    assert form.status_code == 200 and "Báo Đắk Lắk · Cuộc thi viết" in form.content.decode()

    response = client.post(article_url(winning_award), {"column": contest_column.pk})
    article = ArticlePage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert not article.live and article.get_parent().pk == contest_column.pk and article.owner == organiser
    assert article.title == "Người giữ lửa buôn làng"
    assert [author.name for author in article.authors.all()] == ["Hoa Ban"]
    assert "Giải Nhất thể loại Bút ký" in article.standfirst
    paragraphs = [block.value.source for block in article.body]
    assert paragraphs == [
        "<p>Đoạn mở đầu về chị H&#x27;Linh.<br/>Dòng thứ hai &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;.</p>",
        "<p>Đoạn kết: tấm gương sáng.</p>",
    ]
    stored = str(article.get_latest_revision().content)
    assert "hoa@example.vn" not in stored and "0912 345 678" not in stored and "Nguyễn Thị Hoa" not in stored
    winning_award.refresh_from_db()
    assert winning_award.article_id == article.pk


def test_a_second_click_opens_the_same_draft(client, organiser, winning_award, contest_column):
    client.force_login(organiser)
    client.post(article_url(winning_award), {"column": contest_column.pk})
    again = client.post(article_url(winning_award), {"column": contest_column.pk})
    opened = client.get(article_url(winning_award))
    article = ArticlePage.objects.get()
    assert again["Location"] == opened["Location"] == reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert Author.objects.filter(name="Hoa Ban").count() == 1


def test_no_article_from_an_entry_without_consent(client, organiser, winning_award, contest_column):
    Entry.objects.filter(pk=winning_award.entry_id).update(consented_to_publication=False)
    client.force_login(organiser)
    for response in (
        client.get(article_url(winning_award)),
        client.post(article_url(winning_award), {"column": contest_column.pk}),
    ):
        assert response["Location"] == reverse(
            "contests_judging:prizes", args=[winning_award.prize.contest_id]
        )
        messages = [str(message) for message in get_messages(response.wsgi_request)]
        assert any("did not consent to publication" in message for message in messages)
    assert not ArticlePage.objects.exists()


def test_only_columns_the_organiser_may_write_in_are_offered(
    client, organiser, winning_award, contest_column, outlets, make_column
):
    elsewhere = make_column(outlets["portal"], "Tin tức")
    client.force_login(organiser)
    form = client.get(article_url(winning_award)).content.decode()
    assert "Tin tức" not in form
    response = client.post(article_url(winning_award), {"column": elsewhere.pk})
    assert response.status_code == 400 and not ArticlePage.objects.exists()


def test_an_organiser_without_a_column_is_told_so(client, organiser, winning_award, outlets):
    client.force_login(organiser)
    response = client.get(article_url(winning_award))
    assert "You may not add pages to any column" in response.content.decode()


def test_a_judge_cannot_make_an_article(client, winning_award, contest_column, make_judge):
    client.force_login(make_judge(contest=winning_award.prize.contest))
    response = client.post(article_url(winning_award), {"column": contest_column.pk})
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert not ArticlePage.objects.exists() and PrizeAward.objects.get().article is None
