from django.db import models
from django.utils.translation import gettext_lazy as _

from exemplars.sorting import MAX_LENGTH, sortable_name


class VietnameseSortedModel(models.Model):
    """Keeps `sort_name`, the Vietnamese alphabetical order of `sort_source`, for ORDER BY in SQL."""

    sort_source = "name"

    sort_name = models.CharField(_("sort name"), max_length=MAX_LENGTH, editable=False, db_index=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.sort_name = sortable_name(getattr(self, self.sort_source))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and self.sort_source in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_name"}
        super().save(*args, **kwargs)
