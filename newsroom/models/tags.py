from django.db import models
from django.utils.translation import gettext_lazy as _

from taggit.models import TagBase

from newsroom.vietnamese import normalize, slugify


class Tag(TagBase):
    """The newsroom's own tags: one spelling per tag and ASCII slugs (/tags/buon-ma-thuot/)."""

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    name = models.CharField(verbose_name=_("name"), unique=True, max_length=100)

    def save(self, *args, **kwargs):
        # "hoà bình" and "hòa bình", NFC or NFD, are one tag.
        self.name = normalize(self.name).strip()
        super().save(*args, **kwargs)

    def slugify(self, tag, i=None):
        slug = slugify(tag, max_length=90) or "tag"
        return f"{slug}-{i}" if i is not None else slug
