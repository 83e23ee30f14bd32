"""Fixtures shared by the whole suite: the three outlets, columns, articles and users in roles."""

import os

import pytest

from django.contrib.auth.models import Group, User

from wagtail.users.models import UserProfile

from newsroom.models import ArticlePage, ColumnPage
from newsroom.outlets import ensure_all_outlets


@pytest.fixture
def outlets(db):
    """The three outlets with sites, roles and workflows, as {outlet key: home page}."""
    return ensure_all_outlets()


@pytest.fixture
def make_column():
    def make(outlet_home, title, **fields):
        return outlet_home.add_child(instance=ColumnPage(title=title, **fields))

    return make


@pytest.fixture
def make_article():
    """A published article under `column`; pass live=False for a draft."""

    def make(column, title, live=True, **fields):
        article = column.add_child(instance=ArticlePage(title=title, live=live, **fields))
        if live:
            article.save_revision().publish()
        else:
            article.save_revision()
        return article

    return make


@pytest.fixture
def make_user(db):
    def make(username, *group_names, is_superuser=False, admin_language=None):
        """A user in the named groups; the admin speaks `admin_language` to them (default: LANGUAGE_CODE, vi)."""
        email = f"{username}@example.vn"
        user = User.objects.create_user(username, email, "mat-khau-thu", is_superuser=is_superuser)
        for name in group_names:
            user.groups.add(Group.objects.get(name=name))
        if admin_language:
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = admin_language
            profile.save(update_fields=["preferred_language"])
        return user

    return make


def require_service(available, what):
    """A test whose engine is missing fails under CI=true (CI must provide it) and is skipped elsewhere."""
    if available:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is required under CI=true but is not available.")
    pytest.skip(f"{what} is not available here (CI provides it).")


def pytest_runtest_setup(item):
    """Tests marked `postgres` need PostgreSQL; checked before any fixture touches the database."""
    if item.get_closest_marker("postgres"):
        from django.db import connection

        require_service(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")
