from wagtail.models import Site

from newsroom.models import OutletHomePage


def outlet(request):
    """The outlet whose site answers this request, for the header, branding and navigation."""
    site = Site.find_for_request(request)
    if site is None:
        return {}
    home = OutletHomePage.objects.filter(pk=site.root_page_id).first()
    if home is None:
        return {}
    return {"outlet_home": home, "outlet_menu": home.get_children().live().in_menu()}
