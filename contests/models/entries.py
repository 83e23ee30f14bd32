"""Entries (bài dự thi): private to the organisers; the public reaches one only with its receipt and e-mail."""

from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.private_storage import PrivateStorage

from .contests import ContestCategory, ContestPage, FileKind

# The entry form states it beside the text; the model enforces it too (a TextField's max_length alone does not).
TEXT_MAX_CHARS = 100_000


class Entry(models.Model):
    """One writing sent to a contest. Not indexed for search, in no feed or API: only staff views read it."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ACCEPTED = "accepted", _("Accepted for judging")
        DISQUALIFIED = "disqualified", _("Disqualified")

    # What the entrant's status page says, in Vietnamese whatever the admin's language.
    STATUS_NAMES = {
        "received": "Đã nhận, đang chờ Ban tổ chức kiểm tra",
        "accepted": "Hợp lệ, đang chấm",
        "disqualified": "Không hợp lệ theo thể lệ",
    }

    class Credit(models.TextChoices):
        FULL_NAME = "full_name", "Họ và tên"
        PEN_NAME = "pen_name", "Bút danh"

    contest = models.ForeignKey(
        ContestPage, verbose_name=_("contest"), on_delete=models.PROTECT, related_name="entries"
    )
    number = models.PositiveIntegerField(
        _("entry number"), help_text=_("The anonymous number judges know the entry by.")
    )
    category = models.ForeignKey(
        ContestCategory,
        verbose_name=_("category"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="entries",
    )
    full_name = models.CharField(_("full name"), max_length=120)
    pen_name = models.CharField(_("pen name"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"))
    email_key = models.CharField(max_length=254, editable=False, db_index=True)
    phone = models.CharField(_("phone"), max_length=20)
    address = models.CharField(_("address or unit"), max_length=300)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(
        _("text"), max_length=TEXT_MAX_CHARS, blank=True, validators=[MaxLengthValidator(TEXT_MAX_CHARS)]
    )
    file = models.FileField(_("file"), storage=PrivateStorage(), max_length=200, blank=True)
    file_name = models.CharField(_("file name as sent"), max_length=255, blank=True)
    file_kind = models.CharField(_("file type"), max_length=4, choices=FileKind.choices, blank=True)
    file_size = models.PositiveIntegerField(_("file size (bytes)"), null=True, blank=True)
    credit = models.CharField(
        _("published as"), max_length=10, choices=Credit.choices, default=Credit.FULL_NAME
    )
    consented_to_rules = models.BooleanField(_("accepted the rules"))
    consented_to_publication = models.BooleanField(_("consented to publication"))
    receipt_code = models.CharField(_("receipt code"), max_length=20, unique=True, editable=False)
    submission_token = models.UUIDField(unique=True, editable=False)
    submitted_at = models.DateTimeField(_("received at"), default=timezone.now)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED)

    class Meta:
        verbose_name = _("contest entry")
        verbose_name_plural = _("contest entries")
        ordering = ["contest", "number"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "number"], name="contests_entry_number_per_contest")
        ]
        indexes = [models.Index(fields=["contest", "email_key"], name="contests_entry_per_person")]

    def __str__(self):
        return f"{self.contest.title} · {self.anonymous_label}"

    @property
    def anonymous_label(self):
        return f"Bài số {self.number:03d}"

    @property
    def credited_name(self):
        """The name the entrant agreed to be published under."""
        if self.credit == self.Credit.PEN_NAME and self.pen_name:
            return self.pen_name
        return self.full_name

    @property
    def status_name(self):
        return self.STATUS_NAMES[self.status]
