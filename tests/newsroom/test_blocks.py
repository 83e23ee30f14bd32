"""The body's paragraphs give search the text Wagtail's own rich text block gives, without an HTML parser."""

import pytest

from wagtail.rich_text import RichText, get_text_for_indexing

from newsroom.blocks import ParagraphBlock

SOURCES = [
    "<p>Chị H’Linh Mlô vận động <b>46 hộ</b> đồng bào Ê Đê.</p><p>Năm 2020, hợp tác xã ra đời.</p>",
    '<h2>Hái quả chín</h2><ul><li>Giá cao hơn 15–20%</li><li>Tiêu chuẩn 4C</li></ul><p>Xem <a href="/a">bài</a>.</p>',
    "<blockquote>“Muốn dân tin”</blockquote><p>Dòng một<br/>dòng hai &amp; &lt;ba&gt;</p><hr/><p>Hết</p>",
    '<p><i>Ea</i><b>Tu</b> và <a linktype="page" id="3">trang</a></p>',
]


@pytest.mark.parametrize("source", SOURCES)
def test_a_paragraph_is_indexed_as_wagtails_rich_text_is(source):
    assert ParagraphBlock().get_searchable_content(RichText(source)) == [get_text_for_indexing(source)]


def test_a_paragraph_left_out_of_search_gives_nothing():
    assert ParagraphBlock(search_index=False).get_searchable_content(RichText("<p>Bí mật</p>")) == []
