"""One story on several outlets: "Republish in another outlet" makes a Wagtail alias, never a copy."""

from urllib.parse import urlsplit

import pytest

from django.urls import reverse

from wagtail.models import PageLogEntry
from wagtail.rich_text import RichText

from newsroom.models import ArticlePage, Outlet, PlainPage
from newsroom.outlets import editors_group_name, journalists_group_name
from newsroom.republishing import REPUBLISH_LOG_ACTION


@pytest.fixture
def columns(outlets, make_column):
    return {
        "newspaper": make_column(outlets[Outlet.NEWSPAPER], "Điển hình tiên tiến"),
        "portal": make_column(outlets[Outlet.PORTAL], "Gương sáng"),
        "broadcast": make_column(outlets[Outlet.BROADCAST], "Người tốt việc tốt"),
    }


@pytest.fixture
def feature(columns, make_article):
    return make_article(
        columns["newspaper"],
        "Già làng Y Khu giữ rừng",
        body=[("paragraph", RichText("<p>Ba mươi năm giữ rừng đầu nguồn.</p>"))],
    )


@pytest.fixture
def portal_editor(make_user, outlets):
    return make_user("bien-tap-cong", editors_group_name(Outlet.PORTAL))


def republish_url(page):
    return reverse("newsroom_republish", args=[page.pk])


def aliases_of(article):
    return ArticlePage.objects.filter(alias_of=article)


def get_public(client, page):
    _site_id, root_url, page_path = page.get_url_parts()
    return client.get(page_path, HTTP_HOST=urlsplit(root_url).hostname)


def test_an_editor_republishes_a_newspaper_feature_in_a_portal_column(
    client, columns, feature, portal_editor
):
    client.force_login(portal_editor)

    form = client.get(republish_url(feature))
    offered = list(form.context["form"].fields["column"].queryset)
    response = client.post(republish_url(feature), {"column": columns["portal"].pk})

    assert form.status_code == 200
    assert offered == [columns["portal"]]
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_explore", args=[columns["portal"].pk])
    alias = aliases_of(feature).get()
    assert alias.get_parent().pk == columns["portal"].pk
    assert alias.live
    assert alias.owner == portal_editor
    entry = PageLogEntry.objects.get(page=alias, action=REPUBLISH_LOG_ACTION)
    assert entry.user == portal_editor
    messages = list(client.get(response["Location"]).context["messages"])
    assert [message.level_tag for message in messages] == ["success"]


def test_later_edits_to_the_original_show_in_every_outlet(client, columns, feature, portal_editor):
    client.force_login(portal_editor)
    client.post(republish_url(feature), {"column": columns["portal"].pk})

    feature.title = "Già làng Y Khu, ba mươi năm giữ rừng"
    feature.body = [("paragraph", RichText("<p>Bản cập nhật: thêm ảnh và lời kể.</p>"))]
    feature.save_revision().publish()

    alias = aliases_of(feature).get()
    assert alias.title == "Già làng Y Khu, ba mươi năm giữ rừng"
    assert "Bản cập nhật" in str(alias.body)
    assert "Bản cập nhật" in get_public(client, alias).content.decode()


def test_the_alias_names_the_original_as_canonical(client, columns, feature, portal_editor):
    client.force_login(portal_editor)
    client.post(republish_url(feature), {"column": columns["portal"].pk})
    alias = aliases_of(feature).get()

    response = get_public(client, alias)

    assert response.status_code == 200
    assert urlsplit(alias.full_url).hostname == "congthongtin.localhost"
    assert f'<link rel="canonical" href="{feature.full_url}">' in response.content.decode()


def test_a_journalist_cannot_publish_at_the_destination_so_is_refused(client, columns, feature, make_user):
    journalist = make_user("phong-vien-cong", journalists_group_name(Outlet.PORTAL))
    client.force_login(journalist)

    assert client.get(republish_url(feature)).status_code == 403
    assert client.post(republish_url(feature), {"column": columns["portal"].pk}).status_code == 403
    assert not aliases_of(feature).exists()


def test_an_editor_cannot_pick_a_column_of_an_outlet_they_do_not_edit(
    client, columns, feature, portal_editor
):
    client.force_login(portal_editor)

    response = client.post(republish_url(feature), {"column": columns["broadcast"].pk})

    assert response.status_code == 200
    assert response.context["form"].errors["column"]
    assert not aliases_of(feature).exists()


def test_the_original_outlet_is_not_offered(client, columns, feature, make_user):
    both = make_user(
        "bien-tap-hai-noi", editors_group_name(Outlet.NEWSPAPER), editors_group_name(Outlet.PORTAL)
    )
    client.force_login(both)
    sibling_column = (
        columns["newspaper"]
        .get_parent()
        .add_child(instance=type(columns["newspaper"])(title="Chuyên mục khác"))
    )

    offered = list(client.get(republish_url(feature)).context["form"].fields["column"].queryset)
    response = client.post(republish_url(feature), {"column": sibling_column.pk})

    assert offered == [columns["portal"]]
    assert response.context["form"].errors["column"]


def test_a_draft_cannot_be_republished(client, columns, make_article, portal_editor):
    draft = make_article(columns["newspaper"], "Bài chưa duyệt", live=False)
    client.force_login(portal_editor)

    assert client.get(republish_url(draft)).status_code == 404
    assert client.post(republish_url(draft), {"column": columns["portal"].pk}).status_code == 404
    assert not aliases_of(draft).exists()


def test_an_alias_is_republished_through_its_original_only(
    client, columns, feature, make_user, portal_editor
):
    client.force_login(portal_editor)
    client.post(republish_url(feature), {"column": columns["portal"].pk})
    alias = aliases_of(feature).get()

    assert client.get(republish_url(alias)).status_code == 404


def test_a_double_submit_creates_one_alias(client, columns, feature, portal_editor):
    client.force_login(portal_editor)

    first = client.post(republish_url(feature), {"column": columns["portal"].pk})
    second = client.post(republish_url(feature), {"column": columns["portal"].pk})

    assert first.status_code == 302
    assert second.status_code == 200
    assert second.context["form"].errors["column"]
    assert aliases_of(feature).count() == 1


def test_the_alias_takes_a_free_slug_in_the_destination(client, columns, feature, portal_editor):
    columns["portal"].add_child(instance=ArticlePage(title="Trùng tên", slug=feature.slug))
    client.force_login(portal_editor)

    client.post(republish_url(feature), {"column": columns["portal"].pk})

    assert aliases_of(feature).get().slug == f"{feature.slug}-2"


def test_the_action_shows_only_where_it_can_be_used(client, columns, feature, make_article, make_user):
    superuser = make_user("quan-tri", is_superuser=True)
    newspaper_only = make_user("bien-tap-bao", editors_group_name(Outlet.NEWSPAPER))
    draft = make_article(columns["newspaper"], "Bản nháp", live=False)
    about = columns["newspaper"].get_parent().add_child(instance=PlainPage(title="Giới thiệu"))

    def offered(user, admin_url, page):
        client.force_login(user)
        return republish_url(page) in client.get(admin_url).content.decode()

    def edit_url(page):
        return reverse("wagtailadmin_pages:edit", args=[page.pk])

    column_listing = reverse("wagtailadmin_explore", args=[columns["newspaper"].pk])
    assert offered(superuser, edit_url(feature), feature)
    assert offered(superuser, column_listing, feature)
    assert not offered(superuser, column_listing, draft)
    assert not offered(superuser, edit_url(draft), draft)
    assert not offered(superuser, edit_url(about), about)
    assert not offered(newspaper_only, edit_url(feature), feature)


def test_an_article_from_the_archive_can_be_republished(client, columns, make_article, portal_editor):
    archived = make_article(columns["newspaper"], "Bài từ kho lưu trữ", external_id="baodaklak-2019-0042")
    client.force_login(portal_editor)

    client.post(republish_url(archived), {"column": columns["portal"].pk})
    archived.title = "Bài từ kho lưu trữ (cập nhật)"
    archived.save_revision().publish()

    alias = aliases_of(archived).get()
    assert alias.title == "Bài từ kho lưu trữ (cập nhật)"
    assert alias.external_id is None  # the archive id stays with the original alone
