"""Input PostgreSQL cannot store (NUL) is refused at the edge with a 400, before any view or query sees it.

SQLite stores a NUL where PostgreSQL raises, so these tests assert the refusal itself on every database; the
ones marked `postgres` show the 500s the refusal prevents there.
"""

from urllib.parse import urlencode

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.test import Client
from django.urls import reverse

from newsroom.models import Author, Tag

pytestmark = pytest.mark.django_db

PUBLIC_REFUSAL = "Yêu cầu không hợp lệ"
ADMIN_REFUSAL = {
    "en": "This request contains a NUL character, which cannot be saved. Remove it and try again.",
    "vi": "Yêu cầu này có ký tự NUL, không thể lưu. Vui lòng xóa ký tự đó rồi thử lại.",
}
# A session cookie as Python's cookie parser reads it: the quoted octal escape \000 becomes a NUL.
COOKIE_WITH_NUL = 'sessionid="abcdefgh\\000ijklmnop"'


@pytest.fixture
def reader():
    """An anonymous reader whose requests answer as a browser sees them, errors included."""
    return Client(raise_request_exception=False)


@pytest.fixture
def column(outlets, make_column, make_article):
    column = make_column(outlets["newspaper"], "Thời sự")
    column.save_revision().publish()
    article = make_article(column, "Hòa bình ở buôn Ea Sol")
    article.tags.add(Tag.objects.create(name="hòa bình"))
    article.save_revision().publish()
    return column


def assert_public_refusal(response):
    html = response.content.decode()
    assert response.status_code == 400, html[:500]
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert '<html lang="vi">' in html and PUBLIC_REFUSAL in html


def assert_admin_refusal(response, language="vi"):
    assert response.status_code == 400, response.content.decode()[:500]
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == ADMIN_REFUSAL[language]


@pytest.mark.parametrize(
    "query",
    ["?tag=%00", "?tag=hoa-binh%00", "?%00=1", "?tag=hoa-binh&page=%00", "?tag=a&tag=%00"],
)
def test_a_nul_anywhere_in_a_query_string_gets_the_public_400_page(reader, column, query):
    assert_public_refusal(reader.get(column.url + query))


def test_a_nul_in_the_path_gets_the_public_400_page(reader, column):
    assert_public_refusal(reader.get(column.url + "a%00b/"))


def test_a_nul_in_a_cookie_gets_the_public_400_page(reader, column):
    assert_public_refusal(reader.get(column.url, HTTP_COOKIE=COOKIE_WITH_NUL))


def test_ordinary_vietnamese_input_passes(reader, column):
    response = reader.get(column.url + "?tag=hoa-binh")
    assert response.status_code == 200
    assert "Hòa bình ở buôn Ea Sol" in response.content.decode()


@pytest.fixture
def editor(make_user):
    return make_user("quantri", is_superuser=True, admin_language="en")


@pytest.mark.parametrize(
    "url",
    [
        "/admin/tag-autocomplete/?term=%00",
        "/admin/images/chooser/?tag=%00",
        "/admin/pages/search/?q=%00",
        "/admin/users/?q=ab%00",
    ],
)
def test_the_admin_answers_a_nul_with_a_short_message_in_the_users_language(reader, editor, url):
    reader.force_login(editor)
    assert_admin_refusal(reader.get(url), language="en")


def test_the_admin_message_defaults_to_vietnamese(reader, make_user):
    reader.force_login(make_user("bientap", is_superuser=True))
    assert_admin_refusal(reader.get("/admin/tag-autocomplete/?term=%00"), language="vi")


@pytest.mark.parametrize("encoding", ["multipart", "urlencoded"])
def test_a_nul_in_a_posted_form_field_is_refused_before_the_view(reader, editor, encoding):
    reader.force_login(editor)
    url = reverse("wagtailsnippets_newsroom_author:add")
    fields = {"name": "Lê\x00Văn", "role": "Phóng viên"}
    if encoding == "urlencoded":
        response = reader.post(url, urlencode(fields), content_type="application/x-www-form-urlencoded")
    else:
        response = reader.post(url, {**fields, "extra": SimpleUploadedFile("a.bin", b"\x00")})
    assert_admin_refusal(response, language="en")
    assert not Author.objects.exists()


def test_a_nul_in_a_posted_field_name_is_refused(reader):
    response = reader.post("/admin/login/", {"username": "quantri", "password": "x", "next\x00": "/"})
    assert_admin_refusal(response)


def test_the_form_fields_are_checked_when_csrf_reads_them_first(editor):
    """In production CsrfViewMiddleware reads request.POST before the view: the check runs there too."""
    browser = Client(enforce_csrf_checks=True, raise_request_exception=False)
    browser.force_login(editor)
    form_page = browser.get(reverse("wagtailsnippets_newsroom_author:add"))
    token = form_page.context["csrf_token"]
    response = browser.post(
        reverse("wagtailsnippets_newsroom_author:add"), {"csrfmiddlewaretoken": token, "name": "A\x00"}
    )
    assert_admin_refusal(response, language="en")


@pytest.mark.parametrize("encoded", ["%ff%fe", "%ed%a0%80", "%c3", "%80abc"])
def test_percent_encoded_bytes_that_are_not_utf8_never_become_unstorable_text(reader, column, encoded):
    """Django decodes them with errors="replace": U+FFFD, never a lone surrogate the database would refuse."""
    value = QueryDict(f"tag={encoded}")["tag"]
    assert "\ufffd" in value and not any("\ud800" <= char <= "\udfff" for char in value)
    assert reader.get(f"{column.url}?tag={encoded}").status_code == 200
    assert reader.get(f"{column.url}{encoded}/").status_code == 404


@pytest.mark.postgres
@pytest.mark.parametrize(("query", "cookie"), [("?tag=%00", ""), ("", COOKIE_WITH_NUL)])
def test_on_postgresql_the_public_pages_that_answered_500_now_answer_400(reader, column, query, cookie):
    assert_public_refusal(reader.get(column.url + query, HTTP_COOKIE=cookie))


@pytest.mark.postgres
@pytest.mark.parametrize("url", ["/admin/tag-autocomplete/?term=%00", "/admin/images/chooser/?tag=%00"])
def test_on_postgresql_the_admin_views_that_answered_500_now_answer_400(reader, editor, url):
    reader.force_login(editor)
    assert_admin_refusal(reader.get(url), language="en")


def test_a_json_api_answers_a_nul_in_json(reader):
    response = reader.get("/api/search/", {"q": "cà\x00phê"})
    assert response.status_code == 400
    assert response.json() == {"error": "Yêu cầu có ký tự NUL, không thể tiếp nhận."}
