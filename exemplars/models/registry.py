"""The registry of exemplars: its page on every outlet, and the filters it reads from the query string."""

from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from core.select_widgets import QuickSelect

from .exemplars import ExemplarPage
from .movements import MovementPage
from .shared import SharedIndexPage
from .units import AchievementField, EmulationCluster, Locality, Unit, place_names


def year_choices():
    years = ExemplarPage.objects.live().order_by("-year").values_list("year", flat=True).distinct()
    return [("", "Tất cả các năm"), *((year, year) for year in years)]


def locality_choices():
    """Localities by name: the communes and wards of today, then the names of before (huyện Krông Pắc...)."""
    present, former = place_names()
    groups = [("Xã, phường hiện nay", present), ("Địa danh cũ", former)]
    return [
        ("", "Tất cả địa phương"),
        *((label, [(name, name) for name in names]) for label, names in groups if names),
    ]


class RegistryFilterForm(forms.Form):
    """The registry's filters: a bad value is reported and ignored, never an error page."""

    kind = forms.ChoiceField(
        label="Đối tượng",
        required=False,
        widget=QuickSelect,
        choices=[("", "Tất cả"), *ExemplarPage.SUBJECT_KIND_NAMES.items()],
    )
    field = forms.ModelChoiceField(
        label="Lĩnh vực",
        required=False,
        queryset=AchievementField.objects.all(),
        to_field_name="code",
        empty_label="Tất cả lĩnh vực",
        widget=QuickSelect,
    )
    unit = forms.ModelChoiceField(
        label="Cơ quan, đơn vị",
        required=False,
        queryset=Unit.objects.all(),
        empty_label="Tất cả đơn vị",
        widget=QuickSelect,
    )
    locality = forms.ChoiceField(
        label="Địa phương", required=False, choices=locality_choices, widget=QuickSelect
    )
    cluster = forms.ModelChoiceField(
        label="Cụm, khối thi đua",
        required=False,
        queryset=EmulationCluster.objects.all(),
        empty_label="Tất cả cụm, khối",
        widget=QuickSelect,
    )
    movement = forms.ModelChoiceField(
        label="Phong trào",
        required=False,
        # A choice shows a movement's title: the rest of its page (goals, criteria, results) is left unread.
        queryset=MovementPage.objects.live().only("title").order_by("sort_name"),
        empty_label="Tất cả phong trào",
        widget=QuickSelect,
    )
    year = forms.TypedChoiceField(
        label="Năm",
        required=False,
        coerce=int,
        empty_value=None,
        choices=year_choices,
        widget=QuickSelect,
    )

    # The filter each valid value applies to the profiles.
    LOOKUPS = {
        "kind": "subject_kind",
        "field": "achievement_fields",
        "unit": "unit",
        "locality": "unit__locality__in",
        "cluster": "unit__cluster",
        "movement": "movements",
        "year": "year",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read once per form: choices given as a function are read again each time they are gone through, and
        # validating a value and drawing the list go through them three times.
        self.fields["locality"].choices = locality_choices()
        self.fields["year"].choices = year_choices()

    def clean_locality(self):
        """The localities a name stands for: the commune or ward of that name, or those that took in the place."""
        name = self.cleaned_data["locality"]
        return Locality.objects.known_as(name) if name else name

    def valid_values(self):
        """The filters given with a valid value; the invalid ones are left out and reported in `errors`."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}

    def lookups(self):
        return {self.LOOKUPS[name]: value for name, value in self.valid_values().items()}

    def query_string(self):
        """The valid filters as a query string, for the pagination links."""
        return urlencode({name: self.data[name] for name in self.valid_values()})


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
        context = super().get_context(request, *args, **kwargs)
        form = RegistryFilterForm(request.GET)
        exemplars = ExemplarPage.objects.in_registry().filter(**form.lookups()).for_cards()
        context.update(
            filter_form=form,
            exemplars=Paginator(exemplars, self.per_page).get_page(request.GET.get("page")),
            query_string=form.query_string(),
        )
        # On an outlet's alias the profiles are served under the alias (see route): readers stay on the site.
        base_url = self.get_url(request)
        for exemplar in context["exemplars"]:
            exemplar.url_here = f"{base_url}{exemplar.slug}/"
        return context
