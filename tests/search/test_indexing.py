"""The index follows the site: publish, unpublish, delete, move, aliases, drafts, private sections."""

from io import StringIO

import pytest

from django.core.management import call_command

from wagtail.models import PageViewRestriction

from search.indexing import get_engine
from search.models import SearchDocument


@pytest.fixture
def columns(outlets, make_column):
    return {
        "newspaper": make_column(outlets["newspaper"], "Thời sự"),
        "portal": make_column(outlets["portal"], "Tin tỉnh"),
    }


def indexed(article):
    return SearchDocument.objects.filter(object_id=article.pk).first()


def test_publishing_indexes_and_unpublishing_removes(columns, make_article, search):
    article = make_article(columns["newspaper"], "Nông dân Cư Kuin trồng sầu riêng", standfirst="Giàu lên.")
    document = indexed(article)
    assert document.outlet == "newspaper" and document.column == "Thời sự"
    assert [hit.title for hit in search("sau rieng").hits] == ["Nông dân Cư Kuin trồng sầu riêng"]
    article.unpublish()
    assert indexed(article) is None


def test_drafts_are_never_indexed(columns, make_article):
    assert indexed(make_article(columns["newspaper"], "Bản nháp về cà phê", live=False)) is None


def test_republishing_updates_the_document(columns, make_article, search):
    article = make_article(columns["newspaper"], "Tiêu đề cũ")
    article.title = "Tiêu đề mới về hồ tiêu"
    article.save_revision().publish()
    assert indexed(article).title == "Tiêu đề mới về hồ tiêu"
    old_title = search("tieu de cu")
    assert old_title.count == old_title.approximate_count


def test_deleting_removes(columns, make_article):
    article = make_article(columns["newspaper"], "Bài sẽ xoá")
    article.delete()
    assert SearchDocument.objects.count() == 0


def test_moving_updates_url_outlet_and_column(columns, make_article):
    article = make_article(columns["newspaper"], "Bài chuyển sang cổng thông tin")
    article.move(columns["portal"], pos="last-child")
    document = indexed(article)
    assert (document.outlet, document.column) == ("portal", "Tin tỉnh")
    assert "/tin-tinh/" in document.url


def test_aliases_are_not_indexed_twice(columns, make_article):
    article = make_article(columns["newspaper"], "Bài đăng lại ở cổng")
    article.create_alias(parent=columns["portal"], update_slug="bai-dang-lai")
    assert SearchDocument.objects.filter(title="Bài đăng lại ở cổng").count() == 1


def test_a_private_section_leaves_the_index_and_comes_back(columns, make_article):
    article = make_article(columns["newspaper"], "Tin nội bộ")
    restriction = PageViewRestriction.objects.create(page=columns["newspaper"], restriction_type="login")
    assert indexed(article) is None
    restriction.delete()
    assert indexed(article) is not None


def test_the_command_rebuilds_updates_and_reports(columns, make_article):
    make_article(columns["newspaper"], "Bài thứ nhất")
    make_article(columns["portal"], "Bài thứ hai")
    get_engine().clear()
    output = StringIO()
    call_command("search_index", "status", stdout=output)
    assert "newsroom.articlepage: 2 searchable in the database, 0 in the index" in output.getvalue()
    call_command("search_index", "update", stdout=StringIO())
    assert get_engine().count() == 2
    call_command("search_index", "rebuild", stdout=output)
    assert "rebuild: 2 documents indexed" in output.getvalue()
