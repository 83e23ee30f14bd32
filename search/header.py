"""The search form in the header of every outlet's pages, through the newsroom's header-sections hook."""

from newsroom.models.sections import Section

from .models import SearchPage

SECTION_TEMPLATE = "search/includes/site_search.html"


def search_form_section(outlet_home, request):
    """The form sending readers to the outlet's search page, or None while the outlet has no live one."""
    search_page = outlet_home.live_child_of_type(SearchPage)
    if search_page is None:
        return None
    return Section(SECTION_TEMPLATE, {"url": search_page.get_url(request)})
