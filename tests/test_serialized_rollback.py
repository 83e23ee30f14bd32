"""A transactional test that asks for the database as migrations leave it (a serialized rollback) gets it back
whole after another one emptied it: on SQLite from the run's migrated copy (tests/shared_migrations.py),
elsewhere from Django's serialized rows."""

import pytest

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

from wagtail.models import Locale, Page


def as_migrations_left_it():
    return (
        ContentType.objects.count(),
        Permission.objects.count(),
        sorted(Group.objects.values_list("name", flat=True)),
        list(Page.objects.values_list("pk", "path", "title")),
        Locale.objects.count(),
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_database_comes_back_as_migrations_left_it_after_a_test_emptied_it():
    migrated = as_migrations_left_it()
    assert migrated[0] and migrated[1] and migrated[3], (
        "migrations write content types, permissions, a root page"
    )
    Group.objects.create(name="Ban biên tập tạm thời")
    # What a transactional test's end and the next one's start do (django.test.TransactionTestCase).
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    assert not ContentType.objects.exists()
    connection.creation.deserialize_db_from_string(connection._test_serialized_contents)
    assert as_migrations_left_it() == migrated
    assert not Group.objects.filter(name="Ban biên tập tạm thời").exists()
