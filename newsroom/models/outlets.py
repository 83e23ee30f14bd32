from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from .articles import ArticlePage
from .base import NewsroomPage

# The lead story and a grid of twelve.
LATEST_ARTICLES = 13


class Outlet(models.TextChoices):
    NEWSPAPER = "newspaper", "Báo Đắk Lắk"
    BROADCAST = "broadcast", "Đài Phát thanh và Truyền hình tỉnh"
    PORTAL = "portal", "Cổng thông tin điện tử tỉnh"


class OutletHomePage(NewsroomPage):
    """The home page of one outlet; each outlet is a Wagtail Site rooted here."""

    outlet = models.CharField(_("outlet"), max_length=20, choices=Outlet.choices, unique=True)
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    brand_color = models.CharField(
        _("brand colour"),
        max_length=7,
        default="#a50e1e",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #rrggbb."))],
    )

    content_panels = NewsroomPage.content_panels + [
        FieldPanel("outlet"),
        FieldPanel("tagline"),
        FieldPanel("intro"),
        FieldPanel("brand_color"),
    ]

    template = "pages/outlet_home_page.html"
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "newsroom.ColumnPage",
        "newsroom.PlainPage",
        "newsroom.TagIndexPage",
        "newsroom.CampaignPage",
        "exemplars.ExemplarIndexPage",
        "exemplars.MovementIndexPage",
        "contests.ContestIndexPage",
        "search.SearchPage",
    ]

    class Meta:
        verbose_name = _("outlet home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        latest = ArticlePage.objects.in_outlet(self).for_listing()[:LATEST_ARTICLES]
        context["latest_articles"] = latest.with_places()
        return context
