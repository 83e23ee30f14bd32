"""Tips from the public: the form's page on an outlet, the tips it receives and their photos or video.

A tip is private from the moment it is sent: the tipster's name and contact, what they told and their files
are read in the admin only, by the editors of the outlet it was sent to (and, once passed to a unit as a
suggestion for nomination, by that unit's officers and the Department's reviewers). The public sees a tip only
as what an editor publishes of it, in a story.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin

from core.private_storage import PrivateStorage
from newsroom.models import Outlet, OutletHomePage
from newsroom.models.base import NewsroomPage

# The page's public addresses (the form, the status look-up) are served by tips.views, which reads the tips
# defined below: the page takes its routes through this hook, so the models import no view.
TIP_ROUTES_HOOK = "tips_page_routes"

WHAT_MAX_CHARS = 4000
REJECTION_REASON_MAX_CHARS = 1000

DEFAULT_INTRO = (
    "Bạn biết một người, một tập thể đã có việc làm tốt, hành động đẹp? Hãy báo cho Ban biên tập. "
    "Thông tin liên hệ của bạn được giữ kín, chỉ dùng để phóng viên xác minh."
)


class TipPage(RoutablePageMixin, NewsroomPage):
    """The outlet's form for tips ("Báo tin người tốt, việc tốt") and the look-up of a tip's status."""

    intro = models.TextField(_("introduction"), default=DEFAULT_INTRO)

    content_panels = NewsroomPage.content_panels + [FieldPanel("intro")]

    template = "tips/tip_page.html"
    parent_page_types = ["newsroom.OutletHomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("tip form")
        verbose_name_plural = _("tip forms")

    @classmethod
    def get_subpage_urls(cls):
        return tuple(route for routes in hooks.get_hooks(TIP_ROUTES_HOOK) for route in routes())

    @property
    def outlet(self):
        """The outlet whose home the page stands under."""
        return OutletHomePage.objects.ancestor_of(self).values_list("outlet", flat=True).first()


class TipQuerySet(models.QuerySet):
    def of_outlets(self, outlets):
        return self.filter(outlet__in=outlets)

    def waiting(self):
        return self.filter(status=Tip.Status.NEW)


class Tip(models.Model):
    """A tip as sent, and what an editor decided about it (once: a decided tip stays decided)."""

    class Status(models.TextChoices):
        NEW = "new", _("Waiting for an editor")
        ASSIGNED = "assigned", _("Assigned to a journalist")
        PASSED = "passed", _("Passed to a unit")
        MERGED = "merged", _("Duplicate")
        REJECTED = "rejected", _("Rejected")

    page = models.ForeignKey(TipPage, verbose_name=_("form"), on_delete=models.PROTECT, related_name="tips")
    outlet = models.CharField(_("outlet"), max_length=20, choices=Outlet.choices, db_index=True)
    who = models.CharField(_("who"), max_length=200)
    what = models.TextField(
        _("what they did"), max_length=WHAT_MAX_CHARS, validators=[MaxLengthValidator(WHAT_MAX_CHARS)]
    )
    place = models.CharField(_("where"), max_length=300)
    locality = models.ForeignKey(
        "exemplars.Locality",
        verbose_name=_("commune or ward"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    happened_on = models.DateField(_("when"))
    tipster_name = models.CharField(_("tipster's name"), max_length=120)
    tipster_phone = models.CharField(_("tipster's phone"), max_length=20, blank=True)
    tipster_email = models.EmailField(_("tipster's email"), max_length=254, blank=True)
    submission_token = models.UUIDField(unique=True, editable=False)
    receipt_code = models.CharField(_("receipt code"), max_length=20, unique=True, editable=False)
    received_at = models.DateTimeField(_("received at"), db_index=True)

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    assignment = models.ForeignKey(
        "newsroom.StoryAssignment",
        verbose_name=_("story assigned from the tip"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tips",
    )
    unit = models.ForeignKey(
        "exemplars.Unit",
        verbose_name=_("passed to the unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="suggested_tips",
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duplicates",
    )
    rejection_reason = models.TextField(
        _("reason for rejecting"),
        blank=True,
        max_length=REJECTION_REASON_MAX_CHARS,
        validators=[MaxLengthValidator(REJECTION_REASON_MAX_CHARS)],
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # Set when the tipster was emailed about the published story: they are told once.
    tipster_told_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = TipQuerySet.as_manager()

    class Meta:
        verbose_name = _("tip")
        verbose_name_plural = _("tips")
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(tipster_phone="", tipster_email=""),
                name="tips_tip_has_a_contact",
            ),
            models.CheckConstraint(
                condition=~models.Q(duplicate_of=models.F("pk")), name="tips_tip_not_its_own_duplicate"
            ),
        ]

    def __str__(self):
        return f"#{self.pk} · {self.who}"

    @property
    def is_pending(self):
        return self.status == self.Status.NEW


class TipAttachment(models.Model):
    """A photo or the video sent with a tip, in private storage under a random name; the sender's name of the
    file is kept here only."""

    class Kind(models.TextChoices):
        JPEG = "jpg", "JPEG"
        PNG = "png", "PNG"
        WEBP = "webp", "WebP"
        MP4 = "mp4", "MP4"

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), storage=PrivateStorage(), max_length=200)
    file_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices)
    size = models.PositiveBigIntegerField(_("size in bytes"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self):
        return self.file_name

    @property
    def is_video(self):
        return self.kind == self.Kind.MP4
