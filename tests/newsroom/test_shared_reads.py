"""A page's request reads once what several parts of the page show: the header's outlet is the site's root page as
Wagtail's routing read it, the home's children serve its menu, its search form and the registry's links, a page whose children are all of one
type reads a child in one query, and a home page, which has no trail above it, asks nothing for its breadcrumbs."""

from django.test import RequestFactory

from wagtail.models import Page, Site

from exemplars.models import ExemplarIndexPage, MovementIndexPage
from exemplars.models.shared import index_url_for_site
from newsroom.context_processors import outlet
from newsroom.models import ArticlePage, ColumnPage, PlainPage
from newsroom.social_previews import PagePreview
from newsroom.structured_data import breadcrumbs
from search.header import search_form_section


def routed_request(path, host="127.0.0.1"):
    request = RequestFactory().get(path, HTTP_HOST=host)
    page, _args, _kwargs = Page.route_for_request(request, path)
    return request, page


def test_the_header_shows_the_outlet_home_the_routing_read_without_a_query(
    outlets, make_column, django_assert_num_queries
):
    column = make_column(outlets["newspaper"], "Thời sự")
    request, page = routed_request(f"/{column.slug}/")
    assert page == column

    with django_assert_num_queries(0):
        context = outlet(request)

    assert context["outlet_home"] == outlets["newspaper"]
    assert context["outlet_home"].breaking_news_until is None  # the home's own fields, not a bare Page


def test_the_menu_the_search_form_and_the_registrys_address_share_one_reading_of_the_homes_children(
    outlets, shared_indexes, make_column, django_assert_num_queries
):
    newspaper = outlets["newspaper"]
    make_column(newspaper, "Thời sự", show_in_menus=True)
    make_column(newspaper, "Ẩn khỏi menu", show_in_menus=False)
    make_column(newspaper, "Bản nháp", show_in_menus=True, live=False)
    request, home = routed_request("/")
    home.get_url(request)  # the sites' root paths, read once a request

    with django_assert_num_queries(1):
        menu = [page.title for page in outlet(request)["outlet_menu"]()]
        search_form = search_form_section(home, request)
        registry_url = index_url_for_site(ExemplarIndexPage, request)
        movements_url = index_url_for_site(MovementIndexPage, request)

    assert "Thời sự" in menu
    assert not {"Ẩn khỏi menu", "Bản nháp"} & set(menu)
    assert search_form.context["url"] == "/tim-kiem/"
    # The newspaper's own aliases of the shared indexes, not the portal's originals.
    assert registry_url == ExemplarIndexPage.objects.child_of(newspaper).get().get_url(request)
    assert registry_url.startswith("/") and movements_url.startswith("/")
    assert movements_url == MovementIndexPage.objects.child_of(newspaper).get().get_url(request)


def test_a_site_without_a_live_registry_of_its_own_links_to_the_canonical_one(outlets, shared_indexes):
    registry = shared_indexes[ExemplarIndexPage]
    ExemplarIndexPage.objects.child_of(outlets["newspaper"]).get().unpublish()
    request, _home = routed_request("/")

    assert index_url_for_site(ExemplarIndexPage, request) == registry.get_url(request)
    assert registry.get_parent().specific == outlets["portal"]


def test_a_column_reads_its_article_for_the_routing_in_one_query(
    outlets, make_column, make_article, django_assert_num_queries
):
    column = ColumnPage.objects.get(pk=make_column(outlets["newspaper"], "Thời sự").pk)
    article = make_article(column, "Khánh thành cầu treo")
    request = RequestFactory().get(article.url)

    with django_assert_num_queries(1):
        routed = column.route(request, [article.slug])

    assert type(routed.page) is ArticlePage
    assert routed.page == article and routed.page.title == "Khánh thành cầu treo"
    assert routed.page.get_parent() is column


def test_a_child_of_a_type_the_column_does_not_allow_is_still_served_and_an_unknown_slug_is_not(
    client, outlets, make_column
):
    column = make_column(outlets["newspaper"], "Thời sự")
    # The tree's rules are the editor's forms': a page put there by code (an old import) is still served.
    stray = column.add_child(instance=PlainPage(title="Giới thiệu chuyên mục"))

    assert client.get(stray.url).context["page"] == stray
    assert client.get(f"{column.url}khong-co-bai-nay/").status_code == 404


def test_a_site_whose_root_is_not_an_outlet_home_has_no_outlet_header(outlets):
    Site.objects.create(hostname="khac.localhost", root_page=Page.get_first_root_node(), site_name="Khác")

    assert outlet(RequestFactory().get("/", HTTP_HOST="khac.localhost")) == {}


def test_a_home_page_has_no_breadcrumbs_and_asks_nothing_for_them(outlets, django_assert_num_queries):
    request, home = routed_request("/")
    preview = PagePreview(home, home.title, home.full_url)

    with django_assert_num_queries(0):
        assert breadcrumbs(preview, request) == []


def test_a_column_has_its_home_above_it_in_its_trail_without_a_query(
    outlets, make_column, django_assert_num_queries
):
    column = make_column(outlets["newspaper"], "Thời sự")
    request, page = routed_request(f"/{column.slug}/")
    page.get_full_url(request)  # the sites' root paths, read once a request
    preview = PagePreview(page, page.title, page.full_url)

    with django_assert_num_queries(0):
        trail = breadcrumbs(preview, request)

    steps = [(item["name"], item.get("item")) for item in trail[0]["itemListElement"]]
    assert steps == [(outlets["newspaper"].title, outlets["newspaper"].full_url), ("Thời sự", None)]


def test_an_article_has_its_trail_from_the_routing_without_a_query(
    outlets, make_column, make_article, django_assert_num_queries
):
    column = make_column(outlets["newspaper"], "Thời sự")
    article = make_article(column, "Khánh thành cầu treo")
    request, page = routed_request(f"/{column.slug}/{article.slug}/")
    page.get_full_url(request)  # the sites' root paths, read once a request
    preview = PagePreview(page, page.title, page.full_url)

    with django_assert_num_queries(0):
        trail = breadcrumbs(preview, request)

    names = [item["name"] for item in trail[0]["itemListElement"]]
    assert names == [outlets["newspaper"].title, "Thời sự", "Khánh thành cầu treo"]


def test_a_page_not_routed_reads_its_trail_from_the_tree(outlets, make_column, make_article):
    column = make_column(outlets["newspaper"], "Thời sự")
    article = make_article(column, "Khánh thành cầu treo")
    request = RequestFactory().get("/", HTTP_HOST="127.0.0.1")
    fresh = type(article).objects.get(pk=article.pk)

    trail = breadcrumbs(PagePreview(fresh, fresh.title, fresh.full_url), request)

    names = [item["name"] for item in trail[0]["itemListElement"]]
    assert names == [outlets["newspaper"].title, "Thời sự", "Khánh thành cầu treo"]
