"""Nominations (đề cử điển hình) filed by the units through the Department of Home Affairs, in rounds (đợt).

A nomination holds personal data (phone, ID number, address, contact person). None of it leaves the
admin: the profile created on approval copies only the public fields, and nothing here is indexed.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from core.private_storage import PrivateStorage
from core.text_limits import limit_note, with_limit
from exemplars.attachments import inspect_upload

from .exemplars import ExemplarPage

# Limits of the free texts (a TextField's max_length alone binds the form only; the validator binds the model).
SUMMARY_MAX_CHARS = 8000
AWARDS_MAX_CHARS = 4000
ROUND_NOTE_MAX_CHARS = 4000


# The reminder schedule a new round starts with; the Department changes it per round.
DEFAULT_REMINDER_DAYS = "7, 3, 1"
# Days before closing: a reminder a season ahead would be noise, and a round rarely stays open longer.
MAX_REMINDER_DAYS = 90


def parse_reminder_days(text):
    """ "7, 3, 1" → [7, 3, 1]: the days before closing, largest first, each once; ValueError if not so."""
    parts = [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
    days = sorted({int(part) for part in parts}, reverse=True)
    if any(day < 1 or day > MAX_REMINDER_DAYS for day in days):
        raise ValueError(text)
    return days


def validate_reminder_days(text):
    try:
        parse_reminder_days(text)
    except ValueError:
        raise ValidationError(
            _("Write whole numbers of days from 1 to %(max)s, separated by commas, for example “7, 3, 1”.")
            % {"max": MAX_REMINDER_DAYS}
        ) from None


class NominationRound(models.Model):
    """A round the Department opens for nominations; a unit files at most `QUOTA` in each."""

    QUOTA = 3

    title = models.CharField(_("title"), max_length=200, unique=True, help_text=limit_note(200))
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"), help_text=_("Time in Asia/Ho_Chi_Minh."))
    reminder_days = models.CharField(
        _("reminders, days before closing"),
        max_length=60,
        blank=True,
        default=DEFAULT_REMINDER_DAYS,
        validators=[validate_reminder_days],
        help_text=_(
            "The units that have not submitted a nomination are emailed this many days before the round "
            "closes, for example “7, 3, 1”. Leave empty to send no reminder."
        ),
    )
    note = models.TextField(
        _("guidance for the units"),
        blank=True,
        max_length=ROUND_NOTE_MAX_CHARS,
        validators=[MaxLengthValidator(ROUND_NOTE_MAX_CHARS)],
        help_text=limit_note(ROUND_NOTE_MAX_CHARS),
    )

    class Meta:
        verbose_name = _("nomination round")
        verbose_name_plural = _("nomination rounds")
        ordering = ["-opens_at"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("A round must close after it opens.")})

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    @classmethod
    def open_rounds(cls, now=None):
        now = now or timezone.now()
        return cls.objects.filter(opens_at__lte=now, closes_at__gt=now)

    @property
    def reminder_schedule(self):
        return parse_reminder_days(self.reminder_days)


class OfficerProfile(models.Model):
    """The one unit an emulation officer (cán bộ thi đua) nominates for: one unit per user."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="officer_profile",
    )
    unit = models.ForeignKey(
        "exemplars.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="officers"
    )

    class Meta:
        verbose_name = _("unit officer")
        verbose_name_plural = _("unit officers")

    def __str__(self):
        return f"{self.user.get_username()} · {self.unit}"


class NominationQuota(models.Model):
    """One row per unit and round, locked while a nomination is filed so the quota cannot be raced."""

    unit = models.ForeignKey("exemplars.Unit", on_delete=models.CASCADE, related_name="+")
    round = models.ForeignKey(NominationRound, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "round"], name="unique_quota_per_unit_round")]

    def __str__(self):
        return f"{self.unit_id} · {self.round_id}"


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", pgettext_lazy("nomination", "Submitted")
    UNDER_APPRAISAL = "under_appraisal", _("Under appraisal")
    RETURNED = "returned", _("Returned for revision")
    PROPOSED = "proposed", _("Proposed for commendation")
    REFERRED = "referred", _("Referred to the chairman")
    APPROVED = "approved", pgettext_lazy("nomination", "Approved")
    DECLINED = "declined", _("Declined")


class Commendation(models.TextChoices):
    # The official names of the forms of commendation, as written on the decisions.
    CHAIRMAN_CERTIFICATE = "chairman_certificate", "Bằng khen của Chủ tịch UBND tỉnh"
    EMULATION_FLAG = "emulation_flag", "Cờ thi đua của UBND tỉnh"
    PROVINCIAL_EMULATION_SOLDIER = "provincial_emulation_soldier", "Chiến sĩ thi đua cấp tỉnh"
    GRASSROOTS_EMULATION_SOLDIER = "grassroots_emulation_soldier", "Chiến sĩ thi đua cơ sở"
    EXCELLENT_LABOUR_COLLECTIVE = "excellent_labour_collective", "Tập thể lao động xuất sắc"
    MERIT_CERTIFICATE = "merit_certificate", "Giấy khen"
    OTHER = "other", _("Other (name it)")


phone_validator = RegexValidator(
    r"^(\+84|0)[0-9 .]{8,13}$", _("Enter a Vietnamese phone number, for example 0262 3852 123.")
)
id_number_validator = RegexValidator(
    r"^([0-9]{9}|[0-9]{12})$", _("Enter the 12-digit citizen ID number (or the old 9-digit one).")
)


class Nomination(ClusterableModel):
    """One exemplar a unit proposes, on the standard form (biểu mẫu), and where its appraisal stands."""

    SubjectKind = ExemplarPage.SubjectKind

    # No round: a sudden deed (thành tích đột xuất), filed at any time outside the rounds and their quota.
    round = models.ForeignKey(
        NominationRound,
        verbose_name=_("round"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
        help_text=_("Leave empty for a sudden deed: filed at any time, outside the rounds and their quota."),
    )
    unit = models.ForeignKey(
        "exemplars.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="nominations"
    )
    subject_kind = models.CharField(_("subject"), max_length=12, choices=SubjectKind.choices)
    name = models.CharField(
        _("name"),
        max_length=255,
        help_text=with_limit(_("Full name of the individual, collective or household head."), 255),
    )
    position = models.CharField(
        _("position"),
        max_length=200,
        blank=True,
        help_text=with_limit(_("For an individual: the post held."), 200),
    )
    achievement_fields = models.ManyToManyField(
        "exemplars.AchievementField", verbose_name=_("fields of achievement"), related_name="nominations"
    )
    achievements_summary = models.TextField(
        _("summary of achievements"),
        max_length=SUMMARY_MAX_CHARS,
        validators=[MaxLengthValidator(SUMMARY_MAX_CHARS)],
        help_text=limit_note(SUMMARY_MAX_CHARS),
    )
    awards_received = models.TextField(
        _("awards already received"),
        blank=True,
        max_length=AWARDS_MAX_CHARS,
        validators=[MaxLengthValidator(AWARDS_MAX_CHARS)],
        help_text=with_limit(_("One per line: title, decision number, year."), AWARDS_MAX_CHARS),
    )
    proposed_commendation = models.CharField(
        _("proposed form of commendation"), max_length=40, choices=Commendation.choices
    )
    proposed_commendation_other = models.CharField(
        _("other form of commendation"), max_length=200, blank=True, help_text=limit_note(200)
    )
    # SET_NULL: a movement page deleted from the site leaves the nomination whole, naming no movement.
    movement = models.ForeignKey(
        "exemplars.MovementPage",
        verbose_name=_("emulation movement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="nominations",
        help_text=_("The patriotic emulation movement the exemplar stands out in, if any."),
    )
    is_new_factor = models.BooleanField(_("new factor"), default=False)
    is_sudden_deed = models.BooleanField(_("sudden outstanding deed"), default=False)

    # Personal data: shown to the unit and the Department only, never copied to a public page.
    contact_person = models.CharField(_("contact person"), max_length=200, help_text=limit_note(200))
    contact_phone = models.CharField(
        _("contact phone"), max_length=20, validators=[phone_validator], help_text=limit_note(20)
    )
    id_number = models.CharField(
        _("ID number"),
        max_length=12,
        blank=True,
        validators=[id_number_validator],
        help_text=with_limit(_("For an individual. Private: never published."), 12),
    )
    address = models.CharField(
        _("address"), max_length=300, blank=True, help_text=with_limit(_("Private: never published."), 300)
    )

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # A sudden deed's fast track: set when it is submitted, the Department appraises it by then.
    appraisal_due_at = models.DateTimeField(_("appraisal due by"), null=True, blank=True, editable=False)
    # The one-time key of the form that filed it: the same form sent twice files one nomination.
    filing_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    exemplar = models.OneToOneField(
        ExemplarPage,
        verbose_name=_("exemplar profile"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="nomination",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(round__isnull=False) | models.Q(is_sudden_deed=True),
                name="nomination_outside_rounds_is_sudden_deed",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_fast_track(self):
        """Filed outside the rounds: a sudden deed, appraised on its own short deadline."""
        return self.round_id is None

    @property
    def round_title(self):
        """What stands for the round in lists and exports: a sudden deed has none."""
        return self.round.title if self.round_id else gettext("Sudden deed, outside the rounds")

    def clean(self):
        errors = {}
        if self.subject_kind and self.subject_kind != self.SubjectKind.INDIVIDUAL:
            if self.position:
                errors["position"] = _("Only an individual holds a position.")
            if self.id_number:
                errors["id_number"] = _("Only an individual has an ID number.")
        if self.proposed_commendation == Commendation.OTHER and not self.proposed_commendation_other:
            errors["proposed_commendation_other"] = _("Name the form of commendation proposed.")
        if errors:
            raise ValidationError(errors)

    @property
    def commendation_name(self):
        if self.proposed_commendation == Commendation.OTHER:
            return self.proposed_commendation_other
        return self.get_proposed_commendation_display()

    @property
    def movement_title(self):
        """What stands for the movement in exports: nothing when the nomination names none."""
        return self.movement.title if self.movement_id else ""

    @property
    def field_names(self):
        return ", ".join(field.name for field in self.achievement_fields.all())


def attachment_path(instance, filename):
    """A random name: the stored path says nothing about the person; the original name is kept in the row."""
    suffix = PurePath(filename).suffix.lower()
    return f"{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class NominationAttachment(models.Model):
    nomination = ParentalKey(Nomination, related_name="attachments", on_delete=models.CASCADE)
    file = models.FileField(
        _("file"),
        upload_to=attachment_path,
        storage=PrivateStorage(root_setting="NOMINATION_FILES_ROOT"),
        max_length=200,
        help_text=_("PDF, DOCX, ODT, JPEG, PNG or WebP, at most 10 MB each."),
    )
    original_name = models.CharField(_("file name"), max_length=255, editable=False)
    content_type = models.CharField(_("content type"), max_length=100, editable=False)
    size = models.PositiveIntegerField(_("size in bytes"), editable=False, default=0)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name

    def clean(self):
        upload = self.file.file if self.file and not self.file._committed else None
        if upload is None:
            return
        kind = inspect_upload(upload, upload.name)
        self.original_name = PurePath(upload.name).name
        self.content_type = kind.mime
        self.size = upload.size


class NominationEvent(models.Model):
    """One step of a nomination's way: who moved it, when, from which status to which, and why."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("nomination step")
        verbose_name_plural = _("nomination steps")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.nomination} · {self.from_status} → {self.to_status}"
