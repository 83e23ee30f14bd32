"""Who and where: localities, emulation clusters and blocks, units, and the fields of achievement."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from .sorting import VietnameseSortedModel


class Locality(VietnameseSortedModel):
    """A city, town or district of the province (editable: the administrative map changes)."""

    class Kind(models.TextChoices):
        CITY = "city", _("City")
        TOWN = "town", _("Town")
        DISTRICT = "district", _("District")
        COMMUNE = "commune", _("Commune or ward")

    name = models.CharField(_("name"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.DISTRICT)

    panels = [FieldPanel("name"), FieldPanel("kind")]

    class Meta:
        verbose_name = _("locality")
        verbose_name_plural = _("localities")
        ordering = ["sort_name"]

    def __str__(self):
        return self.name


class EmulationCluster(VietnameseSortedModel):
    """An emulation cluster (cụm, by territory) or block (khối, by sector) whose units emulate each other."""

    class Kind(models.TextChoices):
        CLUSTER = "cluster", _("Cluster (by territory)")
        BLOCK = "block", _("Block (by sector)")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)

    panels = [FieldPanel("name"), FieldPanel("kind")]

    class Meta:
        verbose_name = _("emulation cluster or block")
        verbose_name_plural = _("emulation clusters and blocks")
        ordering = ["sort_name"]

    def __str__(self):
        return self.name


class Unit(index.Indexed, VietnameseSortedModel):
    """An agency, unit or locality (cơ quan, đơn vị, địa phương): where exemplars work, and who nominates them."""

    class Kind(models.TextChoices):
        AGENCY = "agency", _("Agency")
        DEPARTMENT = "department", _("Department")
        DISTRICT = "district", _("District, town or city")
        COMMUNE = "commune", _("Commune or ward")
        ENTERPRISE = "enterprise", _("Enterprise")
        COOPERATIVE = "cooperative", _("Cooperative")
        ARMED_FORCES = "armed_forces", _("Armed forces unit")
        SCHOOL = "school", _("School")
        ASSOCIATION = "association", _("Association or mass organisation")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    locality = models.ForeignKey(
        Locality,
        verbose_name=_("locality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="units",
    )
    cluster = models.ForeignKey(
        EmulationCluster,
        verbose_name=_("emulation cluster or block"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="units",
    )
    # Kept by `exemplars.setup`: the unit's column on the portal and the group of its emulation officers.
    column = models.ForeignKey(
        "newsroom.ColumnPage",
        verbose_name=_("column on the portal"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    officer_group = models.OneToOneField(
        "auth.Group",
        verbose_name=_("officers' group"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="officers_unit",
    )

    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("locality"), FieldPanel("cluster")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["sort_name"]

    def __str__(self):
        return self.name


class AchievementField(models.Model):
    """A field of achievement the plan names (study, work, production…); seeded by a data migration."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = _("field of achievement")
        verbose_name_plural = _("fields of achievement")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name
