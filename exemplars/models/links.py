"""Which features are about which exemplars and movements, kept on the article side as its child objects.

They are ParentalKeys to the article, so they travel in the article's revisions, are edited with it
(InlinePanels added by `exemplars.panels`), and go live when the article is published.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel

from core.models import WrittenOrderable


class ArticleExemplarLink(WrittenOrderable):
    article = ParentalKey("newsroom.ArticlePage", related_name="exemplar_links", on_delete=models.CASCADE)
    exemplar = models.ForeignKey(
        "exemplars.ExemplarPage",
        verbose_name=_("exemplar"),
        on_delete=models.CASCADE,
        related_name="article_links",
    )

    panels = [FieldPanel("exemplar")]

    class Meta(WrittenOrderable.Meta):
        verbose_name = _("exemplar featured")
        constraints = [
            models.UniqueConstraint(fields=["article", "exemplar"], name="unique_article_exemplar_link")
        ]


class ArticleMovementLink(WrittenOrderable):
    article = ParentalKey("newsroom.ArticlePage", related_name="movement_links", on_delete=models.CASCADE)
    movement = models.ForeignKey(
        "exemplars.MovementPage",
        verbose_name=_("movement"),
        on_delete=models.CASCADE,
        related_name="article_links",
    )

    panels = [FieldPanel("movement")]

    class Meta(WrittenOrderable.Meta):
        verbose_name = _("movement featured")
        constraints = [
            models.UniqueConstraint(fields=["article", "movement"], name="unique_article_movement_link")
        ]
