"""Import archive articles from JSON Lines (docs/archive-format.md) as published ArticlePages, in bulk.

Wagtail's own way, `column.add_child(instance=page)` then `save_revision().publish()`, costs dozens of
queries per page and manages about a dozen articles a second. An archive holds hundreds of thousands, so
the writer here does what those calls do, a batch at a time: it computes the tree paths itself, inserts the
page rows, revisions, tags and bylines in bulk, and has the batch indexed for search in one call
(newsroom.import_indexing). The rows it writes are the rows Wagtail would write, so the admin, the page tree
and the site treat them alike.

A file is read line by line and written in batches, one transaction each: memory stays bounded however long
the file or any line of it. Whatever a line holds, it is imported or reported with its number and the reason,
and the import goes on: validation refuses what the database, the pages or the feeds could not take, and a
batch the database refuses all the same is written again line by line, so that only the culprit is reported.
"""

import datetime
import json
import re
import unicodedata
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from itertools import islice
from typing import NamedTuple

from bs4 import BeautifulSoup
from bs4 import Tag as HTMLElement

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, InterfaceError, OperationalError, connection, reset_queries, transaction
from django.db.models import CharField, F, OuterRef, Q, Subquery
from django.db.models.fields import AutoFieldMixin
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.html import escape

from modelcluster.models import get_all_child_relations
from wagtail.admin.rich_text.converters.editor_html import DbWhitelister, EditorHTMLConverter
from wagtail.models import Locale, Page, ReferenceIndex, Revision
from wagtail.rich_text import RichText
from wagtail.whitelist import allow_without_attributes

from newsroom.blocks import RICH_TEXT_FEATURES
from newsroom.import_indexing import batch_indexer, index_for_search
from newsroom.models import ArticlePage, ArticleTag, Author, ColumnPage, Outlet, Tag
from newsroom.models.articles import publication_date_in_range
from newsroom.outlets import ensure_outlet, remove_stock_welcome_site
from newsroom.vietnamese import LOCAL_TIME_ZONE, normalize, slugify

BATCH_SIZE = 500

# Limits that a real archive fits with room to spare (docs/archive-format.md says why); past them a line is
# refused, so one line can cost neither the memory nor the hours that a runaway export would.
LINE_MAX_BYTES = 2 * 2**20
BODY_MAX_LENGTH = 200_000
BODY_MAX_NESTING = 100
MAX_TAGS = 30
MAX_AUTHORS = 10
# How much of an over-long line is read at a time on the way to its end.
SKIPPED_CHUNK_BYTES = 2**16

TITLE_MAX_LENGTH = Page._meta.get_field("title").max_length
EXTERNAL_ID_MAX_LENGTH = ArticlePage._meta.get_field("external_id").max_length
STANDFIRST_MAX_LENGTH = ArticlePage._meta.get_field("standfirst").max_length
TAG_MAX_LENGTH = Tag._meta.get_field("name").max_length
AUTHOR_MAX_LENGTH = Author._meta.get_field("name").max_length
# Room for the "-2", "-3"... that keeps sibling slugs unique within Page.slug's 255 characters.
SLUG_MAX_LENGTH = Page._meta.get_field("slug").max_length - 10
FALLBACK_SLUG = "bai-viet"

# Elements whose content is code or an embedded document, never article text: they go with everything inside.
# The whitelist alone would unwrap them and leave `alert(1)` or a stylesheet as visible text.
DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "frame", "object", "embed", "noscript", "template", "svg", "math", "head"}
)

# Characters no text field may hold: NUL, which PostgreSQL cannot store; lone surrogates, which a JSON escape
# can spell ("\ud800") but UTF-8 cannot encode; and the other control characters but tab, line feed and carriage
# return, which XML 1.0 forbids, so that Django refuses to write them into a column's RSS feed.
UNSTORABLE_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")

# Fields an update compares and rewrites; the tree fields and the slug (the article's URL) stay as they are.
# `live` and `go_live_at` change when a scheduled article is rescheduled or published at once.
UPDATED_PAGE_FIELDS = [
    "title",
    "draft_title",
    "first_published_at",
    "last_published_at",
    "live",
    "go_live_at",
]
UPDATED_ARTICLE_FIELDS = ["kind", "standfirst", "body", "publication_date"]


class InvalidLine(ValueError):
    """A line of the archive that cannot become an article; the message says why."""


@dataclass(frozen=True)
class LineError:
    line_number: int
    reason: str

    def __str__(self):
        return f"line {self.line_number}: {self.reason}"


@dataclass(frozen=True)
class OverlongLine:
    """Stands for a line longer than LINE_MAX_BYTES, whose bytes were skipped rather than kept."""

    length: int


@dataclass(frozen=True)
class ArchiveArticle:
    """One valid line of the archive, cleaned: the values an ArticlePage gets."""

    line_number: int
    external_id: str
    outlet: str
    column: str
    kind: str
    title: str
    standfirst: str
    body_html: str
    published_at: datetime.datetime
    tags: tuple[str, ...]
    authors: tuple[str, ...]

    @property
    def body(self):
        return [("paragraph", RichText(self.body_html))] if self.body_html else []


@dataclass
class ImportStats:
    """Every line read is blank, or counted once: created, updated, unchanged, failed, or superseded by a later
    line of its batch with the same external_id."""

    lines: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    superseded: int = 0


# Parsing and validation: one line, one ArchiveArticle or one InvalidLine.


def line_text(raw):
    """The text of a line as read (bytes, text, or an OverlongLine), stripped; empty for a blank line."""
    if isinstance(raw, OverlongLine):
        raise InvalidLine(too_long_message(raw.length))
    size = len(raw) if isinstance(raw, bytes) else len(raw.encode("utf-8", "surrogatepass"))
    if size > LINE_MAX_BYTES:
        raise InvalidLine(too_long_message(size))
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise InvalidLine("not valid UTF-8") from None
    return text.removeprefix("\ufeff").strip()


def too_long_message(size):
    return f"the line is longer than {LINE_MAX_BYTES} bytes (2 MiB): {size} bytes"


def json_object(text):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidLine(f"invalid JSON: {error.msg} at column {error.colno}") from None
    except RecursionError:
        raise InvalidLine("invalid JSON: nested too deeply") from None
    except ValueError as error:
        # A number of more digits than Python converts (4300).
        raise InvalidLine(f"invalid JSON: {str(error).split(':')[0].lower()}") from None
    if not isinstance(data, dict):
        raise InvalidLine("a line must hold one JSON object")
    return data


def parse_line(line_number, text):
    data = json_object(text)
    return ArchiveArticle(
        line_number=line_number,
        external_id=required_text(data, "external_id", EXTERNAL_ID_MAX_LENGTH),
        outlet=choice(data, "outlet", Outlet.values),
        column=required_text(data, "column", TITLE_MAX_LENGTH),
        kind=choice(data, "kind", ArticlePage.Kind.values, default=ArticlePage.Kind.ARTICLE),
        title=required_text(data, "title", TITLE_MAX_LENGTH),
        standfirst=optional_text(data, "summary", STANDFIRST_MAX_LENGTH),
        body_html=sanitise_body(optional_text(data, "body", BODY_MAX_LENGTH)),
        published_at=published_at(data),
        tags=names(text_list(data, "tags"), "tags", TAG_MAX_LENGTH, MAX_TAGS, spelling=normalize),
        authors=names(optional_text(data, "author").split(","), "author", AUTHOR_MAX_LENGTH, MAX_AUTHORS),
    )


def required_text(data, key, max_length):
    value = optional_text(data, key, max_length)
    if not value:
        raise InvalidLine(f"{key} is missing or empty")
    return value


def optional_text(data, key, max_length=None):
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidLine(f"{key} must be a string, not {json_type(value)}")
    refuse_unstorable(key, value)
    # Archives mix composed and decomposed Vietnamese; stored text is composed (NFC) so it compares equal.
    value = unicodedata.normalize("NFC", value).strip()
    if max_length is not None and len(value) > max_length:
        raise InvalidLine(f"{key} is longer than {max_length} characters")
    return value


def choice(data, key, allowed, default=None):
    value = data.get(key)
    if value is None and default is not None:
        return default
    if not isinstance(value, str) or value not in allowed:
        raise InvalidLine(f"{key} must be one of {', '.join(allowed)}, not {shown(value)}")
    return value


def text_list(data, key):
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InvalidLine(f"{key} must be a list of strings")
    for item in value:
        refuse_unstorable(key, item)
    return value


def refuse_unstorable(key, value):
    if found := UNSTORABLE_CHARACTER.search(value):
        raise InvalidLine(f"{key} contains a character that cannot be stored (U+{ord(found.group()):04X})")


def names(values, key, max_length, max_count, spelling=lambda name: name):
    """Distinct, non-empty names in their first order; the same name in another case counts once."""
    if sum(1 for value in values if value.strip()) > max_count:
        raise InvalidLine(f"{key}: more than {max_count} names")
    distinct = {}
    for value in values:
        name = " ".join(spelling(unicodedata.normalize("NFC", value)).split())
        if len(name) > max_length:
            raise InvalidLine(f"{key}: {name[:40]!r}... is longer than {max_length} characters")
        if name:
            distinct.setdefault(name.casefold(), name)
    return tuple(distinct.values())


def published_at(data):
    value = data.get("published_at")
    if not isinstance(value, str) or not value.strip():
        raise InvalidLine("published_at is missing or not a string")
    try:
        moment = datetime.datetime.fromisoformat(value.strip())
    except ValueError:
        raise InvalidLine(f"published_at is not an ISO 8601 date and time: {shown(value)}") from None
    # A time without an offset is a time on the province's clocks.
    moment = moment if moment.tzinfo else moment.replace(tzinfo=LOCAL_TIME_ZONE)
    if not publication_date_in_range(moment):
        raise InvalidLine(
            f"published_at {shown(value)} is out of range: "
            "from 1900-01-01 (province time) to one year from now"
        )
    return moment


def shown(value):
    """A value as an error message quotes it: short, and with unprintable characters escaped."""
    if isinstance(value, str):
        return repr(value[:60]) + ("..." if len(value) > 60 else "")
    if isinstance(value, bool | int | float) or value is None:
        return json.dumps(value)[:60]
    return json_type(value)


def json_type(value):
    return {bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "an object"}.get(
        type(value), type(value).__name__
    )


# Sanitising: archive HTML becomes what Wagtail's rich text editor could have saved.


class ArchiveHTMLWhitelister(DbWhitelister):
    """Wagtail's whitelist for the body's rich text features, for HTML that did not come from Wagtail."""

    def __init__(self, converter_rules):
        super().__init__(converter_rules)
        # The paragraph block offers quotes in the editor, but the editor-HTML rules have no entry for them.
        self.element_rules["blockquote"] = allow_without_attributes

    def clean_tag_node(self, doc, tag):
        if tag.name in DROPPED_WITH_CONTENT:
            tag.decompose()
            return
        # These mark links and embeds by this site's own ids; archive HTML cannot mean any of ours.
        for attribute in ("data-linktype", "data-embedtype"):
            tag.attrs.pop(attribute, None)
        super().clean_tag_node(doc, tag)

    def clean(self, html):
        # Wagtail's clean(), with the nesting checked between parsing and cleaning: cleaning recurses a few calls
        # per level, and HTML a few hundred elements deep would exhaust Python's stack.
        doc = BeautifulSoup(html, "html.parser")
        if nesting_depth(doc) > BODY_MAX_NESTING:
            raise InvalidLine(f"body: HTML nested more than {BODY_MAX_NESTING} elements deep")
        self.clean_node(doc, doc)
        return doc.decode(formatter=escape)


def nesting_depth(doc):
    deepest, pending = 0, [(doc, 0)]
    while pending:
        element, depth = pending.pop()
        deepest = max(deepest, depth)
        pending += [(child, depth + 1) for child in element.children if isinstance(child, HTMLElement)]
    return deepest


@cache
def body_whitelister():
    return ArchiveHTMLWhitelister(EditorHTMLConverter(features=RICH_TEXT_FEATURES).converter_rules)


def sanitise_body(html):
    return body_whitelister().clean(html).strip() if html else ""


# Reading: lines in, batches of articles out, errors reported as they are found.


def read_batches(lines, on_error, stats, batch_size=BATCH_SIZE):
    """Yield lists of up to `batch_size` valid articles from an iterable of byte or text lines."""
    articles = parse_lines(lines, on_error, stats)
    while batch := list(islice(articles, batch_size)):
        yield batch


def archive_lines(stream):
    """The lines of a binary stream, each read whole unless longer than LINE_MAX_BYTES: such a line comes as an
    OverlongLine, its bytes read a chunk at a time and dropped, so that one huge line cannot fill the memory."""
    while line := stream.readline(LINE_MAX_BYTES + 2):
        length = len(line) - (2 if line.endswith(b"\r\n") else 1 if line.endswith(b"\n") else 0)
        if len(line) == LINE_MAX_BYTES + 2 and not line.endswith(b"\n"):
            line = None
            length += skip_rest_of_line(stream)
        yield line if length <= LINE_MAX_BYTES else OverlongLine(length)


def skip_rest_of_line(stream):
    """Read to the end of the current line without keeping it; the number of bytes before the line break."""
    skipped = 0
    while chunk := stream.readline(SKIPPED_CHUNK_BYTES):
        if chunk.endswith(b"\n"):
            return skipped + len(chunk.rstrip(b"\r\n"))
        skipped += len(chunk)
    return skipped


def parse_lines(lines, on_error, stats):
    for line_number, raw in enumerate(lines, start=1):
        stats.lines = line_number
        try:
            text = line_text(raw)
            article = parse_line(line_number, text) if text else None
        except InvalidLine as error:
            stats.failed += 1
            on_error(LineError(line_number, str(error)))
            continue
        if article:
            yield article


def import_archive(lines, on_error, on_batch=None, batch_size=BATCH_SIZE, index=True):
    """Import every valid line; call on_error(LineError) for the others and on_batch(stats) after each batch.

    `lines` are bytes or text, one line each; read a file through archive_lines(), which keeps an over-long
    line out of memory.

    With index=False the articles are not indexed for search: search indexing is about half the work of an
    import on PostgreSQL, and a large archive comes in faster when `index_archive` indexes it afterwards.
    """
    stats = ImportStats()
    remove_stock_welcome_site()
    writer = ArchiveWriter()
    with batch_indexer(enabled=index) as index_batch:
        for batch in read_batches(lines, on_error, stats, batch_size):
            index_batch(writer.write(batch, stats, on_error))
            # With DEBUG on, Django keeps the SQL of the last 9,000 queries, bulk inserts with whole bodies
            # among them: hundreds of megabytes that would grow with the file.
            reset_queries()
            if on_batch:
                on_batch(stats)
    return stats


# Writing: a batch of articles into the page tree, with Wagtail's bookkeeping done in bulk.

# Failures of the database itself (a lost connection, a full disk, a lock held too long): no line is at fault,
# each would fail alike, so they stop the import (the batches before are kept). Any other failure of a batch
# comes from its content, and writing its lines one by one finds the culprit.
DATABASE_DOWN = (OperationalError, InterfaceError)


class ArchiveWriter:
    """Writes batches of articles; remembers outlets, columns, tags and authors between batches."""

    def __init__(self):
        self.forget_rows()
        self.article_type = ContentType.objects.get_for_model(ArticlePage)
        self.page_type = ContentType.objects.get_for_model(Page)
        self.locale = Locale.get_default()

    def forget_rows(self):
        """Forget the outlets, columns, tags and authors found or created so far: after a rollback, some of
        them are no longer in the database."""
        self.homes = {}
        self.columns = {}
        self.tags = {}
        self.authors = {}

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
            pages += [
                self.new_page(article, column, path, slug, now)
                for article, path, slug in zip(
                    group, next_child_paths(column, len(group)), sibling_slugs(column, group), strict=True
                )
            ]
            placed_articles += group
            Page.objects.filter(pk=column.pk).update(numchild=F("numchild") + len(group))
            column.numchild += len(group)
        Page.objects.bulk_create(pages)
        for page in pages:
            page.page_ptr_id = page.id
            mark_child_relations_empty(page)
        insert_rows(ArticlePage, pages)
        self.link_tags_and_authors(pages, placed_articles)
        self.save_revisions(pages, now, scheduled={page.pk for page in pages if not page.live})
        self.index_references(pages)
        return pages

    def index_references(self, pages):
        """The reference index rows (what each page uses: tags, images...) of pages that have none (yet).

        ReferenceIndex.create_or_update_for_object() spends two queries a page looking for existing rows to
        update; here the rows of a whole batch, found by the same extraction, go in with one insert.
        """
        if not ReferenceIndex.is_indexed(ArticlePage):
            return
        ReferenceIndex.objects.bulk_create(
            ReferenceIndex(
                content_type=self.article_type,
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

    def new_page(self, article, column, path, slug, now):
        page = ArticlePage(
            title=article.title,
            draft_title=article.title,
            slug=slug,
            path=path,
            depth=column.depth + 1,
            numchild=0,
            url_path=f"{column.url_path}{slug}/",
            content_type=self.article_type,
            locale=self.locale,
            translation_key=uuid.uuid4(),
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

    def group_by_column(self, articles):
        groups = defaultdict(list)
        for article in articles:
            groups[self.column(article.outlet, article.column)].append(article)
        return groups

    def column(self, outlet, title):
        """The outlet's column with this title (in any Unicode spelling or case), created if missing."""
        key = (outlet, normalize(title).casefold())
        if key not in self.columns:
            home = self.home(outlet)
            self.columns[key] = find_column(home, key[1]) or create_column(home, title)
        return self.columns[key]

    def home(self, outlet):
        if outlet not in self.homes:
            self.homes[outlet] = ensure_outlet(outlet)
        return self.homes[outlet]

    # Updating.

    def compare(self, existing, latest, now):
        """The existing pages whose content differs from the archive's, with their articles; and the articles
        refused, with the reason: the archive puts them in another column than their page's, or dates a
        published article in the future."""
        current_tags = names_by_page(ArticleTag, existing.values(), "content_object_id", "tag__name")
        current_authors = names_by_page(
            ArticlePage.authors.through, existing.values(), "articlepage_id", "author__name"
        )
        scheduled = self.scheduled_page_pks(existing.values())
        changes, refused = [], []
        for key, page in existing.items():
            article = latest[key]
            if page.path[: -Page.steplen] != self.column(article.outlet, article.column).path:
                # Moving a page is a tree operation with redirects and permissions: the admin's job.
                reason = (
                    f"{key} was imported into another outlet or column; move it in the admin, then re-run"
                )
                refused.append((article, reason))
            elif content(page, current_tags[page.pk], current_authors[page.pk]) == expected_content(article):
                continue
            elif page.live and article.published_at > now:
                # Scheduling it would take it off the site until then: unpublishing is an editor's decision.
                reason = f"{key} is published; a date in the future would take it off the site until then"
                refused.append((article, f"{reason}: unpublish it in the admin first"))
            else:
                changes.append(Change(page, article, was_scheduled=page.pk in scheduled))
        return changes, refused

    def scheduled_page_pks(self, pages):
        """The pages among these waiting for a scheduled revision (Wagtail's `approved_schedule`)."""
        return {
            int(object_id)
            for object_id in Revision.objects.filter(
                base_content_type=self.page_type,
                object_id__in=[str(page.pk) for page in pages],
                approved_go_live_at__isnull=False,
            ).values_list("object_id", flat=True)
        }

    def update(self, changes, now):
        if not changes:
            return []
        pages = [change.page for change in changes]
        scheduled = set()
        for page, article, was_scheduled in changes:
            page.title = page.draft_title = article.title
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
                page.go_live_at = None
        update_rows(pages, UPDATED_PAGE_FIELDS + UPDATED_ARTICLE_FIELDS)
        # A page that was scheduled keeps one scheduled revision if rescheduled (the new one), none if published.
        Revision.objects.filter(
            base_content_type=self.page_type,
            object_id__in=[str(change.page.pk) for change in changes if change.was_scheduled],
            approved_go_live_at__isnull=False,
        ).update(approved_go_live_at=None)
        ArticleTag.objects.filter(content_object__in=pages).delete()
        ArticlePage.authors.through.objects.filter(articlepage__in=pages).delete()
        self.link_tags_and_authors(pages, [change.article for change in changes])
        self.save_revisions(pages, now, scheduled)
        # The pages' references are found again from scratch, as for new pages, in two queries a batch.
        ReferenceIndex.objects.filter(
            base_content_type=self.page_type, object_id__in=[str(page.pk) for page in pages]
        ).delete()
        self.index_references(pages)
        return pages

    # Tags, bylines and revisions, shared by creating and updating.

    def link_tags_and_authors(self, pages, articles):
        """Give each page its tags and authors, in the database and in memory (for its revision and index)."""
        self.load_tags({name for article in articles for name in article.tags})
        self.load_authors({name for article in articles for name in article.authors})
        tag_rows, author_rows = [], []
        for page, article in zip(pages, articles, strict=True):
            page.tagged_items = [
                ArticleTag(tag=self.tags[name.casefold()], content_object=page) for name in article.tags
            ]
            page.authors = [self.authors[name.casefold()] for name in article.authors]
            tag_rows += page.tagged_items.all()
            author_rows += [
                ArticlePage.authors.through(articlepage_id=page.pk, author=author)
                for author in page.authors.all()
            ]
        # The in-memory tag rows get their ids here, which the revisions and the reference index record.
        ArticleTag.objects.bulk_create(tag_rows)
        ArticlePage.authors.through.objects.bulk_create(author_rows)

    def load_tags(self, names):
        missing = {name for name in names if name.casefold() not in self.tags}
        if not missing:
            return
        # Tags compare without case (TAGGIT_CASE_INSENSITIVE): "Cà phê" joins an existing "cà phê".
        for tag in Tag.objects.filter(any_name_iexact(missing)):
            self.tags.setdefault(tag.name.casefold(), tag)
        for name in missing:
            if name.casefold() not in self.tags:
                # One save each: taggit's save finds a free slug, and new tags are few next to articles.
                tag = Tag(name=name)
                tag.save()
                self.tags[name.casefold()] = tag

    def load_authors(self, names):
        missing = {name for name in names if name.casefold() not in self.authors}
        if not missing:
            return
        for author in Author.objects.filter(any_name_iexact(missing)):
            self.authors.setdefault(author.name.casefold(), author)
        for name in missing:
            if name.casefold() not in self.authors:
                self.authors[name.casefold()] = Author.objects.create(name=name)

    def save_revisions(self, pages, now, scheduled):
        """A revision per page, as publishing in the admin leaves, so its history and compare views work; those
        of the `scheduled` pages (pks) are approved to go live at their time, as Wagtail's publish() leaves them."""
        insert_rows(
            Revision,
            [
                Revision(
                    content_type=self.article_type,
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


class Change(NamedTuple):
    page: ArticlePage
    article: ArchiveArticle
    was_scheduled: bool


def publish(page, published_at):
    page.live, page.has_unpublished_changes = True, False
    page.first_published_at = page.last_published_at = published_at


def schedule(page, go_live_at):
    """Leave the page as Wagtail's publish() leaves one whose go-live time is ahead: not live, its revision
    approved to go live then (see save_revisions), for `publish_scheduled` to publish."""
    page.live, page.has_unpublished_changes = False, True
    page.go_live_at = go_live_at
    page.first_published_at = page.last_published_at = None


def refusal(error):
    """Why the database, or the code writing to it, refused a line: the first line of the error."""
    message = (str(error).strip().splitlines() or [""])[0][:300]
    if isinstance(error, DatabaseError):
        return f"the database refused it: {message}"
    return f"it could not be written: {type(error).__name__}: {message}"


def child_relation_names(model):
    """Comments, tags, and the links other apps add to articles (exemplar and movement links...)."""
    return [relation.get_accessor_name() for relation in get_all_child_relations(model)]


def mark_child_relations_empty(page):
    """A new page has no child rows; saying so in memory spares its revision and reference index a query
    per relation per page."""
    for name in child_relation_names(page):
        setattr(page, name, [])


def find_column(home, folded_title):
    for column in ColumnPage.objects.child_of(home):
        if normalize(column.title).casefold() == folded_title:
            return column
    return None


def create_column(home, title):
    column = home.add_child(instance=ColumnPage(title=title))
    column.save_revision().publish()
    return column


def content(page, tag_names, author_names):
    return (
        page.title,
        page.kind,
        page.standfirst,
        [(block.block_type, block.value.source) for block in page.body],
        page.publication_date,
        folded(tag_names),
        folded(author_names),
    )


def expected_content(article):
    return (
        article.title,
        article.kind,
        article.standfirst,
        [(block_type, value.source) for block_type, value in article.body],
        article.published_at,
        folded(article.tags),
        folded(article.authors),
    )


def folded(names):
    # Names that differ only in case are one tag or author: the lookups are case-insensitive.
    return sorted(name.casefold() for name in names)


def names_by_page(through_model, pages, page_field, name_field):
    names_of = defaultdict(list)
    rows = through_model.objects.filter(**{f"{page_field}__in": [page.pk for page in pages]})
    for page_id, name in rows.values_list(page_field, name_field):
        names_of[page_id].append(name)
    return names_of


def any_name_iexact(names):
    query = Q()
    for name in names:
        query |= Q(name__iexact=name)
    return query


def next_child_paths(column, count):
    """Tree paths for `count` new last children of the column, numbered on from its current last child."""
    last_path = children_of(column).order_by("-path").values_list("path", flat=True).first()
    first_step = Page._str2int(last_path[-Page.steplen :]) + 1 if last_path else 1
    if first_step + count > len(Page.alphabet) ** Page.steplen:
        raise OverflowError(f"the column {column.title!r} has no room for {count} more pages")
    return [Page._get_path(column.path, column.depth + 1, first_step + offset) for offset in range(count)]


def children_of(page):
    # A range on the indexed path rather than treebeard's LIKE 'path%', which SQLite answers by scanning the
    # table. Paths are made of digits and capitals, which sort alike in every collation.
    first, last = Page.alphabet[0], Page.alphabet[-1]
    return Page.objects.filter(
        path__range=(page.path + first * Page.steplen, page.path + last * Page.steplen), depth=page.depth + 1
    )


def sibling_slugs(column, articles):
    """A slug per article, unique among the column's pages: a title already used gets -2, -3...

    Free slugs are found by exact lookups of numbered candidates, which every database answers from the slug
    index (a prefix search would scan the column on SQLite), a window of candidates per round.
    """
    bases = [slugify(article.title, max_length=SLUG_MAX_LENGTH) or FALLBACK_SLUG for article in articles]
    siblings = children_of(column).values_list("slug", flat=True)
    still_needed = Counter(bases)
    next_number = dict.fromkeys(still_needed, 1)
    free = defaultdict(list)
    while still_needed:
        candidates = {}
        for base, count in still_needed.items():
            window = range(next_number[base], next_number[base] + 4 * count)
            candidates.update((numbered_slug(base, number), base) for number in window)
            next_number[base] = window.stop
        taken = set(siblings.filter(slug__in=candidates))
        for slug, base in candidates.items():
            if slug not in taken and still_needed[base]:
                free[base].append(slug)
                still_needed[base] -= 1
        still_needed = +still_needed
    return [free[base].pop(0) for base in bases]


def numbered_slug(base, number):
    return base if number == 1 else f"{base}-{number}"


def insert_rows(model, objects):
    """Insert the rows of `model`'s own table, with one executemany, each value prepared by its field as
    Model.save() would prepare it; an automatic primary key is left to the database (and not read back).

    Two cases where bulk_create does not serve: it refuses models with multi-table inheritance (an article's
    own table, written once its page rows exist), and on PostgreSQL it sends each column as one array, which
    psycopg escapes character by character: for revisions' JSON that took longer than the rest of the import.
    """
    fields = [field for field in model._meta.local_concrete_fields if not isinstance(field, AutoFieldMixin)]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    rows = [
        [field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({placeholders})",
            rows,
        )


def update_rows(objects, field_names):
    """Write these fields of existing objects: one executemany per table, the values prepared as save() would.

    QuerySet.bulk_update() builds a CASE expression per field and row, and that alone took longer than the
    rest of an update batch.
    """
    fields_by_model = defaultdict(list)
    for name in field_names:
        field = objects[0]._meta.get_field(name)
        fields_by_model[field.model].append(field)
    quote = connection.ops.quote_name
    for model, fields in fields_by_model.items():
        assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
        rows = [
            [field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields] + [obj.pk]
            for obj in objects
        ]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(model._meta.pk.column)} = %s",
                rows,
            )


def index_archive(lines, on_batch=None, batch_size=BATCH_SIZE):
    """Index for search the articles an archive file imported (after `import_archive(..., index=False)`).

    Reads only the external ids of the lines; lines that are not JSON objects with a valid external_id, and
    ids that match no article, are passed over: importing reported them already. Returns the number of
    articles indexed. As for import_archive, read a file through archive_lines().
    """
    indexed = 0
    for external_ids in _batched(_external_ids(lines), batch_size):
        pages = list(
            # What Wagtail's index reads (tags, authors) and what the archive search reads (tagged_items).
            ArticlePage.objects.filter(external_id__in=external_ids, alias_of__isnull=True).prefetch_related(
                "tags", "tagged_items__tag", "authors"
            )
        )
        index_for_search(pages)
        reset_queries()
        indexed += len(pages)
        if on_batch:
            on_batch(indexed)
    return indexed


def _external_ids(lines):
    for raw in lines:
        try:
            text = line_text(raw)
            if text:
                yield required_text(json_object(text), "external_id", EXTERNAL_ID_MAX_LENGTH)
        except InvalidLine:
            continue


def _batched(iterable, size):
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch
