"""Who and where: localities and their former names, emulation clusters and blocks, units, and the fields of
achievement.

Since 1 July 2025 local government has two levels, the province and the commune or ward: the localities of the
present are communes and wards. The district-level localities of before (huyện, thị xã, thành phố thuộc tỉnh)
stay for the data that names them and as former names of the communes and wards that took in their land, so
that a profile is still found under the district an old article names.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.search import index

from exemplars.locality_forms import LocalityForm, UnitForm
from exemplars.sorting import sortable_name

from .sorting import VietnameseSortedModel


class LocalityQuerySet(models.QuerySet):
    def present(self):
        """The communes and wards of the present map: the only localities offered for new data."""
        return self.filter(kind__in=Locality.PRESENT_KINDS)

    def known_as(self, name):
        """The localities called `name` now or formerly, however it is cased, marked or spelled."""
        key = sortable_name(name)
        return self.filter(Q(sort_name=key) | Q(former_names__sort_name=key)).distinct()


class Locality(ClusterableModel, VietnameseSortedModel):
    """A commune or ward of the province, with the names it was known by (editable: the map changes); the
    district-level localities entered before 1 July 2025 keep their former kinds."""

    class Kind(models.TextChoices):
        COMMUNE = "commune", _("Commune")
        WARD = "ward", _("Ward")
        CITY = "city", _("Provincial city (before 1 July 2025)")
        TOWN = "town", _("Town (before 1 July 2025)")
        DISTRICT = "district", _("District (before 1 July 2025)")

    PRESENT_KINDS = (Kind.COMMUNE, Kind.WARD)

    name = models.CharField(_("name"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.COMMUNE)

    objects = LocalityQuerySet.as_manager()

    base_form_class = LocalityForm
    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        InlinePanel(
            "former_names",
            heading=_("Former names"),
            label=_("former name"),
            help_text=_(
                "The district it belonged to before 1 July 2025, the communes it took in: the registry's "
                "filter and search find the locality under these names too."
            ),
        ),
    ]

    class Meta:
        verbose_name = _("locality")
        verbose_name_plural = _("localities")
        ordering = ["sort_name"]

    def __str__(self):
        return self.name

    @property
    def is_present(self):
        return self.kind in self.PRESENT_KINDS


class LocalityFormerName(VietnameseSortedModel):
    """A name a locality was known by: the district it belonged to, a commune it took in."""

    locality = ParentalKey(Locality, on_delete=models.CASCADE, related_name="former_names")
    name = models.CharField(_("name"), max_length=120)
    until = models.DateField(
        _("in use until"),
        null=True,
        blank=True,
        help_text=_("The last day of the name: 30/6/2025 for the districts."),
    )

    panels = [FieldPanel("name"), FieldPanel("until")]

    class Meta:
        verbose_name = _("former name")
        verbose_name_plural = _("former names")
        ordering = ["sort_name"]
        constraints = [
            models.UniqueConstraint(fields=["locality", "name"], name="unique_former_name_per_locality")
        ]

    def __str__(self):
        return self.name


def place_names():
    """The names a place is looked up by, in Vietnamese order: those of the communes and wards of today, and every
    former name once but for those still in use. Two queries.

    The localities of before 1 July 2025 that are still rows (data entered then points at them) count among the
    former names.
    """
    localities = Locality.objects.values_list("sort_name", "name", "kind")  # in Vietnamese order
    present = [(key, name) for key, name, kind in localities if kind in Locality.PRESENT_KINDS]
    former = dict(LocalityFormerName.objects.values_list("sort_name", "name"))
    former.update((key, name) for key, name, kind in localities if kind not in Locality.PRESENT_KINDS)
    names_in_use = {key for key, _name in present}
    return (
        [name for _key, name in present],
        [name for key, name in sorted(former.items()) if key not in names_in_use],
    )


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
        DISTRICT = "district", _("District, town or city (before 1 July 2025)")
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

    # Units dissolved on 1 July 2025 (district People's Committees) keep their kind, not offered for new units.
    FORMER_KINDS = (Kind.DISTRICT,)

    base_form_class = UnitForm
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
