"""Canary for newsroom/importer/wagtail_bulk.py, which writes in bulk the rows Wagtail's add_child(),
save_revision() and publish() write, relying on what Wagtail and treebeard do inside.

Each test has an article imported and the same article saved through Wagtail's own calls, and compares what
each left in the database, table by table and field by field; or checks a private name the adapter calls. When
an upgrade changes any of it, the failure names the assumption: bring wagtail_bulk.py in line with what Wagtail
now does (its docstring lists every assumption), then this test.
"""

import datetime
import inspect
import json
import re
import string

import pytest
import time_machine

from django.apps import apps
from django.db import transaction

from modelcluster import models as modelcluster_models
from wagtail.models import Page, ReferenceIndex, Revision
from wagtail.rich_text import RichText

from core.dates import LOCAL_TIME_ZONE
from newsroom.importer.run import import_archive
from newsroom.models import ArticlePage, Author, ColumnPage

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2025, 6, 1, 9, 0, tzinfo=LOCAL_TIME_ZONE)
TOMORROW = NOW + datetime.timedelta(days=1)

TITLE = "Hợp tác xã mắc ca Krông Năng"
STANDFIRST = "Hợp tác xã thu hút 120 thành viên."
BODY = "<p>Đoạn <b>một</b>.</p>"
TAGS = ["mắc ca", "OCOP"]
AUTHOR = "Minh Thuận"

# What Wagtail writes for a page that the import leaves out, and why.
LEFT_OUT_BY_THE_IMPORT = {
    "wagtailcore.PageLogEntry": "the audit log records editors' actions, and an import is none",
}

# What tells two pages apart, compared by the rules Wagtail gives them (see place_in_tree) rather than as values.
OWN_FIELDS = {
    "id",
    "page_ptr_id",
    "path",
    "slug",
    "url_path",
    "translation_key",
    "latest_revision_id",
    "live_revision_id",
    "external_id",
}
OWN_CONTENT = {
    "pk",
    "path",
    "slug",
    "url_path",
    "translation_key",
    "latest_revision",
    "live_revision",
    "external_id",
}
# What a revision holds of the page as a whole: the import serialises a page as it saves it, Wagtail as it was
# before save_revision() and publish(). Page.with_content_json() takes these from the page, not the revision,
# but for first_published_at, which it takes from the page when the revision has none (the import's has the
# page's); publishing sets last_published_at anew.
PAGE_WIDE_CONTENT = {
    "draft_title",
    "live",
    "has_unpublished_changes",
    "latest_revision_created_at",
    "first_published_at",
    "last_published_at",
}

REFERENCE_FIELDS = [
    "content_type",
    "base_content_type",
    "object_id",
    "to_content_type",
    "to_object_id",
    "model_path",
    "content_path",
    "content_path_hash",
]


def assert_alike(imported, by_wagtail, assumption):
    assert imported == by_wagtail, (
        f"newsroom/importer/wagtail_bulk.py assumes {assumption}; Wagtail or treebeard now does otherwise "
        "(left: the import, right: Wagtail)"
    )


# Writing the same article both ways, at the same moment.


def archive_line(external_id, published_at=NOW, title=TITLE, tags=TAGS):
    return json.dumps(
        {
            "external_id": external_id,
            "outlet": "newspaper",
            "column": "Thời sự",
            "title": title,
            "summary": STANDFIRST,
            "body": BODY,
            "published_at": published_at.isoformat(),
            "tags": tags,
            "author": AUTHOR,
        },
        ensure_ascii=False,
    )


def imported(external_id, **fields):
    errors = []
    writes = rows_written(lambda: import_archive([archive_line(external_id, **fields)], errors.append))
    assert not errors, f"the import, which calls Wagtail's private API, failed: {errors}"
    return ArticlePage.objects.get(external_id=external_id), writes


def saved_by_wagtail(column, go_live_at=None):
    """The article as an editor saves and publishes it in the admin; with a go-live time, scheduled."""
    page = ArticlePage(
        title=TITLE,
        standfirst=STANDFIRST,
        body=[("paragraph", RichText(BODY))],
        publication_date=go_live_at or NOW,
        live=go_live_at is None,
        go_live_at=go_live_at,
    )
    page.tags.add(*TAGS)
    page.authors = [Author.objects.get(name=AUTHOR)]

    def add_and_publish():
        column.add_child(instance=page)
        page.save_revision().publish()

    return page, rows_written(add_and_publish)


def edited_by_wagtail(page, title, tags):
    page = ArticlePage.objects.get(pk=page.pk)
    page.title = title
    page.tags.set(tags)
    return rows_written(lambda: page.save_revision().publish())


@pytest.fixture
def column():
    """The newspaper's column, made by a first import: the comparisons count only the articles' rows."""
    with time_machine.travel(NOW, tick=False):
        imported("first")
    return ColumnPage.objects.get()


# What each left in the database.


def rows_written(action):
    """The number of rows each table gained (or lost) in `action`, for the tables it changed."""
    before = table_sizes()
    action()
    after = table_sizes()
    return {label: after[label] - size for label, size in before.items() if after[label] != size}


def table_sizes():
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if not model._meta.proxy and model._meta.managed
    }


def page_row(page):
    """The page's row and its article row, but for the fields that tell pages apart."""
    row = Page.objects.filter(pk=page.pk).values().get()
    own_fields = [field.attname for field in ArticlePage._meta.local_concrete_fields]
    row |= ArticlePage.objects.filter(pk=page.pk).values(*own_fields).get()
    row["body"] = without_block_ids(row["body"].raw_data)
    return {name: value for name, value in row.items() if name not in OWN_FIELDS}


def without_block_ids(blocks):
    return [{key: value for key, value in block.items() if key != "id"} for block in blocks]


def place_in_tree(page):
    page = Page.objects.get(pk=page.pk)
    parent = page.get_parent()
    return {
        "path is the parent's and one step": page.path[: -Page.steplen] == parent.path,
        "depth is the parent's and one": page.depth == parent.depth + 1,
        "url_path is the parent's, the slug and a slash": page.url_path == f"{parent.url_path}{page.slug}/",
        "translation key of its own": Page.objects.filter(translation_key=page.translation_key).count() == 1,
        "latest revision is the newest": page.latest_revision_id
        == Revision.objects.for_instance(page).order_by("-pk")[0].pk,
        "live revision": "latest"
        if page.live_revision_id == page.latest_revision_id
        else page.live_revision_id,
    }


def latest_revision(page):
    """The latest revision's row, its content without what tells pages apart and with its child rows and
    blocks reduced to what they hold."""
    revision = Page.objects.get(pk=page.pk).latest_revision
    row = Revision.objects.filter(pk=revision.pk).values().get()
    content = {
        name: value
        for name, value in row.pop("content").items()
        if name not in OWN_CONTENT | PAGE_WIDE_CONTENT
    }
    content["body"] = without_block_ids(json.loads(content["body"]))
    content["tagged_items"] = sorted(item["tag"] for item in content["tagged_items"])
    return {name: value for name, value in row.items() if name not in {"id", "object_id"}} | content


def references_apart_from_ids(page):
    """The page's reference index rows without its own id, nor those of its child rows (tags...) in paths."""
    return sorted(
        (
            row["content_type_id"],
            row["base_content_type_id"],
            row["to_content_type_id"],
            row["to_object_id"],
            row["model_path"],
            re.sub(r"\.\d+\.", ".<child>.", row["content_path"]),
        )
        for row in ReferenceIndex.get_references_for_object(page).values()
    )


def reference_rows(page):
    return sorted(
        tuple(row.values())
        for row in ReferenceIndex.get_references_for_object(page).values(*REFERENCE_FIELDS)
    )


def assert_references_as_wagtail_finds_them(page):
    written = reference_rows(page)
    with transaction.atomic():
        ReferenceIndex.create_or_update_for_object(ArticlePage.objects.get(pk=page.pk))
    assert_alike(written, reference_rows(page), "the reference index rows Wagtail finds for the page")


def assert_same_rows(by_import, import_writes, by_wagtail, wagtail_writes):
    assert_alike(
        import_writes,
        {label: count for label, count in wagtail_writes.items() if label not in LEFT_OUT_BY_THE_IMPORT},
        "that a page is these rows in these tables",
    )
    assert_alike(page_row(by_import), page_row(by_wagtail), "the page row Wagtail saves, field by field")
    assert_alike(place_in_tree(by_import), place_in_tree(by_wagtail), "the place Wagtail gives a page")
    assert_alike(latest_revision(by_import), latest_revision(by_wagtail), "the revision Wagtail saves")
    assert_references_as_wagtail_finds_them(by_import)
    assert Page.find_problems() == ([], [], [], [], []), "the tree's paths, depths and numchild agree"


def assert_same_references(by_import, by_wagtail):
    assert_alike(
        references_apart_from_ids(by_import),
        references_apart_from_ids(by_wagtail),
        "the reference index rows Wagtail writes",
    )


# The comparisons.


def test_a_published_article_has_the_rows_wagtail_writes(column):
    with time_machine.travel(NOW, tick=False):
        by_import, import_writes = imported("published")
        by_wagtail, wagtail_writes = saved_by_wagtail(column)
        after_wagtail, _ = imported("after")

    assert_same_rows(by_import, import_writes, by_wagtail, wagtail_writes)
    assert_same_references(by_import, by_wagtail)
    steps = [Page._str2int(page.path[-Page.steplen :]) for page in (by_import, by_wagtail, after_wagtail)]
    assert_alike(steps[0] + 1, steps[1], "that a new last child's step follows the last child's")
    assert_alike(steps[1] + 1, steps[2], "that a new last child's step follows the last child's")
    assert_alike(
        Page.objects.get(pk=column.pk).numchild, 4, "that numchild counts the children, whoever added them"
    )


def test_a_scheduled_article_has_the_rows_wagtail_writes(column):
    with time_machine.travel(NOW, tick=False):
        by_import, import_writes = imported("scheduled", published_at=TOMORROW)
        by_wagtail, wagtail_writes = saved_by_wagtail(column, go_live_at=TOMORROW)

    assert not by_wagtail.live and by_wagtail.go_live_at == TOMORROW
    assert_same_rows(by_import, import_writes, by_wagtail, wagtail_writes)
    assert_same_references(by_import, by_wagtail)


def test_an_updated_article_has_the_rows_wagtail_writes(column):
    with time_machine.travel(NOW, tick=False):
        by_import, _ = imported("updated")
        by_wagtail, _ = saved_by_wagtail(column)
        edited_title, edited_tags = "Hợp tác xã mắc ca Ea H'leo", ["mắc ca", "khởi nghiệp"]
        # Its new tag and words, which the first edit would otherwise add for both.
        imported("edited before", title=edited_title, tags=edited_tags)
        _, import_writes = imported("updated", title=edited_title, tags=edited_tags)
        wagtail_writes = edited_by_wagtail(by_wagtail, edited_title, edited_tags)

    assert by_import.revisions.count() == by_wagtail.revisions.count() == 2
    # The import's references are compared with those Wagtail finds for its page (assert_same_rows), not with
    # those of the page Wagtail edited: Wagtail indexes a page's references as it saves the page row, before
    # modelcluster saves the new tags, so that its rows lag a tag edit until the page's next save.
    assert_same_rows(by_import, import_writes, by_wagtail, wagtail_writes)


# The private names the adapter calls.


@pytest.mark.parametrize(
    ("owner", "name", "parameters"),
    [
        (Page, "_get_path", ["path", "depth", "newstep"]),
        (Page, "_str2int", ["num"]),
        (ReferenceIndex, "_extract_references_from_object", ["object"]),
        (ReferenceIndex, "_get_content_path_hash", ["content_path"]),
        (ReferenceIndex, "is_indexed", ["model"]),
        (modelcluster_models, "get_all_child_relations", ["model"]),
    ],
)
def test_the_private_calls_of_the_adapter_keep_their_names_and_parameters(owner, name, parameters):
    called = f"{owner.__name__}.{name}({', '.join(parameters)})"
    assert hasattr(owner, name), f"newsroom/importer/wagtail_bulk.py calls {called}, which is gone"
    assert_alike(
        parameters, list(inspect.signature(getattr(owner, name)).parameters), f"that it can call {called}"
    )


def test_treebeard_paths_are_as_the_adapter_builds_and_reads_them():
    assert_alike(Page._get_path("0001", 2, 37), "00010011", "that a path is its parent's and a padded step")
    assert_alike(Page._str2int("0011"), 37, "that a step reads back as its number")
    assert_alike(
        sorted(Page.alphabet),
        list(Page.alphabet),
        "that paths sort as their steps (children_of reads a range)",
    )
    assert_alike(
        set(Page.alphabet) <= set(string.digits + string.ascii_uppercase),
        True,
        "that paths hold digits and capitals only, which sort alike in every collation",
    )
