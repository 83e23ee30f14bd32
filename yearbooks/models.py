"""A yearbook (kỷ yếu) asked for in the admin: what it gathers, and how far its making in the background has gone.

The request saves the row only; the scheduler's tick makes the book (yearbooks.making) and stores the PDF among
the private files, from where it is downloaded through a permission-checked view.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.private_storage import PrivateStorage
from exemplars.models import AchievementField, ExemplarPage, MovementPage
from newsroom.models import Outlet

TITLE_MAX_LENGTH = 255
ERROR_MAX_LENGTH = 200


class Yearbook(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be made")
        MAKING = "making", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    title = models.CharField(
        _("title"),
        max_length=TITLE_MAX_LENGTH,
        help_text=_(
            "As the cover prints it, e.g. “Kỷ yếu Đại hội thi đua yêu nước tỉnh Đắk Lắk lần thứ XII”."
        ),
    )
    outlet = models.CharField(
        _("outlet on the cover"),
        max_length=20,
        choices=Outlet.choices,
        help_text=_("The outlet whose name heads the cover."),
    )
    # The selection: the live, public profiles that match every criterion given (yearbooks.selection).
    movement = models.ForeignKey(
        MovementPage,
        verbose_name=_("movement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    achievement_field = models.ForeignKey(
        AchievementField,
        verbose_name=_("field of achievement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(
        _("year recognised"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1945), MaxValueValidator(2100)],
    )
    profiles = models.ManyToManyField(
        ExemplarPage,
        verbose_name=_("profiles chosen one by one"),
        blank=True,
        related_name="+",
    )

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    profiles_done = models.PositiveIntegerField(_("profiles laid out"), default=0)
    profiles_total = models.PositiveIntegerField(_("profiles selected"), default=0)
    # A worker holds a row it makes until this moment; past it, the worker is taken for dead and the row is due.
    lease_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(
        _("file"), storage=PrivateStorage(), upload_to="yearbooks/", max_length=200, blank=True
    )
    page_count = models.PositiveIntegerField(_("pages"), default=0)
    # The class of the error only: its message may quote a profile or a path.
    error = models.CharField(_("error"), max_length=ERROR_MAX_LENGTH, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked for by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("asked for at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("yearbook")
        verbose_name_plural = _("yearbooks")
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def is_in_progress(self):
        return self.status in (self.Status.PENDING, self.Status.MAKING)

    @property
    def progress(self):
        return f"{self.profiles_done}/{self.profiles_total}"
