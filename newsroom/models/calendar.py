import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index

from newsroom.anniversaries import event_date_label, precision_of

from .outlets import OutletHomePage


class HistoricEvent(index.Indexed, models.Model):
    """A date the province remembers, whose anniversaries and special columns are computed from it; or a forward
    event (`is_forward_event`: a congress, a review conference), shown once on its own date and never as an
    anniversary (newsroom/anniversaries.py)."""

    class Category(models.TextChoices):
        FOUNDING = "founding", _("Founding")
        VICTORY = "victory", _("Victory")
        NATIONAL_DAY = "national_day", _("National day")
        EMULATION = "emulation", _("Emulation")
        CONGRESS = "congress", _("Congress")
        OTHER = "other", _("Other")

    name = models.CharField(
        _("name"),
        max_length=200,
        unique=True,
        help_text=_(
            'As it reads after "Kỷ niệm 50 năm": for example, Chiến thắng Buôn Ma Thuột; a forward event by its '
            "own name: Đại hội Thi đua yêu nước tỉnh Đắk Lắk lần thứ XII"
        ),
    )
    day = models.PositiveSmallIntegerField(
        _("day"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    month = models.PositiveSmallIntegerField(
        _("month"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1), MaxValueValidator(9999)]
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    outlets = models.ManyToManyField(
        OutletHomePage,
        verbose_name=_("outlets"),
        blank=True,
        related_name="historic_events",
        help_text=_("The outlets that mark its anniversaries."),
    )
    recurs_yearly = models.BooleanField(
        _("marked every year"),
        default=False,
        help_text=_("Round anniversaries (every 5 years) are always marked; tick to mark every year too."),
    )
    is_forward_event = models.BooleanField(
        _("coming event"),
        default=False,
        help_text=_(
            "An event ahead (a congress, a review conference): shown once, on its own date and under its own name, "
            "never as an anniversary. Congresses never give anniversaries."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("day"), FieldPanel("month"), FieldPanel("year")], heading=_("Date")),
        FieldPanel("place"),
        FieldPanel("category"),
        FieldPanel("outlets", widget=forms.CheckboxSelectMultiple),
        FieldPanel("recurs_yearly"),
        FieldPanel("is_forward_event"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("historic event")
        verbose_name_plural = _("historic events")
        ordering = ["year", "month", "day"]

    def __str__(self):
        return f"{self.name} ({self.date_label})"

    @property
    def date_label(self):
        return event_date_label(self)

    @property
    def precision(self):
        return precision_of(self)

    def clean(self):
        super().clean()
        if (self.day is None) != (self.month is None):
            raise ValidationError(
                _("Give both the day and the month, or neither for an event known only by its year.")
            )
        if self.day is not None and self.year is not None:
            self._validate_date()
        if self.recurs_yearly and self.day is None:
            raise ValidationError(
                {"recurs_yearly": _("Only an event with a day and a month can be marked every year.")}
            )
        if self.recurs_yearly and self.is_forward_event:
            raise ValidationError(
                {"recurs_yearly": _("A coming event is shown once: it cannot be marked every year.")}
            )

    def _validate_date(self):
        try:
            datetime.date(self.year, self.month, self.day)
        except ValueError:
            message = _("%(day)s/%(month)s/%(year)s is not a date.")
            params = {"day": self.day, "month": self.month, "year": self.year}
            raise ValidationError({"day": ValidationError(message, params=params)}) from None


# The dates the provincial plan 2024-2025 names (its section II.3). The congresses and the review conferences are
# known only by their year: the plan prepares the 12th Patriotic Emulation Congress and the 18th Party Congress
# for 2025, the conferences close its period. The 11th Emulation Congress (2020) stays as history; being a
# congress it gives no anniversary (the misleading "Kỷ niệm 5 năm ... lần thứ XI" of 2025).
PLAN_EVENTS = [
    {
        "name": "Ngày thành lập tỉnh Đắk Lắk",
        "date": (22, 11, 1904),
        "place": "Đắk Lắk",
        "category": HistoricEvent.Category.FOUNDING,
    },
    {
        "name": "Ngày thành lập Quân đội nhân dân Việt Nam",
        "date": (22, 12, 1944),
        "place": "Khu rừng Trần Hưng Đạo, Nguyên Bình, Cao Bằng",
        "category": HistoricEvent.Category.FOUNDING,
    },
    {
        "name": "Chiến thắng Buôn Ma Thuột",
        "date": (10, 3, 1975),
        "place": "Buôn Ma Thuột, Đắk Lắk",
        "category": HistoricEvent.Category.VICTORY,
    },
    {
        "name": "Ngày Giải phóng miền Nam, thống nhất đất nước",
        "date": (30, 4, 1975),
        "place": "Sài Gòn",
        "category": HistoricEvent.Category.VICTORY,
    },
    {
        "name": "Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam",
        "date": (2, 9, 1945),
        "place": "Quảng trường Ba Đình, Hà Nội",
        "category": HistoricEvent.Category.NATIONAL_DAY,
    },
    {
        "name": "Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc",
        "date": (11, 6, 1948),
        "category": HistoricEvent.Category.EMULATION,
        "recurs_yearly": True,
    },
    {
        "name": "Đại hội Thi đua yêu nước tỉnh Đắk Lắk lần thứ XI",
        "date": (None, None, 2020),
        "place": "Đắk Lắk",
        "category": HistoricEvent.Category.CONGRESS,
    },
    {
        "name": "Đại hội Thi đua yêu nước tỉnh Đắk Lắk lần thứ XII, giai đoạn 2025-2030",
        "date": (None, None, 2025),
        "place": "Đắk Lắk",
        "category": HistoricEvent.Category.CONGRESS,
        "is_forward_event": True,
    },
    {
        "name": "Đại hội đại biểu Đảng bộ tỉnh Đắk Lắk lần thứ XVIII, nhiệm kỳ 2025-2030",
        "date": (None, None, 2025),
        "place": "Đắk Lắk",
        "category": HistoricEvent.Category.CONGRESS,
        "is_forward_event": True,
    },
    {
        "name": "Hội nghị tổng kết phong trào thi đua yêu nước tỉnh Đắk Lắk năm 2025",
        "date": (None, None, 2025),
        "place": "Đắk Lắk",
        "category": HistoricEvent.Category.EMULATION,
        "is_forward_event": True,
    },
]


def ensure_plan_events():
    """Every event the plan names, marked by the three outlets; safe to run again."""
    homes = list(OutletHomePage.objects.all())
    for spec in PLAN_EVENTS:
        day, month, year = spec["date"]
        event, _created = HistoricEvent.objects.update_or_create(
            name=spec["name"],
            defaults={
                "day": day,
                "month": month,
                "year": year,
                "place": spec.get("place", ""),
                "category": spec["category"],
                "recurs_yearly": spec.get("recurs_yearly", False),
                "is_forward_event": spec.get("is_forward_event", False),
            },
        )
        event.outlets.set(homes)
