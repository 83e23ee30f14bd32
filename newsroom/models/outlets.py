from django.contrib.contenttypes.models import ContentType
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField
from wagtail.models import Page

from newsroom.feeds import ArticleFeed, FeedRoutesMixin, feed_path
from newsroom.home_page_form import OutletHomePageForm

from .articles import ArticlePage
from .base import UNLISTED_PAGE_FIELDS, NewsroomPage
from .columns import ColumnPage
from .front_page import compose_front_page
from .home_sections import MAX_FEATURED, MAX_SECTIONS
from .sections import HOME_SECTIONS_HOOK, sections_for


class Outlet(models.TextChoices):
    NEWSPAPER = "newspaper", "Báo Đắk Lắk"
    BROADCAST = "broadcast", "Đài Phát thanh và Truyền hình tỉnh"
    PORTAL = "portal", "Cổng thông tin điện tử tỉnh"


# The station's newest video and audio items on each home page: its own shows them first and more of them.
BROADCASTS_SHOWN = {Outlet.NEWSPAPER: 4, Outlet.BROADCAST: 6, Outlet.PORTAL: 4}


class OutletHomePage(FeedRoutesMixin, NewsroomPage):
    """The home page of one outlet; each outlet is a Wagtail Site rooted here. Its feed (/rss/) carries the
    outlet's newest articles, of every column."""

    outlet = models.CharField(_("outlet"), max_length=20, choices=Outlet.choices, unique=True)
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    brand_color = models.CharField(
        _("brand colour"),
        max_length=7,
        default="#a50e1e",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #rrggbb."))],
    )
    lead_story = models.ForeignKey(
        "newsroom.ArticlePage",
        verbose_name=_("lead story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown largest at the top of the home page. Left empty, the newest article leads."),
    )
    # A line above every page of the outlet's site while it runs: it goes by itself at its end, compared with the
    # time of each request (no task takes it down).
    breaking_news = models.CharField(_("breaking news line"), max_length=200, blank=True)
    breaking_news_link = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("link"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page the line leads to, if any."),
    )
    breaking_news_until = models.DateTimeField(
        _("shown until"), null=True, blank=True, help_text=_("The line disappears by itself at this time.")
    )

    content_panels = NewsroomPage.content_panels + [
        FieldPanel("outlet"),
        FieldPanel("tagline"),
        FieldPanel("intro"),
        FieldPanel("brand_color"),
    ]
    front_page_panels = [
        FieldPanel("lead_story"),
        InlinePanel(
            "featured_articles",
            heading=_("Featured articles"),
            label=_("featured article"),
            max_num=MAX_FEATURED,
            help_text=_(
                "Beside the lead story, in this order. None chosen: the newest articles after the lead story."
            ),
        ),
        InlinePanel(
            "column_sections",
            heading=_("Sections by column"),
            label=_("section"),
            max_num=MAX_SECTIONS,
            help_text=_(
                "Rows under the featured articles, in this order, each filled with the newest articles of its "
                "column not shown above it. None chosen: the newest articles."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("breaking_news"),
                FieldPanel("breaking_news_link"),
                FieldPanel("breaking_news_until"),
            ],
            heading=_("Breaking news"),
            help_text=_("Shown at the top of every page of this outlet until the time given."),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(front_page_panels, heading=_("Front page")),
            ObjectList(NewsroomPage.promote_panels, heading=_("Promote")),
            ObjectList(NewsroomPage.settings_panels, heading=_("Settings")),
        ],
        base_form_class=OutletHomePageForm,
    )
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "newsroom.ColumnPage",
        "newsroom.PlainPage",
        "newsroom.TagIndexPage",
        "newsroom.CampaignPage",
        "exemplars.ExemplarIndexPage",
        "exemplars.MovementIndexPage",
        "contests.ContestIndexPage",
        "quizzes.QuizPage",
        "tips.TipPage",
        "broadcasts.ProgrammeIndexPage",
        "search.SearchPage",
    ]

    class Meta:
        verbose_name = _("outlet home page")

    def get_template(self, request, *args, **kwargs):
        return f"pages/home/{self.outlet}.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["front_page"] = compose_front_page(
            self,
            station_paths=self.station_paths(),
            broadcast_items=BROADCASTS_SHOWN[self.outlet],
        )
        context["home_sections"] = sections_for(HOME_SECTIONS_HOOK, self, request)
        return context

    @feed_path()
    def feed(self, request):
        name = self.get_outlet_display()
        description = self.tagline or f"Tin bài mới nhất của {name}"
        return ArticleFeed(self, ArticlePage.objects.in_outlet(self), description, title=name)(request)

    def station_paths(self):
        """The tree paths of the station's home pages (it has one): the station's own home knows its path."""
        if self.outlet == Outlet.BROADCAST:
            return (self.path,)
        return tuple(OutletHomePage.objects.filter(outlet=Outlet.BROADCAST).values_list("path", flat=True))

    @cached_property
    def live_children(self):
        """The home's live child pages (not specific) but its columns outside the menu (the portal has one per
        department, dozens), in the tree's order, read once for this instance of the home: the header's menu,
        its search form and the registry's links all look among them, and a request reads its home afresh (the
        site's root page)."""
        columns = ContentType.objects.get_for_model(ColumnPage)
        children = self.get_children().live().defer(*UNLISTED_PAGE_FIELDS)
        return list(children.filter(Q(show_in_menus=True) | ~Q(content_type=columns)))

    def menu_pages(self):
        return [child for child in self.live_children if child.show_in_menus]

    def live_child_of_type(self, page_type):
        """The first live child page of `page_type` (or a subclass), not specific; None where there is none."""
        return next(
            (child for child in self.live_children if issubclass(child.specific_class or Page, page_type)),
            None,
        )

    def running_breaking_news(self, now=None):
        """Whether the breaking news line is shown at `now` (default: the time of the call, as templates call
        it on every request)."""
        if not self.breaking_news or self.breaking_news_until is None:
            return False
        return (now or timezone.now()) < self.breaking_news_until
