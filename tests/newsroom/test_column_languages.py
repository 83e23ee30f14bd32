"""A column's articles filtered by language (?ngon-ngu=<code>): offered only where the column has articles in more
than one language, kept with the tag filter and across pages; a code the column has no article in is ignored."""

import re

import pytest

from newsroom.models import Language, Outlet, Tag


def titles(html):
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a></h3>', html)


def filter_links(html):
    nav = re.search(r'<nav class="language-filter".*?</nav>', html, re.DOTALL)
    return re.findall(r'<a href="([^"]*)"[^>]*>([^<]+)</a>', nav.group()) if nav else []


def get(client, column, **params):
    return client.get(column.url, params, HTTP_HOST="drt.localhost")


@pytest.fixture
def languages(db):
    Language.ensure_standard()
    return {language.code: language for language in Language.objects.all()}


@pytest.fixture
def column(outlets, make_column, make_article, languages):
    """The station's news column: two articles in Vietnamese (one with its language left empty), two in Ê Đê."""
    column = make_column(outlets[Outlet.BROADCAST], "Thời sự", per_page=2)
    make_article(column, "Tin tiếng Việt không đặt ngôn ngữ")
    make_article(column, "Tin tiếng Việt", language=languages["vi"])
    make_article(column, "Tin tiếng Ê Đê thứ nhất", language=languages["rad"])
    make_article(column, "Tin tiếng Ê Đê thứ hai", language=languages["rad"])
    return column


def test_the_column_offers_the_languages_of_its_articles(client, column):
    html = get(client, column).content.decode()

    # M'nông has no article here: not offered.
    assert filter_links(html) == [
        ("?", "Tất cả"),
        ("?ngon-ngu=vi", "Tiếng Việt"),
        ("?ngon-ngu=rad", "Tiếng Ê Đê"),
    ]


def test_the_column_lists_the_articles_in_the_language_chosen(client, column):
    ede = get(client, column, **{"ngon-ngu": "rad"}).content.decode()
    assert sorted(titles(ede)) == ["Tin tiếng Ê Đê thứ hai", "Tin tiếng Ê Đê thứ nhất"]
    assert '<a href="?ngon-ngu=rad" aria-current="true">Tiếng Ê Đê</a>' in ede

    vietnamese = get(client, column, **{"ngon-ngu": "vi"}).content.decode()
    assert sorted(titles(vietnamese)) == ["Tin tiếng Việt", "Tin tiếng Việt không đặt ngôn ngữ"]
    assert 'rel="next"' not in vietnamese  # two articles: one page


def test_the_pages_keep_the_language_and_the_tag(client, column, make_article, languages):
    tag = Tag.objects.create(name="Nông nghiệp", slug="nong-nghiep")
    for number in range(3):
        article = make_article(column, f"Mùa rẫy số {number}", language=languages["rad"])
        article.tags.add(tag)
        article.save_revision().publish()
    first = get(client, column, tag="nong-nghiep", **{"ngon-ngu": "rad"}).content.decode()

    assert '<a rel="next" href="?tag=nong-nghiep&amp;ngon-ngu=rad&amp;page=2">' in first
    # Choosing another language keeps the tag.
    assert ("?tag=nong-nghiep&amp;ngon-ngu=vi", "Tiếng Việt") in filter_links(first)
    second = get(client, column, tag="nong-nghiep", page=2, **{"ngon-ngu": "rad"}).content.decode()
    assert len(titles(first) + titles(second)) == 3


@pytest.mark.parametrize("code", ["mng", "xx", "</a><script>", ""])
def test_a_language_the_column_has_no_article_in_is_ignored(client, column, code):
    response = get(client, column, **{"ngon-ngu": code})

    assert response.status_code == 200
    html = response.content.decode()
    assert len(titles(html)) == 2  # the column's first page, unfiltered
    assert "<script>" not in html
    assert '<a href="?" aria-current="true">Tất cả</a>' in html


def test_a_column_in_one_language_has_no_filter(client, outlets, make_column, make_article, languages):
    column = make_column(outlets[Outlet.NEWSPAPER], "Kinh tế")
    make_article(column, "Giá cà phê tăng")
    make_article(column, "Giá hồ tiêu giảm", language=languages["vi"])

    html = client.get(column.url).content.decode()
    assert "language-filter" not in html
    assert sorted(titles(html)) == ["Giá cà phê tăng", "Giá hồ tiêu giảm"]
