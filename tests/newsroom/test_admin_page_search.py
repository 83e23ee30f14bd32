"""The admin's page search reads Wagtail's own index, which production writes on every publication; the test
settings alone leave it unwritten (tests that read it ask for the `wagtail_search_index` fixture)."""

import copy
import os
import subprocess
import sys

import pytest

from django.urls import reverse

from newsroom.settings import base

from .test_settings import PRODUCTION_ENV

TITLE = "Buôn Kom Leh trồng cà phê đặc sản"


def wagtail_index_setting(settings_module):
    """The default search backend of Wagtail's index, as a process with those settings reads it."""
    env = {**os.environ, **PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": settings_module}
    script = "from django.conf import settings; print(settings.WAGTAILSEARCH_BACKENDS['default'])"
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("settings_module", "follows_saves"),
    [
        ("newsroom.settings.production", True),
        ("newsroom.settings.dev", True),
        ("newsroom.settings.test", False),
    ],
)
def test_only_the_test_settings_stop_following_saves(settings_module, follows_saves):
    setting = wagtail_index_setting(settings_module)
    assert "search.wagtail_backend" in setting
    assert ("'AUTO_UPDATE': False" not in setting) is follows_saves


def found_by_the_admin_search(client, make_user, query):
    client.force_login(make_user("tongbientap", is_superuser=True))
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": query})
    assert response.status_code == 200
    return TITLE in response.content.decode()


def test_a_page_published_under_production_settings_is_found_by_the_admin_search(
    settings, outlets, make_column, make_article, make_user, client
):
    settings.WAGTAILSEARCH_BACKENDS = copy.deepcopy(base.WAGTAILSEARCH_BACKENDS)
    make_article(make_column(outlets["newspaper"], "Điển hình tiên tiến"), TITLE)

    assert found_by_the_admin_search(client, make_user, "Kom Leh")


def test_under_the_test_settings_a_published_page_stays_out_of_the_index(
    outlets, make_column, make_article, make_user, client
):
    make_article(make_column(outlets["newspaper"], "Điển hình tiên tiến"), TITLE)

    assert not found_by_the_admin_search(client, make_user, "Kom Leh")
