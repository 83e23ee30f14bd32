from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from taggit.models import TagBase

from core.vietnamese import normalize, slugify


class TagQuerySet(models.QuerySet):
    def most_used(self, limit):
        """The `limit` tags on the most live articles, most used first, each with its `article_count`."""
        return (
            self.filter(tagged_articles__content_object__live=True)
            .annotate(article_count=Count("tagged_articles"))
            .order_by("-article_count")[:limit]
        )


class Tag(TagBase):
    """The newsroom's own tags: one spelling per tag and ASCII slugs (/tags/buon-ma-thuot/)."""

    objects = TagQuerySet.as_manager()

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
