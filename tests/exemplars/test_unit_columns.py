"""Each unit's column on the portal: its officers write there, the portal's editors publish."""

from io import StringIO

import pytest

from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from exemplars.models import Unit
from exemplars.setup import ensure_unit_column
from newsroom.models import ArticlePage, ColumnPage, Outlet

from .conftest import assert_refused


@pytest.fixture
def columns(outlets, unit_a, unit_b, officer_a, officer_b):
    return {unit: ensure_unit_column(unit) for unit in (unit_a, unit_b)}


def as_the_browser_sends_it(client, form_url, **changes):
    """The page form's rendered fields, plus the body and comments the admin's JavaScript adds."""
    data = querydict_from_html(client.get(form_url).content.decode(), form_id="page-edit-form")
    body = streamfield([("paragraph", rich_text("<p>Hội thi điều dưỡng giỏi năm 2025.</p>"))])
    data.update(nested_form_data({"body": body, "comments": inline_formset([])}))
    data.update(changes)
    return data


def add_article_url(column):
    return reverse("wagtailadmin_pages:add", args=["newsroom", "articlepage", column.pk])


def test_the_column_sits_under_the_portal_and_is_linked_from_the_unit(columns, outlets, unit_a):
    column = columns[unit_a]

    assert column.get_parent().specific == outlets[Outlet.PORTAL]
    assert Unit.objects.get(pk=unit_a.pk).column_id == column.pk
    assert column.title == "Sở Y tế"


def test_ensure_unit_column_is_idempotent(columns, unit_a):
    ensure_unit_column(Unit.objects.get(pk=unit_a.pk))

    assert ColumnPage.objects.filter(title="Sở Y tế").count() == 1


def test_an_officer_writes_in_their_units_column(client, columns, unit_a, officer_a):
    client.force_login(officer_a)

    assert client.get(add_article_url(columns[unit_a])).status_code == 200
    url = add_article_url(columns[unit_a])
    data = as_the_browser_sends_it(client, url, title="Hội thi điều dưỡng giỏi", slug="hoi-thi")
    response = client.post(url, {**data, "action-submit": "1"})

    article = ArticlePage.objects.child_of(columns[unit_a]).get()
    assert response.status_code == 302
    assert not article.live  # waiting for the portal's editors
    assert article.current_workflow_state.status == "in_progress"


def test_an_officer_cannot_write_in_another_units_column(client, columns, unit_b, officer_a, make_article):
    client.force_login(officer_a)
    other_column = columns[unit_b]
    their_article = make_article(other_column, "Tin của xã Ea Knuếc", live=False)

    assert_refused(client.get(add_article_url(other_column)))
    assert_refused(client.post(add_article_url(other_column), {"title": "Chen ngang", "slug": "chen-ngang"}))
    assert_refused(client.get(reverse("wagtailadmin_pages:edit", args=[their_article.pk])))
    assert ArticlePage.objects.child_of(other_column).count() == 1


def test_an_officer_cannot_publish_nor_write_elsewhere(columns, unit_a, officer_a, outlets):
    permissions = columns[unit_a].permissions_for_user(officer_a)

    assert permissions.can_add_subpage()
    assert not permissions.can_publish_subpage()
    assert not outlets[Outlet.PORTAL].permissions_for_user(officer_a).can_add_subpage()
    assert not Page.objects.get(pk=outlets[Outlet.NEWSPAPER].pk).permissions_for_user(officer_a).can_edit()
    assert columns[unit_a].get_workflow().name == "Duyệt biên tập · Cổng thông tin điện tử tỉnh"


def test_setup_gives_every_unit_a_column_and_officers(outlets, unit_a, unit_b):
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    call_command("setup", stdout=StringIO())
    call_command("setup", stdout=StringIO())

    assert Unit.objects.filter(column__isnull=True).count() == 0
    assert ColumnPage.objects.filter(title__in=["Sở Y tế", "UBND xã Ea Knuếc"]).count() == 2
    assert Group.objects.filter(name__endswith="· Cán bộ thi đua").count() == 2
    assert (
        Group.objects.filter(name__in=["Sở Nội vụ · Thẩm định", "Văn phòng UBND tỉnh · Chủ tịch"]).count()
        == 2
    )
