"""A dataset replayed into a test is the database its build leaves, and one put on another database is built."""

import re

import pytest

from django.contrib.auth.models import Group
from django.db import connection, transaction

from newsroom.outlets import ensure_all_outlets
from tests.datasets import Dataset, shape, tables

pytestmark = pytest.mark.django_db


# SQLite's full-text index keeps its own storage, laid out by how its rows were written: its rows are compared.
FULL_TEXT_STORAGE = re.compile(r"_fts_(data|idx|content|docsize|config)$")


def every_row():
    """The rows of every table in the database, those of no model included."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        rows = {}
        for name in connection.introspection.table_names():
            if not FULL_TEXT_STORAGE.search(name):
                cursor.execute(f"SELECT * FROM {quote(name)}")
                rows[name] = sorted(cursor.fetchall(), key=repr)
        return rows


class CountedBuild:
    """The outlets' build, counting its runs and keeping the database it leaves."""

    def __init__(self):
        self.runs = 0
        self.rows = None

    def __call__(self):
        self.runs += 1
        ensure_all_outlets()
        self.rows = every_row()


def put_and_roll_back(dataset, before=lambda: None):
    with transaction.atomic():
        before()
        dataset.put()
        rows = every_row()
        transaction.set_rollback(True)
    return rows


def test_a_replayed_dataset_is_the_database_its_build_leaves():
    build = CountedBuild()
    dataset = Dataset(build)

    first = put_and_roll_back(dataset)
    again = put_and_roll_back(dataset)

    assert build.runs == 1
    assert first == build.rows
    assert again == build.rows
    assert Group.objects.filter(name__endswith="· Biên tập viên").count() == 0


def test_a_dataset_put_where_a_fixture_wrote_first_is_built():
    build = CountedBuild()
    dataset = Dataset(build)
    put_and_roll_back(dataset)

    rows = put_and_roll_back(dataset, before=lambda: Group.objects.create(name="Nhóm có trước"))

    assert build.runs == 2
    assert rows == build.rows


def test_a_shared_dataset_is_recorded_once_and_read_by_the_other_workers(monkeypatch, tmp_path):
    monkeypatch.setattr(Dataset, "shared_folder", tmp_path)
    first_build, other_build = CountedBuild(), CountedBuild()
    put_and_roll_back(Dataset(first_build, shared_name="outlets"))

    # Another worker's dataset of that name: a process of its own, which has recorded nothing yet.
    rows = put_and_roll_back(Dataset(other_build, shared_name="outlets"))

    assert (first_build.runs, other_build.runs) == (1, 0)
    assert rows == first_build.rows


def test_a_shared_recording_made_on_another_database_is_not_read(monkeypatch, tmp_path):
    monkeypatch.setattr(Dataset, "shared_folder", tmp_path)
    put_and_roll_back(Dataset(CountedBuild(), shared_name="outlets"))
    other_build = CountedBuild()
    other = Dataset(other_build, shared_name="outlets")

    with transaction.atomic():
        Group.objects.create(name="Nhóm có trước")
        shape_where_put = shape(tables())
        other.put()
        rows = every_row()
        transaction.set_rollback(True)

    assert other_build.runs == 1
    assert other.recording.shape_before == shape_where_put  # recorded where it was put, for its next puts
    assert rows == other_build.rows
