"""The test suite: SQLite by default, PostgreSQL when DATABASE_URL points at it."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / "build" / "test-media"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / "build" / "test-private-media"  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "core.public_storage.PublicMediaStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

if os.environ.get("DATABASE_URL"):
    import dj_database_url

    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}

# The shared cache in each test process's memory, emptied before every test (tests/conftest.py); the tests of
# Redis and of the database's table point it at them. Pages are made afresh unless a test turns the cache on.
CACHES = {
    **CACHES,  # noqa: F405
    "shared": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared"},
}
PAGE_CACHE_SECONDS = 0

# The suite exports OPENSEARCH_URL for the OpenSearch tests, which opt in one by one (tests/search/conftest.py):
# every other test keeps to the embedded engine, and never writes to a shared index.
OPENSEARCH_URL = None

# Wagtail's own index (the admin's page and snippet search, the API's `search`) is not written on each save:
# that writing costs about a tenth of the CPU of the tests that publish pages. Tests that read the index opt in
# (the `wagtail_search_index` fixture, tests/conftest.py); production keeps it on (base.py).
WAGTAILSEARCH_BACKENDS = {
    "default": {**WAGTAILSEARCH_BACKENDS["default"], "AUTO_UPDATE": False},  # noqa: F405
}
