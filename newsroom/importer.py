"""Import archive articles from JSON Lines (docs/archive-format.md) as published ArticlePages, in bulk.

Wagtail's own way, `column.add_child(instance=page)` then `save_revision().publish()`, costs dozens of
queries per page and manages about a dozen articles a second. An archive holds hundreds of thousands, so
the writer here does what those calls do, a batch at a time: it computes the tree paths itself, inserts the
page rows, revisions, tags and bylines in bulk, and has the batch indexed for search in one call
(newsroom.import_indexing). The rows it writes are the rows Wagtail would write, so the admin, the page tree
and the site treat them alike.

A file is read line by line and written in batches, one transaction each: memory stays bounded however long
the file, and a line that fails validation is reported and skipped while the others are imported.
"""

import datetime
import json
import unicodedata
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from itertools import islice

from django.contrib.contenttypes.models import ContentType
from django.db import connection, reset_queries, transaction
from django.db.models import CharField, F, OuterRef, Q, Subquery
from django.db.models.fields import AutoFieldMixin
from django.db.models.functions import Cast
from django.utils import timezone

from modelcluster.models import get_all_child_relations
from wagtail.admin.rich_text.converters.editor_html import DbWhitelister, EditorHTMLConverter
from wagtail.models import Locale, Page, ReferenceIndex, Revision
from wagtail.rich_text import RichText
from wagtail.whitelist import allow_without_attributes

from newsroom.blocks import RICH_TEXT_FEATURES
from newsroom.import_indexing import batch_indexer, index_for_search
from newsroom.models import ArticlePage, ArticleTag, Author, ColumnPage, Outlet, Tag
from newsroom.outlets import ensure_outlet, remove_stock_welcome_site
from newsroom.vietnamese import LOCAL_TIME_ZONE, normalize, slugify

BATCH_SIZE = 500

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

# Fields an update compares and rewrites; the tree fields and the slug (the article's URL) stay as they are.
UPDATED_PAGE_FIELDS = ["title", "draft_title", "first_published_at", "last_published_at"]
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
    lines: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0


# Parsing and validation: one line, one ArchiveArticle or one InvalidLine.


def parse_line(line_number, text):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidLine(f"invalid JSON: {error.msg} at column {error.colno}") from None
    if not isinstance(data, dict):
        raise InvalidLine("a line must hold one JSON object")
    return ArchiveArticle(
        line_number=line_number,
        external_id=required_text(data, "external_id", EXTERNAL_ID_MAX_LENGTH),
        outlet=choice(data, "outlet", Outlet.values),
        column=required_text(data, "column", TITLE_MAX_LENGTH),
        kind=choice(data, "kind", ArticlePage.Kind.values, default=ArticlePage.Kind.ARTICLE),
        title=required_text(data, "title", TITLE_MAX_LENGTH),
        standfirst=optional_text(data, "summary", STANDFIRST_MAX_LENGTH),
        body_html=sanitise_body(optional_text(data, "body")),
        published_at=published_at(data),
        tags=names(text_list(data, "tags"), "tags", TAG_MAX_LENGTH, spelling=normalize),
        authors=names(optional_text(data, "author").split(","), "author", AUTHOR_MAX_LENGTH),
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
    # Archives mix composed and decomposed Vietnamese; stored text is composed (NFC) so it compares equal.
    value = unicodedata.normalize("NFC", value).strip()
    if max_length is not None and len(value) > max_length:
        raise InvalidLine(f"{key} is longer than {max_length} characters")
    return value


def choice(data, key, allowed, default=None):
    value = data.get(key)
    if value is None and default is not None:
        return default
    if value not in allowed:
        raise InvalidLine(
            f"{key} must be one of {', '.join(allowed)}, not {json.dumps(value, ensure_ascii=False)}"
        )
    return value


def text_list(data, key):
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InvalidLine(f"{key} must be a list of strings")
    return value


def names(values, key, max_length, spelling=lambda name: name):
    """Distinct, non-empty names in their first order; the same name in another case counts once."""
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
        raise InvalidLine(f"published_at is not an ISO 8601 date and time: {value!r}") from None
    # A time without an offset is a time on the province's clocks.
    return moment if moment.tzinfo else moment.replace(tzinfo=LOCAL_TIME_ZONE)


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


def parse_lines(lines, on_error, stats):
    for line_number, raw in enumerate(lines, start=1):
        stats.lines = line_number
        try:
            text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError:
            stats.failed += 1
            on_error(LineError(line_number, "not valid UTF-8"))
            continue
        text = text.removeprefix("\ufeff").strip()
        if not text:
            continue
        try:
            yield parse_line(line_number, text)
        except InvalidLine as error:
            stats.failed += 1
            on_error(LineError(line_number, str(error)))


def import_archive(lines, on_error, on_batch=None, batch_size=BATCH_SIZE, index=True):
    """Import every valid line; call on_error(LineError) for the others and on_batch(stats) after each batch.

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


class ArchiveWriter:
    """Writes batches of articles; remembers outlets, columns, tags and authors between batches."""

    def __init__(self):
        self.homes = {}
        self.columns = {}
        self.tags = {}
        self.authors = {}
        self.article_type = ContentType.objects.get_for_model(ArticlePage)
        self.page_type = ContentType.objects.get_for_model(Page)
        self.locale = Locale.get_default()

    def write(self, articles, stats, on_error):
        """Write a batch in one transaction; returns the pages created or changed, for search to index."""
        latest = {article.external_id: article for article in articles}
        with transaction.atomic():
            existing = {
                page.external_id: page
                # The child rows (comments, links...) are read per batch for the revisions, not per page.
                for page in ArticlePage.objects.filter(external_id__in=latest).prefetch_related(
                    *child_relation_names(ArticlePage)
                )
            }
            new = [article for key, article in latest.items() if key not in existing]
            changes, moved = self.compare(existing, latest)
            created = self.create(new)
            updated = self.update(changes)
        for article in moved:
            # Moving a page is a tree operation with redirects and permissions: the admin's job.
            on_error(
                LineError(
                    article.line_number,
                    f"{article.external_id} was imported into another outlet or column; "
                    "move it in the admin, then re-run",
                )
            )
        stats.created += len(new)
        stats.updated += len(changes)
        stats.failed += len(moved)
        stats.unchanged += len(existing) - len(changes) - len(moved)
        return created + updated

    # Creating.

    def create(self, articles):
        if not articles:
            return []
        pages, placed_articles = [], []
        for column, group in self.group_by_column(articles).items():
            pages += [
                self.new_page(article, column, path, slug)
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
        self.save_revisions(pages)
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

    def new_page(self, article, column, path, slug):
        return ArticlePage(
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
            live=True,
            has_unpublished_changes=False,
            first_published_at=article.published_at,
            last_published_at=article.published_at,
            kind=article.kind,
            standfirst=article.standfirst,
            body=article.body,
            publication_date=article.published_at,
            external_id=article.external_id,
        )

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

    def compare(self, existing, latest):
        """The existing pages whose content differs from the archive's, with their articles, and the articles
        that the archive puts in another column than their page's."""
        current_tags = names_by_page(ArticleTag, existing.values(), "content_object_id", "tag__name")
        current_authors = names_by_page(
            ArticlePage.authors.through, existing.values(), "articlepage_id", "author__name"
        )
        changes, moved = [], []
        for key, page in existing.items():
            article = latest[key]
            if page.path[: -Page.steplen] != self.column(article.outlet, article.column).path:
                moved.append(article)
            elif content(page, current_tags[page.pk], current_authors[page.pk]) != expected_content(article):
                changes.append((page, article))
        return changes, moved

    def update(self, changes):
        if not changes:
            return []
        pages = [page for page, _ in changes]
        for page, article in changes:
            page.title = page.draft_title = article.title
            page.first_published_at = page.last_published_at = article.published_at
            page.kind = article.kind
            page.standfirst = article.standfirst
            page.body = article.body
            page.publication_date = article.published_at
        update_rows(pages, UPDATED_PAGE_FIELDS + UPDATED_ARTICLE_FIELDS)
        ArticleTag.objects.filter(content_object__in=pages).delete()
        ArticlePage.authors.through.objects.filter(articlepage__in=pages).delete()
        self.link_tags_and_authors(pages, [article for _, article in changes])
        self.save_revisions(pages)
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

    def save_revisions(self, pages):
        """A revision per page, as publishing in the admin leaves, so its history and compare views work."""
        now = timezone.now()
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
        page.first_published_at,
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

    Reads only the external ids of the lines; lines that are not valid JSON objects, and ids that match no
    article, are passed over: importing reported them already. Returns the number of articles indexed.
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
    for line in lines:
        try:
            data = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(data, dict) and isinstance(data.get("external_id"), str):
            yield unicodedata.normalize("NFC", data["external_id"]).strip()


def _batched(iterable, size):
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch
