from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from core.vietnamese import sort_key

from .images import picture_field


class Author(index.Indexed, models.Model):
    """A byline: a journalist, a contributor or an agency's correspondent."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    role = models.CharField(
        _("role"), max_length=120, blank=True, help_text=_("For example: Phóng viên, Cộng tác viên")
    )
    bio = models.TextField(_("biography"), blank=True)
    photo = picture_field(_("photo"))

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("bio"), FieldPanel("photo")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def sort_key(self):
        return sort_key(self.name)
