"""Writing batches of archive articles into the page tree: new ones created, changed ones updated, the others left
as they are, each batch in one transaction."""

import datetime
from collections import defaultdict
from typing import NamedTuple

from django.db import DatabaseError, InterfaceError, OperationalError, transaction
from django.utils import timezone

from newsroom.models import ArticlePage

from .columns import Columns
from .fields import ArchiveArticle
from .lines import LineError
from .rows import update_rows
from .slugs import sibling_slugs
from .tags_and_authors import TagsAndAuthors, author_names_by_page, tag_names_by_page, unlink
from .wagtail_bulk import (
    PUBLISHING_FIELDS,
    WagtailBulk,
    child_relation_names,
    is_child_of,
    publish,
    schedule,
    set_title,
)

# Failures of the database itself (a lost connection, a full disk, a lock held too long): no line is at fault,
# each would fail alike, so they stop the import (the batches before are kept). Any other failure of a batch
# comes from its content, and writing its lines one by one finds the culprit.
DATABASE_DOWN = (OperationalError, InterfaceError)

# Fields an update compares and rewrites; the tree fields and the slug (the article's URL) stay as they are.
# `live` and `go_live_at` change when a scheduled article is rescheduled or published at once.
UPDATED_PAGE_FIELDS = ["title", *PUBLISHING_FIELDS]
UPDATED_ARTICLE_FIELDS = ["kind", "standfirst", "body", "publication_date"]
# The one block an archive article's body holds (ArchiveArticle.body); an editor may add pictures, galleries and
# the like to an imported article, which a re-import compares and keeps, and never writes over.
ARCHIVED_BLOCK = "paragraph"


class Change(NamedTuple):
    """An existing page whose archive article differs from it."""

    page: ArticlePage
    article: ArchiveArticle
    was_scheduled: bool


class Refusal(NamedTuple):
    """An article the writer will not write over its existing page, and why."""

    article: ArchiveArticle
    reason: str


class ArticleContent(NamedTuple):
    """What a re-import compares: the content of an article, as its page holds it or as the archive has it."""

    title: str
    kind: str
    standfirst: str
    body: list[tuple[str, str]]
    publication_date: datetime.datetime
    tags: list[str]
    authors: list[str]

    @classmethod
    def of_page(cls, page, tag_names, author_names):
        return cls(
            page.title,
            page.kind,
            page.standfirst,
            [
                (block.block_type, block.value.source)
                for block in page.body
                if block.block_type == ARCHIVED_BLOCK
            ],
            page.publication_date,
            folded(tag_names),
            folded(author_names),
        )

    @classmethod
    def of_article(cls, article):
        return cls(
            article.title,
            article.kind,
            article.standfirst,
            [(block_type, value.source) for block_type, value in article.body],
            article.published_at,
            folded(article.tags),
            folded(article.authors),
        )


def added_in_the_admin(page):
    return any(block.block_type != ARCHIVED_BLOCK for block in page.body)


def folded(names):
    # Names that differ only in case are one tag or author: the lookups are case-insensitive.
    return sorted(name.casefold() for name in names)


class ArchiveWriter:
    """Writes batches of articles; remembers outlets, columns, tags and authors between batches."""

    def __init__(self):
        self.wagtail = WagtailBulk(ArticlePage)
        self.forget_rows()

    def forget_rows(self):
        """Forget the outlets, columns, tags and authors found or created so far: after a rollback, some of
        them are no longer in the database."""
        self.columns = Columns()
        self.tags_and_authors = TagsAndAuthors()

    def write(self, articles, stats, on_error):
        """Write a batch; returns the pages created or changed, for search to index.

        The batch goes in one transaction. If the database refuses it, each line is written in a transaction of
        its own, and the lines it still refuses are reported: the others are imported, none half-written.
        """
        latest = {article.external_id: article for article in articles}
        stats.superseded += len(articles) - len(latest)
        try:
            return self.write_batch(latest, stats, on_error)
        except DATABASE_DOWN:
            raise
        except Exception:
            self.forget_rows()
        written = []
        for key, article in latest.items():
            try:
                written += self.write_batch({key: article}, stats, on_error)
            except DATABASE_DOWN:
                raise
            except Exception as error:
                self.forget_rows()
                stats.failed += 1
                on_error(LineError(article.line_number, refusal(error)))
        return written

    def write_batch(self, latest, stats, on_error):
        """Write the articles, by external_id, in one transaction."""
        now = timezone.now()
        with transaction.atomic():
            existing = {
                page.external_id: page
                # The child rows (comments, links...) are read per batch for the revisions, not per page.
                for page in ArticlePage.objects.filter(external_id__in=latest).prefetch_related(
                    *child_relation_names(ArticlePage)
                )
            }
            new = [article for key, article in latest.items() if key not in existing]
            changes, refused = self.compare(existing, latest, now)
            written = self.create(new, now) + self.update(changes, now)
        for article, reason in refused:
            on_error(LineError(article.line_number, reason))
        stats.created += len(new)
        stats.updated += len(changes)
        stats.failed += len(refused)
        stats.unchanged += len(existing) - len(changes) - len(refused)
        return written

    # Creating.

    def create(self, articles, now):
        if not articles:
            return []
        pages, placed_articles = [], []
        for column, group in self.group_by_column(articles).items():
            children = [
                new_page(article, slug, now)
                for article, slug in zip(group, sibling_slugs(column, group), strict=True)
            ]
            self.wagtail.add_children(column, children)
            pages += children
            placed_articles += group
        self.wagtail.insert(pages)
        self.tags_and_authors.link(pages, placed_articles)
        self.wagtail.save_revisions(pages, now, scheduled={page.pk for page in pages if not page.live})
        self.wagtail.index_references(pages)
        return pages

    def group_by_column(self, articles):
        groups = defaultdict(list)
        for article in articles:
            groups[self.columns.get(article.outlet, article.column)].append(article)
        return groups

    # Updating.

    def compare(self, existing, latest, now):
        """The existing pages whose content differs from the archive's, as Changes; and the articles refused, as
        Refusals: the archive puts them in another column than their page's, their page has blocks an editor
        added, or it dates a published article in the future."""
        current_tags = tag_names_by_page(existing.values())
        current_authors = author_names_by_page(existing.values())
        scheduled = self.wagtail.scheduled_page_pks(existing.values())
        changes, refused = [], []
        for key, page in existing.items():
            article = latest[key]
            if not is_child_of(page, self.columns.get(article.outlet, article.column)):
                # Moving a page is a tree operation with redirects and permissions: the admin's job.
                reason = (
                    f"{key} was imported into another outlet or column; move it in the admin, then re-run"
                )
                refused.append(Refusal(article, reason))
            elif ArticleContent.of_page(
                page, current_tags[page.pk], current_authors[page.pk]
            ) == ArticleContent.of_article(article):
                continue
            elif added_in_the_admin(page):
                reason = (
                    f"{key} has pictures or other blocks added in the admin, which the archive would drop"
                )
                refused.append(Refusal(article, f"{reason}: update its text in the admin"))
            elif page.live and article.published_at > now:
                # Scheduling it would take it off the site until then: unpublishing is an editor's decision.
                reason = f"{key} is published; a date in the future would take it off the site until then"
                refused.append(Refusal(article, f"{reason}: unpublish it in the admin first"))
            else:
                changes.append(Change(page, article, was_scheduled=page.pk in scheduled))
        return changes, refused

    def update(self, changes, now):
        if not changes:
            return []
        pages = [change.page for change in changes]
        scheduled = set()
        for page, article, was_scheduled in changes:
            set_title(page, article.title)
            page.kind = article.kind
            page.standfirst = article.standfirst
            page.body = article.body
            page.publication_date = article.published_at
            if not was_scheduled:
                # Live, or unpublished by an editor: it stays so.
                page.first_published_at = page.last_published_at = article.published_at
            elif article.published_at > now:
                schedule(page, article.published_at)
                scheduled.add(page.pk)
            else:
                publish(page, article.published_at)
        update_rows(pages, UPDATED_PAGE_FIELDS + UPDATED_ARTICLE_FIELDS)
        # A page that was scheduled keeps one scheduled revision if rescheduled (the new one), none if published.
        self.wagtail.unschedule_revisions([change.page for change in changes if change.was_scheduled])
        unlink(pages)
        self.tags_and_authors.link(pages, [change.article for change in changes])
        self.wagtail.save_revisions(pages, now, scheduled)
        # The pages' references are found again from scratch, as for new pages, in two queries a batch.
        self.wagtail.forget_references(pages)
        self.wagtail.index_references(pages)
        return pages


def new_page(article, slug, now):
    """The article's page, not placed in the tree yet: published, or scheduled if its date is ahead."""
    page = ArticlePage(
        title=article.title,
        slug=slug,
        kind=article.kind,
        standfirst=article.standfirst,
        body=article.body,
        publication_date=article.published_at,
        external_id=article.external_id,
    )
    if article.published_at > now:
        schedule(page, article.published_at)
    else:
        publish(page, article.published_at)
    return page


def refusal(error):
    """Why the database, or the code writing to it, refused a line: the first line of the error."""
    message = (str(error).strip().splitlines() or [""])[0][:300]
    if isinstance(error, DatabaseError):
        return f"the database refused it: {message}"
    return f"it could not be written: {type(error).__name__}: {message}"
