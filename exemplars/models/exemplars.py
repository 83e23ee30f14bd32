"""Exemplar profiles (điển hình tiên tiến) and the registry that lists them on every outlet."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import ItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from newsroom.blocks import RICH_TEXT_FEATURES, CaptionedImageBlock, QuoteBlock
from newsroom.models import Tag

from .movements import FEATURES_PER_PAGE
from .shared import CanonicalChildPage, SharedIndexPage
from .sorting import VietnameseSortedModel


class GalleryBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(CaptionedImageBlock(), **kwargs)

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "exemplars/blocks/gallery.html"


class AchievementsBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Paragraph"))
    image = CaptionedImageBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()


class ExemplarTag(ItemBase):
    tag = models.ForeignKey(Tag, related_name="tagged_exemplars", on_delete=models.CASCADE)
    content_object = ParentalKey(
        "exemplars.ExemplarPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ExemplarIndexPage(SharedIndexPage):
    """The registry of exemplars: filters, Vietnamese alphabetical order, pages of a fixed cost."""

    per_page = models.PositiveSmallIntegerField(_("exemplars per page"), default=24)

    promote_panels = SharedIndexPage.promote_panels + [FieldPanel("per_page")]
    template = "exemplars/exemplar_index_page.html"
    subpage_types = ["exemplars.ExemplarPage"]

    class Meta:
        verbose_name = _("exemplar registry")

    def route(self, request, path_components):
        """An outlet's alias of the registry also answers for the registry's profiles, at its own address.

        The alias holds no pages: a profile asked for under it is the original profile itself, served on this
        outlet's site (its header, its navigation) while its canonical URL stays on the portal. A page that
        really is under the alias (an alias of the profile, if an editor made one) still comes first.
        """
        if path_components and self.alias_of_id and self.live:
            profile = self.original_profile_served_here(path_components[0])
            if profile is not None:
                return profile.route(request, path_components[1:])
        return super().route(request, path_components)

    def original_profile_served_here(self, slug):
        if self.get_children().filter(slug=slug).exists():
            return None
        return ExemplarPage.objects.child_of(self.alias_of).filter(slug=slug).first()

    def get_context(self, request, *args, **kwargs):
        from exemplars.listings import registry_page

        context = super().get_context(request, *args, **kwargs)
        context.update(registry_page(request, self.per_page))
        # On an outlet's alias the profiles are served under the alias (see route): readers stay on the site.
        base_url = self.get_url(request)
        for exemplar in context["exemplars"]:
            exemplar.url_here = f"{base_url}{exemplar.slug}/"
        return context


class ExemplarPage(VietnameseSortedModel, CanonicalChildPage):
    """The profile of an individual, a collective or a household: who, where, what they achieved."""

    sort_source = "title"

    class SubjectKind(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual")
        COLLECTIVE = "collective", _("Collective")
        HOUSEHOLD = "household", _("Household")

    SUBJECT_KIND_NAMES = {"individual": "Cá nhân", "collective": "Tập thể", "household": "Hộ gia đình"}

    subject_kind = models.CharField(_("subject"), max_length=12, choices=SubjectKind.choices)
    position = models.CharField(
        _("position"), max_length=200, blank=True, help_text=_("For an individual: the post held.")
    )
    unit = models.ForeignKey(
        "exemplars.Unit",
        verbose_name=_("unit"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="exemplars",
        help_text=_("Where the individual works, the collective itself, or the household's commune."),
    )
    summary = models.TextField(
        _("summary"), max_length=600, blank=True, help_text=_("One or two sentences for listings.")
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    achievement_fields = ParentalManyToManyField(
        "exemplars.AchievementField", verbose_name=_("fields of achievement"), related_name="exemplars"
    )
    achievements = StreamField(AchievementsBlock(), verbose_name=_("achievements"), blank=True)
    is_new_factor = models.BooleanField(_("new factor"), default=False)
    is_sudden_deed = models.BooleanField(_("sudden outstanding deed"), default=False)
    year = models.PositiveSmallIntegerField(
        _("year recognised"), validators=[MinValueValidator(1945), MaxValueValidator(2100)], db_index=True
    )
    movements = ParentalManyToManyField(
        "exemplars.MovementPage", verbose_name=_("movements"), blank=True, related_name="exemplars"
    )
    tags = ClusterTaggableManager(through=ExemplarTag, blank=True, verbose_name=_("tags"))

    content_panels = CanonicalChildPage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("subject_kind"), FieldPanel("position"), FieldPanel("unit")], _("Who and where")
        ),
        FieldPanel("summary"),
        FieldPanel("lead_image"),
        FieldPanel("achievement_fields", widget=forms.CheckboxSelectMultiple),
        FieldPanel("achievements"),
        InlinePanel("awards", heading=_("Titles and awards received"), label=_("award")),
        FieldRowPanel(
            [FieldPanel("year"), FieldPanel("is_new_factor"), FieldPanel("is_sudden_deed")], _("Recognition")
        ),
        FieldPanel("movements", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
    ]
    search_fields = CanonicalChildPage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("position"),
        index.SearchField("achievements"),
        index.RelatedFields("unit", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("subject_kind"),
        index.FilterField("year"),
    ]

    template = "exemplars/exemplar_page.html"
    parent_page_types = ["exemplars.ExemplarIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("exemplar profile")
        verbose_name_plural = _("exemplar profiles")

    @property
    def subject_kind_name(self):
        return self.SUBJECT_KIND_NAMES[self.subject_kind]

    def get_context(self, request, *args, **kwargs):
        from exemplars.listings import live_movements, tag_index_url
        from newsroom.listings import paginate_articles

        context = super().get_context(request, *args, **kwargs)
        context.update(
            awards=self.awards.all(),
            movements=live_movements(self),
            features=paginate_articles(self.features(), request, FEATURES_PER_PAGE),
            tag_index_url=tag_index_url(request),
        )
        return context

    def features(self):
        """Every live feature about this exemplar, in any outlet, newest first; aliases stand for nothing new."""
        from newsroom.models import ArticlePage

        return ArticlePage.objects.for_listing().filter(exemplar_links__exemplar=self, alias_of__isnull=True)


class Award(Orderable):
    """A title or an award the exemplar received, as recorded by its decision."""

    page = ParentalKey(ExemplarPage, related_name="awards", on_delete=models.CASCADE)
    title = models.CharField(
        _("title or award"), max_length=255, help_text=_("For example: Chiến sĩ thi đua cấp tỉnh, Bằng khen")
    )
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    issuing_authority = models.CharField(_("issuing authority"), max_length=200, blank=True)
    date = models.DateField(_("date"), null=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("decision_number"), FieldPanel("date")]),
        FieldPanel("issuing_authority"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("award")
        verbose_name_plural = _("awards")
