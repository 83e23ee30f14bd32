"""The station's programmes ("Phát thanh tiếng Ê Đê", "Gương sáng giữa đời thường"), each with its episodes: the
media items that name it. The programmes' index sits under the station's home page."""

from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import PageManager
from wagtail.search import index

from core.view_restrictions import PublicPageQuerySet
from newsroom.blocks import RICH_TEXT_FEATURES
from newsroom.models.api_fields import COVER_PICTURE, LanguageCodeField, api_pictures, picture
from newsroom.models.base import NewsroomPage
from newsroom.models.images import picture_field
from newsroom.models.languages import Language, chosen_language, in_language, language_field
from newsroom.pictures import listing_images

from .media import MediaItem

EPISODES_PER_PAGE = 20

# Apple Podcasts' categories that suit a provincial station's programmes (their English names are the values
# podcast apps read; the labels are what the editor sees).
PODCAST_CATEGORIES = [
    ("News", _("News")),
    ("Society & Culture", _("Society & Culture")),
    ("Government", _("Government")),
    ("History", _("History")),
    ("Education", _("Education")),
    ("Music", _("Music")),
]


class ProgrammeQuerySet(PublicPageQuerySet):
    def in_language(self, language):
        return self.filter(in_language(language))

    def for_cards(self):
        """Live, public programmes with their language and cover, in a fixed number of queries."""
        covers = listing_images("cover")
        return (
            self.live()
            .public()
            .select_related("language")
            .prefetch_related(models.Prefetch("cover", queryset=covers))
        )


class ProgrammeIndexPage(NewsroomPage):
    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    cover = picture_field(
        _("podcast cover"),
        help_text=_(
            "The station's square picture, at least 1400 px: podcast apps show it for the feeds by language "
            "and for programmes without a cover of their own."
        ),
    )

    content_panels = NewsroomPage.content_panels + [FieldPanel("intro"), FieldPanel("cover")]

    parent_page_types = ["newsroom.OutletHomePage"]
    subpage_types = ["broadcasts.ProgrammePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("programmes index")

    def get_context(self, request, *args, **kwargs):
        """The programmes in the editors' order, filtered by the broadcast language a listener chose among those
        the programmes are in."""
        context = super().get_context(request, *args, **kwargs)
        programmes = ProgrammePage.objects.child_of(self).for_cards()
        languages = Language.objects.used_by(programmes).in_vietnamese_order()
        language = chosen_language(request, languages)
        if language:
            programmes = programmes.in_language(language)
        context.update(programmes=programmes, languages=languages, current_language=language)
        return context


class ProgrammePage(RoutablePageMixin, NewsroomPage):
    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    cover = picture_field(_("cover picture"), help_text=_("Square, at least 1400 px: podcast apps show it."))
    language = language_field(_("broadcast language"), help_text=_("Leave empty for Vietnamese."))
    schedule = models.CharField(
        _("air times"),
        max_length=200,
        blank=True,
        help_text=_("As listeners read it: “20 giờ thứ Bảy hằng tuần”."),
    )
    podcast_author = models.CharField(
        _("podcast author"), max_length=200, blank=True, help_text=_("Leave empty to use the station's name.")
    )
    podcast_category = models.CharField(
        _("podcast category"), max_length=50, choices=PODCAST_CATEGORIES, default="News"
    )
    podcast_explicit = models.BooleanField(_("explicit content"), default=False)

    content_panels = NewsroomPage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("cover"),
        FieldPanel("language"),
        FieldPanel("schedule"),
        MultiFieldPanel(
            [FieldPanel("podcast_author"), FieldPanel("podcast_category"), FieldPanel("podcast_explicit")],
            _("Podcast"),
        ),
    ]
    search_fields = NewsroomPage.search_fields + [index.SearchField("intro")]

    objects = PageManager.from_queryset(ProgrammeQuerySet)()

    # What the content API shows (newsroom.api); its episodes are in the programme's podcast feed.
    api_fields = [
        APIField("language", serializer=LanguageCodeField()),
        APIField("schedule"),
        APIField("cover", serializer=picture(COVER_PICTURE)),
        APIField("intro"),
    ]

    @classmethod
    def api_prefetch(cls):
        return [models.Prefetch("cover", queryset=api_pictures()), "language"]

    parent_page_types = ["broadcasts.ProgrammeIndexPage"]
    subpage_types = []
    # The cover is shown square, beside the programme's name (newsroom.page_images).
    lead_picture_uses = ("cover",)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def episodes_on_air(self):
        """The episodes the public may play, newest broadcast first, with what the player shows."""
        on_air = MediaItem.objects.on_air().filter(programme=self).newest_first()
        return on_air.select_related("language", "poster")

    def get_sitemap_urls(self, request=None):
        """The programme and each of its episodes on the air, at the episode's own address (one query more for
        each programme: a station has a few dozen)."""
        urls = super().get_sitemap_urls(request)
        if not urls:
            return urls
        programme_url = urls[0]["location"]
        episodes = MediaItem.objects.on_air().filter(programme=self).newest_first().only("pk", "broadcast_at")
        return urls + [
            {
                "location": programme_url + self.reverse_subpage("episode", args=(episode.pk,)),
                "lastmod": episode.aired_at,
            }
            for episode in episodes
        ]

    def podcast_url(self, request):
        return request.build_absolute_uri(reverse("broadcasts:programme_podcast", kwargs={"pk": self.pk}))

    @path("")
    def listing(self, request):
        """The newest episode in the player, the others listed a page at a time."""
        episodes = self.episodes_on_air()
        newest = episodes.first()
        others = episodes.exclude(pk=newest.pk) if newest else episodes.none()
        return self.render(
            request,
            context_overrides={
                "newest": newest,
                "episodes": Paginator(others, EPISODES_PER_PAGE).get_page(request.GET.get("page")),
                "podcast_url": self.podcast_url(request),
            },
        )

    @path("<int:pk>/")
    def episode(self, request, pk):
        """One episode on air, at an address of its own to share."""
        episode = get_object_or_404(self.episodes_on_air(), pk=pk)
        return self.render(
            request,
            template="broadcasts/episode_page.html",
            context_overrides={
                "episode": episode,
                "podcast_url": self.podcast_url(request),
            },
        )
