"""Wagtail's bookkeeping for pages written in bulk: the one module of the importer that relies on what Wagtail,
treebeard and modelcluster do inside, beyond their documented API.

Wagtail's own way to add a page, `parent.add_child(instance=page)` then `page.save_revision().publish()`, costs
dozens of queries a page. The importer writes the rows those calls write, a batch at a time, and this module
knows what they are:

- The tree (treebeard's materialised path): a child's path is its parent's followed by one step of
  `Page.steplen` characters of `Page.alphabet`, steps numbered from 1 in the order children are added;
  `Page._str2int(step)` reads a step's number and `Page._get_path(path, depth, newstep)` builds a path. A page's
  `depth` counts the steps of its path and `numchild` its children; paths hold digits and capitals only.
- The page row add_child() saves: `url_path` is the parent's followed by the slug and a slash, `draft_title` the
  title, the specific model's content type, the default locale and a translation key of its own; the specific
  model's row points at the Page row by `page_ptr_id` (Django's multi-table inheritance, which bulk_create
  refuses: the Page rows go in through Page's manager).
- The rows save_revision() and publish() leave: a Revision with the specific and the base (Page) content types,
  the page's pk as text, its serializable_data() as content and its title as object_str; on the page,
  `latest_revision` and `latest_revision_created_at`, and once live `live_revision`, `has_unpublished_changes`
  off, `first_published_at` and `last_published_at`. A page whose go-live time is ahead is not live, has
  unpublished changes, no live revision and no first publication, and its revision carries
  `approved_go_live_at`, which `publish_scheduled` reads.
- The reference index: `ReferenceIndex._extract_references_from_object(object)` yields
  (to_content_type_id, to_object_id, model_path, content_path) tuples, and a row's `content_path_hash` is
  `ReferenceIndex._get_content_path_hash(content_path)`.
- modelcluster: a child relation set to a list is read from memory, by serializable_data() and by the
  reference extraction alike.

It leaves out the audit log (PageLogEntry): that records editors' actions, and an import is none.
tests/newsroom/test_wagtail_canary.py fails, naming the assumption, when an upgrade changes any of these.
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Cast

from modelcluster.models import get_all_child_relations
from wagtail.models import Locale, Page, ReferenceIndex, Revision

from .rows import insert_rows

# The page fields set_title(), publish() and schedule() change, for an update to write; save_revisions() writes
# has_unpublished_changes itself.
PUBLISHING_FIELDS = ["draft_title", "first_published_at", "last_published_at", "live", "go_live_at"]


class WagtailBulk:
    """Writes Wagtail's rows for many pages of one specific page model at a time."""

    def __init__(self, model):
        self.model = model
        self.content_type = ContentType.objects.get_for_model(model)
        self.page_type = ContentType.objects.get_for_model(Page)
        self.locale = Locale.get_default()

    def add_children(self, parent, pages):
        """Place new pages (titled and slugged, not saved yet) as the parent's last children, in their order,
        with the fields add_child() fills in; the parent counts them at once, insert() saves them."""
        for page, path in zip(pages, next_child_paths(parent, len(pages)), strict=True):
            page.path, page.depth, page.numchild = path, parent.depth + 1, 0
            page.url_path = f"{parent.url_path}{page.slug}/"
            page.draft_title = page.title
            page.content_type = self.content_type
            page.locale = self.locale
            page.translation_key = uuid.uuid4()
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
        parent.numchild += len(pages)

    def insert(self, pages):
        """Save pages placed by add_children(): their Page rows, then their own model's rows."""
        Page.objects.bulk_create(pages)
        for page in pages:
            page.page_ptr_id = page.id
            mark_child_relations_empty(page)
        insert_rows(self.model, pages)

    def save_revisions(self, pages, now, scheduled):
        """A revision per page, as publishing in the admin leaves, so its history and compare views work; those
        of the `scheduled` pages (pks) are approved to go live at their time, as Wagtail's publish() leaves them."""
        insert_rows(
            Revision,
            [
                Revision(
                    content_type=self.content_type,
                    base_content_type=self.page_type,
                    object_id=str(page.pk),
                    created_at=now,
                    object_str=page.title,
                    content=page.serializable_data(),
                    approved_go_live_at=page.go_live_at if page.pk in scheduled else None,
                )
                for page in pages
            ],
        )
        latest = Subquery(
            Revision.objects.filter(
                base_content_type=self.page_type, object_id=Cast(OuterRef("pk"), CharField())
            )
            .order_by("-pk")
            .values("pk")[:1]
        )
        saved = Page.objects.filter(pk__in=[page.pk for page in pages])
        saved.filter(live=True).update(
            latest_revision=latest,
            live_revision=latest,
            latest_revision_created_at=now,
            has_unpublished_changes=False,
        )
        # An editor may have unpublished a page: its new revision waits as a draft, as it would in the admin.
        saved.filter(live=False).update(
            latest_revision=latest, latest_revision_created_at=now, has_unpublished_changes=True
        )

    def scheduled_page_pks(self, pages):
        """The pages among these waiting for a scheduled revision (Wagtail's `approved_schedule`)."""
        return {
            int(object_id)
            for object_id in self.revisions_of(pages)
            .filter(approved_go_live_at__isnull=False)
            .values_list("object_id", flat=True)
        }

    def unschedule_revisions(self, pages):
        """Withdraw the go-live approval of these pages' revisions."""
        self.revisions_of(pages).filter(approved_go_live_at__isnull=False).update(approved_go_live_at=None)

    def revisions_of(self, pages):
        return Revision.objects.filter(
            base_content_type=self.page_type, object_id__in=[str(page.pk) for page in pages]
        )

    def index_references(self, pages):
        """The reference index rows (what each page uses: tags, images...) of pages that have none (yet).

        ReferenceIndex.create_or_update_for_object() spends two queries a page looking for existing rows to
        update; here the rows of a whole batch, found by the same extraction, go in with one insert.
        """
        if not ReferenceIndex.is_indexed(self.model):
            return
        ReferenceIndex.objects.bulk_create(
            ReferenceIndex(
                content_type=self.content_type,
                base_content_type=self.page_type,
                object_id=str(page.pk),
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for page in pages
            for to_content_type_id, to_object_id, model_path, content_path in set(
                ReferenceIndex._extract_references_from_object(page)
            )
        )

    def forget_references(self, pages):
        """Remove the pages' reference index rows, for index_references() to find them again."""
        ReferenceIndex.objects.filter(
            base_content_type=self.page_type, object_id__in=[str(page.pk) for page in pages]
        ).delete()


def set_title(page, title):
    """The title, and the draft title, which Wagtail keeps as the latest revision's title."""
    page.title = page.draft_title = title


def publish(page, published_at):
    """Leave the page as Wagtail's publish() leaves a live one; save_revisions() writes its revision."""
    page.live, page.has_unpublished_changes = True, False
    page.go_live_at = None
    page.first_published_at = page.last_published_at = published_at


def schedule(page, go_live_at):
    """Leave the page as Wagtail's publish() leaves one whose go-live time is ahead: not live, its revision
    approved to go live then (see save_revisions), for `publish_scheduled` to publish."""
    page.live, page.has_unpublished_changes = False, True
    page.go_live_at = go_live_at
    page.first_published_at = page.last_published_at = None


def child_relation_names(model):
    """The model's child relations: comments, tags, and the links other apps add to articles."""
    return [relation.get_accessor_name() for relation in get_all_child_relations(model)]


def mark_child_relations_empty(page):
    """A new page has no child rows; saying so in memory spares its revision and reference index a query
    per relation per page."""
    for name in child_relation_names(page):
        setattr(page, name, [])


def is_child_of(page, parent):
    return page.path[: -Page.steplen] == parent.path


def children_of(page):
    # A range on the indexed path rather than treebeard's LIKE 'path%', which SQLite answers by scanning the
    # table. Paths are made of digits and capitals, which sort alike in every collation.
    first, last = Page.alphabet[0], Page.alphabet[-1]
    return Page.objects.filter(
        path__range=(page.path + first * Page.steplen, page.path + last * Page.steplen), depth=page.depth + 1
    )


def next_child_paths(parent, count):
    """Tree paths for `count` new last children of the parent, numbered on from its current last child."""
    last_path = children_of(parent).order_by("-path").values_list("path", flat=True).first()
    first_step = Page._str2int(last_path[-Page.steplen :]) + 1 if last_path else 1
    if first_step + count > len(Page.alphabet) ** Page.steplen:
        raise OverflowError(f"the page {parent.title!r} has no room for {count} more children")
    return [Page._get_path(parent.path, parent.depth + 1, first_step + offset) for offset in range(count)]
