"""Roles per outlet, tried through the real admin views: what each role may do, and above all what it may not."""

import datetime

import pytest

from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from newsroom.models import ArticlePage, Outlet
from newsroom.outlets import editors_group_name, journalists_group_name, workflow_name


@pytest.fixture
def newspaper_column(outlets, make_column):
    return make_column(outlets[Outlet.NEWSPAPER], "Điển hình tiên tiến")


@pytest.fixture
def portal_column(outlets, make_column):
    return make_column(outlets[Outlet.PORTAL], "Gương sáng")


@pytest.fixture
def journalist(make_user, outlets):
    return make_user("phong-vien-bao", journalists_group_name(Outlet.NEWSPAPER))


@pytest.fixture
def editor(make_user, outlets):
    return make_user("bien-tap-bao", editors_group_name(Outlet.NEWSPAPER))


@pytest.fixture
def portal_editor(make_user, outlets):
    return make_user("bien-tap-cong", editors_group_name(Outlet.PORTAL))


@pytest.fixture
def superuser(make_user):
    return make_user("quan-tri", is_superuser=True)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_article_url(column):
    return reverse("wagtailadmin_pages:add", args=["newsroom", "articlepage", column.pk])


def as_the_browser_sends_it(client, form_url, **changes):
    """The page form's rendered fields, plus what the admin's JavaScript adds: the body and the comments.

    On a new page the JavaScript also fills the slug in from the title; pass `slug=` for it.
    """
    data = querydict_from_html(client.get(form_url).content.decode(), form_id="page-edit-form")
    body = streamfield([("paragraph", rich_text("<p>Ba mươi năm giữ rừng đầu nguồn.</p>"))])
    data.update(nested_form_data({"body": body, "comments": inline_formset([])}))
    data.update(changes)
    return data


def post_edit(client, page, **changes):
    return client.post(edit_url(page), as_the_browser_sends_it(client, edit_url(page), **changes))


def reload(page):
    return ArticlePage.objects.get(pk=page.pk)


def in_a_week():
    return (timezone.localtime() + datetime.timedelta(days=7)).strftime("%Y-%m-%d %H:%M")


def test_a_journalists_publish_attempt_only_saves_a_draft(client, journalist, newspaper_column, make_article):
    draft = make_article(newspaper_column, "Bản nháp", live=False)
    client.force_login(journalist)

    response = post_edit(client, draft, title="Bản nháp đã sửa", **{"action-publish": "action-publish"})

    draft = reload(draft)
    assert response.status_code == 302
    assert not draft.live
    assert draft.live_revision is None
    assert draft.get_latest_revision_as_object().title == "Bản nháp đã sửa"


def test_a_journalist_cannot_change_what_readers_see(client, journalist, newspaper_column, make_article):
    article = make_article(newspaper_column, "Tin đã đăng")
    published_revision = reload(article).live_revision
    client.force_login(journalist)

    post_edit(client, article, title="Sửa lén", **{"action-publish": "action-publish"})

    article = reload(article)
    assert article.title == "Tin đã đăng"
    assert article.live_revision == published_revision
    assert article.has_unpublished_changes


def test_a_journalist_writes_a_draft_and_submits_it_for_review(client, journalist, newspaper_column):
    client.force_login(journalist)
    url = add_article_url(newspaper_column)

    data = as_the_browser_sends_it(
        client, url, title="Nữ công an xã Ea Tiêu", slug="nu-cong-an-xa-ea-tieu", **{"action-submit": "1"}
    )
    response = client.post(url, data)

    article = ArticlePage.objects.get(title="Nữ công an xã Ea Tiêu")
    assert response.status_code == 302
    assert not article.live
    assert article.owner == journalist
    assert article.workflow_in_progress
    assert article.current_workflow_state.workflow.name == workflow_name(Outlet.NEWSPAPER)


def submit_for_review(client, journalist, column):
    client.force_login(journalist)
    url = add_article_url(column)
    data = as_the_browser_sends_it(client, url, title="Gửi duyệt", slug="gui-duyet", **{"action-submit": "1"})
    client.post(url, data)
    return ArticlePage.objects.get(slug="gui-duyet")


def approve(client, user, article):
    client.force_login(user)
    task_state = article.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[article.pk, "approve", task_state.pk])
    return client.post(url, {"comment": ""})


@pytest.mark.parametrize("outlet", Outlet.values)
def test_a_submission_is_approved_by_its_own_outlets_editors_only(
    client, outlets, make_column, make_article, make_user, outlet
):
    author = make_user("phong-vien", journalists_group_name(outlet))
    another_outlet = next(other for other in Outlet.values if other != outlet)
    other_editor = make_user("bien-tap-noi-khac", editors_group_name(another_outlet))
    own_editor = make_user("bien-tap", editors_group_name(outlet))
    article = make_article(make_column(outlets[outlet], "Gương sáng"), "Gửi duyệt", live=False)
    article.get_workflow().start(article, author)

    approve(client, author, article)
    approve(client, other_editor, article)
    unapproved = reload(article)
    live_after_refusals, waiting_after_refusals = unapproved.live, unapproved.workflow_in_progress
    approve(client, own_editor, unapproved)

    article = reload(article)
    assert not live_after_refusals and waiting_after_refusals
    assert article.live and article.live_revision is not None
    assert not article.workflow_in_progress
    assert WorkflowState.objects.for_instance(article).get().status == WorkflowState.STATUS_APPROVED


def refused(response):
    """Wagtail answers a refusal with 403, or with a redirect to the dashboard and an error message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def test_an_editor_cannot_open_or_publish_another_outlets_article(
    client, portal_editor, superuser, newspaper_column, make_article
):
    draft = make_article(newspaper_column, "Bản nháp của báo", live=False)
    client.force_login(superuser)
    form_data = as_the_browser_sends_it(client, edit_url(draft), title="Sửa từ cổng thông tin")
    client.force_login(portal_editor)

    opened = client.get(edit_url(draft))
    posted = client.post(edit_url(draft), {**form_data.dict(), "action-publish": "action-publish"})

    draft = reload(draft)
    assert refused(opened)
    assert refused(posted)
    assert not draft.live
    assert draft.get_latest_revision_as_object().title == "Bản nháp của báo"


def test_an_editor_cannot_add_a_page_under_another_outlets_column(
    client, portal_editor, superuser, newspaper_column
):
    client.force_login(superuser)
    form_data = as_the_browser_sends_it(
        client, add_article_url(newspaper_column), title="Bài lạc chỗ", slug="bai-lac-cho"
    )
    client.force_login(portal_editor)

    opened = client.get(add_article_url(newspaper_column))
    posted = client.post(
        add_article_url(newspaper_column), {**form_data.dict(), "action-publish": "action-publish"}
    )

    assert refused(opened)
    assert refused(posted)
    assert not Page.objects.filter(title="Bài lạc chỗ").exists()


def test_an_editor_cannot_unpublish_another_outlets_article(
    client, portal_editor, newspaper_column, make_article
):
    article = make_article(newspaper_column, "Tin đã đăng")
    client.force_login(portal_editor)

    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[article.pk]))

    assert refused(response)
    assert reload(article).live


def test_an_editor_publishes_and_unpublishes_in_their_outlet(client, editor, newspaper_column, make_article):
    draft = make_article(newspaper_column, "Bản nháp", live=False)
    client.force_login(editor)

    post_edit(client, draft, **{"action-publish": "action-publish"})
    published = reload(draft).live
    client.post(reverse("wagtailadmin_pages:unpublish", args=[draft.pk]))

    assert published
    assert not reload(draft).live


def test_an_editor_schedules_a_page_in_their_outlet(client, editor, newspaper_column, make_article):
    draft = make_article(newspaper_column, "Bài hẹn giờ", live=False)
    client.force_login(editor)

    post_edit(client, draft, go_live_at=in_a_week(), **{"action-publish": "action-publish"})

    draft = reload(draft)
    assert not draft.live
    assert draft.scheduled_revision is not None
    assert draft.scheduled_revision.approved_go_live_at > timezone.now()
    assert draft.status_string == "đã hẹn giờ"


def test_a_superuser_does_everything_in_every_outlet(
    client, superuser, journalist, newspaper_column, portal_column, make_article
):
    submitted = submit_for_review(client, journalist, newspaper_column)

    approve(client, superuser, submitted)
    approved_and_live = reload(submitted).live
    add_url = add_article_url(portal_column)
    data = as_the_browser_sends_it(
        client, add_url, title="Tin cổng", slug="tin-cong", **{"action-publish": "1"}
    )
    client.post(add_url, data)
    added = ArticlePage.objects.get(slug="tin-cong")
    post_edit(client, added, title="Tin cổng đã sửa", **{"action-publish": "action-publish"})
    scheduled = make_article(portal_column, "Hẹn giờ", live=False)
    post_edit(client, scheduled, go_live_at=in_a_week(), **{"action-publish": "action-publish"})
    client.post(reverse("wagtailadmin_pages:unpublish", args=[submitted.pk]))

    assert reload(added).live and reload(added).title == "Tin cổng đã sửa"
    assert reload(scheduled).status_string == "đã hẹn giờ"
    assert approved_and_live
    assert not reload(submitted).live
