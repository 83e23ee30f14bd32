"""One set of pages shown by every outlet: a canonical index holds the pages, aliases of it only list them."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Site

from newsroom.models import OutletHomePage
from newsroom.models.base import NewsroomPage

# The features (articles) a profile's or a movement's page lists at a time.
FEATURES_PER_PAGE = 12


class SharedIndexPage(NewsroomPage):
    """An index whose listing is a query over all its page type, so each outlet's alias shows the same set.

    The canonical index (on the portal) holds the pages; other outlets hold Wagtail aliases of it, which
    Wagtail keeps in step with the original and which cannot hold pages of their own (see
    `CanonicalChildPage.can_create_at`). Links from an alias lead to the one page on the canonical site.
    """

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = NewsroomPage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["newsroom.OutletHomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True


class CanonicalChildPage(NewsroomPage):
    """A page created only under a canonical (non-alias) index, so it exists once for all outlets."""

    class Meta:
        abstract = True

    @classmethod
    def can_create_at(cls, parent):
        return super().can_create_at(parent) and parent.alias_of_id is None


def index_url_for_site(index_class, request):
    """The address of the live index of `index_class` on the request's site (the canonical one or an alias, a
    child of the outlet's home), else of the canonical one; None where there is neither."""
    site = Site.find_for_request(request)
    home = site.root_page.specific if site else None
    on_site = home.live_child_of_type(index_class) if isinstance(home, OutletHomePage) else None
    index = on_site or index_class.objects.live().filter(alias_of__isnull=True).first()
    return index.get_url(request) if index else None
