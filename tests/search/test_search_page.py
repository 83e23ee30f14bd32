"""The public search page on every outlet: results, facets, sorting, highlighting, nothing found."""

import pytest

from newsroom.models import OutletHomePage
from search.highlight import highlight, snippet
from search.models import SearchPage

from .test_approximate import ARCHIVE as APPROXIMATE_ARCHIVE


@pytest.fixture
def page(client, devset):
    def get(**params):
        response = client.get("/tim-kiem/", params)
        assert response.status_code == 200
        return response.content.decode()

    return get


def test_every_outlet_has_a_search_page(outlets):
    for home in OutletHomePage.objects.all():
        assert SearchPage.objects.child_of(home).live().get().slug == "tim-kiem"


def test_results_show_highlighted_matches_and_facets(page):
    html = page(q="ho tieu huu co")
    assert "Tìm thấy <strong>" in html
    assert "<mark>hồ</mark> <mark>tiêu</mark>" in html
    assert 'Đài Phát thanh và Truyền hình tỉnh</a> <span class="count">(1)</span>' in html
    assert 'href="?q=ho+tieu+huu+co&amp;sort=date"' in html


def test_the_header_box_points_at_the_search_page(client, outlets):
    html = client.get("/").content.decode()
    assert 'action="/tim-kiem/"' in html and "search/autocomplete.js" in html


def test_an_outlet_whose_search_page_is_unpublished_shows_no_search_box(client, outlets):
    SearchPage.objects.child_of(outlets["newspaper"]).get().unpublish()

    html = client.get("/").content.decode()
    assert 'role="search"' not in html and "search/autocomplete.js" not in html
    assert 'role="search"' in client.get("/", HTTP_HOST="drt.localhost").content.decode()


def test_sorting_by_date_puts_the_newest_first(page):
    html = page(q="phong trao", sort="date")
    assert html.index("chào mừng 80 năm Quốc khánh") < html.index("Toàn dân đoàn kết xây dựng")


def test_nothing_found_offers_the_query_without_filters(page):
    html = page(q="mac ca", outlet="portal")
    assert "Không tìm thấy kết quả nào" in html
    assert 'href="?q=mac+ca"' in html


@pytest.fixture
def approximate_page(client, outlets):
    APPROXIMATE_ARCHIVE.put()

    def get(query):
        return client.get("/tim-kiem/", {"q": query}).content.decode()

    return get


def test_approximate_results_say_what_they_are(approximate_page):
    html = approximate_page("Y Moan Kpơng")
    assert (
        "Không có kết quả chứa đủ các từ của “Y Moan Kpơng”; dưới đây là <strong>2</strong> kết quả" in html
    )
    assert '<h2 class="search-approximate-heading">Kết quả gần đúng' in html
    assert "Số lượng tính cả kết quả gần đúng." in html
    assert "Nghệ nhân <mark>Y</mark> <mark>Moan</mark> giữ hồn cồng chiêng" in html


def test_full_results_come_before_the_approximate_ones_in_lists_of_their_own(approximate_page):
    html = approximate_page("cà phê Cư Kuin Krông")
    assert (
        "Tìm thấy <strong>1</strong> kết quả cho “cà phê Cư Kuin Krông”, tiếp theo là <strong>1</strong>"
        in html
    )
    full_list, approximate_list = html.split('<h2 class="search-approximate-heading">')
    assert "<mark>Cà</mark> <mark>phê</mark> <mark>Cư</mark> <mark>Kuin</mark> đạt chuẩn" in full_list
    assert 'class="search-hits search-hits--approximate" start="2"' in approximate_list
    assert "<mark>Krông</mark> Bông vào mùa" in approximate_list


def test_a_typo_offers_the_corrected_query(page):
    assert "Có phải bạn muốn tìm" in page(q="Serepokk")


def test_bad_parameters_show_a_message_with_a_400_not_an_error(client, outlets):
    response = client.get("/tim-kiem/", {"q": "cà phê", "page": "abc"})
    assert response.status_code == 400
    assert "phải là số nguyên" in response.content.decode()
    assert 'value="cà phê"' in response.content.decode()


def test_text_is_escaped_around_marks():
    marked = str(highlight("<script>alert('Đắk Lắk')</script> Đắk Lắk", "dak lak"))
    assert "<script>" not in marked
    assert "&lt;script&gt;alert(&#x27;<mark>Đắk</mark> <mark>Lắk</mark>&#x27;)&lt;/script&gt;" in marked


def test_marks_cover_spaced_spellings_of_a_joined_query():
    assert str(highlight("Người Ê Đê và người M'nông", "Êđê Mnông")) == (
        "Người <mark>Ê</mark> <mark>Đê</mark> và người <mark>M&#x27;nông</mark>"
    )


def test_snippets_start_near_the_first_match():
    text = " ".join(["chữ"] * 100) + " Buôn Ma Thuột " + " ".join(["chữ"] * 100)
    cut = str(snippet(text, "buon ma thuot"))
    assert cut.startswith("…") and cut.endswith("…")
    assert "<mark>Buôn</mark> <mark>Ma</mark> <mark>Thuột</mark>" in cut


def test_a_script_in_a_title_is_escaped_on_the_page(client, import_articles):
    import_articles(
        [
            {
                "external_id": "x1",
                "outlet": "newspaper",
                "column": "Thời sự",
                "kind": "article",
                "title": "Cảnh giác <script>alert(1)</script> lừa đảo",
                "summary": "Cảnh giác lừa đảo qua mạng.",
                "body": "<p>Nội dung.</p>",
                "published_at": "2025-01-01T08:00:00+07:00",
                "tags": [],
                "author": "Phóng viên",
            }
        ]
    )
    html = client.get("/tim-kiem/", {"q": "lua dao"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
