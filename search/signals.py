"""The index follows the site: publishing, unpublishing, deleting, moving, renaming and restricting pages,
saving and deleting the other searchable objects (a broadcast's media items), and the names and texts that
documents show of other objects (a movement's title on its exemplars' profiles)."""

from django.db.models.signals import post_delete, post_save, pre_delete

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from exemplars.models import Locality, LocalityFormerName
from newsroom.models import ColumnPage
from newsroom.signals import pages_bulk_published

from .documents import DEPENDENTS, SOURCES, dependents_of, source_for
from .indexing import (
    index_dependents,
    index_objects,
    index_with_dependents,
    reindex_subtree,
    remove_objects,
    safely,
)


def on_published(sender, instance, **kwargs):
    safely(index_with_dependents, [instance])
    if isinstance(instance, ColumnPage):
        # Articles are found by their column's title, and show it.
        safely(reindex_subtree, instance, False)


def on_bulk_published(sender, pages, **kwargs):
    safely(index_with_dependents, pages)


def on_unpublished(sender, instance, **kwargs):
    safely(index_with_dependents, [instance])


def on_saved(sender, instance, **kwargs):
    # A searchable object that is no page has no publishing: each save is its change (an item before its
    # broadcast time is removed, and indexed when the time comes: search.indexing.index_released).
    safely(index_with_dependents, [instance])


def on_deleting(sender, instance, **kwargs):
    # What shows the object is read before it goes: after, a deleted programme's episodes no longer name it.
    instance._search_dependents = dependents_of(instance)


def on_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) or source_for(type(instance)):
        safely(remove_objects, [instance])
    dependents = getattr(instance, "_search_dependents", None)
    if dependents:
        safely(index_objects, dependents)


def on_moved_or_renamed(sender, instance, **kwargs):
    # Every page under a moved or renamed page has a new URL, and perhaps another outlet or column.
    safely(reindex_subtree, instance)


def on_restriction_changed(sender, instance, **kwargs):
    # A login or password on a section hides everything under it; lifting it shows them again.
    safely(reindex_subtree, instance.page)


def on_shown_object_saved(sender, instance, created, **kwargs):
    # A unit, locality, field of achievement or historic event renamed: the documents that show it. A new
    # one is shown by none yet.
    if not created:
        safely(index_dependents, instance)


def on_former_name_changed(sender, instance, **kwargs):
    # A locality shows its former names: one added, renamed or removed changes what its profiles show. The
    # locality is named by its key alone, for it may be being deleted with its names.
    safely(index_dependents, Locality(pk=instance.locality_id))


def connect():
    page_published.connect(on_published, dispatch_uid="search.on_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="search.on_unpublished")
    pages_bulk_published.connect(on_bulk_published, dispatch_uid="search.on_bulk_published")
    post_delete.connect(on_deleted, dispatch_uid="search.on_deleted")
    post_page_move.connect(on_moved_or_renamed, dispatch_uid="search.on_moved")
    page_slug_changed.connect(on_moved_or_renamed, dispatch_uid="search.on_slug_changed")
    for signal in (post_save, post_delete):
        signal.connect(
            on_restriction_changed, sender=PageViewRestriction, dispatch_uid=f"search.restriction.{signal}"
        )
    for signal in (post_save, post_delete):
        signal.connect(
            on_former_name_changed, sender=LocalityFormerName, dispatch_uid=f"search.former_name.{signal}"
        )
    for model in SOURCES:
        if not issubclass(model, Page):
            post_save.connect(on_saved, sender=model, dispatch_uid=f"search.saved.{model._meta.label_lower}")
    for model in DEPENDENTS:
        label = model._meta.label_lower
        pre_delete.connect(on_deleting, sender=model, dispatch_uid=f"search.deleting.{label}")
        if not issubclass(model, Page) and model not in SOURCES:
            post_save.connect(on_shown_object_saved, sender=model, dispatch_uid=f"search.shown.{label}")
