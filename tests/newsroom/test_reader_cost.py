"""What a reader's request costs does not grow with the size of one article: listings and feeds show a title and
a standfirst, so they never read an article's body, however long (issue 12, case 3: a 50 MB imported body)."""

import pytest

from wagtail.rich_text import RichText

from newsroom.models import TagIndexPage
from tests.conftest import peak_memory

PARAGRAPH = (
    "<p>Gương điển hình tiên tiến ở Đắk Lắk: già làng Y Khu giữ rừng, nữ công an xã Ea Tiêu, "
    "phong trào thi đua yêu nước năm 2025.</p>"
)
SMALL_BODY = 5_000
LARGE_BODY = 5_000_000
# What a request may hold more for a 5 MB body than for a 5 KB one: far less than the body itself.
MEMORY_SLACK = 1_000_000


def body_of(size):
    """A body of one paragraph block of about `size` bytes of HTML, as a long archive import makes."""
    return [("paragraph", RichText(PARAGRAPH * (size // len(PARAGRAPH.encode()) + 1)))]


@pytest.fixture
def long_read(outlets, make_column, make_article):
    """A column with an article whose body can be made long, and the reader's addresses that list it."""
    column = make_column(outlets["newspaper"], "Điển hình tiên tiến")
    article = make_article(
        column, "Già làng Y Khu giữ rừng", standfirst="Ba mươi năm giữ rừng.", body=body_of(SMALL_BODY)
    )
    article.tags.add("giữ rừng")
    article.save_revision().publish()
    tag_index = TagIndexPage.objects.child_of(outlets["newspaper"]).get()
    addresses = {
        "column page": column.url,
        "column feed": f"{column.url}rss/",
        "home page": "/",
        "tag page": f"{tag_index.url}giu-rung/",
    }

    def lengthen():
        # Straight through the ORM, as an older import or the admin's StreamField would leave it.
        article.body = body_of(LARGE_BODY)
        article.save(update_fields=["body"])

    return addresses, lengthen


@pytest.mark.parametrize("listing", ["column page", "column feed", "home page", "tag page"])
def test_a_listing_costs_the_same_memory_for_a_5_mb_body_as_for_a_5_kb_one(client, long_read, listing):
    addresses, lengthen = long_read
    address = addresses[listing]

    def read():
        response = client.get(address)
        assert response.status_code == 200
        assert "Già làng Y Khu giữ rừng" in response.content.decode()

    read()  # Templates compiled, caches filled: what is measured is the request alone.
    with_short_body = peak_memory(read)
    lengthen()
    with_long_body = peak_memory(read)
    assert with_long_body - with_short_body < MEMORY_SLACK, (with_short_body, with_long_body)
