from django.db import models
from django.utils.translation import gettext_lazy as _


class ShareCard(models.Model):
    """A published page's share card (posters.cards) as the public media keep it, for the Open Graph tags of its
    page and for whoever shares it (posters.share_cards makes and deletes them)."""

    class Shape(models.TextChoices):
        WIDE = "wide", _("Wide (1200 × 630)")
        SQUARE = "square", _("Square (1080 × 1080)")

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="share_cards"
    )
    shape = models.CharField(_("shape"), max_length=6, choices=Shape.choices)
    image = models.FileField(_("image"), upload_to="share-cards/")
    width = models.PositiveSmallIntegerField(_("width"))
    height = models.PositiveSmallIntegerField(_("height"))
    made_at = models.DateTimeField(_("made at"))

    class Meta:
        verbose_name = _("share card")
        verbose_name_plural = _("share cards")
        constraints = [models.UniqueConstraint(fields=["page", "shape"], name="one_share_card_per_shape")]

    def __str__(self):
        return f"{self.page_id} {self.shape}"
