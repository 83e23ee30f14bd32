"""Features linked to exemplars and movements from the article editor appear on both pages, and back."""

import datetime
from urllib.parse import urlsplit

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from exemplars.models import ArticleExemplarLink, ArticleMovementLink
from newsroom.models import ArticlePage
from newsroom.outlets import journalists_group_name

from .conftest import PORTAL

HANOI = datetime.timezone(datetime.timedelta(hours=7))


def article_form(exemplar, movement):
    data = nested_form_data(
        {
            "title": "Chị H'Linh Mlô và hợp tác xã cà phê đặc sản",
            "slug": "chi-hlinh-mlo",
            "kind": "article",
            "standfirst": "Từ 3 ha cà phê của gia đình.",
            "body": streamfield([("paragraph", rich_text("<p>Hái chín, phơi trên giàn.</p>"))]),
            "publication_date": "2025-03-10 08:00:00",
            "tags": "cà phê",
            "exemplar_links": inline_formset([{"exemplar": exemplar.pk}]),
            "movement_links": inline_formset([{"movement": movement.pk}]),
        }
    )
    return data


def test_a_journalists_linked_article_appears_on_the_exemplar_and_the_movement(
    client, outlets, make_column, make_user, make_exemplar, make_movement
):
    column = make_column(outlets["newspaper"], "Điển hình tiên tiến")
    exemplar = make_exemplar("H'Linh Mlô")
    movement = make_movement("Phụ nữ tích cực học tập, lao động sáng tạo")
    journalist = make_user("phongvien.bao", journalists_group_name("newspaper"))
    client.force_login(journalist)
    add_url = reverse("wagtailadmin_pages:add", args=("newsroom", "articlepage", column.pk))
    response = client.post(add_url, article_form(exemplar, movement))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    article = ArticlePage.objects.get(slug="chi-hlinh-mlo")
    assert not article.live
    client.logout()
    assert (
        "H&#x27;Linh Mlô và hợp tác xã"
        not in client.get(urlsplit(exemplar.full_url).path, HTTP_HOST=PORTAL).content.decode()
    )

    article.get_latest_revision().publish()  # the editor approves it
    for page in (exemplar, movement):
        html = client.get(urlsplit(page.full_url).path, HTTP_HOST=PORTAL).content.decode()
        assert "Chị H&#x27;Linh Mlô và hợp tác xã cà phê đặc sản" in html
        assert "Báo Đắk Lắk" in html  # the outlet it appeared in
    article_html = client.get(ArticlePage.objects.get(pk=article.pk).url).content.decode()
    assert "Điển hình / Phong trào liên quan" in article_html
    assert exemplar.full_url in article_html and movement.full_url in article_html


def link(article, exemplar=None, movement=None):
    if exemplar:
        article.exemplar_links.add(ArticleExemplarLink(exemplar=exemplar))
    if movement:
        article.movement_links.add(ArticleMovementLink(movement=movement))
    article.save_revision().publish()


def test_features_from_every_outlet_newest_first_without_drafts_or_republished_copies(
    client, outlets, make_column, make_article, make_exemplar
):
    exemplar = make_exemplar("Đồn Biên phòng Ia Rvê")
    older = make_article(
        make_column(outlets["broadcast"], "Điển hình tiên tiến"),
        "Phóng sự: điểm tựa nơi biên giới",
        publication_date=datetime.datetime(2024, 4, 9, 19, tzinfo=HANOI),
    )
    newer_column = make_column(outlets["newspaper"], "Điển hình tiên tiến")
    newer = make_article(
        newer_column, "Đồn Biên phòng giúp dân", publication_date=datetime.datetime(2025, 1, 5, tzinfo=HANOI)
    )
    draft = make_article(newer_column, "Bản nháp về đồn biên phòng", live=False)
    for article in (older, newer):
        link(article, exemplar=exemplar)
    draft.exemplar_links.add(ArticleExemplarLink(exemplar=exemplar))
    draft.save_revision()
    newer.create_alias(parent=make_column(outlets["portal"], "Điển hình tiên tiến"))

    html = client.get(urlsplit(exemplar.full_url).path, HTTP_HOST=PORTAL).content.decode()
    assert html.index(newer.title) < html.index(older.title)
    assert html.count(f">{newer.title}</a>") == 1
    assert draft.title not in html
    assert "Đài Phát thanh và Truyền hình tỉnh" in html


def test_an_article_without_links_shows_no_related_block(client, outlets, make_column, make_article):
    article = make_article(make_column(outlets["newspaper"], "Thời sự"), "Tin thời sự")
    response = client.get(article.url)
    assert response.status_code == 200 and "Tin thời sự" in response.content.decode()
    assert "Điển hình / Phong trào liên quan" not in response.content.decode()
