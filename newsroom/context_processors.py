from functools import partial

from wagtail.models import Site

from newsroom.models import OutletHomePage
from newsroom.models.sections import HEADER_SECTIONS_HOOK, sections_for


def outlet(request):
    """The outlet whose site answers this request, for the header, branding and navigation.

    The menu and the header's sections are read only if a template shows them (a template calls what it is
    given). The home is the site's root page as Wagtail's routing read it for this request: no query of its own
    on a page.
    """
    site = Site.find_for_request(request)
    if site is None:
        return {}
    home = site.root_page.specific
    if not isinstance(home, OutletHomePage):
        return {}
    return {
        "outlet_home": home,
        "outlet_menu": home.menu_pages,
        "header_sections": partial(sections_for, HEADER_SECTIONS_HOOK, home, request),
    }
