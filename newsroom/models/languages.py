"""The languages the province publishes and broadcasts in: Vietnamese, Ê Đê, M'nông, and any the station adds."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.vietnamese import sort_key

VIETNAMESE_CODE = "vi"
# Setup creates these; editors add more. ISO 639 codes, as podcast apps and the HTML lang attribute read them.
STANDARD_LANGUAGES = {VIETNAMESE_CODE: "Tiếng Việt", "rad": "Tiếng Ê Đê", "mng": "Tiếng M'nông"}
# A listing's filter by language (a column's articles, the station's programmes): ?ngon-ngu=<code>.
LANGUAGE_PARAMETER = "ngon-ngu"


def in_language(language):
    """The condition for rows (articles, programmes, media items) in `language`: no language set is Vietnamese."""
    if language.code == VIETNAMESE_CODE:
        return models.Q(language__isnull=True) | models.Q(language=language)
    return models.Q(language=language)


def chosen_language(request, languages):
    """The language among `languages` the reader filters a listing by; None when they chose none, or a code that
    is not among them."""
    code = request.GET.get(LANGUAGE_PARAMETER, "")
    return next((language for language in languages if language.code == code), None)


def language_field(verbose_name, help_text):
    """The language a row (an article, a programme, a media item) is in; empty is Vietnamese. A language in use
    cannot be deleted."""
    return models.ForeignKey(
        "newsroom.Language",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=help_text,
    )


class LanguageQuerySet(models.QuerySet):
    def used_by(self, rows):
        """The languages that `rows` (a queryset of articles, programmes or media items) are in; a row with no
        language set is in Vietnamese.

        Each language asks whether one row is in it, which the index of the rows' language answers at the first
        row found: reading the language of every row costs what a column's whole archive costs."""
        rows = rows.order_by().prefetch_related(None)
        unset = models.Q(code=VIETNAMESE_CODE) & models.Exists(rows.filter(language__isnull=True))
        return self.filter(models.Exists(rows.filter(language=models.OuterRef("pk"))) | unset)

    def in_vietnamese_order(self):
        """The languages as a list, Vietnamese first and the others in Vietnamese alphabetical order."""
        return sorted(self, key=lambda language: (language.code != VIETNAMESE_CODE, sort_key(language.name)))


class Language(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.CharField(
        _("language code"),
        max_length=12,
        unique=True,
        validators=[
            RegexValidator(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", _("Enter an ISO 639 code such as vi or rad."))
        ],
        help_text=_("The ISO 639 code podcast apps and browsers read: vi, rad (Ê Đê), mng (M'nông)."),
    )

    objects = LanguageQuerySet.as_manager()

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @classmethod
    def ensure_standard(cls):
        """Create the standard languages that are missing; idempotent (a setup step)."""
        for code, name in STANDARD_LANGUAGES.items():
            cls.objects.get_or_create(code=code, defaults={"name": name})
