"""A page read from the database (NewsroomPage.from_db, which leaves out the constructors of Wagtail's and
modelcluster's classes) is the page Django's own Model.from_db builds through every constructor: if an upgrade
makes one of them set something on a page read from the database, these tests fail."""

import pytest

from django.apps import apps
from django.db.models import DEFERRED

from newsroom.models import ArticlePage
from newsroom.models.base import NewsroomPage

PAGE_TYPES = sorted(
    (model for model in apps.get_models() if issubclass(model, NewsroomPage)),
    key=lambda model: model.__name__,
)


def row_of(page_type):
    """A row as the database hands it over: every concrete field's value, the keys set."""
    values = []
    for field in page_type._meta.concrete_fields:
        if field.primary_key or field.attname == "id":
            values.append(4242)
        elif field.is_relation:
            values.append(None)
        else:
            values.append(field.get_default())
    return [field.attname for field in page_type._meta.concrete_fields], values


def built_by_django(page_type, field_names, values):
    return super(NewsroomPage, page_type).from_db("default", field_names, values)


def state_of(page):
    attributes = {name: value for name, value in vars(page).items() if name != "_state"}
    return type(page), attributes, page._state.adding, page._state.db


def test_every_page_type_of_the_house_reads_its_rows_through_the_shortcut():
    assert ArticlePage in PAGE_TYPES
    assert all(page_type.from_db.__func__ is NewsroomPage.from_db.__func__ for page_type in PAGE_TYPES)


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda page_type: page_type.__name__)
def test_a_page_read_whole_is_the_page_django_builds(page_type):
    field_names, values = row_of(page_type)

    page = page_type.from_db("default", field_names, values)

    assert state_of(page) == state_of(built_by_django(page_type, field_names, values))
    assert page._state.adding is False


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda page_type: page_type.__name__)
def test_a_page_read_with_fields_deferred_is_the_page_django_builds(page_type):
    field_names, values = row_of(page_type)
    kept = [
        (name, value)
        for index, (name, value) in enumerate(zip(field_names, values, strict=True))
        if index % 2 == 0
    ]
    kept_names, kept_values = [name for name, _ in kept], [value for _, value in kept]

    page = page_type.from_db("default", kept_names, kept_values)

    assert state_of(page) == state_of(built_by_django(page_type, kept_names, kept_values))
    assert page.get_deferred_fields() == set(field_names) - set(kept_names)


def test_a_page_read_from_the_database_has_its_fields_and_children(outlets, make_column, make_article):
    column = make_column(outlets["newspaper"], "Thời sự")
    article = make_article(column, "Khánh thành cầu treo", standfirst="Cầu treo mới nối hai buôn.")

    read = ArticlePage.objects.get(pk=article.pk)

    assert (read.title, read.standfirst, read.path) == (
        "Khánh thành cầu treo",
        "Cầu treo mới nối hai buôn.",
        article.path,
    )
    assert list(read.tagged_items.all()) == []
    assert read.get_parent().specific == column
    assert DEFERRED not in vars(read).values()
