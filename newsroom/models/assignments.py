"""Story planning: an editor assigns a story to a journalist of the outlet, with a due date and what it is for."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .calendar import HistoricEvent
from .outlets import Outlet

BRIEF_MAX_CHARS = 4000


class StoryAssignmentQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=StoryAssignment.Status.ASSIGNED)

    def overdue(self, today):
        return self.open().filter(due_on__lt=today)

    def of_journalist(self, user):
        return self.filter(journalist=user)

    def due_by(self, day):
        return self.open().filter(due_on__lte=day)

    def for_story(self, page_id):
        return self.open().filter(story_id=page_id)


class StoryAssignment(models.Model):
    """A story to write. What it is for (`target_page`: a column, an anniversary column or an exemplar's draft
    profile; `event` and `anniversary_number`: an anniversary the calendar shows uncovered) is optional: a brief
    alone is an assignment too. Other apps point at assignments (a tip that became one), never the reverse."""

    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("Assigned")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    outlet = models.CharField(_("outlet"), max_length=20, choices=Outlet.choices)
    title = models.CharField(_("title"), max_length=200)
    brief = models.TextField(
        _("brief"), blank=True, max_length=BRIEF_MAX_CHARS, validators=[MaxLengthValidator(BRIEF_MAX_CHARS)]
    )
    journalist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("journalist"),
        on_delete=models.PROTECT,
        related_name="story_assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_on = models.DateField(_("due on"))
    target_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("for the page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The column, anniversary column or exemplar's draft profile the story is for."),
    )
    event = models.ForeignKey(
        HistoricEvent,
        verbose_name=_("anniversary of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="story_assignments",
    )
    # 0 for a forward event (a congress): the story is about the event itself, not an anniversary of it.
    anniversary_number = models.PositiveSmallIntegerField(_("years"), null=True, blank=True)
    story = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The article written for the assignment."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ASSIGNED, db_index=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    objects = StoryAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("story assignment")
        verbose_name_plural = _("story assignments")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(event__isnull=True) | models.Q(anniversary_number__isnull=False),
                name="assignment_anniversary_has_its_number",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self):
        return self.status == self.Status.ASSIGNED

    def is_overdue(self, today):
        return self.is_open and self.due_on < today

    def keep_done_at(self):
        """`done_at` follows the status: set when the assignment becomes done, cleared when it is reopened."""
        if self.status != self.Status.DONE:
            self.done_at = None
        elif self.done_at is None:
            self.done_at = timezone.now()
