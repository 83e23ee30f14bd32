"""What an outlet's editor puts on its home page under the lead story: the featured articles and the sections per
column, each in the editor's order. Child objects of the home page (InlinePanels), so they are kept in its
revisions, previewed and published with it. newsroom.models.front_page reads them."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

# Beside the lead story: more would push the sections below the first screen of a desktop.
MAX_FEATURED = 4
MAX_SECTIONS = 12
MAX_SECTION_ITEMS = 12


class FeaturedArticle(Orderable):
    home = ParentalKey("newsroom.OutletHomePage", related_name="featured_articles", on_delete=models.CASCADE)
    article = models.ForeignKey(
        "newsroom.ArticlePage", verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured article")
        verbose_name_plural = _("featured articles")


class ColumnSection(Orderable):
    """A row of the home page filled with the newest articles of a column that are not shown above it."""

    home = ParentalKey("newsroom.OutletHomePage", related_name="column_sections", on_delete=models.CASCADE)
    column = models.ForeignKey(
        "newsroom.ColumnPage", verbose_name=_("column"), on_delete=models.CASCADE, related_name="+"
    )
    items = models.PositiveSmallIntegerField(
        _("articles shown"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SECTION_ITEMS)],
    )
    heading = models.CharField(
        _("heading"), max_length=80, blank=True, help_text=_("Left empty, the column's title.")
    )

    panels = [FieldPanel("column"), FieldRowPanel([FieldPanel("items"), FieldPanel("heading")])]

    class Meta(Orderable.Meta):
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    @property
    def title(self):
        return self.heading or self.column.title
