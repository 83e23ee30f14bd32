"""Which newsroom columns show the exemplar registry, kept on the column as its child object.

A ParentalKey to the column, so the setting travels in the column's revisions and is edited with it (an
InlinePanel added by `exemplars.panels`); the newsroom app does not know this app. Only the setting is stored:
the profiles are read live from the registry each time the column is shown.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel

MAX_PROFILES_SHOWN = 24


class ColumnRegistry(models.Model):
    column = ParentalKey("newsroom.ColumnPage", related_name="registry_links", on_delete=models.CASCADE)
    registry = models.ForeignKey(
        "exemplars.ExemplarIndexPage",
        verbose_name=_("registry"),
        on_delete=models.CASCADE,
        related_name="column_links",
        help_text=_(
            "The exemplar registry, the portal's or its alias on this outlet: both list the same profiles."
        ),
    )
    profiles_shown = models.PositiveSmallIntegerField(
        _("profiles shown"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PROFILES_SHOWN)],
        help_text=_(
            "The latest year first, its new factors and sudden deeds leading; the rest are in the registry."
        ),
    )

    panels = [FieldPanel("registry"), FieldPanel("profiles_shown")]

    class Meta:
        verbose_name = _("exemplar registry shown")
        constraints = [models.UniqueConstraint(fields=["column"], name="one_registry_per_column")]

    def __str__(self):
        return str(self.registry)
